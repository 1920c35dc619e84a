/** Everything a clerk needs on one customer: header, items, figures, case, promises, plans, disputes, timeline. */

import type { Ledger } from '../../../../db/open.ts';
import {
  attachmentsOf,
  casesOf,
  contactsOf,
  customerByCode,
  disputesOf,
  openItemsOf,
  paymentEventsOf,
  plansOf,
  promisesOf,
  tasksOf,
} from '../../../../db/queries/profile.ts';
import { latestRatingOf } from '../../../../db/queries/rating.ts';
import { getUser } from '../../../../db/queries/users.ts';
import type { Profile } from '../../../../shared/api/contracts/customers.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { addDays, daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import { policyForCustomer } from '../../../../shared/domain/dunning/policy.ts';
import { paymentFigures } from '../../../../shared/domain/payment-figures.ts';
import { effectiveBand } from '../../../../shared/domain/rating.ts';
import { loadPolicies } from '../dunning/policies.ts';

type Timeline = Profile['timeline'];

export async function requireCustomer(db: Ledger, code: string) {
  const c = await customerByCode(db, code);
  if (!c) throw new AppError('NOT_FOUND', `No customer with code "${code}".`);
  return c;
}

export async function customerProfile(db: Ledger, code: string, today: IsoDate): Promise<Profile> {
  const c = await requireCustomer(db, code);
  const plans = await plansOf(db, c.id);
  const planOfItem = new Map<number, number>();
  for (const p of plans)
    if (p.status === 'active') for (const id of JSON.parse(p.itemIds) as number[]) planOfItem.set(id, p.id);
  const items = (await openItemsOf(db, c.id)).map((i) => ({
    ...i,
    disputed: Boolean(i.disputed),
    daysLate: Math.max(0, daysBetween(i.dueDate, today)),
    planId: planOfItem.get(i.id) ?? null,
  }));
  let overdue = 0;
  let residual = 0;
  let exposure = 0;
  let credits = 0;
  let disputed = 0;
  for (const i of items) {
    residual += i.residualCents;
    if (i.residualCents < 0) credits += i.residualCents;
    else {
      exposure += i.residualCents;
      if (i.dueDate < today) overdue += i.residualCents;
      if (i.disputed) disputed += i.residualCents;
    }
  }
  const events = await paymentEventsOf(db, c.id, addDays(today, -3650));
  const cases = await casesOf(db, c.id);
  const tasks = await tasksOf(db, c.id);
  const open = cases.find((k) => k.status !== 'closed');
  const stepOf = (caseId: number) =>
    tasks.filter((t) => t.t.caseId === caseId && t.t.stepIndex !== null).at(-1)?.t.stepName ?? null;
  const promises = await promisesOf(db, c.id);
  const disputes = await disputesOf(db, c.id);
  const contacts = await contactsOf(db, c.id);
  const attachments = await attachmentsOf(db, c.id);

  // Disputes are per item; the profile groups the items disputed together (same day, reason, note).
  const grouped = new Map<string, Profile['disputes'][number]>();
  for (const { d, documentNumber } of disputes) {
    const key = `${d.openedOn}|${d.reason}|${d.note ?? ''}|${d.status}`;
    const g = grouped.get(key);
    if (g) g.documents.push(documentNumber);
    else
      grouped.set(key, {
        id: d.id,
        documents: [documentNumber],
        reason: d.reason,
        note: d.note,
        status: d.status,
        openedOn: d.openedOn,
        resolvedOn: d.resolvedOn,
        outcome: d.outcome,
      });
  }

  const timeline: Timeline = [];
  for (const e of events) {
    const kind =
      e.kind === 'credit_applied'
        ? 'credit'
        : e.kind === 'reversal'
          ? 'reversal'
          : e.kind === 'increase'
            ? null
            : 'payment';
    if (kind)
      timeline.push({
        date: e.date,
        kind,
        title: `${e.kind} ${e.documentNumber}`,
        // A bank payment or returned bill: who paid and the reference the bank gave.
        detail:
          e.bankEntryId !== null
            ? [`bank #${e.bankEntryId}`, e.bankPayer, e.bankReference].filter(Boolean).join(' · ')
            : null,
        amountCents: e.amountCents,
      });
  }
  for (const { c: k, user } of contacts) {
    timeline.push({
      date: k.date,
      kind: 'contact',
      title: `${k.channel}${k.outcome ? ` · ${k.outcome}` : ''}`,
      detail: [k.person, k.note, user ? `(${user})` : null].filter(Boolean).join(' — ') || null,
      amountCents: null,
    });
  }
  for (const { t, assignee } of tasks) {
    if (t.status === 'open') continue;
    timeline.push({
      date: t.closedOn ?? t.createdOn,
      kind: 'task',
      title: `${t.stepName} · ${t.status}${t.outcome ? ` (${t.outcome})` : ''}`,
      detail: [t.note, assignee].filter(Boolean).join(' — ') || null,
      amountCents: null,
    });
  }
  for (const p of promises) {
    timeline.push({
      date: p.createdOn,
      kind: 'promise',
      title: `promise for ${p.date} · ${p.status}`,
      detail: null,
      amountCents: p.amountCents,
    });
  }
  for (const p of plans) {
    timeline.push({
      date: p.createdOn,
      kind: 'plan',
      title: `plan · ${p.installments.length} installments · ${p.status}`,
      detail: null,
      amountCents: p.totalCents,
    });
  }
  for (const d of grouped.values()) {
    timeline.push({
      date: d.openedOn,
      kind: 'dispute',
      title: `dispute · ${d.reason} · ${d.status}`,
      detail: d.documents.join(', '),
      amountCents: null,
    });
  }
  for (const k of cases) {
    timeline.push({
      date: k.openedOn,
      kind: 'case',
      title: `case opened (${k.policyName})`,
      detail: null,
      amountCents: k.openedOverdueCents,
    });
    if (k.closedOn)
      timeline.push({
        date: k.closedOn,
        kind: 'case',
        title: `case closed · ${k.outcome ?? ''}`,
        detail: null,
        amountCents: null,
      });
  }
  for (const a of attachments) {
    timeline.push({
      date: a.createdAt.slice(0, 10),
      kind: 'document',
      title: a.fileName,
      detail: a.sha256.slice(0, 12),
      amountCents: null,
    });
  }
  timeline.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

  const band = effectiveBand(c.band, (await latestRatingOf(db, c.id))?.class);
  const assigned = policyForCustomer(await loadPolicies(db), band, c.policyOverride);
  return {
    customer: {
      id: c.id,
      code: c.code,
      name: c.name,
      vat: c.vat,
      taxCode: c.taxCode,
      address: c.address,
      email: c.email,
      pec: c.pec,
      sdiCode: c.sdiCode,
      iban: c.iban,
      phone: c.phone,
      phone2: c.phone2,
      area: c.area,
      salesperson: c.salesperson,
      paymentMethod: c.paymentMethod,
      collectorId: c.collectorId,
      collector: c.collectorId !== null ? ((await getUser(db, c.collectorId))?.name ?? null) : null,
      band: c.band,
      effectiveBand: band,
      policyOverride: c.policyOverride,
      policyOverrideReason: c.policyOverrideReason,
      policy: assigned.policy?.name ?? null,
      policyOverrideMissing: assigned.overrideMissing,
      creditLimitCents: c.creditLimitCents,
      language: c.language,
      keyAccount: c.keyAccount,
      orderBlocked: c.orderBlocked,
      orderBlockReason: c.orderBlockReason,
      orderBlockedOn: c.orderBlockedOn,
      dunningContactName: c.dunningContactName,
      dunningContactEmail: c.dunningContactEmail,
      notes: c.notes,
    },
    items,
    figures: {
      overdueCents: overdue,
      residualCents: residual,
      exposureCents: exposure,
      creditsCents: credits,
      disputedCents: disputed,
      ...paymentFigures(events, today),
    },
    openCase: open
      ? {
          id: open.id,
          status: open.status,
          policy: open.policyName,
          step: stepOf(open.id),
          openedOn: open.openedOn,
          pausedReason: open.pausedReason,
          overdueCents: open.overdueCents,
        }
      : null,
    promises: promises.map((p) => ({ id: p.id, date: p.date, amountCents: p.amountCents, status: p.status })),
    plans: plans.map((p) => ({
      id: p.id,
      status: p.status,
      totalCents: p.totalCents,
      frequency: p.frequency,
      installments: p.installments.map((i) => ({
        date: i.dueDate,
        amountCents: i.amountCents,
        paidCents: i.paidCents,
        status: i.status,
      })),
    })),
    disputes: [...grouped.values()],
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      createdAt: a.createdAt,
    })),
    timeline,
  };
}
