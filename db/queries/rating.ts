/**
 * Queries of the internal rating: the facts of every customer in a handful of GROUP BY scans
 * (50,000 customers and 1,000,000 items in one run: no per-customer queries), and the rating
 * history. Each fact function takes optional customer ids to compute a few customers the same way.
 */
import { type AnyColumn, and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Confidence, RatingClass } from '../../shared/domain/rating.ts';
import type { Ledger } from '../open.ts';
import {
  cases,
  customers,
  disputes,
  importBatches,
  itemEvents,
  legalDossiers,
  openItems,
  plans,
  promises,
  ratings,
  tasks,
} from '../schema.ts';
import { allRows } from './rows.ts';
import { type CustomerScope, inScope } from './scope.ts';

export type RatingRow = typeof ratings.$inferSelect;

export interface ItemFacts {
  customerId: number;
  exposureCents: number;
  overdueCents: number;
  overdueDayCents: number;
  firstDueDate: string | null;
}

/** Some customers only (a few hundred at most: callers compute everyone for more), or all. */
const forCustomers = (column: AnyColumn, ids: readonly number[] | undefined): SQL | undefined =>
  ids === undefined ? undefined : inArray(column, [...ids]);

/**
 * Exposure, what is overdue with its days late, and the oldest due date, per customer, totalled
 * in SQL: the inner query groups by (status, due date, customer) — the order of the covering
 * index open_items_status_due_idx, so SQLite streams the index without sorting the items — and
 * each group, sharing one due date, gets its days late once; the outer one adds the groups up per
 * customer. JavaScript receives one row per customer (50,000), not one per item or due date.
 */
export function itemFactsByCustomer(
  db: Ledger,
  today: IsoDate,
  customerIds?: readonly number[],
): Map<number, ItemFacts> {
  const groups = db
    .select({
      status: openItems.status,
      dueDate: openItems.dueDate,
      customerId: openItems.customerId,
      positiveCents:
        sql<number>`COALESCE(SUM(CASE WHEN ${openItems.residualCents} > 0 THEN ${openItems.residualCents} END), 0)`.as(
          'positive_cents',
        ),
    })
    .from(openItems)
    .where(forCustomers(openItems.customerId, customerIds))
    .groupBy(openItems.status, openItems.dueDate, openItems.customerId)
    .as('g');
  const open = sql`${groups.status} = 'open'`;
  const overdue = sql`${open} AND ${groups.dueDate} < ${today}`;
  // Whole days between two ISO dates: julianday of each is exact at noon, so the difference is too.
  const daysLate = sql`CAST(julianday(${today}) - julianday(${groups.dueDate}) AS INTEGER)`;
  const rows = allRows(
    db
      .select({
        customerId: groups.customerId,
        exposureCents: sql<number>`COALESCE(SUM(CASE WHEN ${open} THEN ${groups.positiveCents} END), 0)`,
        overdueCents: sql<number>`COALESCE(SUM(CASE WHEN ${overdue} THEN ${groups.positiveCents} END), 0)`,
        overdueDayCents: sql<number>`COALESCE(SUM(CASE WHEN ${overdue} THEN ${groups.positiveCents} * ${daysLate} END), 0)`,
        firstDueDate: sql<string | null>`MIN(${groups.dueDate})`,
      })
      .from(groups)
      .groupBy(groups.customerId),
  );
  return new Map(rows.map((r) => [r.customerId, r]));
}

export interface PaymentFacts {
  customerId: number;
  count: number;
  cents: number;
  dayCents: number;
  recentCents: number;
  recentDayCents: number;
}

/**
 * Payments seen by imports still in force, from `yearStart` to `today`: amount, amount × days
 * late (early payments count 0), and the part paid after `recentStart` (the trend's window).
 */
export function paymentFactsByCustomer(
  db: Ledger,
  window: { today: IsoDate; yearStart: IsoDate; recentStart: IsoDate },
  customerIds?: readonly number[],
): Map<number, PaymentFacts> {
  const late = sql`(CASE WHEN ${itemEvents.date} > ${openItems.dueDate} THEN CAST(julianday(${itemEvents.date}) - julianday(${openItems.dueDate}) AS INTEGER) ELSE 0 END)`;
  const recent = sql`${itemEvents.date} > ${window.recentStart}`;
  const rows = allRows(
    db
      .select({
        customerId: openItems.customerId,
        count: sql<number>`COUNT(*)`,
        cents: sql<number>`SUM(${itemEvents.amountCents})`,
        dayCents: sql<number>`SUM(${itemEvents.amountCents} * ${late})`,
        recentCents: sql<number>`COALESCE(SUM(CASE WHEN ${recent} THEN ${itemEvents.amountCents} END), 0)`,
        recentDayCents: sql<number>`COALESCE(SUM(CASE WHEN ${recent} THEN ${itemEvents.amountCents} * ${late} END), 0)`,
      })
      .from(itemEvents)
      .innerJoin(openItems, eq(openItems.id, itemEvents.itemId))
      .innerJoin(importBatches, eq(importBatches.id, itemEvents.batchId))
      .where(
        and(
          inArray(itemEvents.kind, ['payment', 'partial_payment']),
          sql`${itemEvents.amountCents} > 0`,
          gte(itemEvents.date, window.yearStart),
          lte(itemEvents.date, window.today),
          sql`${importBatches.undoneAt} IS NULL`,
          forCustomers(openItems.customerId, customerIds),
        ),
      )
      .groupBy(openItems.customerId),
  );
  return new Map(rows.map((r) => [r.customerId, r]));
}

