/**
 * Queries of the notifications (issue 21): the salespeople list, the facts alerts are raised from,
 * the alerts themselves, what each digest lists, and the log of what was sent. Each alert fact is
 * read in one scan over the day's window (no per-customer queries).
 */
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { AlertKind, NotifyRole } from '../../shared/domain/notify.ts';
import type { Language } from '../../shared/domain/vocabulary.ts';
import type { Ledger } from '../open.ts';

const all = async <T>(db: Ledger, sqlText: string, ...params: unknown[]): Promise<T[]> =>
  db.$client.prepare(sqlText).all(...params) as T[];
const one = async <T>(db: Ledger, sqlText: string, ...params: unknown[]): Promise<T | undefined> =>
  db.$client.prepare(sqlText).get(...params) as T | undefined;
const run = async (db: Ledger, sqlText: string, ...params: unknown[]) =>
  db.$client.prepare(sqlText).run(...params);

// --- salespeople ------------------------------------------------------------------------------

export interface SalespersonRow {
  id: number;
  name: string;
  email: string | null;
  language: Language;
  customers: number;
}

/** Every salesperson the customers name gets a row (without e-mail); returns how many were added. */
export async function syncSalespeople(db: Ledger): Promise<number> {
  return (
    await run(
      db,
      `INSERT OR IGNORE INTO salespeople (name)
     SELECT DISTINCT TRIM(salesperson) FROM customers
     WHERE salesperson IS NOT NULL AND TRIM(salesperson) <> ''`,
    )
  ).changes;
}

export async function listSalespeople(db: Ledger): Promise<SalespersonRow[]> {
  return await all<SalespersonRow>(
    db,
    `SELECT s.id, s.name, s.email, s.language,
            (SELECT COUNT(*) FROM customers c WHERE TRIM(c.salesperson) = s.name) AS customers
     FROM salespeople s ORDER BY s.name COLLATE NOCASE`,
  );
}

export async function getSalesperson(db: Ledger, name: string): Promise<SalespersonRow | undefined> {
  return (await listSalespeople(db)).find((s) => s.name === name);
}

export async function upsertSalesperson(
  db: Ledger,
  s: { name: string; email: string | null; language: Language },
): Promise<void> {
  await run(
    db,
    `INSERT INTO salespeople (name, email, language) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET email = excluded.email, language = excluded.language`,
    s.name,
    s.email,
    s.language,
  );
}

// --- the facts alerts come from ---------------------------------------------------------------

export interface RatingFall {
  id: number;
  customerId: number;
  class: string;
  previousClass: string;
  score: number;
  previousScore: number | null;
  changedOn: string;
}

export async function ratingChangesSince(db: Ledger, since: IsoDate): Promise<RatingFall[]> {
  return await all<RatingFall>(
    db,
    `SELECT id, customer_id AS customerId, class, previous_class AS previousClass, score,
            previous_score AS previousScore, changed_on AS changedOn
     FROM ratings WHERE changed_on >= ? AND previous_class IS NOT NULL AND previous_class <> class`,
    since,
  );
}

export interface OverLimit {
  customerId: number;
  limitCents: number;
  exposureCents: number;
}

export async function customersOverLimit(db: Ledger): Promise<OverLimit[]> {
  // No credit limit set anywhere (an office that does not use them, or an export without them): nobody
  // is over one, and the day's run skips totalling every open item (0.3-0.5 s at 1M items).
  if (!(await one(db, 'SELECT 1 FROM customers WHERE credit_limit_cents IS NOT NULL LIMIT 1'))) return [];
  return await all<OverLimit>(
    db,
    `SELECT c.id AS customerId, c.credit_limit_cents AS limitCents, SUM(o.residual_cents) AS exposureCents
     FROM customers c JOIN open_items o ON o.customer_id = c.id AND o.status = 'open'
     WHERE c.credit_limit_cents IS NOT NULL
     GROUP BY c.id HAVING SUM(o.residual_cents) > c.credit_limit_cents`,
  );
}

export async function brokenPromisesSince(
  db: Ledger,
  since: IsoDate,
): Promise<{ id: number; customerId: number; date: string; amountCents: number; resolvedOn: string }[]> {
  return await all(
    db,
    `SELECT id, customer_id AS customerId, date, amount_cents AS amountCents, resolved_on AS resolvedOn
     FROM promises WHERE status = 'broken' AND resolved_on >= ?`,
    since,
  );
}

