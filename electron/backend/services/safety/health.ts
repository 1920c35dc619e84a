/**
 * The ledger's state as the backend runs: `ok`; `damaged` when the start-up check failed (the
 * backend then runs on an empty in-memory ledger and only the recovery methods answer, so the UI
 * can show what is wrong and offer the latest good backup, never silently going on); `restoring`
 * while a restore replaces the file (every other call waits its turn with a CONFLICT).
 */

import type { Ledger } from '../../../../db/open.ts';
import { listUsers } from '../../../../db/queries/users.ts';
import { AppError } from '../../../../shared/api/errors.ts';

export type LedgerHealth =
  | { state: 'ok' }
  | {
      state: 'damaged';
      /** What SQLite reported: quick_check lines or the error opening the file. */
      problems: string[];
      /** The backups folder read from the damaged file when possible (else the default). */
      backupFolder: string | null;
      checkedAt: string;
    }
  | { state: 'restoring'; since: string };

/** What still answers while the ledger is damaged: enough to see the backups and restore one. */
export const RECOVERY_METHODS: ReadonlySet<string> = new Set([
  'system.info',
  'settings.get',
  'backups.list',
  'backups.verify',
  'backups.restore',
  'jobs.cancel',
]);

/** Refuses a call the ledger's state does not allow (the dispatcher asks before anything else). */
export function assertLedgerUsable(app: { health: LedgerHealth; dbPath: string }, method: string): void {
  const h = app.health;
  if (h.state === 'ok') return;
  if (h.state === 'restoring') {
    throw new AppError('CONFLICT', 'A backup is being restored: try again in a moment.', {
      restoring: true,
    });
  }
  if (RECOVERY_METHODS.has(method)) return;
  // CONFLICT with `ledgerDamaged`: the boot screen recognises it and shows the recovery view.
  throw new AppError(
    'CONFLICT',
    `The ledger ${app.dbPath} failed its integrity check: Incasso will not work on it. Restore a backup.`,
    { ledgerDamaged: true, problems: h.problems, dbPath: app.dbPath },
  );
}

/** Who acts in recovery mode: the stand-in ledger's admin (the real users are in the damaged file). */
export async function recoveryUserId(app: { health: LedgerHealth; db: Ledger }): Promise<number | undefined> {
  if (app.health.state !== 'damaged') return undefined;
  return (await listUsers(app.db)).find((u) => u.role === 'admin' && u.active)?.id;
}
