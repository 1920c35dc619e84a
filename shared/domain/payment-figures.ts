/**
 * How a customer pays, from the payment events imports detected: amount-weighted average days
 * late (payment date vs due date, early payments count as 0) and days to pay (vs document date).
 */
import { addDays, daysBetween, type IsoDate } from './dates.ts';

export interface PaymentEvent {
  date: IsoDate;
  kind: string;
  amountCents: number;
  dueDate: IsoDate;
  documentDate: IsoDate | '';
}

export interface PaymentFigures {
  /** null when no payment in the last 12 months. */
  avgDaysLate: number | null;
  avgDaysToPay: number | null;
  paymentsLast90Count: number;
  paymentsLast90Cents: number;
}

const PAYMENT_KINDS = new Set(['payment', 'partial_payment']);

export function paymentFigures(events: readonly PaymentEvent[], today: IsoDate): PaymentFigures {
  const yearAgo = addDays(today, -365);
  const ninetyAgo = addDays(today, -90);
  let lateWeighted = 0;
  let lateWeight = 0;
  let payWeighted = 0;
  let payWeight = 0;
  let count90 = 0;
  let cents90 = 0;
  for (const e of events) {
    if (!PAYMENT_KINDS.has(e.kind) || e.amountCents <= 0 || e.date > today) continue;
    if (e.date >= yearAgo) {
      lateWeighted += Math.max(0, daysBetween(e.dueDate, e.date)) * e.amountCents;
      lateWeight += e.amountCents;
      if (e.documentDate) {
        payWeighted += Math.max(0, daysBetween(e.documentDate, e.date)) * e.amountCents;
        payWeight += e.amountCents;
      }
    }
    if (e.date > ninetyAgo) {
      count90++;
      cents90 += e.amountCents;
    }
  }
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    avgDaysLate: lateWeight ? round1(lateWeighted / lateWeight) : null,
    avgDaysToPay: payWeight ? round1(payWeighted / payWeight) : null,
    paymentsLast90Count: count90,
    paymentsLast90Cents: cents90,
  };
}
