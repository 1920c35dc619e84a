/**
 * Sending the notifications through the Letters' SMTP account: the urgent alerts at once (one
 * e-mail per recipient listing theirs), then the digests (once it is the configured time of day,
 * or at once when asked). Every message is logged (sent or failed, with the server's reply) and
 * audited; what went to a salesperson, or an urgent alert, is noted in the customer's timeline.
 * A failed message is tried again by the next pass: an urgent alert stays unsent, a digest
 * differs from the last one sent.
 */
import type { Ledger } from '../../../../db/open.ts';
import { insertContactRow } from '../../../../db/queries/letters.ts';
import {
  type AlertRow,
  alertDeliveries,
  digestPassDone,
  insertMessage,
  lastDigest,
  listAlerts,
  listSalespeople,
  markAlertFailed,
  markAlertSent,
  usersWithRole,
} from '../../../../db/queries/notify.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { NotifySendResult } from '../../../../shared/api/contracts/notify.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type IsoDate, partsIn } from '../../../../shared/domain/dates.ts';
import { MANAGER_ROLES, type NotifyRole, timeOfDayMinutes } from '../../../../shared/domain/notify.ts';
import type { BackendContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { MailConfigError, type Mailer, mailer, type OutgoingMail, sendWithRetry } from '../letters/mail.ts';
import { mailAccount, readSetting } from '../settings/store.ts';
import { loadNotifyConfig, userAddress } from './config.ts';
import { detectAlerts } from './detect.ts';
import { alertParams, buildDigests, type Digest } from './digest.ts';
import { alertReason, type Lang, urgentBody, urgentSubject } from './text.ts';
import { digestWorkbook } from './xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SendOptions {
  /** One recipient only (by name); urgent alerts are then left for the next full pass. */
  to?: string | undefined;
  /** Digests now whatever the time of day (and even if one went out today). */
  now: boolean;
  signal: AbortSignal;
  progress?: (phase: string, done: number, total: number) => void;
  actor: { id: number | null; name: string };
}

interface Recipient {
  to: string;
  role: NotifyRole;
  email: string;
  language: Lang;
}

/** An urgent alert a recipient keeps refusing is tried by this many passes, then reported as failed. */
const URGENT_MAX_PASSES = 5;

/** One pass at a time per backend: the scheduler's and a manager's must not both send. */
const busy = new WeakSet<BackendContext>();

