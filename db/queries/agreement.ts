/** Queries of the printable repayment-plan agreement (electron/backend/services/letters/agreement.ts). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { customers, openItems, planInstallments, plans } from '../schema.ts';

export type PlanRow = typeof plans.$inferSelect;

export async function planById(db: Ledger, planId: number): Promise<PlanRow | undefined> {
  return db.select().from(plans).where(eq(plans.id, planId)).get();
}

export async function customerById(db: Ledger, customerId: number) {
  return db.select().from(customers).where(eq(customers.id, customerId)).get();
}

/** The items a plan covers, by due date then document number. */
export async function planItems(db: Ledger, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(openItems)
    .where(inArray(openItems.id, [...itemIds]))
    .orderBy(asc(openItems.dueDate), asc(openItems.documentNumber))
    .all();
}

/** A plan's installments in order. */
export async function planInstallmentRows(db: Ledger, planId: number) {
  return db
    .select()
    .from(planInstallments)
    .where(eq(planInstallments.planId, planId))
    .orderBy(asc(planInstallments.seq))
    .all();
}
