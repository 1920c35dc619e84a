import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
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

export async function writeAudit(db: Ledger, e: AuditEntry): Promise<void> {
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

export async function recentAudit(db: Ledger, limit = 100) {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}

// --- the audit trail view (services/safety/audit-view.ts) ---------------------------------------

export interface AuditQuery {
  userName?: string | undefined;
  /** Exact action, or an area prefix ending with '.' (`imports.`). */
  action?: string | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  fromAt?: string | undefined;
  toAt?: string | undefined;
  /** Rows about one customer (see customerCondition). */
  customer?: { id: number | null; code: string } | undefined;
}

/**
 * Audit rows do not carry a customer column: a row is about a customer when its entity is the
 * customer (by id or code), when its before/after JSON names the customer's code, or when its
 * entity is one of the customer's contacts, attachments, plans, disputes, tasks, letters or legal
 * dossiers.
 */
function customerCondition(c: { id: number | null; code: string }): SQL {
  const json = sql`(json_extract(${auditLog.after}, '$.code') = ${c.code}
    OR json_extract(${auditLog.after}, '$.customerCode') = ${c.code}
    OR json_extract(${auditLog.before}, '$.code') = ${c.code}
    OR json_extract(${auditLog.before}, '$.customerCode') = ${c.code})`;
  if (c.id === null)
    return sql`(${json} OR (${auditLog.entity} = 'customer' AND ${auditLog.entityId} = ${c.code}))`;
  const owned = (entity: string, table: string) =>
    sql`(${auditLog.entity} = ${entity} AND ${auditLog.entityId} IN (SELECT CAST(id AS TEXT) FROM ${sql.raw(table)} WHERE customer_id = ${c.id}))`;
  return sql`(${json}
    OR (${auditLog.entity} = 'customer' AND ${auditLog.entityId} IN (${String(c.id)}, ${c.code}))
    OR ${owned('contact', 'contacts')} OR ${owned('attachment', 'attachments')} OR ${owned('plan', 'plans')}
    OR ${owned('dispute', 'disputes')} OR ${owned('task', 'tasks')} OR ${owned('letter', 'letters')}
    OR ${owned('legal_dossier', 'legal_dossiers')})`;
}

function auditWhere(q: AuditQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.userName !== undefined) parts.push(eq(auditLog.userName, q.userName));
  if (q.action !== undefined) {
    parts.push(
      q.action.endsWith('.')
        ? sql`substr(${auditLog.action}, 1, ${q.action.length}) = ${q.action}`
        : eq(auditLog.action, q.action),
    );
  }
  if (q.fromAt !== undefined) parts.push(gte(auditLog.at, q.fromAt));
  if (q.toAt !== undefined) parts.push(lt(auditLog.at, q.toAt));
  if (q.customer !== undefined) parts.push(customerCondition(q.customer));
  return parts.length ? and(...parts) : undefined;
}

export async function countAudit(db: Ledger, q: AuditQuery): Promise<number> {
  return db.select({ n: count() }).from(auditLog).where(auditWhere(q)).get()?.n ?? 0;
}

/** Newest first. */
export async function searchAudit(db: Ledger, q: AuditQuery, page: { offset: number; limit: number }) {
  return db
    .select()
    .from(auditLog)
    .where(auditWhere(q))
    .orderBy(desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

/** Every row of a query, oldest first, in chunks (a CSV of the whole trail without one huge array). */
export async function* iterateAudit(db: Ledger, q: AuditQuery, chunk = 5000) {
  let after = 0;
  for (;;) {
    const cond = auditWhere(q);
    const rows = db
      .select()
      .from(auditLog)
      .where(cond ? and(cond, gt(auditLog.id, after)) : gt(auditLog.id, after))
      .orderBy(asc(auditLog.id))
      .limit(chunk)
      .all();
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < chunk) return;
  }
}

/** The user names and actions present, for the view's filters. */
export async function auditFacets(db: Ledger): Promise<{ users: string[]; actions: string[] }> {
  const users = db
    .selectDistinct({ v: auditLog.userName })
    .from(auditLog)
    .orderBy(asc(auditLog.userName))
    .all()
    .flatMap((r) => (r.v === null ? [] : [r.v]));
  const actions = db
    .selectDistinct({ v: auditLog.action })
    .from(auditLog)
    .orderBy(asc(auditLog.action))
    .all()
    .map((r) => r.v);
  return { users, actions };
}
