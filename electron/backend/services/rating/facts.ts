/**
 * Gathers the rating facts of every customer (or one) from the ledger in a few batched queries,
 * into the shape shared/domain/rating.ts scores.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  behaviourCounts,
  customersToRate,
  itemFactsByCustomer,
  legalActionCounts,
  paymentFactsByCustomer,
} from '../../../../db/queries/rating.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import type { RatingConfig, RatingFacts } from '../../../../shared/domain/rating.ts';

export interface CustomerFacts {
  customerId: number;
  code: string;
  facts: RatingFacts;
}

/** Above this many customers, one pass over everyone is cheaper than a long IN list. */
const FEW = 500;

/** The facts of every customer, or of the given ones. */
export async function gatherFacts(
  db: Ledger,
  today: IsoDate,
  windows: RatingConfig['windows'],
  customerIds?: readonly number[],
): Promise<CustomerFacts[]> {
  const ids = customerIds && customerIds.length <= FEW ? customerIds : undefined;
  const wanted = customerIds && !ids ? new Set(customerIds) : null;
  const yearStart = addDays(today, -windows.yearDays);
  const recentStart = addDays(today, -windows.recentDays);
  const items = itemFactsByCustomer(db, today, ids);
  const paid = paymentFactsByCustomer(db, { today, yearStart, recentStart }, ids);
  const counts = behaviourCounts(db, yearStart, today, ids);
  const legal = await legalActionCounts(db, addDays(today, -windows.legalDays), today, ids);
  const rated = customersToRate(db, ids);
  return (wanted ? rated.filter((c) => wanted.has(c.id)) : rated).map((c) => {
    const i = items.get(c.id);
    const p = paid.get(c.id);
    return {
      customerId: c.id,
      code: c.code,
      facts: {
        paid: { cents: p?.cents ?? 0, dayCents: p?.dayCents ?? 0, count: p?.count ?? 0 },
        recent: { cents: p?.recentCents ?? 0, dayCents: p?.recentDayCents ?? 0 },
        earlier: {
          cents: (p?.cents ?? 0) - (p?.recentCents ?? 0),
          dayCents: (p?.dayCents ?? 0) - (p?.recentDayCents ?? 0),
        },
        exposureCents: i?.exposureCents ?? 0,
        overdue: { cents: i?.overdueCents ?? 0, dayCents: i?.overdueDayCents ?? 0 },
        creditLimitCents: c.creditLimitCents,
        brokenPromises: counts.brokenPromises.get(c.id) ?? 0,
        brokenPlans: counts.brokenPlans.get(c.id) ?? 0,
        disputes: counts.disputes.get(c.id) ?? 0,
        formalNotices: counts.formalNotices.get(c.id) ?? 0,
        legalActions: legal.get(c.id) ?? 0,
        firstDueDate: i?.firstDueDate ?? null,
      },
    };
  });
}
