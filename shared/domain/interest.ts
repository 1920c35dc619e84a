/**
 * Late-payment interest under D.Lgs. 231/2002: simple interest on each overdue residual from the
 * day after its due date up to and including the calculation date, at the rate of each half-year
 * the days fall in (ECB reference rate on 1 January / 1 July + 8 points), days/365; per item the
 * exact sum is rounded to the cent once, half-up. Rates are kept in basis points (10.15 % = 1015)
 * and sums in BigInt, so no float ever touches an amount.
 */
import { addDays, daysBetween, type IsoDate } from './dates.ts';

export interface HalfYearRate {
  /** First day of the half-year: YYYY-01-01 or YYYY-07-01. */
  from: IsoDate;
  /** ECB main refinancing rate in force on `from`, in basis points. */
  ecbBp: number;
  /** The moratory rate: ECB + 800 bp (for contracts from 2013). */
  moratoryBp: number;
}

export interface InterestPeriod {
  from: IsoDate;
  to: IsoDate;
  days: number;
  ratePercent: number;
  /** This period's share, rounded for display; the item's total is rounded once from the exact sum. */
  interestCents: number;
}

export interface ItemInterest {
  periods: InterestPeriod[];
  interestCents: number;
}

export class MissingRatesError extends Error {
  constructor(readonly halfYears: string[]) {
    super(
      `The late-payment rate is missing for ${halfYears.join(', ')}: add it in Settings or with \`rates add --from YYYY-MM-DD --ecb PERCENT\`.`,
    );
    this.name = 'MissingRatesError';
  }
}

export const MORATORY_SPREAD_BP = 800;
const DAY_BASIS = 365n;

/** Half-up division of a non-negative BigInt. */
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

export function halfYearStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? '01' : '07'}-01`;
}

function halfYearEnd(start: IsoDate): IsoDate {
  return start.endsWith('-01-01') ? `${start.slice(0, 4)}-06-30` : `${start.slice(0, 4)}-12-31`;
}

export function halfYearLabel(start: IsoDate): string {
  return `${start.endsWith('-01-01') ? 'H1' : 'H2'} ${start.slice(0, 4)} (${start} – ${halfYearEnd(start)})`;
}

export function percentToBp(percent: string | number): number {
  const bp = Math.round(Number(percent) * 100);
  if (!Number.isFinite(bp)) throw new Error(`Not a percentage: ${percent}`);
  return bp;
}

/** The half-years between the day after `dueDate` and `calcDate` that have no rate. */
export function missingHalfYears(
  rates: readonly HalfYearRate[],
  dueDate: IsoDate,
  calcDate: IsoDate,
): string[] {
  const have = new Set(rates.map((r) => r.from));
  const missing: string[] = [];
  for (
    let start = halfYearStart(addDays(dueDate, 1));
    start <= calcDate;
    start = addDays(halfYearEnd(start), 1)
  ) {
    if (!have.has(start)) missing.push(halfYearLabel(start));
  }
  return missing;
}

export function itemInterest(
  rates: readonly HalfYearRate[],
  residualCents: number,
  dueDate: IsoDate,
  calcDate: IsoDate,
): ItemInterest {
  // Credit notes and fully paid items accrue nothing; nor does an item not yet overdue.
  if (residualCents <= 0 || calcDate <= dueDate) return { periods: [], interestCents: 0 };
  const missing = missingHalfYears(rates, dueDate, calcDate);
  if (missing.length > 0) throw new MissingRatesError(missing);
  const byStart = new Map(rates.map((r) => [r.from, r]));
  const periods: InterestPeriod[] = [];
  let exact = 0n;
  const denominator = 10_000n * DAY_BASIS;
  for (let from = addDays(dueDate, 1); from <= calcDate; ) {
    const start = halfYearStart(from);
    const end = halfYearEnd(start);
    const to = end < calcDate ? end : calcDate;
    const days = daysBetween(from, to) + 1;
    const rate = byStart.get(start) as HalfYearRate;
    const numerator = BigInt(residualCents) * BigInt(rate.moratoryBp) * BigInt(days);
    exact += numerator;
    periods.push({
      from,
      to,
      days,
      ratePercent: rate.moratoryBp / 100,
      interestCents: roundHalfUp(numerator, denominator),
    });
    from = addDays(to, 1);
  }
  return { periods, interestCents: roundHalfUp(exact, denominator) };
}

/** Parses the shipped CSV (`from_date,to_date,ecb_rate_percent,moratory_rate_percent,source`). */
export function parseRatesCsv(text: string): HalfYearRate[] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [from, , ecb, moratory] = line.split(',');
      if (!from || ecb === undefined || moratory === undefined) throw new Error(`Bad rate line: ${line}`);
      return { from, ecbBp: percentToBp(ecb), moratoryBp: percentToBp(moratory) };
    });
}