export interface BehaviourCounts {
  brokenPromises: Map<number, number>;
  brokenPlans: Map<number, number>;
  disputes: Map<number, number>;
  formalNotices: Map<number, number>;
}

const toMap = (rows: { customerId: number; n: number }[]) => new Map(rows.map((r) => [r.customerId, r.n]));

/** Broken promises and plans, disputes and formal notices (PEC tasks sent) between two dates. */
export function behaviourCounts(
  db: Ledger,
  from: IsoDate,
  to: IsoDate,
  customerIds?: readonly number[],
): BehaviourCounts {
  const n = sql<number>`COUNT(*)`;
  /** Per customer: `count` of the rows of `table` dated (`on`) between the two dates, with `conds`. */
  const perCustomer = (
    table: SQLiteTable,
    customerId: SQLiteColumn,
    on: SQLiteColumn,
    count: SQL<number>,
    ...conds: SQL[]
  ) =>
    toMap(
      db
        .select({ customerId: sql<number>`${customerId}`, n: count })
        .from(table)
        .where(and(...conds, gte(on, from), lte(on, to), forCustomers(customerId, customerIds)))
        .groupBy(customerId)
        .all(),
    );
  return {
    brokenPromises: perCustomer(
      promises,
      promises.customerId,
      promises.resolvedOn,
      n,
      eq(promises.status, 'broken'),
    ),
    brokenPlans: perCustomer(plans, plans.customerId, plans.closedOn, n, eq(plans.status, 'broken')),
    // A dispute is stored per item: the items disputed together (same day, reason, note) are one.
    disputes: perCustomer(
      disputes,
      disputes.customerId,
      disputes.openedOn,
      sql<number>`COUNT(DISTINCT ${disputes.openedOn} || '|' || ${disputes.reason} || '|' || COALESCE(${disputes.note}, ''))`,
    ),
    formalNotices: perCustomer(
      tasks,
      tasks.customerId,
      tasks.closedOn,
      n,
      eq(tasks.type, 'pec'),
      eq(tasks.status, 'done'),
      eq(tasks.outcome, 'sent'),
    ),
  };
}

/**
 * Legal actions: distinct cases handed to a lawyer or an agency since `from` — by a policy step
 * (its legal/agency task), by a manager (a dossier), or still in those hands today.
 */
export async function legalActionCounts(
  db: Ledger,
  from: IsoDate,
  to: IsoDate,
  customerIds?: readonly number[],
): Promise<Map<number, number>> {
  const byCustomer = new Map<number, Set<number>>();
  const add = (rows: { customerId: number; caseId: number }[]) => {
    for (const r of rows) {
      const set = byCustomer.get(r.customerId) ?? new Set<number>();
      set.add(r.caseId);
      byCustomer.set(r.customerId, set);
    }
  };
  /** The customers' cases of the rows of `table` dated (`on`) between the two dates, with `conds`. */
  const casesDated = (
    table: SQLiteTable,
    customerId: SQLiteColumn,
    caseId: SQLiteColumn,
    on: SQLiteColumn,
    ...conds: SQL[]
  ) =>
    db
      .selectDistinct({ customerId: sql<number>`${customerId}`, caseId: sql<number>`${caseId}` })
      .from(table)
      .where(and(...conds, gte(on, from), lte(on, to), forCustomers(customerId, customerIds)))
      .all();
  const handOverTask = inArray(tasks.type, ['legal', 'agency']);
  add(casesDated(tasks, tasks.customerId, tasks.caseId, tasks.createdOn, handOverTask));
  add(casesDated(legalDossiers, legalDossiers.customerId, legalDossiers.caseId, legalDossiers.openedOn));
  add(
    db
      .select({ customerId: cases.customerId, caseId: cases.id })
      .from(cases)
      .where(and(inArray(cases.status, ['legal', 'agency']), forCustomers(cases.customerId, customerIds)))
      .all(),
  );
  return new Map([...byCustomer].map(([id, set]) => [id, set.size]));
}

