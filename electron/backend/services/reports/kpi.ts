/**
 * KPIs of a period from the ledger: gathers the additive facts per customer (position at the
 * point of measurement — the live ledger or the period's last snapshot — and the period's flows),
 * then sums them for the totals, for each group of a dimension, or for the customers behind a
 * figure (drill-down). The formulas are in shared/domain/kpi.ts.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  casesDuring,
  contactsByChannel,
  creditSales,
  customerDimRows,
  lettersSent,
  livePositions,
  type PositionRow,
  paymentEvents,
  promisesResolved,
  snapshotLines,
  snapshotsBetween,
  snapshotWithin,
} from '../../../../db/queries/kpi.ts';
import { latestClasses } from '../../../../db/queries/rating.ts';
import { ledgerAsOf } from '../../../../db/queries/summary.ts';
import { listUsers } from '../../../../db/queries/users.ts';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/domain/aging.ts';
import { addDays, daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import {
  addFacts,
  addPayment,
  type CustomerDims,
  collectorOf,
  computeKpis,
  type Dimension,
  type DrillFigure,
  dimensionKey,
  dimensionLabel,
  dsoOf,
  emptyFacts,
  type KpiFacts,
  type Kpis,
  type Measurement,
  measurementPoint,
  monthsEnding,
  overdueOf,
  overdueRatioOf,
  type Period,
  previousPeriod,
  sumFacts,
} from '../../../../shared/domain/kpi.ts';
import { mapInOrder } from '../../../../shared/in-order.ts';

export type PositionSource = { kind: 'ledger' | 'snapshot'; date: IsoDate } | null;

export interface PeriodData {
  period: Period;
  ledgerAsOf: IsoDate;
  measurement: Measurement;
  end: PositionSource;
  start: PositionSource;
  dims: Map<number, CustomerDims>;
  facts: Map<number, KpiFacts>;
}

/** Every customer with its dimensions: area, salesperson, collector, band, latest rating class. */
export async function customerDims(db: Ledger): Promise<Map<number, CustomerDims>> {
  const team = await listUsers(db);
  const classes = latestClasses(db);
  const out = new Map<number, CustomerDims>();
  for (const c of await customerDimRows(db)) {
    out.set(c.id, {
      id: c.id,
      code: c.code,
      name: c.name,
      area: c.area,
      salesperson: c.salesperson,
      collector: collectorOf(c, team),
      band: c.band,
      class: classes.get(c.id) ?? null,
    });
  }
  return out;
}

/** The position at the end of a period: the live ledger when it reaches the ledger's as-of date. */
async function endPosition(
  db: Ledger,
  period: Period,
  asOfLedger: IsoDate,
): Promise<{ asOf: IsoDate | null; source: PositionSource; rows: PositionRow[] }> {
  const point = measurementPoint(period, asOfLedger);
  if (point === null) return { asOf: null, source: null, rows: [] };
  if (point === asOfLedger) {
    return { asOf: point, source: { kind: 'ledger', date: point }, rows: await livePositions(db, point) };
  }
  const snap = await snapshotWithin(db, period.from, period.to);
  if (!snap) return { asOf: point, source: null, rows: [] };
  return {
    asOf: snap.date,
    source: { kind: 'snapshot', date: snap.date },
    rows: await snapshotLines(db, snap.id),
  };
}

interface CaseSpan {
  openedOn: IsoDate;
  closedOn: IsoDate | null;
}

/** A payment is collected in collection when its item was overdue and the customer had a case open that day (trend chart). */
function inCollection(spans: CaseSpan[] | undefined, date: IsoDate, dueDate: IsoDate): boolean {
  if (!spans || dueDate >= date) return false;
  return spans.some((c) => c.openedOn <= date && (c.closedOn === null || c.closedOn >= date));
}

/** A case opened in the period: what it was entrusted with and what it has collected so far. */
interface EnteredCase extends CaseSpan {
  customerId: number;
  entrustedCents: number;
  collectedCents: number;
}

/**
 * The case opened in the period that a payment belongs to: its item was overdue and the case was
 * open that day. Recovery rate = collected ÷ entrusted over these same cases, so it cannot exceed
 * 100 % (each case's collection is capped at what it was entrusted with).
 */
function enteredCaseOf(
  cases: EnteredCase[] | undefined,
  date: IsoDate,
  dueDate: IsoDate,
): EnteredCase | null {
  if (!cases || dueDate >= date) return null;
  return cases.find((c) => c.openedOn <= date && (c.closedOn === null || c.closedOn >= date)) ?? null;
}

