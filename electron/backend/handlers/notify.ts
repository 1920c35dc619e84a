/** Handlers of the notifications: salespeople, the manager's settings, alerts, preview and send. */
import {
  type AlertRow,
  acknowledgeAlert,
  getAlert,
  getSalesperson,
  listAlerts,
  listMessages,
  listSalespeople,
  syncSalespeople,
  upsertSalesperson,
  usersWithRole,
} from '../../../db/queries/notify.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { AlertView } from '../../../shared/api/contracts/notify.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { MANAGER_ROLES } from '../../../shared/domain/notify.ts';
import { loadNotifyConfig, saveNotifyConfig, userAddress } from '../services/notify/config.ts';
import { alertParams, buildDigests } from '../services/notify/digest.ts';
import { sendNotifications } from '../services/notify/send.ts';
import { alertReason } from '../services/notify/text.ts';
import { readSetting, updateSettings } from '../services/settings/store.ts';
import type { AreaHandlers } from './types.ts';

function alertView(a: AlertRow): AlertView {
  const params = alertParams(a);
  return {
    id: a.id,
    kind: a.kind,
    customerCode: a.customerCode,
    customerName: a.customerName,
    date: a.date,
    reason: alertReason(a.kind, params, 'en'),
    params,
    urgent: a.urgent === 1,
    sentAt: a.sentAt,
    lastError: a.lastError,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
  };
}

export const salespeopleHandlers: AreaHandlers<'salespeople'> = {
  'salespeople.list': async (_input, { app }) => {
    // Names an import brought since the last run are listed too (added without an address).
    await inTransaction(app.db, async () => await syncSalespeople(app.db));
    return await listSalespeople(app.db);
  },
  'salespeople.set': async (input, call) => {
    const db = call.app.db;
    const before = (await getSalesperson(db, input.name)) ?? null;
    await upsertSalesperson(db, { name: input.name, email: input.email || null, language: input.language });
    const after = await getSalesperson(db, input.name);
    if (!after) throw new AppError('INTERNAL', `salesperson ${input.name} not saved`);
    call.audit = { entity: 'salesperson', entityId: input.name, before, after };
    return after;
  },
};

export const notifyHandlers: AreaHandlers<'notify'> = {
  'notify.config.get': async (_input, { app }) => {
    const config = await loadNotifyConfig(app.db);
    return {
      ...config,
      minOverdueCents: Number(await readSetting(app.db, 'notify.minOverdueCents')),
      time: String(await readSetting(app.db, 'notify.time')),
      users: (await usersWithRole(app.db, ['clerk', ...MANAGER_ROLES])).map((u) => ({
        userId: u.id,
        name: u.name,
        role: u.role === 'clerk' ? ('clerk' as const) : ('manager' as const),
        ...userAddress(config, u.id),
      })),
    };
  },
  'notify.config.set': async (input, call) => {
    const db = call.app.db;
    const before = {
      ...(await loadNotifyConfig(db)),
      minOverdueCents: await readSetting(db, 'notify.minOverdueCents'),
      time: await readSetting(db, 'notify.time'),
    };
    const { minOverdueCents, time, ...patch } = input;
    const values: Record<string, string | number> = {};
    if (minOverdueCents !== undefined) values['notify.minOverdueCents'] = minOverdueCents;
    if (time !== undefined) values['notify.time'] = time;
    if (Object.keys(values).length) await updateSettings(db, values);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const saved = await saveNotifyConfig(db, clean);
    call.audit = { entity: 'notify.config', before, after: { ...saved, ...values } };
    return { saved: true };
  },
  'notify.alerts.list': async (input, { app }) =>
    (await listAlerts(app.db, { open: input.open, limit: input.limit })).map(alertView),
  'notify.alerts.acknowledge': async (input, call) => {
    const db = call.app.db;
    const a = await getAlert(db, input.id);
    if (!a) throw new AppError('NOT_FOUND', `No alert ${input.id}.`);
    if (a.acknowledgedAt)
      throw new AppError(
        'CONFLICT',
        `Alert ${input.id} was acknowledged already by ${a.acknowledgedBy ?? '—'}.`,
      );
    await acknowledgeAlert(db, input.id, call.user.id, call.app.now());
    const after = (await getAlert(db, input.id)) as AlertRow;
    call.audit = {
      entity: 'notify_alert',
      entityId: input.id,
      after: { kind: a.kind, customer: a.customerCode },
    };
    return alertView(after);
  },
  'notify.preview': async (input, { app }) => {
    const digests = await buildDigests(app.db, app.today(), input.to === undefined ? {} : { to: input.to });
    if (input.to !== undefined && digests.length === 0)
      throw new AppError('NOT_FOUND', `No salesperson, collector or manager is named "${input.to}".`);
    return digests.map(({ fingerprint: _f, alertIds: _a, customerIds: _c, body: _b, ...preview }) => preview);
  },
  'notify.send': (input, call) =>
    sendNotifications(call.app, {
      to: input.to,
      now: input.now,
      signal: call.signal,
      progress: call.progress,
      actor: { id: call.user.id, name: call.user.name },
    }),
  'notify.messages': async (input, { app }) =>
    (await listMessages(app.db, input.limit)).map((m) => ({
      id: m.id,
      date: m.date,
      kind: m.kind,
      to: m.recipient,
      role: m.role,
      email: m.email,
      status: m.status,
      attempts: m.attempts,
      error: m.error,
      customers: m.customers,
    })),
};