/** Customers that have no rating yet (new since the last recompute). */
export function unratedCustomerIds(db: Ledger): number[] {
  return allRows(
    db
      .select({ id: customers.id })
      .from(customers)
      .where(sql`NOT EXISTS (SELECT 1 FROM ${ratings} WHERE ${ratings.customerId} = ${customers.id})`),
  ).map((r) => r.id);
}

/** Every customer's id, in id order (who a full recompute rates). */
export async function allCustomerIds(db: Ledger): Promise<number[]> {
  return db.$client.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
}

export function customersToRate(db: Ledger, customerIds?: readonly number[]) {
  return allRows(
    db
      .select({ id: customers.id, code: customers.code, creditLimitCents: customers.creditLimitCents })
      .from(customers)
      .where(forCustomers(customers.id, customerIds)),
  );
}

// History ---------------------------------------------------------------------------------------

/** The latest history row's id of every customer (of the scope's only, with one). */
const latestIds = (db: Ledger, scope?: CustomerScope) =>
  db
    .select({ id: sql<number>`MAX(${ratings.id})`.as('id') })
    .from(ratings)
    .where(inScope(ratings.customerId, scope))
    .groupBy(ratings.customerId);

/** The current rating of every customer (the latest history row), or of the given ones. */
export function latestRatings(db: Ledger, customerIds?: CustomerScope): Map<number, RatingRow> {
  const rows = allRows(
    db
      .select()
      .from(ratings)
      .where(inArray(ratings.id, latestIds(db, customerIds))),
  );
  return new Map(rows.map((r) => [r.customerId, r]));
}

/** The current class of every rated customer: what suggests the band. */
export function latestClasses(db: Ledger): Map<number, RatingClass> {
  const rows = allRows(
    db
      .select({ customerId: ratings.customerId, class: ratings.class })
      .from(ratings)
      .where(inArray(ratings.id, latestIds(db))),
  );
  return new Map(rows.map((r) => [r.customerId, r.class]));
}

export async function latestRatingOf(db: Ledger, customerId: number): Promise<RatingRow | null> {
  return (
    db
      .select()
      .from(ratings)
      .where(eq(ratings.customerId, customerId))
      .orderBy(desc(ratings.id))
      .limit(1)
      .get() ?? null
  );
}

export async function ratingHistoryOf(db: Ledger, customerId: number): Promise<RatingRow[]> {
  return db.select().from(ratings).where(eq(ratings.customerId, customerId)).orderBy(asc(ratings.id)).all();
}

export interface RatingWrite {
  customerId: number;
  score: number;
  class: RatingClass;
  confidence: Confidence;
  factors: string;
  previousScore: number | null;
  previousClass: RatingClass | null;
  changedOn: IsoDate;
  computedOn: IsoDate;
}

