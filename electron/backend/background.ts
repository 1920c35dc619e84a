/**
 * What runs by itself while the app (desktop or browser mode) is open: the dunning runs at start and
 * every two hours (services/daily/scheduler.ts), and the watch that brings other processes' changes
 * to the open pages (services/common/ledger-watch.ts). Returns what stops both.
 */
import type { BackendContext } from './context.ts';
import { watchLedger } from './services/common/ledger-watch.ts';
import { startDunningScheduler } from './services/daily/scheduler.ts';

export function startBackgroundWork(ctx: BackendContext): () => void {
  const stopRuns = startDunningScheduler(ctx);
  const stopWatch = watchLedger(ctx);
  return () => {
    stopRuns();
    stopWatch();
  };
}
