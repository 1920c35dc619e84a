/**
 * The queries behind the KPIs and the periodic report (shared/domain/kpi.ts, README "Reports and KPIs"):
 * positions per customer (live or from a snapshot), the period's flows per customer (sales,
 * payments, cases, promises, contacts, letters), the snapshots themselves, and the listings of the
 * report (cases, contacts, payments, critical cases). Plain functions `fn(db, …)`.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import { AGING_BUCKETS, type Aging, emptyAging } from '../../shared/domain/aging.ts';
import { addDays, type IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import {
  cases,
  contacts,
  customers,
  disputes,
  importBatches,
  itemEvents,
  kpiSnapshotLines,
  kpiSnapshots,
  letters,
  openItems,
  promises,
  users,
} from '../schema.ts';

// Customers ------------------------------------------------------------------------------------

export async function customerDimRows(db: Ledger) {
  return db
    .select({
      id: customers.id,
      code: customers.code,
      name: customers.name,
      area: customers.area,
      salesperson: customers.salesperson,
      collectorId: customers.collectorId,
      band: customers.band,
    })
    .from(customers)
    .all();
}

// Positions ------------------------------------------------------------------------------------

export interface PositionRow {
  customerId: number;
  receivablesCents: number;
  creditsCents: number;
  aging: Aging;
  openCases: number;
  inCollectionCents: number;
}

/**
 * Per customer at `asOf`: positive residuals by days past due (the buckets of ledgerSummary),
 * negative residuals, and the open cases with their overdue amount.
 *
 * The items are totalled one aging bucket at a time, each a range of the status/due-date index
 * (AGING_BUCKETS' order: not yet due, then ever older), and the buckets added up per customer here:
 * half the time of one pass that tests every item against every bucket (0.7 s against 1.4 s at
 * 1M items, the day's KPI snapshot after every run).
 */
export async function livePositions(db: Ledger, asOf: IsoDate): Promise<(PositionRow & { items: number })[]> {
  const bounds = [asOf, addDays(asOf, -30), addDays(asOf, -60), addDays(asOf, -90), addDays(asOf, -180)];
  const residual = openItems.residualCents;
  const due = openItems.dueDate;
  const rows = new Map<number, PositionRow & { items: number }>();
  const rowOf = (customerId: number) => {
    let row = rows.get(customerId);
    if (!row) {
      row = {
        customerId,
        items: 0,
        receivablesCents: 0,
        creditsCents: 0,
        aging: emptyAging(),
        openCases: 0,
        inCollectionCents: 0,
      };
      rows.set(customerId, row);
    }
    return row;
  };
  AGING_BUCKETS.forEach((bucket, i) => {
    // Bucket i holds the due dates in [bounds[i], bounds[i-1]): the first has no upper end, the last no lower.
    const from = bounds[i];
    const before = i > 0 ? bounds[i - 1] : undefined;
    const range = and(
      from !== undefined ? gte(due, from) : undefined,
      before !== undefined ? lt(due, before) : undefined,
    );
    // Plain SQL rows (no per-row mapping by the query builder: ~50,000 rows per bucket).
    const groups = db.all<{
      customerId: number;
      items: number;
      positiveCents: number;
      negativeCents: number;
    }>(sql`
      SELECT ${openItems.customerId} AS "customerId", COUNT(*) AS "items",
        COALESCE(SUM(CASE WHEN ${residual} > 0 THEN ${residual} ELSE 0 END), 0) AS "positiveCents",
        COALESCE(SUM(CASE WHEN ${residual} < 0 THEN ${residual} ELSE 0 END), 0) AS "negativeCents"
      FROM ${openItems}
      WHERE ${openItems.status} = 'open' AND ${range} AND ${residual} <> 0
      GROUP BY ${openItems.customerId}`);
    for (const g of groups) {
      const row = rowOf(g.customerId);
      row.items += g.items;
      row.receivablesCents += g.positiveCents;
      row.creditsCents += g.negativeCents;
      row.aging[bucket] = g.positiveCents;
    }
  });
  const open = db
    .select({
      customerId: cases.customerId,
      openCases: sql<number>`COUNT(*)`,
      inCollectionCents: sql<number>`COALESCE(SUM(${cases.overdueCents}), 0)`,
    })
    .from(cases)
    .where(ne(cases.status, 'closed'))
    .groupBy(cases.customerId)
    .all();
  for (const c of open) {
    const row = rowOf(c.customerId);
    row.openCases = c.openCases;
    row.inCollectionCents = c.inCollectionCents;
  }
  return [...rows.values()].sort((a, b) => a.customerId - b.customerId);
}

