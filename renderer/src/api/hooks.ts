/**
 * Plain hooks over the client (no query library): load a method's data, re-run when the input
 * or the ledger changes, and follow a long job's progress events.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobEvent, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import { useLedger } from '../state/ledger.tsx';
import { ApiError } from './client.ts';
import { useApi } from './context.tsx';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

export interface QueryOptions {
  enabled?: boolean;
  /** Re-run when the ledger changes (imports, undo, demo). Default true. */
  watchLedger?: boolean;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  opts: QueryOptions = {},
): QueryState<MethodOutput<M>> {
  const api = useApi();
  const { version } = useLedger();
  const enabled = opts.enabled ?? true;
  const ledgerKey = (opts.watchLedger ?? true) ? version : 0;
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data: MethodOutput<M> | undefined; error: ApiError | null }>({
    data: undefined,
    error: null,
  });
  const [loading, setLoading] = useState(enabled);
  const [nonce, setNonce] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key`, `nonce` and `ledgerKey` are the triggers; the input is read from its ref.
  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    api.call(method, inputRef.current).then(
      (data) => {
        if (!live) return;
        setState({ data, error: null });
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setState((s) => ({ data: s.data, error: toApiError(err) }));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, method, key, enabled, nonce, ledgerKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading, reload };
}

/** The latest progress event of a job, while it runs. */
export function useJobProgress(job: string | null): JobEvent | null {
  const api = useApi();
  const [event, setEvent] = useState<JobEvent | null>(null);
  useEffect(() => {
    setEvent(null);
    if (!job) return;
    return api.onEvent((e) => {
      if (e.type === 'job' && e.job === job) setEvent(e);
    });
  }, [api, job]);
  return event;
}
