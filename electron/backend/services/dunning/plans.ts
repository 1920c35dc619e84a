/**
 * Repayment plans during a run: payments seen on the plan's items are matched to installments in
 * date order; an installment past its date plus grace and not covered is missed (a call task),
 * and after `planMaxMissed` misses the plan is broken and the case resumes.
 */

import type { Ledger } from '../../../../db/open.ts';
import { paymentsOnItems } from '../../../../db/queries/dunning.ts';
import { activePlans, updatePlan, updatePlanInstallment } from '../../../../db/queries/profile.ts';
import type { CustomerScope } from '../../../../db/queries/scope.ts';
import { getSetting } from '../../../../db/queries/settings.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';

export interface PlanOutcome {
  /** Customers with a plan being honoured: their case stays paused. */
  honoured: Set<number>;
  /** Customers whose plan had an installment missed in this run: a call task each. */
  missedToday: Set<number>;
  brokenToday: Set<number>;
}

/** With a `scope`, only those customers' plans (the others are as the same day's previous run left them). */
export async function settlePlans(
  db: Ledger,
  today: IsoDate,
  graceDays: number,
  scope?: CustomerScope,
): Promise<PlanOutcome> {
  const maxMissed = await getSetting<number>(db, 'planMaxMissed', 2);
  const out: PlanOutcome = { honoured: new Set(), missedToday: new Set(), brokenToday: new Set() };
  const wanted = scope ? new Set(scope) : null;
  for (const plan of await activePlans(db)) {
    if (wanted && !wanted.has(plan.customerId)) continue;
    const paid = await paymentsOnItems(db, JSON.parse(plan.itemIds) as number[], plan.createdOn);
    let pool = paid.reduce((s, p) => s + p.cents, 0);
    let missed = 0;
    let allPaid = true;
    for (const inst of plan.installments) {
      const covered = Math.max(0, Math.min(inst.amountCents, pool));
      pool -= covered;
      const status =
        covered >= inst.amountCents ? 'paid' : addDays(inst.dueDate, graceDays) < today ? 'missed' : 'due';
      if (status !== 'paid') allPaid = false;
      if (status === 'missed') missed++;
      if (status !== inst.status || covered !== inst.paidCents) {
        if (status === 'missed' && inst.status !== 'missed') out.missedToday.add(plan.customerId);
        await updatePlanInstallment(db, inst.id, { status, paidCents: covered });
      }
    }
    if (allPaid) await updatePlan(db, plan.id, { status: 'completed', closedOn: today });
    else if (missed >= maxMissed) {
      await updatePlan(db, plan.id, { status: 'broken', closedOn: today });
      out.brokenToday.add(plan.customerId);
    } else out.honoured.add(plan.customerId);
  }
  return out;
}
