/**
 * What each recipient's digest says: a salesperson sees only their own customers (GDPR
 * minimisation), a collector the customers of the tasks due by today and what went late, the
 * manager the office's day; each with the new alerts that concern them. A digest whose content
 * is the same as the last one sent to that recipient is "nothing new" and not sent.
 */
import crypto from 'node:crypto';
import type { Ledger } from '../../../../db/open.ts';
import {
  type AlertRow,
  blocksReleasedSince,
  collectorDay,
  type DigestCustomerRow,
  digestCustomers,
  dueTaskCustomers,
  lastDigest,
  listAlerts,
  listSalespeople,
  officeDays,
  usersWithRole,
} from '../../../../db/queries/notify.ts';
import type { DigestPreview } from '../../../../shared/api/contracts/notify.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import { MANAGER_ROLES, type NotifyRole } from '../../../../shared/domain/notify.ts';
import { readSetting } from '../settings/store.ts';
import { loadNotifyConfig, userAddress } from './config.ts';
import { alertReason, askedText, type DigestText, digestBody, digestSubject, type Lang } from './text.ts';

export interface Digest extends DigestPreview {
  fingerprint: string;
  alertIds: number[];
  /** The customers listed, for the timeline. */
  customerIds: number[];
  body: DigestText;
}

export function alertParams(a: Pick<AlertRow, 'params'>): Record<string, string | number | null> {
  try {
    return JSON.parse(a.params) as Record<string, string | number | null>;
  } catch {
    return {};
  }
}

function nextActionOf(r: DigestCustomerRow): string | null {
  if (!r.nextAction) return null;
  return r.nextDate ? `${r.nextAction} (${r.nextDate})` : r.nextAction;
}

async function build(
  db: Ledger,
  today: IsoDate,
  r: { to: string; role: NotifyRole; email: string | null; language: Lang },
  rows: DigestCustomerRow[],
  alerts: AlertRow[],
  extra: Pick<DigestText, 'collector' | 'office'>,
  released: Set<string>,
): Promise<Digest> {
  const last = await lastDigest(db, r.role, r.to);
  const lastAlert = last ? Math.max(0, ...(JSON.parse(last.alertIds) as number[])) : 0;
  // Alerts already carried by a digest to this recipient are not repeated.
  const fresh = alerts.filter((a) => a.id > lastAlert);
  const customers = rows.map((c) => ({
    code: c.code,
    name: c.name,
    overdueCents: c.overdueCents,
    step: c.step,
    nextAction: nextActionOf(c),
    asked: askedText(
      {
        orderBlocked: c.orderBlocked === 1,
        lastBrokenPromise: c.lastBrokenPromise,
        oldestOverdue: c.oldestOverdue,
        released: released.has(c.code),
      },
      r.role,
      r.language,
    ),
  }));
  const alertViews = fresh.map((a) => ({
    kind: a.kind,
    customerCode: a.customerCode,
    customerName: a.customerName,
    reason: alertReason(a.kind, alertParams(a), r.language),
    urgent: a.urgent === 1,
  }));
  const company = String(await readSetting(db, 'company.name'));
  const body: DigestText = {
    role: r.role,
    name: r.to,
    company,
    today,
    customers,
    alerts: alertViews,
    ...extra,
  };
  // The fingerprint leaves out the day: the same customers and figures tomorrow are not news.
  const fingerprint = crypto
    .createHash('sha256')
    .update(
      JSON.stringify({
        customers,
        alerts: fresh.map((a) => a.id),
        office: extra.office ?? null,
        collector: extra.collector ?? null,
      }),
    )
    .digest('hex');
  // A run alone is no news: one runs every day.
  const o = extra.office;
  const empty =
    customers.length === 0 &&
    fresh.length === 0 &&
    !(o && o.lettersSent + o.paymentsCents + o.promisesBroken + o.newLegalCases > 0);
  return {
    to: r.to,
    role: r.role,
    email: r.email,
    language: r.language,
    customers,
    alerts: alertViews.map(({ kind, customerCode, reason, urgent }) => ({
      kind,
      customerCode,
      reason,
      urgent,
    })),
    nothingNew: empty || last?.fingerprint === fingerprint,
    subject: digestSubject(body, r.language),
    text: digestBody(body, r.language),
    fingerprint,
    alertIds: fresh.map((a) => a.id),
    customerIds: rows.map((c) => c.id),
    body,
  };
}

