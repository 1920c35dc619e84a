/** Queries of the dunning engine: facts per customer, cases, tasks, promises, policies, runs. */
import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import {
  caseFees,
  cases,
  customers,
  disputes,
  dunningRuns,
  importBatches,
  itemEvents,
  itemReminders,
  openItems,
  policies,
  promises,
  tasks,
  users,
} from '../schema.ts';
import { allRows } from './rows.ts';
import { type CustomerScope, inScope, inScopeSql } from './scope.ts';
import { taskListColumns } from './worklist.ts';

export type CaseRow = typeof cases.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type PromiseRow = typeof promises.$inferSelect;
export type PolicyRow = typeof policies.$inferSelect;

export interface OverdueFacts {
  customerId: number;
  overdueCents: number;
  undisputedOverdueCents: number;
  oldestOverdueDue: IsoDate | null;
}

/**
 * Overdue totals per customer at `today` (positive residuals due before it), split by dispute;
 * with `minItemCents`, items with a smaller residual are left out (a policy's per-item minimum).
 */
export function overdueFactsByCustomer(
  db: Ledger,
  today: IsoDate,
  minItemCents = 0,
  scope?: CustomerScope,
): Map<number, OverdueFacts> {
  const disputed = db
    .selectDistinct({ itemId: disputes.itemId })
    .from(disputes)
    .where(eq(disputes.status, 'open'))
    .as('disputed');
  const rows = allRows(
    db
      .select({
        customerId: openItems.customerId,
        overdueCents: sql<number>`SUM(${openItems.residualCents})`,
        undisputedOverdueCents: sql<number>`SUM(CASE WHEN ${disputed.itemId} IS NULL THEN ${openItems.residualCents} ELSE 0 END)`,
        oldestOverdueDue: sql<
          string | null
        >`MIN(CASE WHEN ${disputed.itemId} IS NULL THEN ${openItems.dueDate} END)`,
      })
      .from(openItems)
      .leftJoin(disputed, eq(disputed.itemId, openItems.id))
      .where(
        and(
          eq(openItems.status, 'open'),
          sql`${openItems.residualCents} > 0`,
          sql`${openItems.dueDate} < ${today}`,
          minItemCents > 0 ? sql`${openItems.residualCents} >= ${minItemCents}` : undefined,
          inScope(openItems.customerId, scope),
        ),
      )
      .groupBy(openItems.customerId),
  );
  return new Map(rows.map((r) => [r.customerId, r]));
}

export function customersForDunning(db: Ledger, scope?: CustomerScope) {
  return allRows(
    db
      .select({
        id: customers.id,
        code: customers.code,
        name: customers.name,
        band: customers.band,
        area: customers.area,
        salesperson: customers.salesperson,
        collectorId: customers.collectorId,
        keyAccount: customers.keyAccount,
        orderBlocked: customers.orderBlocked,
        policyOverride: customers.policyOverride,
        ...reachColumns,
      })
      .from(customers)
      .where(inScope(customers.id, scope)),
  );
}

/** What the channel fallback needs to know about how a customer can be reached. */
const reachColumns = {
  email: customers.email,
  dunningContactEmail: customers.dunningContactEmail,
  pec: customers.pec,
  address: customers.address,
  street: customers.street,
  city: customers.city,
};

export async function customerContactFacts(db: Ledger, customerId: number) {
  return db.select(reachColumns).from(customers).where(eq(customers.id, customerId)).get();
}

export function activeCases(db: Ledger, scope?: CustomerScope): CaseRow[] {
  return allRows(
    db
      .select()
      .from(cases)
      .where(and(ne(cases.status, 'closed'), inScope(cases.customerId, scope))),
  );
}

/**
 * Prepared statements for the run's hot writes (one per customer with a case): drizzle's
 * builders cost ~10x more per row (STACK.md), which matters at 50,000 customers.
 */
