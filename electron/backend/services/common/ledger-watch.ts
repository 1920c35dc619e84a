/**
 * Changes that another process commits to the open ledger reach the app's pages: an accountant's
 * scheduled `incasso import` on the same file, a CLI `run`, an import or letters worker. SQLite's data
 * version moves only when another connection commits, so a poll every two seconds costs one pragma
 * and tells; then `ledger-changed` makes every page read again, as after an import from the app. A
 * job of the app that writes from a worker connection and announces ledger-changed itself (imports)
 * is not announced twice; one that does not announce is announced by the watch. The team edition on
 * PostgreSQL will hear the same from LISTEN/NOTIFY (docs/team-edition.md).
 */
import { otherConnectionsVersion } from '../../../../db/queries/ledger.ts';
import { ledgerAsOf } from '../../../../db/queries/summary.ts';
import type { BackendContext } from '../../context.ts';

export const WATCH_EVERY_MS = 2000;

export async function watchLedger(ctx: BackendContext, everyMs = WATCH_EVERY_MS): Promise<() => void> {
  // The connection the version belongs to: a restore reopens the ledger, and a new connection starts
  // its own count (that change is announced by the restore itself).
  let seen: { db: BackendContext['db']; version: number } | null = null;
  const look = (): { db: BackendContext['db']; version: number } => ({
    db: ctx.db,
    version: otherConnectionsVersion(ctx.db),
  });
  // When the app itself tells every page to read again (ledger-changed: an import, an undo, a
  // restore), what other connections committed so far is read too: not news any more. An ordinary
  // call's ledger-written says nothing of other connections (its writes are this connection's, which
  // the data version does not count), so it leaves the watch as it is.
  const emit = ctx.emit;
  ctx.emit = (event) => {
    if (event.type === 'ledger-changed') {
      try {
        seen = look();
      } catch {
        seen = null;
      }
    }
    emit(event);
  };
  const tick = async () => {
    try {
      const now = look();
      const moved = seen !== null && seen.db === now.db && seen.version !== now.version;
      seen = now;
      if (moved) emit({ type: 'ledger-changed', asOf: await ledgerAsOf(now.db) });
    } catch {
      // A ledger closing or being restored: the next tick looks again.
      seen = null;
    }
  };
  await tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    ctx.emit = emit;
  };
}
