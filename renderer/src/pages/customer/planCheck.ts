/** Live checks of a repayment plan being edited: the sum against the items plus interest, the dates. */
import type { DatedAmount } from './types.ts';

export interface PlanCheck {
  scheduledCents: number;
  targetCents: number;
  /** Scheduled minus target: positive = too much, negative = too little. */
  differenceCents: number;
  /** Rows with an amount missing or not above zero. */
  badAmounts: Set<number>;
  /** Rows whose date is missing, before today, or not after the previous row's. */
  badDates: Map<number, 'missing' | 'past' | 'order'>;
  ok: boolean;
}

export function checkPlan(
  rows: DatedAmount[],
  principalCents: number,
  interestCents: number,
  today: string,
): PlanCheck {
  const scheduledCents = rows.reduce((s, r) => s + (r.cents ?? 0), 0);
  const targetCents = principalCents + interestCents;
  const badAmounts = new Set(rows.filter((r) => r.cents === null || r.cents <= 0).map((r) => r.key));
  const badDates = new Map<number, 'missing' | 'past' | 'order'>();
  let previous: string | null = null;
  for (const r of rows) {
    if (!r.date) badDates.set(r.key, 'missing');
    else if (r.date < today) badDates.set(r.key, 'past');
    else if (previous !== null && r.date <= previous) badDates.set(r.key, 'order');
    if (r.date) previous = r.date;
  }
  const differenceCents = scheduledCents - targetCents;
  return {
    scheduledCents,
    targetCents,
    differenceCents,
    badAmounts,
    badDates,
    ok: rows.length > 0 && differenceCents === 0 && badAmounts.size === 0 && badDates.size === 0,
  };
}
