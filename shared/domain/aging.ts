import { daysBetween, type IsoDate } from './dates.ts';
import type { Cents } from './money.ts';

export const AGING_BUCKETS = ['notDue', 'd1_30', 'd31_60', 'd61_90', 'd91_180', 'd181_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = Record<AgingBucket, Cents>;

export function emptyAging(): Aging {
  return { notDue: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, d181_plus: 0 };
}

/** Days past due at `asOf`: 0 or negative means not yet due (due on or after the as-of date). */
export function daysPastDue(dueDate: IsoDate, asOf: IsoDate): number {
  return daysBetween(dueDate, asOf);
}

export function agingBucket(dueDate: IsoDate, asOf: IsoDate): AgingBucket {
  const d = daysPastDue(dueDate, asOf);
  if (d <= 0) return 'notDue';
  if (d <= 30) return 'd1_30';
  if (d <= 60) return 'd31_60';
  if (d <= 90) return 'd61_90';
  if (d <= 180) return 'd91_180';
  return 'd181_plus';
}

/** Ages positive residuals only: credit notes are deductions, not receivables of an age. */
export function ageItems(items: Iterable<{ dueDate: IsoDate; residualCents: Cents }>, asOf: IsoDate): Aging {
  const aging = emptyAging();
  for (const it of items) {
    if (it.residualCents > 0) aging[agingBucket(it.dueDate, asOf)] += it.residualCents;
  }
  return aging;
}
