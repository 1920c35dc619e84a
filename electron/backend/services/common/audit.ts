/**
 * Audit rows written outside the dispatcher. The dispatcher writes one row per mutation it runs
 * (dispatch.ts, from `call.audit`); work that writes its own row — in the same transaction as the
 * change it records — goes through here: imports and bank statements (which also run in a worker
 * or from the scheduler), letters archived, backups restored, exports. The actor is the signed-in
 * user, or the system when nobody is (the day's scheduler, an import without a user).
 */
import type { Ledger } from '../../../../db/open.ts';
import { type AuditEntry, writeAudit } from '../../../../db/queries/audit.ts';

export interface AuditActor {
  id: number | null;
  name: string;
}

/** Writes the row as `actor` did it, or as 'system' (no user id) when there is no actor. */
export async function auditAs(
  db: Ledger,
  actor: AuditActor | null | undefined,
  entry: Omit<AuditEntry, 'userId' | 'userName'>,
): Promise<void> {
  await writeAudit(db, { ...entry, userId: actor?.id ?? null, userName: actor?.name ?? 'system' });
}
