import { and, eq, ne, sql } from 'drizzle-orm';
import type { Aging } from '../../shared/domain/aging.ts';
import { addDays, type IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import { importBatches, openItems } from '../schema.ts';

export interface LedgerSummary {
  asOf: IsoDate;
  customers: number;
  items: number;
  residualCents: number;
  overdueCents: number;
  aging: Aging;
}

/** The as-of date of the latest import still in force, or null for a ledger never imported. */
export async function ledgerAsOf(db: Ledger): Promise<IsoDate | null> {
  const row = db
    .select({ asOf: importBatches.asOf })
    .from(importBatches)
    .where(sql`${importBatches.undoneAt} IS NULL`)
    .orderBy(sql`${importBatches.id} DESC`)
    .limit(1)
    .get();
  return row?.asOf ?? null;
}

/**
 * Figures over open items with a non-zero residual. Bucket limits are computed as dates
 * so the query stays portable and uses the (status, due_date) index.
 */
export async function ledgerSummary(db: Ledger, asOf: IsoDate): Promise<LedgerSummary> {
  const b30 = addDays(asOf, -30);
  const b60 = addDays(asOf, -60);
  const b90 = addDays(asOf, -90);
  const b180 = addDays(asOf, -180);
  const pos = sql`CASE WHEN ${openItems.residualCents} > 0 THEN ${openItems.residualCents} ELSE 0 END`;
  const due = openItems.dueDate;
  const row = db
    .select({
      customers: sql<number>`COUNT(DISTINCT ${openItems.customerId})`,
      items: sql<number>`COUNT(*)`,
      residualCents: sql<number>`COALESCE(SUM(${openItems.residualCents}), 0)`,
      notDue: sql<number>`COALESCE(SUM(CASE WHEN ${due} >= ${asOf} THEN ${pos} ELSE 0 END), 0)`,
      d1_30: sql<number>`COALESCE(SUM(CASE WHEN ${due} < ${asOf} AND ${due} >= ${b30} THEN ${pos} ELSE 0 END), 0)`,
      d31_60: sql<number>`COALESCE(SUM(CASE WHEN ${due} < ${b30} AND ${due} >= ${b60} THEN ${pos} ELSE 0 END), 0)`,
      d61_90: sql<number>`COALESCE(SUM(CASE WHEN ${due} < ${b60} AND ${due} >= ${b90} THEN ${pos} ELSE 0 END), 0)`,
      d91_180: sql<number>`COALESCE(SUM(CASE WHEN ${due} < ${b90} AND ${due} >= ${b180} THEN ${pos} ELSE 0 END), 0)`,
      d181_plus: sql<number>`COALESCE(SUM(CASE WHEN ${due} < ${b180} THEN ${pos} ELSE 0 END), 0)`,
    })
    .from(openItems)
    .where(and(eq(openItems.status, 'open'), ne(openItems.residualCents, 0)))
    .get();
  const r = row ?? {
    customers: 0,
    items: 0,
    residualCents: 0,
    notDue: 0,
    d1_30: 0,
    d31_60: 0,
    d61_90: 0,
    d91_180: 0,
    d181_plus: 0,
  };
  const aging: Aging = {
    notDue: r.notDue,
    d1_30: r.d1_30,
    d31_60: r.d31_60,
    d61_90: r.d61_90,
    d91_180: r.d91_180,
    d181_plus: r.d181_plus,
  };
  return {
    asOf,
    customers: r.customers,
    items: r.items,
    residualCents: r.residualCents,
    overdueCents: aging.d1_30 + aging.d31_60 + aging.d61_90 + aging.d91_180 + aging.d181_plus,
    aging,
  };
}
