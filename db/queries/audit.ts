import { desc } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { auditLog } from '../schema.ts';

export interface AuditEntry {
  at: string;
  userId: number | null;
  userName: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export function writeAudit(db: Ledger, e: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at: e.at,
      userId: e.userId,
      userName: e.userName,
      action: e.action,
      entity: e.entity ?? null,
      entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
      before: json(e.before),
      after: json(e.after),
    })
    .run();
}

export function recentAudit(db: Ledger, limit = 100) {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}