const runStatements = new WeakMap<Ledger, ReturnType<typeof prepareRunStatements>>();
function prepareRunStatements(db: Ledger) {
  const c = db.$client;
  return {
    insertCase: c.prepare(
      `INSERT INTO cases (customer_id, policy_name, status, opened_on, opened_overdue_cents, overdue_cents, last_step_index)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Positional parameters: no object to copy and no name to look up per row (91,125 tasks in the
    // bench's week-later run).
    insertTask: c.prepare(
      `INSERT INTO tasks (case_id, customer_id, step_index, step_name, type, template, due_date, created_on, assignee_id, priority, priority_factors, item_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setOverdue: c.prepare('UPDATE cases SET overdue_cents = ? WHERE id = ? AND overdue_cents <> ?'),
    setPriority: c.prepare('UPDATE tasks SET priority = ?, priority_factors = ? WHERE id = ?'),
    // The factors only (the days overdue moved, the priority did not): the four worklist indexes
    // on priority are left alone (a column in SET has its indexes rewritten, value moved or not).
    setFactors: c.prepare('UPDATE tasks SET priority_factors = ? WHERE id = ?'),
    // A column in an UPDATE's SET has its indexes rewritten even when its value stays: status is
    // set only when the case escalates (cases_one_open_per_customer is on it), the overdue only
    // when it moved (cases_overdue_idx).
    setStep: c.prepare('UPDATE cases SET last_step_index = ?, last_step_closed_on = NULL WHERE id = ?'),
    setStepOverdue: c.prepare(
      'UPDATE cases SET last_step_index = ?, last_step_closed_on = NULL, overdue_cents = ? WHERE id = ?',
    ),
    setStepEscalate: c.prepare(
      'UPDATE cases SET last_step_index = ?, last_step_closed_on = NULL, status = ?, overdue_cents = COALESCE(?, overdue_cents) WHERE id = ?',
    ),
    blockOrders: c.prepare(
      'UPDATE customers SET order_blocked = 1, order_block_reason = ?, order_blocked_on = ? WHERE id = ?',
    ),
  };
}
async function statements(db: Ledger) {
  let s = runStatements.get(db);
  if (!s) {
    s = prepareRunStatements(db);
    runStatements.set(db, s);
  }
  return s;
}

interface CaseInsert {
  customerId: number;
  policyName: string;
  status: CaseRow['status'];
  openedOn: IsoDate;
  openedOverdueCents: number;
  overdueCents: number;
  /**
   * The step the case opens at, when its first step's tasks are created with it (the run: one
   * write per new case instead of an insert and then setCaseStep); -1, the default: none yet.
   */
  lastStepIndex?: number;
}

export async function insertCase(db: Ledger, row: CaseInsert): Promise<CaseRow> {
  // The row is what was written (no column has a default the insert leaves out but the ones
  // below): built here rather than read back with RETURNING, once per new case of a run.
  const lastStepIndex = row.lastStepIndex ?? -1;
  const { lastInsertRowid } = (await statements(db)).insertCase.run(
    row.customerId,
    row.policyName,
    row.status,
    row.openedOn,
    row.openedOverdueCents,
    row.overdueCents,
    lastStepIndex,
  );
  return {
    id: Number(lastInsertRowid),
    customerId: row.customerId,
    policyName: row.policyName,
    status: row.status,
    openedOn: row.openedOn,
    closedOn: null,
    outcome: null,
    lastStepIndex,
    lastStepClosedOn: null,
    pausedReason: null,
    openedOverdueCents: row.openedOverdueCents,
    overdueCents: row.overdueCents,
    recoveryDays: null,
  };
}

export interface TaskInsert {
  caseId: number;
  customerId: number;
  stepIndex: number | null;
  stepName: string;
  type: TaskRow['type'];
  template: string | null;
  dueDate: IsoDate;
  createdOn: IsoDate;
  assigneeId: number | null;
  priority: number;
  priorityFactors: string;
  /** JSON array of the new invoices a first reminder is about (null: a step of the case). */
  itemIds?: string | null;
}

/** Inserts a task; returns its id. */
export async function insertTaskFast(db: Ledger, row: TaskInsert): Promise<number> {
  return Number(
    (await statements(db)).insertTask.run(
      row.caseId,
      row.customerId,
      row.stepIndex,
      row.stepName,
      row.type,
      row.template,
      row.dueDate,
      row.createdOn,
      row.assigneeId,
      row.priority,
      row.priorityFactors,
      row.itemIds ?? null,
    ).lastInsertRowid,
  );
}

export interface NewItemFacts {
  customerId: number;
  /** The largest residual among the overdue, undisputed items already in a reminder of the case in progress (0: none). */
  remindedMaxCents: number;
  /** Overdue, undisputed items never in a reminder of the case in progress nor in a first reminder for new invoices. */
  fresh: { id: number; residualCents: number; dueDate: IsoDate }[];
}

/** True when some item has been in a reminder (before that, no invoice can be "new" to a case). */
export async function anyItemReminded(db: Ledger): Promise<boolean> {
  return db.$client.prepare('SELECT 1 FROM item_reminders LIMIT 1').get() !== undefined;
}

/**
 * Per customer whose case is open (the only ones that give new invoices a first reminder of their
 * own) and has some item already reminded by it: the items already reminded by the customer's case
 * in progress (their largest residual, so the caller can apply a policy's per-item minimum) and
 * the new ones (never in a reminder of that case, not yet given a first reminder of their own by
 * it). A reminder of an earlier, closed case does not count: the new case sends its own first
 * letter. A customer absent from the map has no item reminded by its case: it has no new invoice.
 * The items reminded by a case in progress are one set, built once (an IN list SQLite indexes for
 * the query): a look-up per item through item_reminders, tasks and cases took 1.6x as long at 1M
 * items (4.0 s against 2.5 s). The items are read in id order (a table scan, NOT INDEXED), and the
 * per-item flag is MATERIALIZED so SQLite computes it once per item (flattened, it evaluated the
 * look-up once for each place the flag is read: 3x the work).
 */
export async function newItemFactsByCustomer(
  db: Ledger,
  today: IsoDate,
  scope?: CustomerScope,
): Promise<Map<number, NewItemFacts>> {
  const rows = db.all<{ customerId: number; remindedMax: number | null; fresh: string | null }>(sql`
    WITH ch AS MATERIALIZED (
      SELECT oi.customer_id AS customerId, oi.id, oi.due_date AS due, oi.residual_cents AS residual,
        (oi.id IN (
          SELECT r.item_id FROM cases c JOIN tasks t ON t.case_id = c.id JOIN item_reminders r ON r.task_id = t.id
          WHERE c.status <> 'closed')) AS reminded
      FROM open_items oi NOT INDEXED
      WHERE oi.status = 'open' AND oi.residual_cents > 0 AND oi.due_date < ${today}
        AND oi.customer_id IN (SELECT customer_id FROM cases WHERE status = 'open')
        AND ${inScopeSql('oi.customer_id', scope)}
        AND oi.id NOT IN (SELECT item_id FROM disputes WHERE status = 'open'))
    SELECT customerId,
      MAX(CASE WHEN reminded THEN residual END) AS remindedMax,
      GROUP_CONCAT(CASE WHEN reminded = 0 AND NOT EXISTS (
        SELECT 1 FROM cases c JOIN tasks t ON t.case_id = c.id, json_each(t.item_ids) j
        WHERE c.customer_id = ch.customerId AND c.status <> 'closed' AND t.item_ids IS NOT NULL
          AND j.value = ch.id) THEN id || ':' || residual || ':' || due END) AS fresh
    FROM ch
    GROUP BY customerId
    HAVING MAX(reminded) = 1`);
  return new Map(
    rows.map((r) => [
      r.customerId,
      {
        customerId: r.customerId,
        remindedMaxCents: Number(r.remindedMax ?? 0),
        fresh: (r.fresh ? r.fresh.split(',') : []).map((f) => {
          const [id, residual, due] = f.split(':');
          return { id: Number(id), residualCents: Number(residual), dueDate: due ?? '' };
        }),
      },
    ]),
  );
}

export interface ItemTask {
  id: number;
  customerId: number;
  itemIds: number[];
  /** Those of its items still open, overdue and undisputed, with their residual. */
  chased: { id: number; residualCents: number }[];
}

/**
 * The open (or held) first reminders for new invoices, by customer, with which of their invoices
 * are still overdue: an invoice paid, disputed or removed by an import's undo leaves the reminder.
 * CROSS JOIN keeps the task's few invoices first, each found by its id: left to itself, SQLite
 * walked the whole due-date index for every task (32,500 tasks x 1M items never finished).
 */
export async function openItemTasks(
  db: Ledger,
  today: IsoDate,
  scope?: CustomerScope,
): Promise<Map<number, ItemTask[]>> {
  const rows = db.all<{ id: number; customerId: number; itemIds: string; chased: string | null }>(sql`
    SELECT t.id, t.customer_id AS customerId, t.item_ids AS itemIds,
      (SELECT GROUP_CONCAT(oi.id || ':' || oi.residual_cents)
        FROM json_each(t.item_ids) j CROSS JOIN open_items oi ON oi.id = j.value
        WHERE oi.status = 'open' AND oi.residual_cents > 0 AND oi.due_date < ${today}
          AND oi.id NOT IN (SELECT item_id FROM disputes WHERE status = 'open')) AS chased
    FROM tasks t
    WHERE t.item_ids IS NOT NULL AND t.status IN ('open', 'on_hold') AND ${inScopeSql('t.customer_id', scope)}`);
  const byCustomer = new Map<number, ItemTask[]>();
  for (const r of rows) {
    const parsed: unknown = JSON.parse(r.itemIds);
    const task: ItemTask = {
      id: r.id,
      customerId: r.customerId,
      itemIds: Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : [],
      chased: (r.chased ? r.chased.split(',') : []).map((c) => {
        const [id, residual] = c.split(':');
        return { id: Number(id), residualCents: Number(residual) };
      }),
    };
    const list = byCustomer.get(r.customerId);
    if (list) list.push(task);
    else byCustomer.set(r.customerId, [task]);
  }
  return byCustomer;
}

/** A first reminder for new invoices now about fewer of them (the others paid, disputed or gone). */
export async function setTaskItems(db: Ledger, id: number, itemIds: readonly number[]): Promise<void> {
  db.update(tasks)
    .set({ itemIds: JSON.stringify(itemIds) })
    .where(eq(tasks.id, id))
    .run();
}

/** An open or held task no longer needed, with the reason. */
export async function cancelTask(db: Ledger, id: number, on: IsoDate, outcome: string): Promise<void> {
  db.update(tasks)
    .set({ status: 'cancelled', closedOn: on, outcome })
    .where(and(eq(tasks.id, id), inArray(tasks.status, ['open', 'on_hold'])))
    .run();
}

export interface OpenTaskPriority {
  id: number;
  customerId: number;
  type: TaskRow['type'];
  stepIndex: number | null;
  priority: number;
  priorityFactors: string;
}

/** Every open task with its stored priority, by customer (the run refreshes them). */
export async function openTaskPriorities(
  db: Ledger,
  scope?: CustomerScope,
): Promise<Map<number, OpenTaskPriority[]>> {
  const rows = allRows(
    db
      .select({
        id: tasks.id,
        customerId: tasks.customerId,
        type: tasks.type,
        stepIndex: tasks.stepIndex,
        priority: tasks.priority,
        priorityFactors: tasks.priorityFactors,
      })
      .from(tasks)
      .where(and(eq(tasks.status, 'open'), inScope(tasks.customerId, scope))),
  );
  const byCustomer = new Map<number, OpenTaskPriority[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customerId);
    if (list) list.push(r);
    else byCustomer.set(r.customerId, [r]);
  }
  return byCustomer;
}

/** A task's priority and its factors; `samePriority`: only the factors moved. */
export async function setTaskPriority(
  db: Ledger,
  id: number,
  priority: number,
  factors: string,
  samePriority = false,
): Promise<void> {
  if (samePriority) (await statements(db)).setFactors.run(factors, id);
  else (await statements(db)).setPriority.run(priority, factors, id);
}

/**
 * A step's tasks were created: the case is at that step (and in legal/agency when it escalates);
 * with `overdueCents`, its overdue is updated by the same write (setCaseOverdue's, in one).
 */
export async function setCaseStep(
  db: Ledger,
  caseId: number,
  stepIndex: number,
  escalate: 'legal' | 'agency' | null,
  overdueCents: number | null = null,
): Promise<void> {
  const s = await statements(db);
  if (escalate !== null) s.setStepEscalate.run(stepIndex, escalate, overdueCents, caseId);
  else if (overdueCents !== null) s.setStepOverdue.run(stepIndex, overdueCents, caseId);
  else s.setStep.run(stepIndex, caseId);
}

export async function setCaseOverdue(db: Ledger, caseId: number, overdueCents: number): Promise<void> {
  (await statements(db)).setOverdue.run(overdueCents, caseId, overdueCents);
}

export async function updateCase(
  db: Ledger,
  id: number,
  set: Partial<typeof cases.$inferInsert>,
): Promise<void> {
  db.update(cases).set(set).where(eq(cases.id, id)).run();
}

export async function insertTask(db: Ledger, row: typeof tasks.$inferInsert): Promise<TaskRow> {
  return db.insert(tasks).values(row).returning().get();
}

export async function getTask(db: Ledger, id: number): Promise<TaskRow | null> {
  return db.select().from(tasks).where(eq(tasks.id, id)).get() ?? null;
}

export async function getCase(db: Ledger, id: number): Promise<CaseRow | null> {
  return db.select().from(cases).where(eq(cases.id, id)).get() ?? null;
}

export async function updateTask(
  db: Ledger,
  id: number,
  set: Partial<typeof tasks.$inferInsert>,
): Promise<void> {
  db.update(tasks).set(set).where(eq(tasks.id, id)).run();
}

/** Cancels a case's open tasks (the case closed); returns how many. */
export async function cancelOpenTasks(db: Ledger, caseId: number, on: IsoDate): Promise<number> {
  return db
    .update(tasks)
    .set({ status: 'cancelled', closedOn: on, outcome: 'case_closed' })
    .where(and(eq(tasks.caseId, caseId), inArray(tasks.status, ['open', 'on_hold'])))
    .run().changes;
}

/** A paused case's open tasks leave every worklist until it resumes. */
export async function holdOpenTasks(db: Ledger, caseId: number): Promise<number> {
  return db
    .update(tasks)
    .set({ status: 'on_hold' })
    .where(and(eq(tasks.caseId, caseId), eq(tasks.status, 'open')))
    .run().changes;
}

/** A resumed case's held tasks come back, due the day the pause ended. */
export async function releaseHeldTasks(db: Ledger, caseId: number, on: IsoDate): Promise<number> {
  return db
    .update(tasks)
    .set({ status: 'open', dueDate: on })
    .where(and(eq(tasks.caseId, caseId), eq(tasks.status, 'on_hold')))
    .run().changes;
}

export async function setOrderBlocked(db: Ledger, customerId: number, blocked: boolean): Promise<void> {
  db.update(customers).set({ orderBlocked: blocked }).where(eq(customers.id, customerId)).run();
}

export async function openPromises(db: Ledger, scope?: CustomerScope): Promise<PromiseRow[]> {
  return db
    .select()
    .from(promises)
    .where(and(eq(promises.status, 'open'), inScope(promises.customerId, scope)))
    .all();
}

export async function insertPromise(db: Ledger, row: typeof promises.$inferInsert): Promise<PromiseRow> {
  return db.insert(promises).values(row).returning().get();
}

export async function resolvePromise(
  db: Ledger,
  id: number,
  status: 'kept' | 'broken',
  on: IsoDate,
): Promise<void> {
  db.update(promises).set({ status, resolvedOn: on }).where(eq(promises.id, id)).run();
}

/** Net payments detected by imports for a customer between two dates (reversals subtracted). */
export async function paymentsBetween(
  db: Ledger,
  customerId: number,
  from: IsoDate,
  to: IsoDate,
): Promise<number> {
  const row = db
    .select({
      cents: sql<number>`COALESCE(SUM(CASE WHEN ${itemEvents.kind} IN ('payment','partial_payment') THEN ${itemEvents.amountCents} WHEN ${itemEvents.kind} = 'reversal' THEN -ABS(${itemEvents.amountCents}) ELSE 0 END), 0)`,
    })
    .from(itemEvents)
    .innerJoin(openItems, eq(openItems.id, itemEvents.itemId))
    .innerJoin(importBatches, eq(importBatches.id, itemEvents.batchId))
    .where(
      and(
        eq(openItems.customerId, customerId),
        gte(itemEvents.date, from),
        lte(itemEvents.date, to),
        sql`${importBatches.undoneAt} IS NULL`,
      ),
    )
    .get();
  return row?.cents ?? 0;
}

export async function brokenPromisesSince(db: Ledger, since: IsoDate): Promise<Map<number, number>> {
  const rows = db
    .select({ customerId: promises.customerId, n: sql<number>`COUNT(*)` })
    .from(promises)
    .where(and(eq(promises.status, 'broken'), gte(promises.resolvedOn, since)))
    .groupBy(promises.customerId)
    .all();
  return new Map(rows.map((r) => [r.customerId, r.n]));
}

export async function openDisputeItemIds(db: Ledger, customerId: number): Promise<number[]> {
  return db
    .select({ itemId: disputes.itemId })
    .from(disputes)
    .where(and(eq(disputes.customerId, customerId), eq(disputes.status, 'open')))
    .all()
    .map((r) => r.itemId);
}

export async function overdueItemIds(db: Ledger, customerId: number, today: IsoDate): Promise<number[]> {
  return db
    .select({ id: openItems.id })
    .from(openItems)
    .where(
      and(
        eq(openItems.customerId, customerId),
        eq(openItems.status, 'open'),
        sql`${openItems.residualCents} > 0`,
        sql`${openItems.dueDate} < ${today}`,
      ),
    )
    .all()
    .map((r) => r.id);
}

export async function insertDisputes(db: Ledger, rows: (typeof disputes.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) db.insert(disputes).values(rows).run();
}

// Policies --------------------------------------------------------------------------------------

export async function listPolicyRows(db: Ledger): Promise<PolicyRow[]> {
  return db.select().from(policies).orderBy(asc(policies.position), asc(policies.id)).all();
}

export async function replacePolicyRows(db: Ledger, rows: (typeof policies.$inferInsert)[]): Promise<void> {
  db.delete(policies).run();
  if (rows.length > 0) db.insert(policies).values(rows).run();
}

// Runs ------------------------------------------------------------------------------------------

/**
 * The customers an import batch touched: those it created or whose master data it changed, and
 * those of the items it created, changed or closed. The run after the import is limited to them.
 */
export async function customersTouchedByBatch(db: Ledger, batchId: number): Promise<number[]> {
  return db.$client
    .prepare(
      `SELECT o.customer_id FROM batch_changes b JOIN open_items o ON o.id = b.entity_id
        WHERE b.batch_id = ? AND b.entity = 'open_item'
       UNION SELECT entity_id FROM batch_changes WHERE batch_id = ? AND entity IN ('customer', 'customer_master')
       UNION SELECT id FROM customers WHERE first_seen_batch_id = ?
       UNION SELECT customer_id FROM open_items WHERE first_seen_batch_id = ?`,
    )
    .pluck()
    .all(batchId, batchId, batchId, batchId) as number[];
}

/** The id of the latest audit row (0: none): where a run stands in the ledger's history. */
export async function lastAuditId(db: Ledger): Promise<number> {
  return Number(db.$client.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck().get());
}

/** The actions of the audit rows written after `afterId`, each once. */
export async function auditActionsAfter(
  db: Ledger,
  afterId: number,
): Promise<{ action: string; entityId: string | null }[]> {
  return db.$client
    .prepare('SELECT DISTINCT action, entity_id AS entityId FROM audit_log WHERE id > ?')
    .all(afterId) as { action: string; entityId: string | null }[];
}

export async function insertRun(db: Ledger, runDate: IsoDate, at: string, counts: unknown): Promise<void> {
  db.insert(dunningRuns)
    .values({ runDate, at, counts: JSON.stringify(counts) })
    .run();
}

export async function lastRunDate(db: Ledger): Promise<IsoDate | null> {
  return (
    db.select({ d: dunningRuns.runDate }).from(dunningRuns).orderBy(desc(dunningRuns.id)).limit(1).get()?.d ??
    null
  );
}

// Listings --------------------------------------------------------------------------------------

export async function listCases(db: Ledger, status: 'open' | 'closed' | 'all') {
  const where =
    status === 'all'
      ? undefined
      : status === 'closed'
        ? eq(cases.status, 'closed')
        : ne(cases.status, 'closed');
  return db
    .select({ c: cases, customerCode: customers.code, customerName: customers.name })
    .from(cases)
    .innerJoin(customers, eq(customers.id, cases.customerId))
    .where(where)
    .orderBy(asc(cases.id))
    .all();
}

export interface WorklistFilter {
  today: IsoDate;
  assigneeId?: number;
  limit?: number;
}

/** Open tasks due today or earlier, highest priority first (the worklist index serves it). */
export async function worklistRows(db: Ledger, f: WorklistFilter) {
  const conds = [eq(tasks.status, 'open'), lte(tasks.dueDate, f.today)];
  if (f.assigneeId !== undefined) conds.push(eq(tasks.assigneeId, f.assigneeId));
  return db
    .select(taskListColumns)
    .from(tasks)
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(...conds))
    .orderBy(desc(tasks.priority), asc(tasks.dueDate), asc(tasks.id))
    .limit(f.limit ?? 100_000)
    .all();
}

