/**
 * The credit KPIs, defined once (README "Reports and KPIs" explains each formula and its data limits).
 *
 * The backend gathers additive facts per customer for a period (`KpiFacts`: amounts, counts and
 * amount × days sums); facts of a group of customers are their sum (`addFacts`), and the ratios
 * are computed from the summed facts (`computeKpis`). So a breakdown by area, collector… adds up
 * to the totals for every additive figure, and every ratio of a group is the group's own ratio
 * (never an average of averages). A KPI the data cannot support is `null` with a reason.
 *
 * Pure: the period, the point of measurement and the facts are arguments.
 */
import { AGING_BUCKETS, type Aging, emptyAging } from './aging.ts';
import { addDays, daysBetween, type IsoDate, isoFromParts } from './dates.ts';

// Periods ------------------------------------------------------------------------------------

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  /** `2026-11`, `2026-Q4` or `2026`. */
  key: string;
  kind: PeriodKind;
  /** First and last day, inclusive. */
  from: IsoDate;
  to: IsoDate;
}

export const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

const lastDayOfMonth = (year: number, month: number): IsoDate =>
  addDays(isoFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) as IsoDate, -1);

function monthPeriod(year: number, month: number): Period {
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    kind: 'month',
    from: isoFromParts(year, month, 1) as IsoDate,
    to: lastDayOfMonth(year, month),
  };
}

function quarterPeriod(year: number, q: number): Period {
  return {
    key: `${year}-Q${q}`,
    kind: 'quarter',
    from: isoFromParts(year, (q - 1) * 3 + 1, 1) as IsoDate,
    to: lastDayOfMonth(year, q * 3),
  };
}