export async function missedInstallmentsSince(
  db: Ledger,
  since: IsoDate,
): Promise<{ id: number; customerId: number; seq: number; dueDate: string; missingCents: number }[]> {
  return await all(
    db,
    `SELECT i.id, p.customer_id AS customerId, i.seq, i.due_date AS dueDate,
            i.amount_cents - i.paid_cents AS missingCents
     FROM plan_installments i JOIN plans p ON p.id = i.plan_id
     WHERE i.status = 'missed' AND p.status <> 'cancelled' AND i.due_date >= ?`,
    since,
  );
}

export async function returnedBillsSince(
  db: Ledger,
  since: IsoDate,
): Promise<
  { id: number; customerId: number; bookingDate: string; amountCents: number; reason: string | null }[]
> {
  return await all(
    db,
    `SELECT id, customer_id AS customerId, booking_date AS bookingDate, amount_cents AS amountCents,
            return_reason AS reason
     FROM bank_entries WHERE is_return = 1 AND customer_id IS NOT NULL AND booking_date >= ?`,
    since,
  );
}

/** Invoices dated after the customer's open legal dossier was opened, and on `since` or later. */
export async function invoicesInLegal(
  db: Ledger,
  since: IsoDate,
): Promise<
  { id: number; customerId: number; documentNumber: string; documentDate: string; amountCents: number }[]
> {
  return await all(
    db,
    // Driven from the few open dossiers through the items' natural key (customer, type): joined
    // the other way the planner walked every open item of the ledger (11 s at 1M items). The
    // status test is an expression so it cannot pull the plan back onto the status index.
    `WITH d AS MATERIALIZED (
       SELECT customer_id, opened_on FROM legal_dossiers WHERE closed_on IS NULL
     )
     SELECT o.id, o.customer_id AS customerId, o.document_number AS documentNumber,
            o.document_date AS documentDate, o.amount_cents AS amountCents
     FROM d JOIN open_items o ON o.customer_id = d.customer_id AND o.document_type = 'invoice'
     WHERE o.status || '' = 'open' AND o.document_date > d.opened_on AND o.document_date || '' >= ?`,
    since,
  );
}

// --- alerts -----------------------------------------------------------------------------------

export interface AlertRow {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  salesperson: string | null;
  collectorId: number | null;
  kind: AlertKind;
  key: string;
  date: string;
  params: string;
  urgent: number;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedOn: string | null;
}

/** A new alert, or nothing when one with this key exists. */
export async function insertAlert(
  db: Ledger,
  a: { customerId: number; kind: AlertKind; key: string; date: IsoDate; params: unknown; urgent: boolean },
): Promise<boolean> {
  return (
    (
      await run(
        db,
        `INSERT OR IGNORE INTO notify_alerts (customer_id, kind, key, date, params, urgent) VALUES (?, ?, ?, ?, ?, ?)`,
        a.customerId,
        a.kind,
        a.key,
        a.date,
        JSON.stringify(a.params),
        a.urgent ? 1 : 0,
      )
    ).changes > 0
  );
}

export async function unresolvedAlerts(
  db: Ledger,
  kind: AlertKind,
): Promise<{ id: number; customerId: number }[]> {
  return await all(
    db,
    `SELECT id, customer_id AS customerId FROM notify_alerts WHERE kind = ? AND resolved_on IS NULL`,
    kind,
  );
}

export async function resolveAlert(db: Ledger, id: number, on: IsoDate): Promise<void> {
  await run(db, `UPDATE notify_alerts SET resolved_on = ? WHERE id = ?`, on, id);
}

const ALERT_SELECT = `SELECT a.id, a.customer_id AS customerId, c.code AS customerCode, c.name AS customerName,
       NULLIF(TRIM(c.salesperson), '') AS salesperson, c.collector_id AS collectorId, a.kind, a.key, a.date,
       a.params, a.urgent, a.sent_at AS sentAt, a.attempts, a.last_error AS lastError,
       a.acknowledged_at AS acknowledgedAt, u.name AS acknowledgedBy, a.resolved_on AS resolvedOn
     FROM notify_alerts a JOIN customers c ON c.id = a.customer_id
     LEFT JOIN users u ON u.id = a.acknowledged_by`;