/**
 * The office's days not yet reported to this manager: from the day of their last digest (or
 * yesterday) to yesterday. At 07:00 today's letters and payments are still to come: they go in
 * tomorrow's digest.
 */
async function officeSince(
  db: Ledger,
  today: IsoDate,
  manager: string,
): Promise<NonNullable<DigestText['office']>> {
  const from = (await lastDigest(db, 'manager', manager))?.date ?? addDays(today, -1);
  const to = addDays(today, -1);
  return { from, to, ...officeDays(db, from, to) };
}

/** Every digest of today (or only the one for `to`), salespeople first, then collectors, then managers. */
export async function buildDigests(
  db: Ledger,
  today: IsoDate,
  opts: { to?: string } = {},
): Promise<Digest[]> {
  const config = await loadNotifyConfig(db);
  const minOverdueCents = Number(await readSetting(db, 'notify.minOverdueCents'));
  const alerts = (await listAlerts(db, { open: true })).reverse();
  // Since yesterday: a release after yesterday's digest went out is told today.
  const releasedCodes = await blocksReleasedSince(db, addDays(today, -1));
  const released = new Set(releasedCodes);
  const wanted = (name: string) => opts.to === undefined || opts.to === name;
  // One scan of the ledger for every digest; a single recipient's is read on its own.
  const single = opts.to !== undefined;
  let everyone: DigestCustomerRow[] | null = null;
  const all = async () => {
    everyone ??= await digestCustomers(db, today, { minOverdueCents: 0, alsoCodes: releasedCodes });
    return everyone;
  };
  const least = Math.max(1, minOverdueCents);
  const out: Digest[] = [];

  for (const s of await listSalespeople(db)) {
    if (!wanted(s.name)) continue;
    const rows = single
      ? await digestCustomers(db, today, { minOverdueCents, salesperson: s.name, alsoCodes: releasedCodes })
      : (await all()).filter(
          (r) => r.salesperson === s.name && (r.overdueCents >= least || released.has(r.code)),
        );
    const mine = alerts.filter((a) => a.salesperson === s.name);
    out.push(
      await build(
        db,
        today,
        { to: s.name, role: 'salesperson', email: s.email, language: s.language },
        rows,
        mine,
        {},
        released,
      ),
    );
  }
  const assigned = single ? null : await dueTaskCustomers(db, today);
  for (const u of await usersWithRole(db, ['clerk'])) {
    if (!wanted(u.name)) continue;
    const addr = userAddress(config, u.id);
    const rows = assigned
      ? (await all()).filter((r) => assigned.get(u.id)?.has(r.id) && r.overdueCents > 0)
      : await digestCustomers(db, today, { minOverdueCents: 0, collectorId: u.id });
    const ids = new Set(rows.map((r) => r.id));
    const mine = alerts.filter((a) => a.collectorId === u.id || ids.has(a.customerId));
    out.push(
      await build(
        db,
        today,
        { to: u.name, role: 'collector', email: addr.email || null, language: addr.language },
        rows,
        mine,
        { collector: await collectorDay(db, u.id, today) },
        released,
      ),
    );
  }
  const alertCustomers = [...new Set(alerts.map((a) => a.customerId))];
  const alertSet = new Set(alertCustomers);
  for (const u of await usersWithRole(db, MANAGER_ROLES)) {
    if (!wanted(u.name)) continue;
    const addr = userAddress(config, u.id);
    const rows = !alertCustomers.length
      ? []
      : single
        ? await digestCustomers(db, today, { minOverdueCents: 0, customerIds: alertCustomers })
        : (await all()).filter((r) => alertSet.has(r.id) && r.overdueCents > 0);
    out.push(
      await build(
        db,
        today,
        { to: u.name, role: 'manager', email: addr.email || null, language: addr.language },
        rows,
        alerts,
        { office: await officeSince(db, today, u.name) },
        released,
      ),
    );
  }
  return out;
}