function yearPeriod(year: number): Period {
  return { key: String(year), kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` };
}

/** `2026-11`, `2026-Q4`, `2026` -> the period; null for anything else. */
export function parsePeriod(text: string): Period | null {
  const m = PERIOD_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  if (m[2]) return monthPeriod(year, Number(m[2]));
  if (m[3]) return quarterPeriod(year, Number(m[3]));
  return yearPeriod(year);
}

/** The period of the same kind that contains `date`. */
export function periodContaining(date: IsoDate, kind: PeriodKind): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === 'month') return monthPeriod(year, month);
  if (kind === 'quarter') return quarterPeriod(year, Math.floor((month - 1) / 3) + 1);
  return yearPeriod(year);
}

/** The period of the same kind just before. */
export function previousPeriod(p: Period): Period {
  return periodContaining(addDays(p.from, -1), p.kind);
}

/** The `n` months ending with the month that contains `date`, oldest first. */
export function monthsEnding(date: IsoDate, n: number): Period[] {
  const out: Period[] = [];
  let p = periodContaining(date, 'month');
  for (let i = 0; i < n; i++) {
    out.unshift(p);
    p = previousPeriod(p);
  }
  return out;
}

// Dimensions -----------------------------------------------------------------------------------

export const DIMENSIONS = ['area', 'salesperson', 'collector', 'band', 'class', 'customer'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The group of customers with no value for a dimension (no area, no collector…). */
export const NO_KEY = '';

export interface CustomerDims {
  id: number;
  code: string;
  name: string;
  area: string | null;
  salesperson: string | null;
  collector: string | null;
  band: string | null;
  /** The latest rating class, null when the customer was never rated. */
  class: string | null;
}

export function dimensionKey(c: CustomerDims, by: Dimension): string {
  if (by === 'customer') return c.code;
  return c[by]?.trim() || NO_KEY;
}

export function dimensionLabel(c: CustomerDims, by: Dimension): string {
  return by === 'customer' ? c.name : dimensionKey(c, by);
}

/**
 * Who works a customer in collection: its own collector when set, else the clerk covering its
 * area (as the dunning run assigns tasks), else nobody.
 */
export function collectorOf(
  customer: { collectorId: number | null; area: string | null },
  team: readonly { id: number; name: string; role: string; areas: readonly string[]; active: boolean }[],
): string | null {
  if (customer.collectorId !== null) {
    const own = team.find((u) => u.id === customer.collectorId);
    if (own) return own.name;
  }
  if (customer.area) {
    const area = customer.area;
    const clerk = team.find((u) => u.active && u.role === 'clerk' && u.areas.includes(area));
    if (clerk) return clerk.name;
  }
  return null;
}

// Facts ----------------------------------------------------------------------------------------

/** Additive facts of one customer (or a group) for a period. Money in cents. */
export interface KpiFacts {
  /** Customers counted (1 per customer; the sum for a group). */
  customers: number;
  // The position at the end of the period (the point of measurement).
  /** Positive residuals: what customers owe. */
  receivablesCents: number;
  /** Negative residuals (credit notes not yet applied), <= 0. */
  creditsCents: number;
  /** Positive residuals by days past due; sums to receivablesCents. */
  aging: Aging;
  openCases: number;
  /** Overdue amount of the open cases. */
  inCollectionCents: number;
  /** Positive residuals at the start of the period (the end of the previous one). */
  startReceivablesCents: number;
  // Flows during the period.
  creditSalesCents: number;
  invoices: number;
  paymentsCount: number;
  paymentsCents: number;
  reversalsCents: number;
  /** Σ payment amount × days late (0 when paid by the due date). */
  lateDaysCents: number;
  /** Σ payment amount × days from the document date, over payments whose item has a document date. */
  payDaysCents: number;
  /** Σ payment amount of the payments in payDaysCents. */
  payTimedCents: number;
  casesOpened: number;
  /** Overdue amount of the cases opened in the period: what entered collection. */
  enteredCollectionCents: number;
  /** Payments on overdue items of customers with a case open on the payment's date. */
  collectedCents: number;
  /** Cases closed as paid in the period, and their days from opening to payment. */
  casesRecovered: number;
  recoveryDaysTotal: number;
  promisesKept: number;
  promisesBroken: number;
  contacts: Record<string, number>;
  letters: Record<string, number>;
}

export function emptyFacts(): KpiFacts {
  return {
    customers: 0,
    receivablesCents: 0,
    creditsCents: 0,
    aging: emptyAging(),
    openCases: 0,
    inCollectionCents: 0,
    startReceivablesCents: 0,
    creditSalesCents: 0,
    invoices: 0,
    paymentsCount: 0,
    paymentsCents: 0,
    reversalsCents: 0,
    lateDaysCents: 0,
    payDaysCents: 0,
    payTimedCents: 0,
    casesOpened: 0,
    enteredCollectionCents: 0,
    collectedCents: 0,
    casesRecovered: 0,
    recoveryDaysTotal: 0,
    promisesKept: 0,
    promisesBroken: 0,
    contacts: {},
    letters: {},
  };
}

type NumericFact = {
  [K in keyof KpiFacts]: KpiFacts[K] extends number ? K : never;
}[keyof KpiFacts];

const NUMERIC_FACTS = (Object.keys(emptyFacts()) as (keyof KpiFacts)[]).filter(
  (k): k is NumericFact => typeof emptyFacts()[k] === 'number',
);

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addFacts(a: KpiFacts, b: KpiFacts): KpiFacts {
  for (const k of NUMERIC_FACTS) a[k] += b[k];
  for (const bucket of AGING_BUCKETS) a.aging[bucket] += b.aging[bucket];
  addCounts(a.contacts, b.contacts);
  addCounts(a.letters, b.letters);
  return a;
}

export function sumFacts(list: Iterable<KpiFacts>): KpiFacts {
  const total = emptyFacts();
  for (const f of list) addFacts(total, f);
  return total;
}

export const overdueOf = (aging: Aging): number =>
  aging.d1_30 + aging.d31_60 + aging.d61_90 + aging.d91_180 + aging.d181_plus;

/** One payment seen by an import, for the timing KPIs. */
export interface PaymentFact {
  date: IsoDate;
  dueDate: IsoDate;
  /** '' when the export had no document date. */
  documentDate: IsoDate | '';
  amountCents: number;
}

/** Adds a payment's amount and its amount-weighted days late / days to pay into the facts. */
export function addPayment(f: KpiFacts, p: PaymentFact): void {
  f.paymentsCount += 1;
  f.paymentsCents += p.amountCents;
  f.lateDaysCents += p.amountCents * Math.max(0, daysBetween(p.dueDate, p.date));
  if (p.documentDate !== '') {
    f.payDaysCents += p.amountCents * Math.max(0, daysBetween(p.documentDate, p.date));
    f.payTimedCents += p.amountCents;
  }
}

// KPIs -----------------------------------------------------------------------------------------

export const REASON_CODES = [
  'future_period',
  'no_position',
  'no_start_position',
  'no_sales',
  'no_receivables',
  'cei_denominator',
  'no_payments',
  'no_dated_payments',
  'no_collection_entries',
  'no_recoveries',
  'sales_too_small',
  'too_few_cases',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_TEXT: Record<ReasonCode, string> = {
  future_period:
    'The ledger’s as-of date is before the period: no position of the ledger is known in it yet (import a newer aged-receivables export).',
  no_position:
    'No position of the ledger is known at the end of the period: no snapshot was stored in it (snapshots are stored by each import and dunning run).',
  no_start_position:
    'No position of the ledger is known at the start of the period: no snapshot was stored in the previous period.',
  no_sales: 'No credit sales in the period (invoices seen in imports, by document date): division by zero.',
  no_receivables: 'Nothing is owed at the end of the period: division by zero.',
  cei_denominator: 'What was collectible in the period is zero or negative: CEI is undefined.',
  no_payments: 'No payment was detected by imports in the period.',
  no_dated_payments: 'The items paid in the period have no document date.',
  no_collection_entries: 'No amount entered collection (no case was opened) in the period.',
  no_recoveries: 'No case was closed as paid in the period.',
  sales_too_small:
    'The credit sales of the period are too small against what is owed: DSO would pass two years and mean nothing.',
  too_few_cases: 'Fewer than 3 cases: a rate over so few cases would mislead.',
};

/** Below this many cases a collection rate or an average is not shown (tiny denominators mislead). */
export const MIN_CASES_FOR_RATE = 3;
/** A DSO beyond two years says the period's sales are too small to measure it, not how fast customers pay. */
export const MAX_CREDIBLE_DSO = 730;

export const KPI_NAMES = [
  'dso',
  'bestPossibleDso',
  'add',
  'cei',
  'recoveryRate',
  'avgRecoveryDays',
  'avgDaysLate',
  'avgDaysToPay',
  'overdueRatio',
  'aging',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

/** The figures a report cell can be drilled into, customer by customer. */
export const DRILL_FIGURES = [
  'receivables',
  'overdue',
  ...AGING_BUCKETS,
  'credits',
  'openCases',
  'sales',
  'payments',
  'late',
  'entered',
  'collected',
  'recovered',
  'promisesKept',
  'promisesBroken',
  'contacts',
  'letters',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export interface Kpis {
  period: string;
  from: IsoDate;
  to: IsoDate;
  /** The point of measurement: the period's end, or the ledger's as-of date when earlier; null when unknown. */
  asOf: IsoDate | null;
  /** Days from the period's start to the point of measurement, inclusive (DSO's "days"). */
  days: number;
  dso: number | null;
  bestPossibleDso: number | null;
  add: number | null;
  /** Ratios 0..1 (the recovery rate included: collected ÷ entrusted over the same cases). */
  cei: number | null;
  recoveryRate: number | null;
  avgRecoveryDays: number | null;
  avgDaysLate: number | null;
  avgDaysToPay: number | null;
  overdueRatio: number | null;
  aging: Aging | null;
  receivablesCents: number | null;
  overdueCents: number | null;
  creditsCents: number | null;
  openCases: number | null;
  inCollectionCents: number | null;
  creditSalesCents: number;
  enteredCollectionCents: number;
  collectedCents: number;
  casesOpened: number;
  casesRecovered: number;
  promises: { kept: number; broken: number };
  contacts: { total: number; byChannel: Record<string, number> };
  payments: { count: number; amountCents: number; reversalsCents: number };
  letters: { total: number; byTemplate: Record<string, number> };
  /** Why a KPI is null. */
  reasons: Partial<Record<KpiName, { code: ReasonCode; message: string }>>;
}

export interface Measurement {
  period: Period;
  /** The point the position figures describe; null when the period is in the future. */
  asOf: IsoDate | null;
  /** A position of the ledger is known at `asOf` (live ledger or a snapshot). */
  end: boolean;
  /** A position is known at the end of the previous period (for CEI). */
  start: boolean;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Receivables ÷ credit sales × days, one decimal; null without sales. */
export function dsoOf(receivablesCents: number, creditSalesCents: number, days: number): number | null {
  return creditSalesCents > 0 ? round1((receivablesCents / creditSalesCents) * days) : null;
}

/** Overdue ÷ receivables, four decimals; null when nothing is owed. */
export function overdueRatioOf(overdueCents: number, receivablesCents: number): number | null {
  return receivablesCents > 0 ? round4(overdueCents / receivablesCents) : null;
}
const sumValues = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The KPIs of summed facts. */
export function computeKpis(f: KpiFacts, m: Measurement): Kpis {
  const reasons: Kpis['reasons'] = {};
  const why = (kpi: KpiName, code: ReasonCode): null => {
    reasons[kpi] ??= { code, message: REASON_TEXT[code] };
    return null;
  };
  const future = m.asOf === null;
  const days = m.asOf === null ? 0 : Math.max(0, daysBetween(m.period.from, m.asOf) + 1);
  const end = !future && m.end;
  const receivables = f.receivablesCents;
  const overdue = overdueOf(f.aging);
  const current = f.aging.notDue;

  const positionReason: ReasonCode = future ? 'future_period' : 'no_position';
  const perSales = (amount: number, kpi: KpiName): number | null => {
    if (!end) return why(kpi, positionReason);
    const value = dsoOf(amount, f.creditSalesCents, days);
    if (value === null) return why(kpi, 'no_sales');
    return value > MAX_CREDIBLE_DSO ? why(kpi, 'sales_too_small') : value;
  };
  const dso = perSales(receivables, 'dso');
  const bestPossibleDso = perSales(current, 'bestPossibleDso');
  const add = dso !== null && bestPossibleDso !== null ? round1(dso - bestPossibleDso) : null;
  if (add === null) {
    const r = reasons.dso ?? reasons.bestPossibleDso;
    if (r) reasons.add = r;
  }

  let cei: number | null = null;
  if (!end) why('cei', positionReason);
  else if (!m.start) why('cei', 'no_start_position');
  else {
    const collectible = f.startReceivablesCents + f.creditSalesCents;
    const denominator = collectible - current;
    cei = denominator > 0 ? round4((collectible - receivables) / denominator) : why('cei', 'cei_denominator');
  }

  const overdueRatio = !end
    ? why('overdueRatio', positionReason)
    : (overdueRatioOf(overdue, receivables) ?? why('overdueRatio', 'no_receivables'));
  if (!end) why('aging', positionReason);

  // Flows (payments, cases) are known for any period: they do not need a position of the ledger.
  // Collected ÷ entrusted over the same cases (those opened in the period), each capped at what it
  // was entrusted with: never above 100 %.
  const recoveryRate =
    f.enteredCollectionCents <= 0
      ? why('recoveryRate', 'no_collection_entries')
      : f.casesOpened < MIN_CASES_FOR_RATE
        ? why('recoveryRate', 'too_few_cases')
        : round4(Math.min(1, f.collectedCents / f.enteredCollectionCents));
  const avgRecoveryDays =
    f.casesRecovered <= 0
      ? why('avgRecoveryDays', 'no_recoveries')
      : f.casesRecovered < MIN_CASES_FOR_RATE
        ? why('avgRecoveryDays', 'too_few_cases')
        : round1(f.recoveryDaysTotal / f.casesRecovered);
  const avgDaysLate =
    f.paymentsCents > 0 ? round1(f.lateDaysCents / f.paymentsCents) : why('avgDaysLate', 'no_payments');
  const avgDaysToPay =
    f.payTimedCents > 0
      ? round1(f.payDaysCents / f.payTimedCents)
      : why('avgDaysToPay', f.paymentsCents > 0 ? 'no_dated_payments' : 'no_payments');

  return {
    period: m.period.key,
    from: m.period.from,
    to: m.period.to,
    asOf: m.asOf,
    days,
    dso,
    bestPossibleDso,
    add,
    cei,
    recoveryRate,
    avgRecoveryDays,
    avgDaysLate,
    avgDaysToPay,
    overdueRatio,
    aging: end ? { ...f.aging } : null,
    receivablesCents: end ? receivables : null,
    overdueCents: end ? overdue : null,
    creditsCents: end ? f.creditsCents : null,
    openCases: end ? f.openCases : null,
    inCollectionCents: end ? f.inCollectionCents : null,
    creditSalesCents: f.creditSalesCents,
    enteredCollectionCents: f.enteredCollectionCents,
    collectedCents: f.collectedCents,
    casesOpened: f.casesOpened,
    casesRecovered: f.casesRecovered,
    promises: { kept: f.promisesKept, broken: f.promisesBroken },
    contacts: { total: sumValues(f.contacts), byChannel: { ...f.contacts } },
    payments: { count: f.paymentsCount, amountCents: f.paymentsCents, reversalsCents: f.reversalsCents },
    letters: { total: sumValues(f.letters), byTemplate: { ...f.letters } },
    reasons,
  };
}

/** The point of measurement of a period given the ledger's as-of date. */
export function measurementPoint(period: Period, ledgerAsOf: IsoDate): IsoDate | null {
  if (period.from > ledgerAsOf) return null;
  return period.to < ledgerAsOf ? period.to : ledgerAsOf;
}

// Critical customers ---------------------------------------------------------------------------

/** How much a rating class weighs in the critical-customer score (unrated: as a C). */
export const CLASS_WEIGHT: Record<string, number> = { A: 1, B: 1.25, C: 1.5, D: 2, E: 3 };
export const UNRATED_WEIGHT = 1.5;

/**
 * Overdue × days × rating: Σ(overdue residual × days past due) in euro-days, times the class
 * weight. Ranks the customers whose debts are both large and old, worse for a worse class.
 */
export function criticalScore(overdueDaysCents: number, ratingClass: string | null): number {
  const weight = ratingClass ? (CLASS_WEIGHT[ratingClass] ?? UNRATED_WEIGHT) : UNRATED_WEIGHT;
  return Math.round((overdueDaysCents / 100) * weight);
}