export async function listAlerts(
  db: Ledger,
  opts: {
    open?: boolean;
    afterId?: number;
    urgentUnsent?: boolean;
    /** With urgentUnsent: only alerts tried fewer passes than this (then reported as failed). */
    maxAttempts?: number;
    limit?: number;
  } = {},
): Promise<AlertRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.open) where.push('a.acknowledged_at IS NULL');
  if (opts.afterId !== undefined) {
    where.push('a.id > ?');
    params.push(opts.afterId);
  }
  if (opts.urgentUnsent) where.push('a.urgent = 1 AND a.sent_at IS NULL AND a.acknowledged_at IS NULL');
  if (opts.maxAttempts !== undefined) {
    where.push('a.attempts < ?');
    params.push(opts.maxAttempts);
  }
  return await all<AlertRow>(
    db,
    `${ALERT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`,
    ...params,
    opts.limit ?? 10_000,
  );
}

export async function getAlert(db: Ledger, id: number): Promise<AlertRow | undefined> {
  return await one<AlertRow>(db, `${ALERT_SELECT} WHERE a.id = ?`, id);
}

export async function acknowledgeAlert(db: Ledger, id: number, userId: number, at: string): Promise<void> {
  await run(
    db,
    `UPDATE notify_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?`,
    at,
    userId,
    id,
  );
}

/** `alertId:role:recipient` of the urgent alerts' e-mails that went out (a failed recipient is retried alone). */
export async function alertDeliveries(db: Ledger, alertIds: number[]): Promise<Set<string>> {
  return new Set(
    (
      await all<{ k: string }>(
        db,
        `SELECT DISTINCT j.value || ':' || m.role || ':' || m.recipient AS k
       FROM notify_messages m, json_each(m.alert_ids) j
       WHERE m.kind = 'urgent' AND m.status = 'sent' AND j.value IN (SELECT value FROM json_each(?))`,
        JSON.stringify(alertIds),
      )
    ).map((r) => r.k),
  );
}

export async function markAlertSent(db: Ledger, id: number, at: string): Promise<void> {
  await run(
    db,
    `UPDATE notify_alerts SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`,
    at,
    id,
  );
}

export async function markAlertFailed(db: Ledger, id: number, error: string): Promise<void> {
  await run(db, `UPDATE notify_alerts SET attempts = attempts + 1, last_error = ? WHERE id = ?`, error, id);
}

// --- what a digest lists ----------------------------------------------------------------------

export interface DigestCustomerRow {
  id: number;
  code: string;
  name: string;
  salesperson: string | null;
  collectorId: number | null;
  overdueCents: number;
  orderBlocked: number;
  caseStatus: string | null;
  step: string | null;
  nextAction: string | null;
  nextActionType: string | null;
  nextDate: string | null;
  oldestOverdue: string | null;
  lastBrokenPromise: string | null;
}

/**
 * Customers with at least `minOverdueCents` overdue today (0: any overdue), their case's last
 * step, the next open task and its date, the order block and the last broken promise; narrowed
 * to one salesperson, or to the customers of a collector's open tasks due by today.
 */
