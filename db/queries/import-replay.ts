/**
 * What an unchanged re-import needs to know without reading the file: the latest audit row that
 * may have changed the ledger's customers or items (every ledger change writes one, in its own
 * transaction). Rows of actions that never touch them (the dunning run, tasks, contacts, sign-ins,
 * backups…) are passed over; anything else, known or not, counts as a change.
 */
import { desc, notInArray } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { auditLog } from '../schema.ts';

/**
 * Actions that change nothing of the ledger's figures — no customer, item, case, task, user's
 * areas or setting the day's run reads: backups, sign-ins and passwords, notifications sent or
 * seen, exports, refusals. Both allow-lists below start from it.
 */
export const ACTIONS_OUTSIDE_THE_LEDGER = [
  'backups.create',
  'backups.configure',
  'session.signIn',
  'session.signOut',
  'session.setup',
  'session.changePassword',
  'users.setPassword',
  'users.mapOsAccount',
  'notify.send',
  'notify.alerts.acknowledge',
  'reports.export',
  'deny',
] as const;

/** Actions that change neither customers nor open items (an allow-list: new actions count as changes). */
export const ACTIONS_KEEPING_ITEMS = [
  ...ACTIONS_OUTSIDE_THE_LEDGER,
  'dunning.run',
  'tasks.complete',
  'tasks.skip',
  'contacts.add',
  'users.add',
  'users.firstRunAdmin',
] as const;

export interface LastLedgerChange {
  id: number;
  action: string;
  entityId: string | null;
  after: string | null;
}

export async function lastLedgerChange(db: Ledger): Promise<LastLedgerChange | null> {
  return (
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        entityId: auditLog.entityId,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(notInArray(auditLog.action, [...ACTIONS_KEEPING_ITEMS]))
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get() ?? null
  );
}
