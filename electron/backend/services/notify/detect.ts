/**
 * The day's alerts, raised by the day's run right after the ratings (services/daily/run.ts):
 * a rating that fell by the configured number of classes, exposure above the credit limit, a
 * promise or plan installment broken, a returned bank bill, a new invoice for a customer in the
 * legal phase. Each fact raises one alert (its key), however often the run repeats; an exposure
 * back under its limit closes its alert so a later excess raises a new one.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  brokenPromisesSince,
  customersOverLimit,
  insertAlert,
  invoicesInLegal,
  missedInstallmentsSince,
  ratingChangesSince,
  resolveAlert,
  returnedBillsSince,
  syncSalespeople,
  unresolvedAlerts,
} from '../../../../db/queries/notify.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import { type AlertKind, classDrop } from '../../../../shared/domain/notify.ts';
import { loadNotifyConfig } from './config.ts';

/** How far back a fact may lie and still raise an alert (a first run does not dig up last year). */
export const LOOKBACK_DAYS = 7;

export async function detectAlerts(db: Ledger, today: IsoDate): Promise<number> {
  // Salespeople named by the customers (the imports) become recipients without an e-mail yet.
  await syncSalespeople(db);
  const { alerts: rules } = await loadNotifyConfig(db);
  const since = addDays(today, -LOOKBACK_DAYS);
  let added = 0;
  const add = async (kind: AlertKind, customerId: number, key: string, params: Record<string, unknown>) => {
    if (await insertAlert(db, { customerId, kind, key, date: today, params, urgent: rules[kind].urgent }))
      added++;
  };

  if (rules.ratingDrop.enabled) {
    for (const r of await ratingChangesSince(db, since)) {
      if (classDrop(r.previousClass, r.class) >= Math.max(1, rules.ratingDrop.threshold))
        await add('ratingDrop', r.customerId, `rating:${r.id}`, {
          from: r.previousClass,
          to: r.class,
          score: r.score,
          on: r.changedOn,
        });
    }
  }

  // Exposure above the limit: one alert while it lasts; closed when back under (or the rule is off).
  const open = new Map((await unresolvedAlerts(db, 'overLimit')).map((a) => [a.customerId, a.id]));
  const over = rules.overLimit.enabled
    ? (await customersOverLimit(db)).filter(
        (o) => o.exposureCents * 100 > o.limitCents * (100 + rules.overLimit.threshold),
      )
    : [];
  for (const o of over) {
    if (open.delete(o.customerId)) continue;
    await add('overLimit', o.customerId, `overLimit:${o.customerId}:${today}`, {
      exposureCents: o.exposureCents,
      limitCents: o.limitCents,
    });
  }
  for (const id of open.values()) await resolveAlert(db, id, today);

  if (rules.promiseBroken.enabled) {
    for (const p of await brokenPromisesSince(db, since))
      await add('promiseBroken', p.customerId, `promise:${p.id}`, {
        date: p.date,
        amountCents: p.amountCents,
      });
  }
  if (rules.planBroken.enabled) {
    for (const i of await missedInstallmentsSince(db, addDays(today, -60)))
      await add('planBroken', i.customerId, `installment:${i.id}`, {
        seq: i.seq,
        dueDate: i.dueDate,
        amountCents: i.missingCents,
      });
  }
  if (rules.returnedBill.enabled) {
    for (const r of await returnedBillsSince(db, since)) {
      if (r.amountCents < rules.returnedBill.threshold) continue;
      await add('returnedBill', r.customerId, `return:${r.id}`, {
        date: r.bookingDate,
        amountCents: r.amountCents,
        bankReason: r.reason,
      });
    }
  }
  if (rules.legalInvoice.enabled) {
    // Only recent invoices: enabling the rule (or upgrading) does not dig up a dossier's whole history.
    for (const i of await invoicesInLegal(db, since))
      await add('legalInvoice', i.customerId, `legalInvoice:${i.id}`, {
        document: i.documentNumber,
        date: i.documentDate,
        amountCents: i.amountCents,
      });
  }
  return added;
}