export async function digestCustomers(
  db: Ledger,
  today: IsoDate,
  opts: {
    minOverdueCents: number;
    salesperson?: string;
    collectorId?: number;
    customerIds?: number[];
    /** Listed whatever their overdue (a block just released). */
    alsoCodes?: string[];
  },
): Promise<DigestCustomerRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.salesperson !== undefined) {
    where.push('TRIM(c.salesperson) = ?');
    params.push(opts.salesperson);
  }
  if (opts.collectorId !== undefined) {
    where.push(
      `c.id IN (SELECT customer_id FROM tasks WHERE status = 'open' AND assignee_id = ? AND due_date <= ?)`,
    );
    params.push(opts.collectorId, today);
  }
  if (opts.customerIds !== undefined) {
    where.push(`c.id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(opts.customerIds));
  }
  return await all<DigestCustomerRow>(
    db,
    `WITH od AS (
       SELECT customer_id, SUM(residual_cents) AS overdue, MIN(due_date) AS oldest
       FROM open_items WHERE status = 'open' AND residual_cents > 0 AND due_date < ? GROUP BY customer_id
     )
     SELECT c.id, c.code, c.name, NULLIF(TRIM(c.salesperson), '') AS salesperson, c.collector_id AS collectorId,
            COALESCE(od.overdue, 0) AS overdueCents, c.order_blocked AS orderBlocked, k.status AS caseStatus,
            (SELECT t.step_name FROM tasks t WHERE t.case_id = k.id AND t.step_index IS NOT NULL
               ORDER BY t.step_index DESC, t.id DESC LIMIT 1) AS step,
            (SELECT t.step_name FROM tasks t WHERE t.customer_id = c.id AND t.status IN ('open', 'on_hold')
               ORDER BY t.due_date, t.priority DESC LIMIT 1) AS nextAction,
            (SELECT t.type FROM tasks t WHERE t.customer_id = c.id AND t.status IN ('open', 'on_hold')
               ORDER BY t.due_date, t.priority DESC LIMIT 1) AS nextActionType,
            (SELECT t.due_date FROM tasks t WHERE t.customer_id = c.id AND t.status IN ('open', 'on_hold')
               ORDER BY t.due_date, t.priority DESC LIMIT 1) AS nextDate,
            od.oldest AS oldestOverdue,
            (SELECT MAX(p.date) FROM promises p WHERE p.customer_id = c.id AND p.status = 'broken'
               AND p.resolved_on >= date(?, '-30 day')) AS lastBrokenPromise
     FROM customers c
     LEFT JOIN od ON od.customer_id = c.id
     LEFT JOIN cases k ON k.customer_id = c.id AND k.status <> 'closed'
     WHERE (COALESCE(od.overdue, 0) >= ? OR c.code IN (SELECT value FROM json_each(?)))
       ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY COALESCE(od.overdue, 0) DESC, c.code`,
    today,
    today,
    Math.max(1, opts.minOverdueCents),
    JSON.stringify(opts.alsoCodes ?? []),
    ...params,
  );
}

/**
 * Customer codes whose order block was released on `since` or later and that are still unblocked:
 * by a user (the audit of `orderBlock.set`) or by the run when the case closed paid (its audit
 * `orderBlock.release`).
 */
export async function blocksReleasedSince(db: Ledger, since: IsoDate): Promise<string[]> {
  return (
    await all<{ code: string }>(
      db,
      `SELECT DISTINCT a.entity_id AS code FROM audit_log a JOIN customers c ON c.code = a.entity_id
     WHERE a.action IN ('orderBlock.set', 'orderBlock.release') AND a.at >= ? AND c.order_blocked = 0
       AND json_extract(a.after, '$.blocked') = 0`,
      `${since}T00:00:00.000Z`,
    )
  ).map((r) => r.code);
}

/** The customers of each collector's open tasks due by today. */
export async function dueTaskCustomers(db: Ledger, today: IsoDate): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  for (const r of await all<{ userId: number; customerId: number }>(
    db,
    `SELECT DISTINCT assignee_id AS userId, customer_id AS customerId FROM tasks
     WHERE status = 'open' AND assignee_id IS NOT NULL AND due_date <= ?`,
    today,
  )) {
    const set = out.get(r.userId) ?? new Set<number>();
    set.add(r.customerId);
    out.set(r.userId, set);
  }
  return out;
}

export interface CollectorDay {
  due: number;
  late: number;
}

export async function collectorDay(db: Ledger, userId: number, today: IsoDate): Promise<CollectorDay> {
  return (
    (await one<CollectorDay>(
      db,
      `SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN due_date < ? THEN 1 ELSE 0 END), 0) AS late
       FROM tasks WHERE status = 'open' AND assignee_id = ? AND due_date <= ?`,
      today,
      userId,
      today,
    )) ?? { due: 0, late: 0 }
  );
}

export interface OfficeDay {
  runs: number;
  lettersSent: number;
  paymentsCents: number;
  promisesBroken: number;
  newLegalCases: number;
}

/** What the office did from `from` to `to` (both included; nothing when `from` is after `to`). */
export function officeDays(db: Ledger, from: IsoDate, to: IsoDate): OfficeDay {
  const n = (q: string) => Number(db.$client.prepare(q).pluck().get(from, to) ?? 0);
  return {
    runs: n(`SELECT COUNT(*) FROM dunning_runs WHERE run_date BETWEEN ? AND ?`),
    lettersSent: n(`SELECT COUNT(*) FROM letters WHERE sent_on BETWEEN ? AND ?`),
    paymentsCents: n(
      `SELECT COALESCE(SUM(amount_cents), 0) FROM item_events WHERE date BETWEEN ? AND ? AND kind IN ('payment', 'partial_payment')`,
    ),
    promisesBroken: n(
      `SELECT COUNT(*) FROM promises WHERE status = 'broken' AND resolved_on BETWEEN ? AND ?`,
    ),
    newLegalCases: n(`SELECT COUNT(*) FROM legal_dossiers WHERE opened_on BETWEEN ? AND ?`),
  };
}

/** Active users of a role (collectors: clerks; managers). */
export async function usersWithRole(
  db: Ledger,
  roles: string[],
): Promise<{ id: number; name: string; role: string }[]> {
  return await all(
    db,
    `SELECT id, name, role FROM users WHERE active = 1 AND role IN (SELECT value FROM json_each(?)) ORDER BY name`,
    JSON.stringify(roles),
  );
}

// --- what was sent ----------------------------------------------------------------------------

export interface MessageRow {
  id: number;
  date: string;
  at: string;
  kind: 'digest' | 'urgent';
  recipient: string;
  role: NotifyRole;
  email: string;
  status: 'sent' | 'failed';
  attempts: number;
  messageId: string | null;
  error: string | null;
  fingerprint: string;
  customers: number;
  alertIds: string;
}

export async function lastDigest(
  db: Ledger,
  role: NotifyRole,
  recipient: string,
): Promise<MessageRow | undefined> {
  return await one<MessageRow>(
    db,
    `SELECT id, date, at, kind, recipient, role, email, status, attempts, message_id AS messageId, error,
            fingerprint, customers, alert_ids AS alertIds
     FROM notify_messages WHERE kind = 'digest' AND status = 'sent' AND role = ? AND recipient = ?
     ORDER BY id DESC LIMIT 1`,
    role,
    recipient,
  );
}

/**
 * Whether today's digest pass is done: a digest went out today and none that failed today is
 * still waiting for a later successful one (a failed digest is retried by the next pass).
 */
export async function digestPassDone(db: Ledger, today: IsoDate): Promise<boolean> {
  return (
    (
      await one<{ done: number }>(
        db,
        `SELECT EXISTS (SELECT 1 FROM notify_messages WHERE kind = 'digest' AND status = 'sent' AND date = ?)
         AND NOT EXISTS (SELECT 1 FROM notify_messages f WHERE f.kind = 'digest' AND f.status = 'failed' AND f.date = ?
           AND NOT EXISTS (SELECT 1 FROM notify_messages s WHERE s.kind = 'digest' AND s.status = 'sent'
             AND s.date = ? AND s.role = f.role AND s.recipient = f.recipient AND s.id > f.id)) AS done`,
        today,
        today,
        today,
      )
    )?.done === 1
  );
}

export async function insertMessage(db: Ledger, m: Omit<MessageRow, 'id'>): Promise<number> {
  return Number(
    (
      await run(
        db,
        `INSERT INTO notify_messages (date, at, kind, recipient, role, email, status, attempts, message_id, error,
         fingerprint, customers, alert_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        m.date,
        m.at,
        m.kind,
        m.recipient,
        m.role,
        m.email,
        m.status,
        m.attempts,
        m.messageId,
        m.error,
        m.fingerprint,
        m.customers,
        m.alertIds,
      )
    ).lastInsertRowid,
  );
}

export async function listMessages(db: Ledger, limit = 200): Promise<MessageRow[]> {
  return await all<MessageRow>(
    db,
    `SELECT id, date, at, kind, recipient, role, email, status, attempts, message_id AS messageId, error,
            fingerprint, customers, alert_ids AS alertIds
     FROM notify_messages ORDER BY id DESC LIMIT ?`,
    limit,
  );
}

export async function customerIdsByCodes(db: Ledger, ids: number[]): Promise<{ id: number; code: string }[]> {
  return await all(
    db,
    `SELECT id, code FROM customers WHERE id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ids),
  );
}