/** Gathers the facts of every customer for a period. */
export async function gatherPeriod(db: Ledger, period: Period, today: IsoDate): Promise<PeriodData> {
  const asOfLedger = (await ledgerAsOf(db)) ?? today;
  const dims = await customerDims(db);
  const facts = new Map<number, KpiFacts>();
  const of = (customerId: number): KpiFacts => {
    let f = facts.get(customerId);
    if (!f) {
      f = emptyFacts();
      f.customers = 1;
      facts.set(customerId, f);
    }
    return f;
  };

  const end = await endPosition(db, period, asOfLedger);
  for (const r of end.rows) {
    const f = of(r.customerId);
    f.receivablesCents += r.receivablesCents;
    f.creditsCents += r.creditsCents;
    for (const b of AGING_BUCKETS) f.aging[b] += r.aging[b];
    f.openCases += r.openCases;
    f.inCollectionCents += r.inCollectionCents;
  }

  let start: PositionSource = null;
  if (end.asOf !== null) {
    const prev = previousPeriod(period);
    const snap = await snapshotWithin(db, prev.from, addDays(period.from, -1));
    if (snap) {
      start = { kind: 'snapshot', date: snap.date };
      for (const r of await snapshotLines(db, snap.id))
        of(r.customerId).startReceivablesCents += r.receivablesCents;
    }
  }

  // Sales up to the point of measurement (DSO's days end there); the other flows over the period.
  if (end.asOf !== null) {
    for (const s of await creditSales(db, period.from, end.asOf)) {
      const f = of(s.customerId);
      f.creditSalesCents += s.amountCents;
      f.invoices += s.invoices;
    }
  }

  const caseRows = await casesDuring(db, period.from, period.to);
  const entered = new Map<number, EnteredCase[]>();
  for (const c of caseRows) {
    if (c.openedOn >= period.from) {
      const f = of(c.customerId);
      f.casesOpened += 1;
      f.enteredCollectionCents += c.openedOverdueCents;
      const list = entered.get(c.customerId) ?? [];
      list.push({
        customerId: c.customerId,
        openedOn: c.openedOn,
        closedOn: c.closedOn,
        entrustedCents: c.openedOverdueCents,
        collectedCents: 0,
      });
      entered.set(c.customerId, list);
    }
    if (c.outcome === 'paid' && c.closedOn !== null && c.closedOn >= period.from && c.closedOn <= period.to) {
      const f = of(c.customerId);
      f.casesRecovered += 1;
      f.recoveryDaysTotal += c.recoveryDays ?? daysBetween(c.openedOn, c.closedOn);
    }
  }

  for (const e of await paymentEvents(db, period.from, period.to)) {
    const f = of(e.customerId);
    const inCase = enteredCaseOf(entered.get(e.customerId), e.date, e.dueDate);
    if (e.kind === 'reversal') {
      f.reversalsCents += e.amountCents;
      if (inCase) inCase.collectedCents -= e.amountCents;
      continue;
    }
    addPayment(f, e);
    if (inCase) inCase.collectedCents += e.amountCents;
  }
  for (const list of entered.values())
    for (const c of list)
      of(c.customerId).collectedCents += Math.min(c.entrustedCents, Math.max(0, c.collectedCents));

  for (const p of await promisesResolved(db, period.from, period.to)) {
    const f = of(p.customerId);
    if (p.status === 'kept') f.promisesKept += p.count;
    else f.promisesBroken += p.count;
  }
  for (const c of await contactsByChannel(db, period.from, period.to)) {
    const f = of(c.customerId);
    f.contacts[c.channel] = (f.contacts[c.channel] ?? 0) + c.count;
  }
  for (const l of await lettersSent(db, period.from, period.to)) {
    const f = of(l.customerId);
    f.letters[l.template] = (f.letters[l.template] ?? 0) + l.count;
  }

  // Lines of customers since deleted (an undone import) have no dimensions: leave them out.
  for (const id of facts.keys()) if (!dims.has(id)) facts.delete(id);

  return {
    period,
    ledgerAsOf: asOfLedger,
    measurement: { period, asOf: end.asOf, end: end.source !== null, start: start !== null },
    end: end.source,
    start,
    dims,
    facts,
  };
}

/** The same data restricted to the customers of one group of a dimension. */
export function onlyGroup(data: PeriodData, group: { by: Dimension; key: string } | undefined): PeriodData {
  if (!group) return data;
  const facts = new Map<number, KpiFacts>();
  for (const [id, f] of data.facts) {
    const c = data.dims.get(id);
    if (c && dimensionKey(c, group.by) === group.key) facts.set(id, f);
  }
  return { ...data, facts };
}