/** Prepared statements: a first recompute writes one row per customer (50,000). */
const statements = new WeakMap<Ledger, ReturnType<typeof prepare>>();
function prepare(db: Ledger) {
  const c = db.$client;
  return {
    insert: c.prepare(
      `INSERT INTO ratings (customer_id, score, class, confidence, factors, previous_score, previous_class, changed_on, computed_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    refresh: c.prepare('UPDATE ratings SET confidence = ?, factors = ?, computed_on = ? WHERE id = ?'),
  };
}
async function stmts(db: Ledger) {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  return s;
}

export async function insertRating(db: Ledger, row: RatingWrite): Promise<void> {
  // Positional: no parameter looked up by name, per row of a first recompute.
  (await stmts(db)).insert.run(
    row.customerId,
    row.score,
    row.class,
    row.confidence,
    row.factors,
    row.previousScore,
    row.previousClass,
    row.changedOn,
    row.computedOn,
  );
}

/** Same score and class, a different explanation: the current row is updated, not repeated. */
export async function refreshRating(
  db: Ledger,
  id: number,
  confidence: Confidence,
  factors: string,
  computedOn: IsoDate,
): Promise<void> {
  (await stmts(db)).refresh.run(confidence, factors, computedOn, id);
}

// Listings --------------------------------------------------------------------------------------

export interface RatingListRow {
  rating: RatingRow | null;
  customerId: number;
  code: string;
  name: string;
  band: string | null;
  residualCents: number;
  overdueCents: number;
  openItems: number;
}

/**
 * Every customer with its current rating (null when never rated) and its open-item totals at
 * `today`; `onlyOpen` keeps those with open items.
 */
export async function ratingListRows(
  db: Ledger,
  q: { today: IsoDate; onlyOpen: boolean },
): Promise<RatingListRow[]> {
  const totals = db
    .select({
      customerId: openItems.customerId,
      openItems: sql<number>`COUNT(*)`.as('open_items'),
      residualCents: sql<number>`SUM(${openItems.residualCents})`.as('residual_cents'),
      overdueCents:
        sql<number>`SUM(CASE WHEN ${openItems.residualCents} > 0 AND ${openItems.dueDate} < ${q.today} THEN ${openItems.residualCents} ELSE 0 END)`.as(
          'overdue_cents',
        ),
    })
    .from(openItems)
    .where(and(eq(openItems.status, 'open'), sql`${openItems.residualCents} <> 0`))
    .groupBy(openItems.customerId)
    .as('totals');
  // The latest row per customer as a grouped subquery joined once: `id IN (…)` inside a join
  // would probe the whole id list for every customer (quadratic at 50,000 customers).
  const latest = db
    .select({ customerId: ratings.customerId, id: sql<number>`MAX(${ratings.id})`.as('latest_id') })
    .from(ratings)
    .groupBy(ratings.customerId)
    .as('latest');
  const rows = db
    .select({
      id: ratings.id,
      score: ratings.score,
      class: ratings.class,
      confidence: ratings.confidence,
      factors: ratings.factors,
      previousScore: ratings.previousScore,
      previousClass: ratings.previousClass,
      changedOn: ratings.changedOn,
      computedOn: ratings.computedOn,
      customerId: customers.id,
      code: customers.code,
      name: customers.name,
      band: customers.band,
      residualCents: sql<number>`COALESCE(${totals.residualCents}, 0)`,
      overdueCents: sql<number>`COALESCE(${totals.overdueCents}, 0)`,
      openItems: sql<number>`COALESCE(${totals.openItems}, 0)`,
    })
    .from(customers)
    .leftJoin(latest, eq(latest.customerId, customers.id))
    .leftJoin(ratings, eq(ratings.id, latest.id))
    .leftJoin(totals, eq(totals.customerId, customers.id))
    .where(q.onlyOpen ? sql`${totals.openItems} > 0` : undefined)
    .all();
  return rows.map((r) => ({
    customerId: r.customerId,
    code: r.code,
    name: r.name,
    band: r.band,
    residualCents: r.residualCents,
    overdueCents: r.overdueCents,
    openItems: r.openItems,
    rating:
      r.id === null || r.score === null || r.class === null || r.confidence === null
        ? null
        : {
            id: r.id,
            customerId: r.customerId,
            score: r.score,
            class: r.class,
            confidence: r.confidence,
            factors: r.factors ?? '[]',
            previousScore: r.previousScore,
            previousClass: r.previousClass,
            changedOn: r.changedOn ?? '',
            computedOn: r.computedOn ?? '',
          },
  }));
}

/** The score and class each customer had just before `since` (its first change in the window's previous). */
export async function ratingsBefore(
  db: Ledger,
  since: IsoDate,
): Promise<Map<number, { score: number | null; class: RatingClass | null }>> {
  const first = db
    .select({ id: sql<number>`MIN(${ratings.id})`.as('id') })
    .from(ratings)
    .where(gte(ratings.changedOn, since))
    .groupBy(ratings.customerId);
  const rows = db
    .select({ customerId: ratings.customerId, score: ratings.previousScore, class: ratings.previousClass })
    .from(ratings)
    .where(inArray(ratings.id, first))
    .all();
  return new Map(rows.map((r) => [r.customerId, { score: r.score, class: r.class }]));
}

/**
 * Customers whose rating facts a day's run may have moved on `day`: a promise or plan broken that
 * day, a legal or agency task created that day, a dossier opened that day, a case in the legal or
 * agency phase. A rating computed before the run stays right for everyone else.
 */
export async function customersWithRatingEventsOn(db: Ledger, day: IsoDate): Promise<Set<number>> {
  const rows = db.$client
    .prepare(
      `SELECT customer_id AS id FROM promises WHERE status = 'broken' AND resolved_on = ?
       UNION SELECT customer_id FROM plans WHERE status = 'broken' AND closed_on = ?
       UNION SELECT customer_id FROM tasks WHERE type IN ('legal', 'agency') AND created_on = ?
       UNION SELECT customer_id FROM legal_dossiers WHERE opened_on = ?
       UNION SELECT customer_id FROM cases WHERE status IN ('legal', 'agency')`,
    )
    .all(day, day, day, day) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/** The id of the latest rating history row (0: none): where the rating history stands. */
export async function lastRatingId(db: Ledger): Promise<number> {
  return Number(db.$client.prepare('SELECT COALESCE(MAX(id), 0) FROM ratings').pluck().get());
}

/** Customers whose class changed after the history row `afterId` (a row with another class, or a first one). */
export async function customersReclassedSince(db: Ledger, afterId: number): Promise<number[]> {
  return db.$client
    .prepare('SELECT DISTINCT customer_id FROM ratings WHERE id > ? AND class IS NOT previous_class')
    .pluck()
    .all(afterId) as number[];
}