// Snapshots ------------------------------------------------------------------------------------

export interface SnapshotTotals {
  customers: number;
  items: number;
  receivablesCents: number;
  creditsCents: number;
  overdueCents: number;
  aging: Aging;
  openCases: number;
  inCollectionCents: number;
}

export interface SnapshotRow {
  id: number;
  date: IsoDate;
  takenOn: IsoDate;
  figures: SnapshotTotals;
}

const toSnapshot = (r: typeof kpiSnapshots.$inferSelect): SnapshotRow => ({
  id: r.id,
  date: r.date,
  takenOn: r.takenOn,
  figures: JSON.parse(r.figures) as SnapshotTotals,
});

/** Replaces the snapshot of `date` and drops any later one (left by an import since undone). */
export async function replaceSnapshot(
  db: Ledger,
  date: IsoDate,
  takenOn: IsoDate,
  totals: SnapshotTotals,
  lines: PositionRow[],
): Promise<number> {
  const stale = db
    .select({ id: kpiSnapshots.id })
    .from(kpiSnapshots)
    .where(gte(kpiSnapshots.date, date))
    .all()
    .map((r) => r.id);
  if (stale.length > 0) {
    db.delete(kpiSnapshotLines).where(inArray(kpiSnapshotLines.snapshotId, stale)).run();
    db.delete(kpiSnapshots).where(inArray(kpiSnapshots.id, stale)).run();
  }
  const id = db
    .insert(kpiSnapshots)
    .values({ date, takenOn, figures: JSON.stringify(totals) })
    .returning({ id: kpiSnapshots.id })
    .get().id;
  // Thousands of lines: one prepared statement, not a multi-row builder (STACK.md).
  const insert = db.$client.prepare(
    `INSERT INTO kpi_snapshot_lines (snapshot_id, customer_id, receivables_cents, credits_cents,
       not_due_cents, d1_30_cents, d31_60_cents, d61_90_cents, d91_180_cents, d181_plus_cents,
       open_cases, in_collection_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of lines) {
    const a = l.aging;
    insert.run(
      id,
      l.customerId,
      l.receivablesCents,
      l.creditsCents,
      a.notDue,
      a.d1_30,
      a.d31_60,
      a.d61_90,
      a.d91_180,
      a.d181_plus,
      l.openCases,
      l.inCollectionCents,
    );
  }
  return id;
}

/**
 * Drops the per-customer lines of snapshots older than `keepFrom`, except each month's last
 * snapshot: breakdowns of past months keep working, daily detail stays for recent weeks only.
 */
export async function thinSnapshotLines(db: Ledger, keepFrom: IsoDate): Promise<void> {
  const old = db
    .select({ id: kpiSnapshots.id, date: kpiSnapshots.date })
    .from(kpiSnapshots)
    .where(lt(kpiSnapshots.date, keepFrom))
    .orderBy(asc(kpiSnapshots.date))
    .all();
  const lastOfMonth = new Map<string, number>();
  for (const s of old) lastOfMonth.set(s.date.slice(0, 7), s.id);
  const keep = new Set(lastOfMonth.values());
  const drop = old.filter((s) => !keep.has(s.id)).map((s) => s.id);
  for (let i = 0; i < drop.length; i += 500)
    db.delete(kpiSnapshotLines)
      .where(inArray(kpiSnapshotLines.snapshotId, drop.slice(i, i + 500)))
      .run();
}

/**
 * The latest snapshot dated within [from, to]. For a past period that is its last month's last
 * snapshot, whose per-customer lines are never thinned out (thinSnapshotLines).
 */
export async function snapshotWithin(db: Ledger, from: IsoDate, to: IsoDate): Promise<SnapshotRow | null> {
  const row = db
    .select()
    .from(kpiSnapshots)
    .where(and(gte(kpiSnapshots.date, from), lte(kpiSnapshots.date, to)))
    .orderBy(desc(kpiSnapshots.date))
    .limit(1)
    .get();
  return row ? toSnapshot(row) : null;
}

export async function snapshotLines(db: Ledger, snapshotId: number): Promise<PositionRow[]> {
  return db
    .select()
    .from(kpiSnapshotLines)
    .where(eq(kpiSnapshotLines.snapshotId, snapshotId))
    .all()
    .map((l) => ({
      customerId: l.customerId,
      receivablesCents: l.receivablesCents,
      creditsCents: l.creditsCents,
      aging: {
        notDue: l.notDueCents,
        d1_30: l.d1To30Cents,
        d31_60: l.d31To60Cents,
        d61_90: l.d61To90Cents,
        d91_180: l.d91To180Cents,
        d181_plus: l.d181PlusCents,
      },
      openCases: l.openCases,
      inCollectionCents: l.inCollectionCents,
    }));
}

export async function snapshotsBetween(db: Ledger, from: IsoDate, to: IsoDate): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(kpiSnapshots)
    .where(and(gte(kpiSnapshots.date, from), lte(kpiSnapshots.date, to)))
    .orderBy(asc(kpiSnapshots.date))
    .all()
    .map(toSnapshot);
}

// Flows of a period ----------------------------------------------------------------------------

/**
 * Invoices the ledger knows (seen in an import still in force, or entered otherwise), in the
 * period of their document date; without a document date, of the as-of date of the import that
 * first saw them. Per customer and month.
 */
export async function creditSales(db: Ledger, from: IsoDate, to: IsoDate) {
  const day = sql<string>`CASE WHEN ${openItems.documentDate} <> '' THEN ${openItems.documentDate} ELSE ${importBatches.asOf} END`;
  return db
    .select({
      customerId: openItems.customerId,
      month: sql<string>`substr(${day}, 1, 7)`,
      amountCents: sql<number>`COALESCE(SUM(${openItems.amountCents}), 0)`,
      invoices: sql<number>`COUNT(*)`,
    })
    .from(openItems)
    .leftJoin(importBatches, eq(importBatches.id, openItems.firstSeenBatchId))
    .where(
      and(
        eq(openItems.documentType, 'invoice'),
        sql`${openItems.amountCents} > 0`,
        sql`${importBatches.undoneAt} IS NULL`,
        sql`${day} >= ${from}`,
        sql`${day} <= ${to}`,
      ),
    )
    .groupBy(openItems.customerId, sql`substr(${day}, 1, 7)`)
    .all();
}

/** Payments and reversals detected by imports still in force, dated within the period. */
export async function paymentEvents(db: Ledger, from: IsoDate, to: IsoDate) {
  return db
    .select({
      customerId: openItems.customerId,
      kind: itemEvents.kind,
      date: itemEvents.date,
      amountCents: itemEvents.amountCents,
      dueDate: openItems.dueDate,
      documentDate: openItems.documentDate,
      documentType: openItems.documentType,
      documentNumber: openItems.documentNumber,
    })
    .from(itemEvents)
    .innerJoin(openItems, eq(openItems.id, itemEvents.itemId))
    .leftJoin(importBatches, eq(importBatches.id, itemEvents.batchId))
    .where(
      and(
        inArray(itemEvents.kind, ['payment', 'partial_payment', 'reversal']),
        sql`${importBatches.undoneAt} IS NULL`,
        gte(itemEvents.date, from),
        lte(itemEvents.date, to),
      ),
    )
    .orderBy(asc(itemEvents.date), asc(itemEvents.id))
    .all();
}

/** Cases alive at some point of the period: opened by its end and not closed before its start. */
export async function casesDuring(db: Ledger, from: IsoDate, to: IsoDate) {
  return db
    .select({
      id: cases.id,
      customerId: cases.customerId,
      status: cases.status,
      openedOn: cases.openedOn,
      closedOn: cases.closedOn,
      outcome: cases.outcome,
      openedOverdueCents: cases.openedOverdueCents,
      overdueCents: cases.overdueCents,
      recoveryDays: cases.recoveryDays,
      policyName: cases.policyName,
      pausedReason: cases.pausedReason,
    })
    .from(cases)
    .where(and(lte(cases.openedOn, to), sql`(${cases.closedOn} IS NULL OR ${cases.closedOn} >= ${from})`))
    .orderBy(asc(cases.openedOn), asc(cases.id))
    .all();
}

export async function promisesResolved(db: Ledger, from: IsoDate, to: IsoDate) {
  return db
    .select({
      customerId: promises.customerId,
      status: promises.status,
      count: sql<number>`COUNT(*)`,
    })
    .from(promises)
    .where(
      and(
        inArray(promises.status, ['kept', 'broken']),
        gte(promises.resolvedOn, from),
        lte(promises.resolvedOn, to),
      ),
    )
    .groupBy(promises.customerId, promises.status)
    .all();
}

/**
 * A digest or urgent alert sent to a salesperson/manager is noted in the customer's timeline
 * (outcome 'notified') but is no contact with the customer: the KPIs leave it out.
 */
const notNotified = sql`COALESCE(${contacts.outcome}, '') <> 'notified'`;

export async function contactsByChannel(db: Ledger, from: IsoDate, to: IsoDate) {
  return db
    .select({ customerId: contacts.customerId, channel: contacts.channel, count: sql<number>`COUNT(*)` })
    .from(contacts)
    .where(and(gte(contacts.date, from), lte(contacts.date, to), notNotified))
    .groupBy(contacts.customerId, contacts.channel)
    .all();
}

/** Letters, e-mails and PEC messages sent (printed and confirmed, or accepted by the server). */
export async function lettersSent(db: Ledger, from: IsoDate, to: IsoDate) {
  const day = sql`COALESCE(${letters.sentOn}, ${letters.date})`;
  return db
    .select({ customerId: letters.customerId, template: letters.template, count: sql<number>`COUNT(*)` })
    .from(letters)
    .where(and(eq(letters.status, 'sent'), sql`${day} >= ${from}`, sql`${day} <= ${to}`))
    .groupBy(letters.customerId, letters.template)
    .all();
}

// Listings of the report -----------------------------------------------------------------------

/** Overdue positive residuals per customer and due date at `asOf` (for overdue × days). */
export async function overdueByDueDate(db: Ledger, asOf: IsoDate) {
  return db
    .select({
      customerId: openItems.customerId,
      dueDate: openItems.dueDate,
      residualCents: sql<number>`SUM(${openItems.residualCents})`,
    })
    .from(openItems)
    .where(
      and(eq(openItems.status, 'open'), lt(openItems.dueDate, asOf), sql`${openItems.residualCents} > 0`),
    )
    .groupBy(openItems.customerId, openItems.dueDate)
    .all();
}

export async function brokenPromisesIn(db: Ledger, from: IsoDate, to: IsoDate) {
  return db
    .select({
      id: promises.id,
      customerId: promises.customerId,
      date: promises.date,
      amountCents: promises.amountCents,
      resolvedOn: promises.resolvedOn,
    })
    .from(promises)
    .where(and(eq(promises.status, 'broken'), gte(promises.resolvedOn, from), lte(promises.resolvedOn, to)))
    .orderBy(desc(promises.amountCents))
    .all();
}

export async function oldestOpenDisputes(db: Ledger, limit: number) {
  return db
    .select({
      id: disputes.id,
      customerId: disputes.customerId,
      openedOn: disputes.openedOn,
      reason: disputes.reason,
      documentNumber: openItems.documentNumber,
      residualCents: openItems.residualCents,
    })
    .from(disputes)
    .innerJoin(openItems, eq(openItems.id, disputes.itemId))
    .where(eq(disputes.status, 'open'))
    .orderBy(asc(disputes.openedOn), asc(disputes.id))
    .limit(limit)
    .all();
}

export async function contactsIn(db: Ledger, from: IsoDate, to: IsoDate) {
  return db
    .select({
      date: contacts.date,
      customerId: contacts.customerId,
      channel: contacts.channel,
      direction: contacts.direction,
      person: contacts.person,
      outcome: contacts.outcome,
      note: contacts.note,
      user: users.name,
    })
    .from(contacts)
    .leftJoin(users, eq(users.id, contacts.userId))
    .where(and(gte(contacts.date, from), lte(contacts.date, to), notNotified))
    .orderBy(asc(contacts.date), asc(contacts.id))
    .all();
}

export async function customersWithOpenCase(db: Ledger): Promise<Set<number>> {
  return new Set(
    db
      .selectDistinct({ customerId: cases.customerId })
      .from(cases)
      .where(ne(cases.status, 'closed'))
      .all()
      .map((r) => r.customerId),
  );
}
