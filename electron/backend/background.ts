/**
 * What runs by itself while the app (desktop or browser mode) is open: the dunning runs at start and
 * every two hours (services/daily/scheduler.ts), the watch that brings other processes' changes
 * to the open pages (services/common/ledger-watch.ts), and once, just after start, the worklist's
 * warm-up (warmUpWorklist). Returns what stops them.
 */
import { listUsers } from '../../db/queries/users.ts';
import type { BackendContext } from './context.ts';
import { dispatch } from './dispatch.ts';
import { watchLedger } from './services/common/ledger-watch.ts';
import { startDunningScheduler } from './services/daily/scheduler.ts';

export async function startBackgroundWork(ctx: BackendContext): Promise<() => void> {
  const stopRuns = await startDunningScheduler(ctx);
  const stopWatch = await watchLedger(ctx);
  const warmUp = new AbortController();
  setTimeout(() => void warmUpWorklist(ctx, warmUp.signal), 0).unref();
  return () => {
    warmUp.abort();
    stopRuns();
    stopWatch();
  };
}

/**
 * The worklist's first reads in a fresh process are slow: the code that reads, shapes and checks
 * a page's 200 rows runs unoptimized until it has run a few thousand times, and the statements
 * are compiled as they are first used (at 100,000 tasks a manager's first ten pages took 195-280
 * ms of CPU, the next ones 7-10 ms each). The app reads what the first views read once, right
 * after start, through the dispatcher as the page would: two pages of everyone's list in each
 * order, a grouped and a searched page, a collector's list and the counts (pages of another
 * size, the groups, searches and counts of a filter or of user 0: no page or figure a view
 * shows is read ahead, since those are kept until the next write). With it the first ten pages
 * took 90-150 ms of CPU. Nothing is written; the event loop is let go between reads, so a
 * request that comes meanwhile waits for one read at most. A failure is only logged: the views
 * read as they would have.
 */
export async function warmUpWorklist(ctx: BackendContext, stopped?: AbortSignal): Promise<void> {
  // Stopped (the app closing, its ledger closed) or the ledger not usable: no more reads.
  const usable = () => !stopped?.aborted && ctx.db.$client.open && ctx.health.state === 'ok';
  const read = async (method: 'worklist.list' | 'worklist.counts', input: object, userId: number) => {
    await new Promise((go) => setImmediate(go));
    if (!usable()) throw STOPPED;
    const res = await dispatch(ctx, { method, input, userId });
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.data as { next?: unknown };
  };
  try {
    const user = usable() ? (await listUsers(ctx.db)).find((u) => u.active) : undefined;
    if (!user) return;
    const list = (input: object) => read('worklist.list', input, user.id);
    // Not the page's size (200): the pages read here are not the ones kept for the views.
    const page = { all: true, limit: 150 } as const;
    for (const sort of ['priority', 'customer', 'overdue', 'daysOverdue', 'late'] as const) {
      const first = await list({ ...page, sort });
      // The pages after the first have statements of their own (the cursor's conditions).
      if (first.next) await list({ ...page, sort, after: first.next });
    }
    const narrow = { ...page, type: 'address' } as const;
    await list({ ...narrow, groupBy: 'area' });
    await list({ ...narrow, search: 'a' });
    await list({ assigneeId: 0, limit: 150 });
    await read('worklist.counts', { assigneeId: 0 }, user.id);
    await read('worklist.counts', { assigneeId: 0, groupBy: 'area' }, user.id);
  } catch (err) {
    // A ledger closed under a read (a test's, a switch of ledger) is a stop, not a failure.
    if (err !== STOPPED && usable()) console.error('Worklist warm-up failed:', err);
  }
}
const STOPPED = new Error('stopped');
