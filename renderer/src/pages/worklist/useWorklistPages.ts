/**
 * The worklist as the page reads it: the backend filters and sorts, and sends 200 rows at a time
 * (a keyset cursor: `next` of one page asks the rows after it). The table asks `loadMore` as the
 * user scrolls near the end of what has arrived. The counts (totals, per type, late, per group)
 * come from their own cheap query, so the page knows the whole list's size before it has it.
 * A colleague's change (another user's `ledger-written`) reads the list and its counts again,
 * keeping what had arrived: a task a colleague did leaves this list within a second, without the
 * clerk losing their place in it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput, WorklistTask } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError, useApiQuery } from '../../api/hooks.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import type { TaskType } from './taskTypes.ts';
import { type Drill, type GroupBy, NO_KEY, type TaskSort } from './worklistModel.ts';

/** Rows per request: a few screens of the table. */
export const PAGE_SIZE = 200;
/** A reload (after a task is done) asks again what had arrived, up to this many rows. */
const RELOAD_MAX = 2000;
/** Colleagues' changes close together (a run, a batch of completions) make one reload. */
const COLLEAGUE_RELOAD_MS = 400;

export interface WorklistView {
  team: boolean;
  type: TaskType | 'all';
  search: string;
  drill: Drill | null;
  groupBy: GroupBy;
  sort: TaskSort;
}

type Cursor = NonNullable<MethodOutput<'worklist.list'>['next']>;

type Filters = Omit<MethodInput<'worklist.counts'>, 'assigneeId'>;

/** The view as the backend's filters (the drill's "none" key is null there). */
function filtersOf(view: WorklistView): Filters {
  const search = view.search.trim();
  return {
    ...(view.team ? { all: true } : {}),
    ...(view.type !== 'all' ? { type: view.type } : {}),
    ...(search ? { search } : {}),
    ...(view.drill
      ? { drill: { by: view.drill.by, key: view.drill.key === NO_KEY ? null : view.drill.key } }
      : {}),
    ...(view.groupBy !== 'none' ? { groupBy: view.groupBy } : {}),
  };
}

interface Pages {
  /** The view these rows are for. */
  key: string;
  /** How these rows are grouped (they are drawn so until the new view's rows arrive). */
  groupBy: GroupBy;
  rows: WorklistTask[];
  next: Cursor | null;
  today: string;
  /** Read again because a colleague changed the ledger (not after this user's own action). */
  byColleague: boolean;
}

export interface WorklistPages {
  /** The rows that have arrived, in the list's order (a prefix of the whole list). */
  rows: WorklistTask[];
  /**
   * How `rows` are grouped: the view's grouping once its rows have arrived, the earlier view's
   * until then (the earlier rows under the new grouping's headers would repeat a group per row).
   */
  groupedBy: GroupBy;
  today: string;
  /** The first page has arrived (for this view or an earlier one, shown until the new one comes). */
  loaded: boolean;
  loading: boolean;
  /** More rows follow the ones that arrived. */
  hasMore: boolean;
  error: ApiError | null;
  counts: MethodOutput<'worklist.counts'> | undefined;
  /** Asks the next page (once at a time; nothing when all have arrived). */
  loadMore: () => void;
  /** Asks the list and its counts again (after a task is done), keeping what was loaded. */
  reload: () => void;
  /** The rows shown were read again because a colleague changed the ledger. */
  byColleague: boolean;
}

export function useWorklistPages(view: WorklistView): WorklistPages {
  const api = useApi();
  const { version } = useLedger();
  const filters = filtersOf(view);
  const input: MethodInput<'worklist.list'> = { ...filters, sort: view.sort.sort, desc: view.sort.desc };
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;
  const counts = useApiQuery('worklist.counts', filters);

  const [pages, setPages] = useState<Pages | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  // Each first-page request gets a number: pages of an older request are dropped.
  const generation = useRef(0);
  const moreInFlight = useRef(false);
  const keep = useRef(PAGE_SIZE);
  /** The next first-page read is a colleague's change being followed. */
  const colleagueReload = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key`, `nonce` and `version` are the triggers; the input is read from its ref.
  useEffect(() => {
    const mine = ++generation.current;
    const byColleague = colleagueReload.current;
    colleagueReload.current = false;
    moreInFlight.current = false;
    setLoading(true);
    const limit = Math.min(RELOAD_MAX, Math.max(PAGE_SIZE, keep.current));
    keep.current = PAGE_SIZE;
    api.call('worklist.list', { ...inputRef.current, limit }).then(
      (out) => {
        if (mine !== generation.current) return;
        const groupBy = inputRef.current.groupBy ?? 'none';
        setPages({ key, groupBy, rows: out.rows, next: out.next, today: out.today, byColleague });
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(toApiError(err));
        setLoading(false);
      },
    );
  }, [api, key, nonce, version]);

  const next = pages?.key === key ? pages.next : null;
  const loadMore = useCallback(() => {
    if (!next || moreInFlight.current) return;
    moreInFlight.current = true;
    const mine = generation.current;
    api.call('worklist.list', { ...inputRef.current, limit: PAGE_SIZE, after: next }).then(
      (out) => {
        if (mine !== generation.current) return;
        moreInFlight.current = false;
        setPages((p) => (p ? { ...p, rows: [...p.rows, ...out.rows], next: out.next } : p));
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        moreInFlight.current = false;
        setError(toApiError(err));
      },
    );
  }, [api, next]);

  const reloadCounts = counts.reload;
  const loadedCount = pages?.rows.length ?? 0;
  const reload = useCallback(() => {
    keep.current = loadedCount;
    setNonce((n) => n + 1);
    reloadCounts();
  }, [loadedCount, reloadCounts]);

  // Another user's change: read again once the burst is over. One's own changes are followed by
  // the page itself (it reloads after each action), so they do not reload twice.
  const { user } = useSession();
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.onEvent((event) => {
      if (event.type !== 'ledger-written' || event.userId === user.id) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        colleagueReload.current = true;
        reloadRef.current();
      }, COLLEAGUE_RELOAD_MS);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [api, user.id]);

  return {
    rows: pages?.rows ?? [],
    groupedBy: pages?.groupBy ?? view.groupBy,
    today: pages?.today ?? '',
    loaded: pages !== null,
    loading,
    hasMore: next !== null,
    error,
    counts: counts.data,
    loadMore,
    reload,
    byColleague: pages?.byColleague ?? false,
  };
}
