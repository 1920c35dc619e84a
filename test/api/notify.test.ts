/**
 * Notifications through a real SMTP server on loopback (smtp-server, parsed with mailparser):
 * each salesperson's digest lists exactly their customers (text and XLSX), nothing goes out when
 * nothing is new, an urgent alert is sent right after the run while the digests wait for their
 * time, a refused message is reported and retried by the next pass, and alerts are listed and
 * acknowledged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { closeLedger } from '../../db/open.ts';
import { digestCustomers } from '../../db/queries/notify.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import { notifyAfterRun } from '../../electron/backend/services/notify/send.ts';
import type { AlertView, NotifySendResult } from '../../shared/api/contracts/notify.ts';
import { callOk, type TestBackend, tempDir, testBackend } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { addCustomer, addItem, count, setLetterhead } from '../helpers/letters.ts';
import { type Inbox as BaseInbox, startInbox } from '../helpers/smtp.ts';

const TODAY = '2026-12-07';

interface Inbox extends BaseInbox {
  reject: boolean;
  /** Refuses only this recipient. */
  rejectTo?: string;
}

function startServer(): Promise<Inbox> {
  return startInbox({ reject: false } as Pick<Inbox, 'reject' | 'rejectTo'>, (inbox) => ({
    onRcptTo(address, _session, cb) {
      if (inbox.reject || address.address === inbox.rejectTo) {
        const err = new Error('550 mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
  }));
}

const toOf = (m: ParsedMail) => {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return to?.value[0]?.address ?? '';
};

/** The customer codes in the first sheet of the XLSX attached to a digest. */
function sheetCodes(m: ParsedMail): string[] {
  const a = m.attachments.find((x) => x.filename?.endsWith('.xlsx'));
  expect(a, 'an XLSX attachment').toBeDefined();
  const wb = XLSX.read(a?.content, { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet;
  const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 });
  return rows.slice(1).map((r) => String(r[0]));
}

let b: TestBackend;
let inbox: Inbox;

function customer(
  code: string,
  name: string,
  salesperson: string | null,
  overdue: number,
  db = b.ctx.db,
): number {
  const id = addCustomer(db, { code, name });
  db.$client.prepare('UPDATE customers SET salesperson = ? WHERE id = ?').run(salesperson, id);
  addItem(db, id, { number: `FT ${code}/1`, date: '2026-09-01', due: '2026-10-01', amount: overdue });
  return id;
}

async function send(input: Record<string, unknown> = {}): Promise<NotifySendResult> {
  return callOk(b, 'notify.send', input);
}

beforeEach(async () => {
  b = await testBackend(TODAY);
  await setLetterhead(b.ctx.db);
  inbox = await startServer();
  await callOk(b, 'settings.set', {
    values: {
      'smtp.host': '127.0.0.1',
      'smtp.port': inbox.port,
      'smtp.secure': false,
      'smtp.from': 'Ufficio Crediti <crediti@fornitore-esempio.it>',
      'mail.retryDelayMs': 1,
      'mail.attempts': 2,
    },
  });
  customer('K1', 'Alfa Meccanica S.r.l.', 'Rossi Mario', 120_000);
  customer('K2', 'Beta Tessile S.p.A.', 'Rossi Mario', 80_000);
  customer('K3', 'Gamma Foods S.r.l.', 'Bianchi Luca', 50_000);
  customer('K4', 'Delta Senza Agente', null, 70_000);
  await runDay(b.ctx.db, TODAY);
});
afterEach(async () => {
  await inbox.close();
  b.close();
});

describe('salespeople', () => {
  it('come from the imported customers without an address, and get one in Settings', async () => {
    const before = await callOk(b, 'salespeople.list', {});
    expect(before).toEqual([
      expect.objectContaining({ name: 'Bianchi Luca', email: null, customers: 1 }),
      expect.objectContaining({ name: 'Rossi Mario', email: null, customers: 2 }),
    ]);
    await callOk(b, 'salespeople.set', {
      name: 'Rossi Mario',
      email: 'mario.rossi@agenti.example.it',
      language: 'it',
    });
    const after = await callOk(b, 'salespeople.list', {});
    expect(after.find((s) => s.name === 'Rossi Mario')?.email).toBe('mario.rossi@agenti.example.it');
    const bad = await b.call('salespeople.set', { name: 'Rossi Mario', email: 'not an address' });
    expect(bad.ok).toBe(false);
  });
});

describe('digests', () => {
  beforeEach(async () => {
    await callOk(b, 'salespeople.set', {
      name: 'Rossi Mario',
      email: 'mario.rossi@agenti.example.it',
      language: 'it',
    });
    await callOk(b, 'salespeople.set', {
      name: 'Bianchi Luca',
      email: 'luca.bianchi@agenti.example.it',
      language: 'en',
    });
  });

  it('each salesperson receives exactly their customers, in their language, with the XLSX list', async () => {
    const preview = await callOk(b, 'notify.preview', { to: 'Rossi Mario' });
    expect(preview).toHaveLength(1);
    expect(preview[0]?.customers.map((c) => c.code)).toEqual(['K1', 'K2']);

    const r = await send();
    expect(r.failed).toEqual([]);
    const toSales = r.sent.filter((s) => s.role === 'salesperson');
    expect(toSales.map((s) => [s.to, s.customers])).toEqual([
      ['Bianchi Luca', 1],
      ['Rossi Mario', 2],
    ]);
    const rossi = inbox.received.find((m) => toOf(m) === 'mario.rossi@agenti.example.it') as ParsedMail;
    const bianchi = inbox.received.find((m) => toOf(m) === 'luca.bianchi@agenti.example.it') as ParsedMail;
    expect(sheetCodes(rossi)).toEqual(['K1', 'K2']);
    expect(sheetCodes(bianchi)).toEqual(['K3']);
    // GDPR minimisation: nobody else's customers in the text either.
    expect(rossi.text).toContain('Alfa Meccanica');
    expect(rossi.text).toContain('Buongiorno Rossi Mario');
    for (const other of ['Gamma Foods', 'Delta Senza Agente']) expect(rossi.text).not.toContain(other);
    expect(bianchi.text).toContain('Gamma Foods');
    expect(bianchi.text).toContain('Good morning Bianchi Luca');
    for (const other of ['Alfa Meccanica', 'Beta Tessile', 'Delta Senza Agente'])
      expect(bianchi.text).not.toContain(other);

    // The customer's timeline and the audit say what went out.
    expect(count(b.ctx.db, 'contacts', "outcome = 'notified' AND person = 'Rossi Mario'")).toBe(2);
    expect(count(b.ctx.db, 'audit_log', "action = 'notify.send'")).toBe(r.sent.length);
  });

  it('sends nothing when nothing is new, and only to whom something new concerns', async () => {
    await send();
    const first = inbox.received.length;
    const again = await send();
    expect(again.sent).toEqual([]);
    expect(again.skipped).toEqual(
      expect.arrayContaining([
        { to: 'Rossi Mario', role: 'salesperson', reason: 'nothingNew' },
        { to: 'Bianchi Luca', role: 'salesperson', reason: 'nothingNew' },
      ]),
    );
    expect(inbox.received.length).toBe(first);

    // A new overdue invoice for K3: only Bianchi hears of it.
    const k3 = Number(b.ctx.db.$client.prepare("SELECT id FROM customers WHERE code = 'K3'").pluck().get());
    addItem(b.ctx.db, k3, { number: 'FT K3/2', date: '2026-10-01', due: '2026-11-01', amount: 20_000 });
    const third = await send();
    expect(third.sent.filter((s) => s.role === 'salesperson').map((s) => s.to)).toEqual(['Bianchi Luca']);
  });

  it("the manager's digest tells the office's day, a collector's their tasks due and late", async () => {
    const anna = (await callOk(b, 'users.add', { name: 'Anna', role: 'clerk' })).id;
    b.ctx.db.$client
      .prepare("UPDATE tasks SET assignee_id = ?, due_date = '2026-12-01' WHERE status = 'open'")
      .run(anna);
    const open = count(b.ctx.db, 'tasks', "status = 'open'");
    expect(open).toBeGreaterThan(0);
    await callOk(b, 'notify.config.set', {
      users: [
        { userId: 1, email: 'direzione@fornitore-esempio.it', language: 'it' },
        { userId: anna, email: 'anna@fornitore-esempio.it', language: 'en' },
      ],
    });
    b.ctx.db.$client
      .prepare(
        `INSERT INTO item_events (item_id, date, kind, amount_cents, residual_before_cents, residual_after_cents)
         VALUES ((SELECT MIN(id) FROM open_items), '2026-12-06', 'payment', 12300, 0, 0)`,
      )
      .run();
    const r = await send();
    expect(r.sent.map((s) => [s.role, s.to]).filter(([role]) => role !== 'salesperson')).toEqual([
      ['collector', 'Anna'],
      ['manager', 'admin'],
    ]);
    const boss = inbox.received.find((m) => toOf(m) === 'direzione@fornitore-esempio.it') as ParsedMail;
    // At 07:00 today's office day has barely begun: the digest tells yesterday's (no digest before it).
    expect(boss.text).toContain('Il 06/12/2026: 0 elaborazioni, 0 lettere inviate, incassi');
    expect(boss.text).toContain('123,00');
    const collector = inbox.received.find((m) => toOf(m) === 'anna@fornitore-esempio.it') as ParsedMail;
    expect(collector.text).toContain(`Tasks due today: ${open}, ${open} of them late.`);
  });

  it("the manager's digest tells everything since their previous digest, and a run alone is no news", async () => {
    await callOk(b, 'notify.config.set', {
      users: [{ userId: 1, email: 'direzione@fornitore-esempio.it', language: 'en' }],
    });
    const pay = (date: string, cents: number) =>
      b.ctx.db.$client
        .prepare(
          `INSERT INTO item_events (item_id, date, kind, amount_cents, residual_before_cents, residual_after_cents)
           VALUES ((SELECT MIN(id) FROM open_items), ?, 'payment', ?, 0, 0)`,
        )
        .run(date, cents);
    pay('2026-12-06', 12_300);
    pay(TODAY, 99_900); // after this morning's digest: tomorrow's news
    const boss = () => inbox.received.filter((m) => toOf(m) === 'direzione@fornitore-esempio.it');
    await send({ to: 'admin' });
    expect(boss()[0]?.text).toContain('On 2026-12-06: 0 runs, 0 letters sent, payments');
    expect(boss()[0]?.text).toContain('123.00');
    b.ctx.today = () => '2026-12-09';
    pay('2026-12-08', 4_500);
    await send({ to: 'admin' });
    expect(boss()).toHaveLength(2);
    const text = boss()[1]?.text ?? '';
    expect(text).toContain('From 2026-12-07 to 2026-12-08: 1 runs');
    expect(text).toContain('1,044.00'); // 999.00 + 45.00, yesterday's not again
    // The next day: only a run. Nothing to tell the manager.
    b.ctx.today = () => '2026-12-10';
    await runDay(b.ctx.db, '2026-12-09');
    const r = await send({ to: 'admin' });
    expect(r.skipped).toEqual([{ to: 'admin', role: 'manager', reason: 'nothingNew' }]);
    expect(boss()).toHaveLength(2);
  });

  it('asks the salesperson not to ship while orders are blocked, and says when the block is released', async () => {
    const asked = async (code: string) => {
      const [d] = await callOk(b, 'notify.preview', { to: 'Rossi Mario' });
      return d?.customers.find((c) => c.code === code)?.asked ?? null;
    };
    await callOk(b, 'orderBlock.set', { code: 'K2', blocked: true, reason: 'Scaduto oltre 60 giorni' });
    expect(await asked('K2')).toContain('non spedire: ordini bloccati');
    // Paid in full and unblocked: still listed (no overdue), with the release.
    b.ctx.db.$client
      .prepare(
        "UPDATE open_items SET residual_cents = 0, status = 'closed' WHERE customer_id = (SELECT id FROM customers WHERE code = 'K2')",
      )
      .run();
    await callOk(b, 'orderBlock.set', { code: 'K2', blocked: false, reason: 'Pagato tutto' });
    expect(await asked('K2')).toEqual(['blocco ordini rimosso']);
  });

  it('tells the salesperson when the run released the order block of a case closed paid', async () => {
    const asked = async (code: string) => {
      const [d] = await callOk(b, 'notify.preview', { to: 'Rossi Mario' });
      return d?.customers.find((c) => c.code === code)?.asked ?? null;
    };
    await callOk(b, 'orderBlock.set', { code: 'K2', blocked: true, reason: 'Scaduto oltre 60 giorni' });
    b.ctx.db.$client
      .prepare(
        "UPDATE open_items SET residual_cents = 0, status = 'closed' WHERE customer_id = (SELECT id FROM customers WHERE code = 'K2')",
      )
      .run();
    await runDay(b.ctx.db, TODAY); // the case closes paid: the run releases the block
    expect(count(b.ctx.db, 'customers', "code = 'K2' AND order_blocked = 0")).toBe(1);
    expect(count(b.ctx.db, 'audit_log', "action = 'orderBlock.release' AND user_name = 'system'")).toBe(1);
    expect(await asked('K2')).toEqual(['blocco ordini rimosso']);
  });

  it("a scheduled pass builds no digest before the time of day or once today's went out; the next action is read through an index", async () => {
    b.ctx.mode = 'browser';
    b.ctx.now = () => '2026-12-07T05:00:00.000Z'; // 06:00 in Rome, the digests go at 07:00
    const early = await notifyAfterRun(b.ctx);
    expect(early?.sent).toEqual([]);
    expect(early?.skipped).toEqual([]); // not even built: nobody was looked at
    expect(inbox.received).toHaveLength(0);
    b.ctx.now = () => '2026-12-07T07:00:00.000Z';
    const due = await notifyAfterRun(b.ctx);
    expect(due?.sent.map((s) => s.to)).toEqual(['Bianchi Luca', 'Rossi Mario']);
    const later = await notifyAfterRun(b.ctx);
    expect(later?.sent).toEqual([]);
    expect(later?.skipped).toEqual([]);
    expect(inbox.received).toHaveLength(2);

    // 8,000 customers with 8,000 open tasks took 84 s without an index on the tasks' customer.
    const client = b.ctx.db.$client;
    const prepare = vi.spyOn(client, 'prepare');
    await digestCustomers(b.ctx.db, TODAY, { minOverdueCents: 0 });
    const sql = String(prepare.mock.calls.find(([q]) => String(q).includes('nextAction'))?.[0]);
    prepare.mockRestore();
    const binds = (sql.match(/\?/g) ?? []).map(() => null);
    const plan = client
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...binds)
      .map((r) => (r as { detail: string }).detail);
    expect(plan.filter((d) => d.includes('tasks_customer_idx'))).toHaveLength(3);
  });

  it('a refused message is reported and sent by the next pass', async () => {
    inbox.reject = true;
    const r = await send({ to: 'Rossi Mario' });
    expect(r.sent).toEqual([]);
    expect(r.failed).toEqual([
      expect.objectContaining({
        to: 'Rossi Mario',
        kind: 'digest',
        attempts: 2,
        error: expect.stringContaining('550'),
      }),
    ]);
    const log = await callOk(b, 'notify.messages', {});
    expect(log[0]?.status).toBe('failed');
    inbox.reject = false;
    const retry = await send({ to: 'Rossi Mario' });
    expect(retry.sent.map((s) => s.to)).toEqual(['Rossi Mario']);
  });
});

describe('alerts', () => {
  function breakPromise(code: string): void {
    const id = Number(b.ctx.db.$client.prepare('SELECT id FROM customers WHERE code = ?').pluck().get(code));
    b.ctx.db.$client
      .prepare(
        `INSERT INTO promises (customer_id, date, amount_cents, status, created_on, resolved_on, baseline_overdue_cents)
         VALUES (?, '2026-12-01', 50000, 'broken', '2026-11-20', ?, 120000)`,
      )
      .run(id, TODAY);
  }

  it('an urgent alert goes out right after the run while the digest waits for its time', async () => {
    await callOk(b, 'salespeople.set', {
      name: 'Rossi Mario',
      email: 'mario.rossi@agenti.example.it',
      language: 'it',
    });
    await callOk(b, 'notify.config.set', {
      time: '23:59',
      alerts: {
        ratingDrop: { enabled: true, urgent: false, threshold: 1 },
        overLimit: { enabled: true, urgent: false, threshold: 0 },
        promiseBroken: { enabled: true, urgent: true, threshold: 0 },
        planBroken: { enabled: true, urgent: false, threshold: 0 },
        returnedBill: { enabled: true, urgent: true, threshold: 0 },
        legalInvoice: { enabled: true, urgent: true, threshold: 0 },
      },
    });
    breakPromise('K1');
    await runDay(b.ctx.db, TODAY);
    // What the scheduler does after each run (the app, not a CLI run).
    b.ctx.mode = 'browser';
    const r = await notifyAfterRun(b.ctx);
    expect(r?.sent.map((s) => [s.kind, s.to])).toEqual([['urgent', 'Rossi Mario']]);
    expect(r?.skipped).toEqual([]); // the digests wait for their time: not even built
    expect(inbox.received).toHaveLength(1);
    const mail = inbox.received[0] as ParsedMail;
    expect(mail.subject).toContain('avviso urgente');
    expect(mail.text).toContain('K1 Alfa Meccanica S.r.l.: promessa di pagamento del 01/12/2026');
    // Sent once: the next pass has nothing urgent left.
    const again = await notifyAfterRun(b.ctx);
    expect(again?.sent).toEqual([]);
    expect(inbox.received).toHaveLength(1);
  });

  it('an alert refused by one recipient is retried for that recipient only, and given up after 5 passes', async () => {
    await callOk(b, 'salespeople.set', { name: 'Rossi Mario', email: 'mario.rossi@agenti.example.it' });
    await callOk(b, 'notify.config.set', {
      time: '23:59',
      users: [{ userId: 1, email: 'direzione@fornitore-esempio.it', language: 'it' }],
      alerts: {
        ratingDrop: { enabled: false, urgent: false, threshold: 1 },
        overLimit: { enabled: false, urgent: false, threshold: 0 },
        promiseBroken: { enabled: true, urgent: true, threshold: 0 },
        planBroken: { enabled: false, urgent: false, threshold: 0 },
        returnedBill: { enabled: false, urgent: false, threshold: 0 },
        legalInvoice: { enabled: false, urgent: false, threshold: 0 },
      },
    });
    breakPromise('K1');
    await runDay(b.ctx.db, TODAY);
    inbox.rejectTo = 'mario.rossi@agenti.example.it';
    b.ctx.mode = 'browser';
    const first = await notifyAfterRun(b.ctx);
    expect(first?.sent.map((s) => s.to)).toEqual(['admin']);
    expect(first?.failed.map((s) => s.to)).toEqual(['Rossi Mario']);
    const second = await notifyAfterRun(b.ctx);
    expect(second?.sent).toEqual([]);
    expect(second?.failed.map((s) => s.to)).toEqual(['Rossi Mario']);
    const toBoss = inbox.received.filter((m) => toOf(m) === 'direzione@fornitore-esempio.it');
    expect(toBoss).toHaveLength(1);
    expect(count(b.ctx.db, 'contacts', "outcome = 'notified' AND person = 'admin'")).toBe(1);
    // Passes 3 to 5 try again; then the alert is reported as failed and no longer sent.
    for (let i = 3; i <= 5; i++) expect((await notifyAfterRun(b.ctx))?.failed).toHaveLength(1);
    const sixth = await notifyAfterRun(b.ctx);
    expect(sixth?.failed).toEqual([]);
    const [alert] = await callOk(b, 'notify.alerts.list', {});
    expect(alert?.sentAt).toBeNull();
    expect(alert?.lastError).toContain('given up after 5 passes');
    expect(inbox.received).toHaveLength(1);
  });

  it('are listed with their reason and can be acknowledged', async () => {
    // The manager turns rating falls off: a broken promise and an excess would lower the ratings too.
    const config = await callOk(b, 'notify.config.get', {});
    await callOk(b, 'notify.config.set', {
      alerts: { ...config.alerts, ratingDrop: { enabled: false, urgent: false, threshold: 1 } },
    });
    b.ctx.db.$client.prepare("UPDATE customers SET credit_limit_cents = 100000 WHERE code = 'K1'").run();
    breakPromise('K3');
    await runDay(b.ctx.db, TODAY);
    await runDay(b.ctx.db, TODAY);
    const alerts = await callOk(b, 'notify.alerts.list', {});
    expect(alerts.map((a) => [a.kind, a.customerCode]).sort()).toEqual([
      ['overLimit', 'K1'],
      ['promiseBroken', 'K3'],
    ]);
    const over = alerts.find((a) => a.kind === 'overLimit') as AlertView;
    expect(over.reason).toContain('above the credit limit');
    const ack = await callOk(b, 'notify.alerts.acknowledge', { id: over.id });
    expect(ack.acknowledgedBy).toBe('admin');
    const open = await callOk(b, 'notify.alerts.list', {});
    expect(open.map((a) => a.kind)).toEqual(['promiseBroken']);
    // Run twice: one alert per fact. Back under the limit, the excess alert is closed.
    expect(count(b.ctx.db, 'notify_alerts')).toBe(2);
    b.ctx.db.$client.prepare("UPDATE customers SET credit_limit_cents = 500000 WHERE code = 'K1'").run();
    await runDay(b.ctx.db, TODAY);
    expect(count(b.ctx.db, 'notify_alerts', "kind = 'overLimit' AND resolved_on IS NOT NULL")).toBe(1);
  });
});

describe('alerts: a new invoice in the legal phase', () => {
  function openDossier(code: string, openedOn: string, closedOn: string | null = null): number {
    const db = b.ctx.db.$client;
    const id = Number(db.prepare('SELECT id FROM customers WHERE code = ?').pluck().get(code));
    const caseId = Number(db.prepare('SELECT id FROM cases WHERE customer_id = ?').pluck().get(id));
    db.prepare(
      `INSERT INTO legal_dossiers (case_id, customer_id, handler, handler_name, phase, phase_on, opened_on, closed_on)
       VALUES (?, ?, 'lawyer', 'Avv. Neri', 'injunction', ?, ?, ?)`,
    ).run(caseId, id, openedOn, openedOn, closedOn);
    return id;
  }

  it('raises one alert per recent invoice dated after the dossier was opened; none before it, older than a week or once it is closed', async () => {
    const config = await callOk(b, 'notify.config.get', {});
    await callOk(b, 'notify.config.set', {
      alerts: { ...config.alerts, ratingDrop: { enabled: false, urgent: false, threshold: 1 } },
    });
    const k1 = openDossier('K1', '2026-10-15');
    const k2 = openDossier('K2', '2026-10-15', '2026-11-30');
    addItem(b.ctx.db, k1, { number: 'FT K1/2', date: '2026-12-03', due: '2026-12-20', amount: 30_000 });
    addItem(b.ctx.db, k1, { number: 'FT K1/3', date: '2026-10-01', due: '2026-10-31', amount: 10_000 });
    // After the dossier opened but older than the lookback (7 days): the rule does not dig it up.
    addItem(b.ctx.db, k1, { number: 'FT K1/4', date: '2026-11-20', due: '2026-12-20', amount: 20_000 });
    addItem(b.ctx.db, k2, { number: 'FT K2/2', date: '2026-12-03', due: '2026-12-20', amount: 30_000 });
    await runDay(b.ctx.db, TODAY);
    await runDay(b.ctx.db, TODAY);
    const alerts = (await callOk(b, 'notify.alerts.list', {})).filter((a) => a.kind === 'legalInvoice');
    expect(alerts.map((a) => a.customerCode)).toEqual(['K1']);
    expect(alerts[0]?.reason).toContain('FT K1/2');
  });
});

describe('notify CLI', () => {
  it('salespeople set, then notify preview --to NAME --json prints that recipient only, in the documented shape', async () => {
    const dir = tempDir('incasso-notify-cli-');
    const db = path.join(dir, 'ledger.db');
    try {
      const ctx = await createBackend({ dbPath: db, mode: 'cli', today: TODAY });
      customer('K1', 'Alfa Meccanica S.r.l.', 'Rossi Mario', 120_000, ctx.db);
      customer('K3', 'Gamma Foods S.r.l.', 'Bianchi Luca', 50_000, ctx.db);
      await runDay(ctx.db, TODAY);
      closeLedger(ctx.db);
      const cli = async (...args: string[]) => {
        const r = await runCliInProcess([...args, '--db', db, '--today', TODAY, '--json']);
        return { code: r.code, json: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
      };
      const set = await cli('salespeople', 'set', 'Rossi Mario', '--email', 'mario@agenti.example.it');
      expect(set.code, set.stderr).toBe(0);
      expect(set.json).toMatchObject({
        name: 'Rossi Mario',
        email: 'mario@agenti.example.it',
        language: 'it',
      });
      const preview = await cli('notify', 'preview', '--to', 'Rossi Mario');
      expect(preview.code, preview.stderr).toBe(0);
      expect(preview.json).toHaveLength(1);
      expect(Object.keys(preview.json[0])).toEqual([
        'to',
        'role',
        'email',
        'customers',
        'alerts',
        'nothingNew',
      ]);
      expect(preview.json[0]).toMatchObject({
        to: 'Rossi Mario',
        role: 'salesperson',
        email: 'mario@agenti.example.it',
      });
      expect(preview.json[0].customers.map((c: { code: string }) => c.code)).toEqual(['K1']);
      expect(Object.keys(preview.json[0].customers[0])).toEqual([
        'code',
        'name',
        'overdueCents',
        'step',
        'nextAction',
        'asked',
      ]);
      expect((await cli('notify', 'preview', '--to', 'Nessuno')).code).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
