/**
 * Critical cases: the customers whose overdue is both large and old (overdue × days × rating, see
 * criticalScore), the promises broken in the period, the oldest open disputes, and the legal
 * dossiers whose convenience evaluation says continuing is not worth it.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  brokenPromisesIn,
  customersWithOpenCase,
  oldestOpenDisputes,
  overdueByDueDate,
} from '../../../../db/queries/kpi.ts';
import { ledgerAsOf } from '../../../../db/queries/summary.ts';
import type { Critical } from '../../../../shared/api/contracts/reports.ts';
import { daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import { criticalScore, type Period } from '../../../../shared/domain/kpi.ts';
import { dossierList, dossierView } from '../legal/view.ts';
import { customerDims } from './kpi.ts';

export async function criticalCases(
  db: Ledger,
  period: Period,
  today: IsoDate,
  limit: number,
): Promise<Critical> {
  const asOf = (await ledgerAsOf(db)) ?? today;
  const dims = await customerDims(db);
  const name = (id: number) => dims.get(id)?.name ?? '';
  const code = (id: number) => dims.get(id)?.code ?? '';

  const byCustomer = new Map<number, { overdue: number; overdueDays: number }>();
  for (const r of await overdueByDueDate(db, asOf)) {
    const c = byCustomer.get(r.customerId) ?? { overdue: 0, overdueDays: 0 };
    c.overdue += r.residualCents;
    c.overdueDays += r.residualCents * daysBetween(r.dueDate, asOf);
    byCustomer.set(r.customerId, c);
  }
  const openCase = await customersWithOpenCase(db);
  const customers = [...byCustomer.entries()]
    .filter(([id]) => dims.has(id))
    .map(([id, c]) => {
      const cls = dims.get(id)?.class ?? null;
      return {
        code: code(id),
        name: name(id),
        overdueCents: c.overdue,
        avgDaysOverdue: c.overdue > 0 ? Math.round((c.overdueDays / c.overdue) * 10) / 10 : 0,
        class: cls,
        score: criticalScore(c.overdueDays, cls),
        openCase: openCase.has(id),
      };
    })
    .sort((a, b) => b.score - a.score || b.overdueCents - a.overdueCents)
    .slice(0, limit);

  const brokenPromises = (await brokenPromisesIn(db, period.from, period.to)).slice(0, limit).map((p) => ({
    code: code(p.customerId),
    name: name(p.customerId),
    date: p.date,
    amountCents: p.amountCents,
    resolvedOn: p.resolvedOn,
  }));

  const disputes = (await oldestOpenDisputes(db, limit)).map((d) => ({
    code: code(d.customerId),
    name: name(d.customerId),
    openedOn: d.openedOn,
    days: Math.max(0, daysBetween(d.openedOn, today)),
    reason: d.reason,
    documentNumber: d.documentNumber,
    residualCents: d.residualCents,
  }));

  const legal: Critical['legal'] = [];
  for (const d of await dossierList(db, 'active')) {
    const view = await dossierView(db, d.customerCode, today);
    if (view.evaluation.worthContinuing || view.evaluation.reasonCode !== 'not_worth') continue;
    legal.push({
      code: d.customerCode,
      name: d.customerName,
      phase: view.phase,
      claimCents: view.evaluation.claimCents,
      expectedNetCents: view.evaluation.expectedNetCents,
      reason: view.evaluation.reason,
    });
  }
  legal.sort((a, b) => a.expectedNetCents - b.expectedNetCents);

  return { asOf, customers, brokenPromises, disputes, legal: legal.slice(0, limit) };
}
