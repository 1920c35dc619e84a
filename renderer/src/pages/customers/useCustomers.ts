import { useEffect, useState } from 'react';
import type { CustomerRow } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { useLedger } from '../../state/ledger.tsx';

export type CustomerSort = 'name' | 'code' | 'residual' | 'overdue' | 'oldestDue';

export interface CustomerQuery {
  search: string;
  sort: CustomerSort;
  desc: boolean;
}

export interface CustomersState {
  rows: CustomerRow[];
  total: number;
  asOf: string | null;
  /** The search the rows answer (the input may already hold a newer one). */
  search: string;
  loading: boolean;
  error: ApiError | null;
}

const PAGE = 500;
const MAX_ROWS = 5000;

/** Loads every matching customer (pages of 500, up to 5,000), sorted and searched by the backend. */
export function useCustomers(query: CustomerQuery): CustomersState {
  const api = useApi();
  const { version } = useLedger();
  const [state, setState] = useState<CustomersState>({
    rows: [],
    total: 0,
    asOf: null,
    search: '',
    loading: true,
    error: null,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` re-runs the load when the ledger changes.
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    (async () => {
      const rows: CustomerRow[] = [];
      let total = 0;
      let asOf: string | null = null;
      do {
        const page = await api.call('customers.list', {
          ...(query.search.trim() ? { search: query.search.trim() } : {}),
          sort: query.sort,
          desc: query.desc,
          offset: rows.length,
          limit: PAGE,
        });
        if (!live) return;
        total = page.total;
        asOf = page.asOf;
        rows.push(...page.rows);
        if (page.rows.length === 0) break;
      } while (rows.length < Math.min(total, MAX_ROWS));
      setState({ rows, total, asOf, search: query.search.trim(), loading: false, error: null });
    })().catch((err: unknown) => {
      if (live) setState((s) => ({ ...s, loading: false, error: toApiError(err) }));
    });
    return () => {
      live = false;
    };
  }, [api, query.search, query.sort, query.desc, version]);

  return state;
}
