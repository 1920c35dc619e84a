import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useLedger } from '../../state/ledger.tsx';

export type ActionResult<M extends MethodName> =
  | { ok: true; data: MethodOutput<M> }
  | { ok: false; error: ApiError };

/**
 * Runs one of the collector's tools: on success a notification and the "ledger changed" signal
 * (the profile, the worklist and the lists reload); on failure a notification in the user's
 * language, and the error back to the form so it can mark the fields.
 */
export function useProfileAction() {
  const api = useApi();
  const ledger = useLedger();
  const { t } = useTranslation();
  return useCallback(
    async <M extends MethodName>(
      method: M,
      input: MethodInput<M>,
      success: string,
      detail?: string,
    ): Promise<ActionResult<M>> => {
      try {
        const data = await api.call(method, input);
        notifySuccess(success, detail);
        ledger.changed();
        return { ok: true, data };
      } catch (err) {
        const error = err instanceof ApiError ? err : toApiError(err);
        notifyError(t, error);
        return { ok: false, error };
      }
    },
    [api, ledger, t],
  );
}

/** The message of the first issue the backend reported on a field (`path` starts with it). */
export function issueOn(error: ApiError | null, field: string): string | undefined {
  if (!error) return undefined;
  const issue = error.issues.find((i) => i.path === field || i.path?.startsWith(`${field}.`));
  return issue?.message;
}