export function totalKpis(data: PeriodData): Kpis {
  return computeKpis(sumFacts(data.facts.values()), data.measurement);
}

export interface BreakdownRow {
  key: string;
  label: string;
  customers: number;
  kpis: Kpis;
}

/** Sums the facts by group of a dimension. Groups are sorted by receivables, then name. */
export function groupFacts(
  data: PeriodData,
  by: Dimension,
): { key: string; label: string; facts: KpiFacts }[] {
  const groups = new Map<string, { key: string; label: string; facts: KpiFacts }>();
  for (const [id, f] of data.facts) {
    const c = data.dims.get(id);
    if (!c) continue;
    const key = dimensionKey(c, by);
    const g = groups.get(key) ?? { key, label: dimensionLabel(c, by), facts: emptyFacts() };
    addFacts(g.facts, f);
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.facts.receivablesCents - a.facts.receivablesCents ||
      b.facts.creditSalesCents - a.facts.creditSalesCents ||
      a.label.localeCompare(b.label, 'it'),
  );
}

export function breakdown(data: PeriodData, by: Dimension): BreakdownRow[] {
  return groupFacts(data, by).map((g) => ({
    key: g.key,
    label: g.label,
    customers: g.facts.customers,
    kpis: computeKpis(g.facts, data.measurement),
  }));
}

// Drill-down -----------------------------------------------------------------------------------

const isBucket = (f: DrillFigure): f is AgingBucket => (AGING_BUCKETS as readonly string[]).includes(f);
const sumCounts = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The value behind a figure for one customer: an amount in cents, or a count. */
export function drillValue(f: KpiFacts, figure: DrillFigure): { cents: number | null; count: number | null } {
  if (isBucket(figure)) return { cents: f.aging[figure], count: null };
  switch (figure) {
    case 'receivables':
      return { cents: f.receivablesCents, count: null };
    case 'overdue':
      return { cents: overdueOf(f.aging), count: null };
    case 'credits':
      return { cents: f.creditsCents, count: null };
    case 'openCases':
      return { cents: f.inCollectionCents, count: f.openCases };
    case 'sales':
      return { cents: f.creditSalesCents, count: f.invoices };
    case 'payments':
      return { cents: f.paymentsCents, count: f.paymentsCount };
    case 'late':
      return { cents: f.paymentsCents > 0 ? f.lateDaysCents / f.paymentsCents : 0, count: f.paymentsCount };
    case 'entered':
      return { cents: f.enteredCollectionCents, count: f.casesOpened };
    case 'collected':
      return { cents: f.collectedCents, count: null };
    case 'recovered':
      return { cents: null, count: f.casesRecovered };
    case 'promisesKept':
      return { cents: null, count: f.promisesKept };
    case 'promisesBroken':
      return { cents: null, count: f.promisesBroken };
    case 'contacts':
      return { cents: null, count: sumCounts(f.contacts) };
    case 'letters':
      return { cents: null, count: sumCounts(f.letters) };
  }
}

export interface DrillRow extends CustomerDims {
  valueCents: number | null;
  count: number | null;
}

/** The customers behind a figure (of a group when `by`/`key` are given), largest first. */
export function drillCustomers(
  data: PeriodData,
  figure: DrillFigure,
  group?: { by: Dimension; key: string },
): DrillRow[] {
  const rows: DrillRow[] = [];
  for (const [id, f] of data.facts) {
    const c = data.dims.get(id);
    if (!c) continue;
    if (group && dimensionKey(c, group.by) !== group.key) continue;
    const v = drillValue(f, figure);
    const late = figure === 'late';
    const value = late ? null : v.cents;
    if ((value ?? 0) === 0 && (v.count ?? 0) === 0) continue;
    rows.push({
      ...c,
      valueCents: late ? Math.round((v.cents ?? 0) * 10) / 10 : value,
      count: v.count,
    });
  }
  return rows.sort(
    (a, b) =>
      Math.abs(b.valueCents ?? 0) - Math.abs(a.valueCents ?? 0) ||
      (b.count ?? 0) - (a.count ?? 0) ||
      a.name.localeCompare(b.name, 'it'),
  );
}

// Trend ----------------------------------------------------------------------------------------

export interface TrendPoint {
  month: string;
  asOf: IsoDate | null;
  source: 'ledger' | 'snapshot' | null;
  receivablesCents: number | null;
  overdueCents: number | null;
  overdueRatio: number | null;
  dso: number | null;
  creditSalesCents: number;
  enteredCollectionCents: number;
  collectedCents: number;
}

/**
 * Month by month up to the month containing `endDate`: the position at each month's end (the live
 * ledger for the current month, else the month's last snapshot), DSO, and the flows that entered
 * and left collection. Filtered to one group of a dimension when asked.
 */
