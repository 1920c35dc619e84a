/**
 * Changes that another process commits to the open ledger reach the app's pages: an accountant's
 * scheduled `incasso import` on the same file, a CLI `run`, an import or letters worker. SQLite's data
 * version moves only when another connection commits, so a poll every two seconds costs one pragma
 * and tells; then `ledger-changed` makes every page read again, as after an import from the app. The
 * team edition on PostgreSQL will hear the same from LISTEN/NOTIFY (docs/team-edition.md).
 */
import { otherConnectionsVersion } from '../../../../db/queries/ledger.ts';
import { ledgerAsOf } from '../../../../db/queries/summary.ts';
import type { BackendContext } from '../../context.ts';

export const WATCH_EVERY_MS = 2000;

export function watchLedger(ctx: BackendContext, everyMs = WATCH_EVERY_MS): () => void {
  // The connection the version belongs to: a restore reopens the ledger, and a new connection starts
  // its own count (that change is announced by the restore itself).
  let seen: { db: BackendContext['db']; version: number } | null = null;
  // The app's own jobs (an import, a letters batch) write from worker connections and announce their
  // result themselves: what they commit, up to the first look after the last one ends, is not news.
  let afterJobs = false;
  const tick = () => {
    try {
      const db = ctx.db;
      const version = otherConnectionsVersion(db);
      const jobs = ctx.jobs.size > 0;
      const moved = seen !== null && seen.db === db && seen.version !== version && !jobs && !afterJobs;
      afterJobs = jobs;
      seen = { db, version };
      if (moved) ctx.emit({ type: 'ledger-changed', asOf: ledgerAsOf(db) });
    } catch {
      // A ledger closing or being restored: the next tick looks again.
      seen = null;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