/** Minutes after midnight in the office's zone (Europe/Rome, as the office day) of the backend's clock. */
export function minutesOfDay(nowIso: string, timeZone = 'Europe/Rome'): number {
  const parts = partsIn(new Date(nowIso), timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return Number(parts.hour) * 60 + Number(parts.minute);
}

async function note(
  db: Ledger,
  today: IsoDate,
  customerId: number,
  r: Recipient,
  what: string,
  messageId: string,
  userId: number | null,
) {
  await insertContactRow(db, {
    customerId,
    caseId: null,
    taskId: null,
    date: today,
    channel: 'email',
    direction: 'out',
    person: r.to,
    outcome: 'notified',
    note: `${what} → ${r.to} <${r.email}> – Message-ID ${messageId}`,
    userId,
  });
}

export async function sendNotifications(app: BackendContext, opts: SendOptions): Promise<NotifySendResult> {
  if (busy.has(app))
    throw new AppError('CONFLICT', 'Notifications are being sent already: try again in a minute.');
  busy.add(app);
  try {
    return await sendPass(app, opts);
  } finally {
    busy.delete(app);
  }
}

async function sendPass(app: BackendContext, opts: SendOptions): Promise<NotifySendResult> {
  const db = app.db;
  const today = app.today();
  const newAlerts = await inTransaction(db, async () => await detectAlerts(db, today), {
    behavior: 'immediate',
  });
  const result: NotifySendResult = { today, newAlerts, sent: [], failed: [], skipped: [] };
  const config = await loadNotifyConfig(db);
  const attempts = Number(await readSetting(db, 'mail.attempts'));
  const delayMs = Number(await readSetting(db, 'mail.retryDelayMs'));
  const company = String(await readSetting(db, 'company.name'));

  let m: Mailer | null = null;
  let configError: string | null = null;
  try {
    m = mailer(await mailAccount(db, app, 'smtp'));
  } catch (err) {
    if (!(err instanceof MailConfigError || err instanceof AppError)) throw err;
    configError = err.message;
  }

  const deliver = async (
    r: Recipient,
    kind: 'digest' | 'urgent',
    mail: OutgoingMail,
    meta: { fingerprint: string; customers: number; alertIds: number[] },
  ) => {
    const outcome =
      m === null
        ? { ok: false as const, error: configError ?? 'no mail account', attempts: 0 }
        : await sendWithRetry(m, mail, { attempts, delayMs, signal: opts.signal, onAttempt: () => {} });
    return await inTransaction(db, async () => {
      const id = await insertMessage(db, {
        date: today,
        at: app.now(),
        kind,
        recipient: r.to,
        role: r.role,
        email: r.email,
        status: outcome.ok ? 'sent' : 'failed',
        attempts: outcome.attempts,
        messageId: outcome.ok ? outcome.messageId : null,
        error: outcome.ok ? null : outcome.error,
        fingerprint: meta.fingerprint,
        customers: meta.customers,
        alertIds: JSON.stringify(meta.alertIds),
      });
      await auditAs(db, opts.actor, {
        at: app.now(),
        action: 'notify.send',
        entity: 'notify_message',
        entityId: id,
        after: {
          to: r.to,
          role: r.role,
          email: r.email,
          kind,
          status: outcome.ok ? 'sent' : 'failed',
          customers: meta.customers,
          alerts: meta.alertIds,
          ...(outcome.ok ? { messageId: outcome.messageId } : { error: outcome.error }),
        },
      });
      const base = {
        to: r.to,
        role: r.role,
        email: r.email,
        kind,
        customers: meta.customers,
        alerts: meta.alertIds.length,
        attempts: outcome.attempts,
      };
      if (outcome.ok) result.sent.push({ ...base, messageId: outcome.messageId });
      else result.failed.push({ ...base, error: outcome.error });
      return outcome.ok ? outcome.messageId : null;
    });
  };

  try {
    // 1. Urgent alerts, at once: each to its salesperson, collector and the managers with an address.
    if (opts.to === undefined) {
      const urgent = (await listAlerts(db, { urgentUnsent: true, maxAttempts: URGENT_MAX_PASSES })).reverse();
      if (urgent.length) {
        // Who already has an alert (an earlier pass where another recipient failed) is not mailed again.
        const delivered = await alertDeliveries(
          db,
          urgent.map((a) => a.id),
        );
        const salespeople = new Map((await listSalespeople(db)).map((s) => [s.name, s]));
        const managers = await usersWithRole(db, MANAGER_ROLES);
        const clerks = new Map((await usersWithRole(db, ['clerk'])).map((u) => [u.id, u]));
        const groups = new Map<string, { r: Recipient; alerts: AlertRow[] }>();
        const addTo = (r: Recipient, a: AlertRow) => {
          const k = `${r.role}:${r.to}`;
          if (delivered.has(`${a.id}:${k}`)) return;
          const g = groups.get(k) ?? { r, alerts: [] };
          g.alerts.push(a);
          groups.set(k, g);
        };
        const recipientsOf = new Map<number, number>();
        for (const a of urgent) {
          let n = 0;
          const s = a.salesperson ? salespeople.get(a.salesperson) : undefined;
          if (s?.email) {
            addTo({ to: s.name, role: 'salesperson', email: s.email, language: s.language }, a);
            n++;
          }
          const c = a.collectorId !== null ? clerks.get(a.collectorId) : undefined;
          const ca = c ? userAddress(config, c.id) : null;
          if (c && ca?.email) {
            addTo({ to: c.name, role: 'collector', email: ca.email, language: ca.language }, a);
            n++;
          }
          for (const u of managers) {
            const ua = userAddress(config, u.id);
            if (!ua.email) continue;
            addTo({ to: u.name, role: 'manager', email: ua.email, language: ua.language }, a);
            n++;
          }
          recipientsOf.set(a.id, n);
        }
        const failedAlerts = new Map<number, string>();
        let i = 0;
        for (const { r, alerts } of groups.values()) {
          if (opts.signal.aborted) throw new AppError('CANCELLED', 'Sending cancelled.');
          opts.progress?.('urgent', i++, groups.size);
          const lines = alerts.map((a) => ({
            customerCode: a.customerCode,
            customerName: a.customerName,
            reason: alertReason(a.kind, alertParams(a), r.language),
          }));
          const messageId = await deliver(
            r,
            'urgent',
            {
              to: r.email,
              subject: urgentSubject(company, alerts.length, r.language),
              text: urgentBody(r.to, company, lines, r.language),
              attachments: [],
            },
            {
              fingerprint: `urgent:${alerts.map((a) => a.id).join(',')}`,
              customers: new Set(alerts.map((a) => a.customerId)).size,
              alertIds: alerts.map((a) => a.id),
            },
          );
          if (messageId === null) {
            for (const a of alerts) failedAlerts.set(a.id, result.failed.at(-1)?.error ?? 'failed');
          } else {
            await inTransaction(db, async () => {
              for (const a of alerts)
                await note(
                  db,
                  today,
                  a.customerId,
                  r,
                  `Avviso urgente: ${alertReason(a.kind, alertParams(a), 'it')}`,
                  messageId,
                  opts.actor.id,
                );
            });
          }
        }
        await inTransaction(db, async () => {
          for (const a of urgent) {
            const error = failedAlerts.get(a.id);
            if (error !== undefined)
              await markAlertFailed(
                db,
                a.id,
                a.attempts + 1 >= URGENT_MAX_PASSES
                  ? `${error} (given up after ${URGENT_MAX_PASSES} passes)`
                  : error,
              );
            else if ((recipientsOf.get(a.id) ?? 0) > 0) await markAlertSent(db, a.id, app.now());
            else if (a.lastError === null)
              await markAlertFailed(db, a.id, 'no recipient has an e-mail address');
          }
        });
      }
    }

    // 2. The digests.
    if (!config.digests) return result;
    const timeReached =
      minutesOfDay(app.now()) >= timeOfDayMinutes(String(await readSetting(db, 'notify.time')));
    // Building every digest reads every customer: not on a scheduled pass before the time of day
    // or once today's digests went out.
    if (!opts.now && opts.to === undefined && (!timeReached || (await digestPassDone(db, today))))
      return result;
    const digests = await buildDigests(db, today, opts.to === undefined ? {} : { to: opts.to });
    if (opts.to !== undefined && digests.length === 0)
      throw new AppError('NOT_FOUND', `No salesperson, collector or manager is named "${opts.to}".`);
    const toSend: Digest[] = [];
    for (const d of digests) {
      const skip = (reason: NotifySendResult['skipped'][number]['reason']) =>
        result.skipped.push({ to: d.to, role: d.role, reason });
      if (d.nothingNew) skip('nothingNew');
      else if (!d.email) skip('noEmail');
      else if (!opts.now && !timeReached) skip('notYetTime');
      else if (!opts.now && (await lastDigest(db, d.role, d.to))?.date === today) skip('alreadySentToday');
      else toSend.push(d);
    }
    for (const [i, d] of toSend.entries()) {
      if (opts.signal.aborted)
        throw new AppError('CANCELLED', `Sending cancelled: ${result.sent.length} message(s) went out.`);
      opts.progress?.('digest', i, toSend.length);
      const r: Recipient = { to: d.to, role: d.role, email: d.email ?? '', language: d.language };
      const messageId = await deliver(
        r,
        'digest',
        {
          to: r.email,
          subject: d.subject,
          text: d.text,
          attachments: [
            {
              filename: `${d.language === 'it' ? 'riepilogo' : 'digest'}-${today}.xlsx`,
              content: digestWorkbook(d),
              contentType: XLSX_TYPE,
            },
          ],
        },
        { fingerprint: d.fingerprint, customers: d.customers.length, alertIds: d.alertIds },
      );
      // A salesperson is outside the office: the customer's timeline says what they were told.
      if (messageId !== null && d.role === 'salesperson')
        await inTransaction(db, async () => {
          for (const id of d.customerIds)
            await note(db, today, id, r, 'Riepilogo giornaliero', messageId, opts.actor.id);
        });
    }
    opts.progress?.('done', 1, 1);
    return result;
  } finally {
    m?.close();
  }
}

/**
 * After the day's run (scheduler, imports, bank): urgent alerts at once, digests once it is time.
 * Does nothing without a mail account, or in a CLI run (the process ends with its command:
 * `notify send` is the CLI's way); never throws into the caller. The promise is for tests.
 */
export async function notifyAfterRun(app: BackendContext): Promise<NotifySendResult | null> {
  if (app.mode === 'cli' || !String(await readSetting(app.db, 'smtp.host')).trim() || busy.has(app))
    return Promise.resolve(null);
  return sendNotifications(app, {
    now: false,
    signal: new AbortController().signal,
    actor: { id: null, name: 'system' },
  }).catch((err: unknown) => {
    console.error('Notifications failed:', err);
    return null;
  });
}