export async function kpiTrend(
  db: Ledger,
  today: IsoDate,
  endDate: IsoDate,
  months: number,
  group?: { by: Dimension; key: string },
): Promise<TrendPoint[]> {
  const asOfLedger = (await ledgerAsOf(db)) ?? today;
  const list = monthsEnding(endDate, months);
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) return [];
  const dims = group ? await customerDims(db) : null;
  const included = (customerId: number): boolean => {
    if (!group || !dims) return true;
    const c = dims.get(customerId);
    return c !== undefined && dimensionKey(c, group.by) === group.key;
  };

  // Flows over the whole window at once, split by month below.
  const sales = new Map<string, number>();
  for (const s of await creditSales(db, first.from, last.to)) {
    if (included(s.customerId)) sales.set(s.month, (sales.get(s.month) ?? 0) + s.amountCents);
  }
  const caseRows = (await casesDuring(db, first.from, last.to)).filter((c) => included(c.customerId));
  const entered = new Map<string, number>();
  const spans = new Map<number, CaseSpan[]>();
  for (const c of caseRows) {
    entered.set(c.openedOn.slice(0, 7), (entered.get(c.openedOn.slice(0, 7)) ?? 0) + c.openedOverdueCents);
    const l = spans.get(c.customerId) ?? [];
    l.push({ openedOn: c.openedOn, closedOn: c.closedOn });
    spans.set(c.customerId, l);
  }
  const collected = new Map<string, number>();
  for (const e of await paymentEvents(db, first.from, last.to)) {
    if (e.kind === 'reversal' || !included(e.customerId)) continue;
    if (inCollection(spans.get(e.customerId), e.date, e.dueDate))
      collected.set(e.date.slice(0, 7), (collected.get(e.date.slice(0, 7)) ?? 0) + e.amountCents);
  }
  const snapshots = await snapshotsBetween(db, first.from, last.to);

  return await mapInOrder(list, async (m) => {
    const base = {
      month: m.key,
      creditSalesCents: sales.get(m.key) ?? 0,
      enteredCollectionCents: entered.get(m.key) ?? 0,
      collectedCents: collected.get(m.key) ?? 0,
    };
    const point = measurementPoint(m, asOfLedger);
    let position: {
      asOf: IsoDate;
      source: 'ledger' | 'snapshot';
      receivables: number;
      overdue: number;
    } | null = null;
    if (point !== null && point === asOfLedger) {
      const rows = (await livePositions(db, point)).filter((r) => included(r.customerId));
      position = {
        asOf: point,
        source: 'ledger',
        receivables: rows.reduce((a, r) => a + r.receivablesCents, 0),
        overdue: rows.reduce((a, r) => a + overdueOf(r.aging), 0),
      };
    } else if (point !== null) {
      const snap = [...snapshots].reverse().find((s) => s.date >= m.from && s.date <= m.to);
      if (snap) {
        if (group) {
          const rows = (await snapshotLines(db, snap.id)).filter((r) => included(r.customerId));
          position = {
            asOf: snap.date,
            source: 'snapshot',
            receivables: rows.reduce((a, r) => a + r.receivablesCents, 0),
            overdue: rows.reduce((a, r) => a + overdueOf(r.aging), 0),
          };
        } else {
          position = {
            asOf: snap.date,
            source: 'snapshot',
            receivables: snap.figures.receivablesCents,
            overdue: snap.figures.overdueCents,
          };
        }
      }
    }
    if (!position) {
      return {
        ...base,
        asOf: null,
        source: null,
        receivablesCents: null,
        overdueCents: null,
        overdueRatio: null,
        dso: null,
      };
    }
    // Sales of the month up to the point of measurement (whole month except the current one).
    const monthSales =
      position.asOf >= m.to ? (sales.get(m.key) ?? 0) : await salesUpTo(db, m, position.asOf, included);
    const days = daysBetween(m.from, position.asOf) + 1;
    return {
      ...base,
      creditSalesCents: monthSales,
      asOf: position.asOf,
      source: position.source,
      receivablesCents: position.receivables,
      overdueCents: position.overdue,
      overdueRatio: overdueRatioOf(position.overdue, position.receivables),
      dso: dsoOf(position.receivables, monthSales, days),
    };
  });
}

async function salesUpTo(
  db: Ledger,
  m: Period,
  to: IsoDate,
  included: (customerId: number) => boolean,
): Promise<number> {
  return (await creditSales(db, m.from, to))
    .filter((s) => included(s.customerId))
    .reduce((a, s) => a + s.amountCents, 0);
}
