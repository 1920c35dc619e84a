/**
 * A repayment plan's schedule: the total split into equal installments (the cents left over go
 * to the last one, so the sum is exact), weekly or monthly from a first date; optional simple
 * interest on the declining balance, days/365, rounded per installment half-up.
 */
import { addDays, daysBetween, type IsoDate, isoFromParts } from './dates.ts';

export interface ScheduleInput {
  totalCents: number;
  installments: number;
  first: IsoDate;
  every: 'week' | 'month';
  /** Annual simple interest in percent (0 = none). */
  interestPercent: number;
  /** Interest runs from this date to the first installment. */
  today: IsoDate;
}

export interface ScheduledInstallment {
  date: IsoDate;
  amountCents: number;
}

/** Same day of the month `months` later, clamped to the month's end (31/01 + 1 month = 28/02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  for (let day = d; day >= 28; day--) {
    const iso = isoFromParts(year, month, day);
    if (iso) return iso;
  }
  return isoFromParts(year, month, d) as IsoDate;
}

export function planSchedule(input: ScheduleInput): {
  installments: ScheduledInstallment[];
  interestCents: number;
} {
  const n = input.installments;
  const base = Math.floor(input.totalCents / n);
  const dates = Array.from({ length: n }, (_, k) =>
    input.every === 'week' ? addDays(input.first, 7 * k) : addMonths(input.first, k),
  );
  let outstanding = input.totalCents;
  let previous = input.today;
  let interestCents = 0;
  const installments = dates.map((date, k) => {
    const principal = k === n - 1 ? outstanding : base;
    const days = Math.max(0, daysBetween(previous, date));
    const interest = Math.round((outstanding * input.interestPercent * days) / 36_500);
    outstanding -= principal;
    previous = date;
    interestCents += interest;
    return { date, amountCents: principal + interest };
  });
  return { installments, interestCents };
}
