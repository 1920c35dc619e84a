/**
 * When dunning runs happen by themselves: at app start, every two hours while the app is open
 * (and after every import, see the imports handler). Runs are idempotent, so running "too often"
 * is harmless; the point is that the worklist is never stale.
 */

import { inTransaction } from '../../../../db/transaction.ts';
import type { BackendContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { notifyAfterRun } from '../notify/send.ts';
import { type DayOptions, type RunCounts, runDay } from './run.ts';

export const RUN_EVERY_MS = 2 * 60 * 60 * 1000;

/** One audited run as the system user; errors are logged, never thrown into a timer. */
export async function scheduledRun(
  ctx: BackendContext,
  reason: string,
  opts: Pick<DayOptions, 'incremental'> = {},
): Promise<RunCounts | null> {
  try {
    return await inTransaction(
      ctx.db,
      async () => {
        const counts = await runDay(ctx.db, ctx.today(), { now: ctx.now(), ...opts });
        await auditAs(ctx.db, null, {
          at: ctx.now(),
          action: 'dunning.run',
          entity: 'dunning_run',
          after: { ...counts, reason },
        });
        return counts;
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    console.error(`Dunning run (${reason}) failed:`, err);
    return null;
  } finally {
    // After the run: urgent alerts at once, the digests once it is their time (needs a mail account).
    void notifyAfterRun(ctx);
  }
}

export async function startDunningScheduler(
  ctx: BackendContext,
  everyMs = RUN_EVERY_MS,
): Promise<() => void> {
  await scheduledRun(ctx, 'start', { incremental: true });
  const timer = setInterval(async () => {
    if (await scheduledRun(ctx, 'timer', { incremental: true }))
      ctx.emit({ type: 'ledger-changed', asOf: null });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