export async function tasksByIds(db: Ledger, ids: number[]): Promise<TaskRow[]> {
  return ids.length ? db.select().from(tasks).where(inArray(tasks.id, ids)).all() : [];
}

/** Tasks still open or closed today, with their case and customer: the manager's progress view. */
export async function progressTaskRows(db: Ledger, today: IsoDate) {
  return db
    .select({
      status: tasks.status,
      dueDate: tasks.dueDate,
      closedOn: tasks.closedOn,
      caseId: tasks.caseId,
      caseStatus: cases.status,
      overdueCents: cases.overdueCents,
      assignee: users.name,
      assigneeId: tasks.assigneeId,
      area: customers.area,
      salesperson: customers.salesperson,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(sql`(${tasks.status} = 'open' AND ${tasks.dueDate} <= ${today}) OR ${tasks.closedOn} = ${today}`)
    .all();
}

/** The step a case is at, for listings: the name of its latest step task. */
export async function latestStepNames(db: Ledger): Promise<Map<number, string>> {
  const rows = db
    .select({ caseId: tasks.caseId, stepName: tasks.stepName, stepIndex: tasks.stepIndex })
    .from(tasks)
    .where(sql`${tasks.stepIndex} IS NOT NULL`)
    .orderBy(asc(tasks.caseId), asc(tasks.stepIndex))
    .all();
  const map = new Map<number, string>();
  for (const r of rows) map.set(r.caseId, r.stepName);
  return map;
}

export async function maxTaskId(db: Ledger): Promise<number> {
  return (
    db
      .select({ id: sql<number | null>`MAX(${tasks.id})` })
      .from(tasks)
      .get()?.id ?? 0
  );
}

/** Net payments on given items from a date (reversals subtracted), in date order — for plan installments. */
export async function paymentsOnItems(
  db: Ledger,
  itemIds: number[],
  from: IsoDate,
): Promise<{ date: IsoDate; cents: number }[]> {
  if (itemIds.length === 0) return [];
  return db
    .select({
      date: itemEvents.date,
      cents: sql<number>`SUM(CASE WHEN ${itemEvents.kind} IN ('payment','partial_payment') THEN ${itemEvents.amountCents} WHEN ${itemEvents.kind} = 'reversal' THEN -ABS(${itemEvents.amountCents}) ELSE 0 END)`,
    })
    .from(itemEvents)
    .innerJoin(importBatches, eq(importBatches.id, itemEvents.batchId))
    .where(
      and(
        inArray(itemEvents.itemId, itemIds),
        gte(itemEvents.date, from),
        sql`${importBatches.undoneAt} IS NULL`,
      ),
    )
    .groupBy(itemEvents.date)
    .orderBy(asc(itemEvents.date))
    .all();
}

export async function releaseOrderBlock(db: Ledger, customerId: number): Promise<void> {
  db.update(customers)
    .set({ orderBlocked: false, orderBlockReason: null, orderBlockedOn: null })
    .where(eq(customers.id, customerId))
    .run();
}

/** A policy step blocks the customer's orders (a prepared statement: a run may block thousands). */
export async function blockOrdersByPolicy(
  db: Ledger,
  customerId: number,
  on: IsoDate,
  stepName: string,
): Promise<void> {
  (await statements(db)).blockOrders.run(`Politica di sollecito: ${stepName}`, on, customerId);
}

/**
 * Before undoing an import: the automatic run that followed it may have opened cases and tasks for
 * customers the import created. Those are discarded when nobody worked on them yet (no task done
 * or skipped by a person, no contact, promise, plan or dispute); otherwise they stay and the undo
 * is refused by the foreign keys, which is right: a person's work is evidence. The customers are
 * those the batch created (`first_seen_batch_id`).
 */
export async function discardUntouchedDunning(db: Ledger, batchId: number): Promise<void> {
  // The batch's customers by a subquery, never one bound variable per id: a big first import
  // creates more customers than SQLite takes variables in one statement (32,766).
  const ids = sql`SELECT id FROM customers WHERE first_seen_batch_id = ${batchId}`;
  db.run(
    sql`DELETE FROM tasks WHERE customer_id IN (${ids}) AND closed_by IS NULL AND status IN ('open', 'cancelled')`,
  );
  // Ratings are derived from the ledger and recomputed by every run.
  db.run(sql`DELETE FROM ratings WHERE customer_id IN (${ids})`);
  db.run(sql`DELETE FROM cases WHERE customer_id IN (${ids})
    AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = cases.id)
    AND NOT EXISTS (SELECT 1 FROM promises p WHERE p.case_id = cases.id)
    AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.case_id = cases.id)
    AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.case_id = cases.id)`);
}

/** Records that these items appeared in a reminder sent today (per-invoice levels). */
export async function insertItemReminders(
  db: Ledger,
  itemIds: readonly number[],
  reminder: { taskId: number; stepIndex: number; template: string; sentOn: IsoDate },
): Promise<void> {
  for (let i = 0; i < itemIds.length; i += 500)
    db.insert(itemReminders)
      .values(itemIds.slice(i, i + 500).map((itemId) => ({ itemId, ...reminder })))
      .run();
}

/** A dunning fee charged to a case (a step with a fee was sent). */
export async function insertCaseFee(db: Ledger, fee: typeof caseFees.$inferInsert): Promise<void> {
  db.insert(caseFees).values(fee).run();
}

/** The dunning fees charged to each customer's case still in progress (absent: none). */
export async function openCaseFees(db: Ledger, customerIds: readonly number[]): Promise<Map<number, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = db
    .select({ customerId: caseFees.customerId, total: sql<number>`SUM(${caseFees.feeCents})` })
    .from(caseFees)
    .innerJoin(cases, eq(cases.id, caseFees.caseId))
    .where(and(inArray(caseFees.customerId, [...customerIds]), ne(cases.status, 'closed')))
    .groupBy(caseFees.customerId)
    .all();
  return new Map(rows.map((r) => [r.customerId, Number(r.total)]));
}

/** The dunning fees charged to the customer's case still in progress (0 without one). */
export async function openCaseFeesCents(db: Ledger, customerId: number): Promise<number> {
  return (await openCaseFees(db, [customerId])).get(customerId) ?? 0;
}
