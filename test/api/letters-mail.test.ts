/**
 * E-mail and PEC through a real SMTP server in-process on loopback (smtp-server): what arrives
 * is parsed with mailparser (recipient, subject, body, PDF attachment); the password stored
 * encrypted is the one the server sees at login; a task is done only once the server accepted
 * the message (Message-ID logged); a refusing server gets the retries and leaves a failed send
 * with its reply and the task open. A PEC receipt (.eml) then attaches to the letter it names.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendResult } from '../../shared/api/contracts/letters.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import {
  addClienteUno,
  addCustomer,
  addItem,
  addLetterTask,
  count,
  setLetterhead,
  taskRow,
} from '../helpers/letters.ts';
import { type Inbox as BaseInbox, passwordOnly, startInbox } from '../helpers/smtp.ts';

interface Inbox extends BaseInbox {
  logins: { user: string; pass: string }[];
  rcptAttempts: number;
}

function startServer(opts: { reject?: string } = {}): Promise<Inbox> {
  return startInbox({ logins: [] as Inbox['logins'], rcptAttempts: 0 }, (inbox) => ({
    onAuth(auth, session, cb) {
      inbox.logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
      passwordOnly('s3greta!')(auth, session, cb);
    },
    onRcptTo(_address, _session, cb) {
      inbox.rcptAttempts++;
      if (opts.reject) {
        const err = new Error(opts.reject) as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
  }));
}

let b: TestBackend;
let inbox: Inbox | null = null;
let emailTask: number;
let pecTask: number;

beforeEach(async () => {
  b = await testBackend('2026-03-31');
  await setLetterhead(b.ctx.db);
  const k1 = addClienteUno(b.ctx.db, {
    email: 'amministrazione@cliente-uno.it',
    pec: 'cliente-uno@pec.example.it',
  });
  emailTask = addLetterTask(b.ctx.db, k1, 'email', 'reminder1', '2026-03-31');
  const k2 = addCustomer(b.ctx.db, {
    code: 'K2',
    name: 'Cliente Due S.p.A.',
    pec: 'cliente-due@pec.example.it',
  });
  addItem(b.ctx.db, k2, { number: 'FT 7/2026', date: '2026-01-02', due: '2026-02-01', amount: 50_000 });
  pecTask = addLetterTask(b.ctx.db, k2, 'pec', 'formal_notice', '2026-03-31');
});
afterEach(async () => {
  await inbox?.close();
  inbox = null;
  b.close();
});

async function configure(account: 'smtp' | 'pec', port: number, extra: Record<string, string | number> = {}) {
  const set = await b.call('settings.set', {
    values: {
      [`${account}.host`]: '127.0.0.1',
      [`${account}.port`]: port,
      [`${account}.secure`]: false,
      [`${account}.user`]: 'crediti',
      [`${account}.from`]:
        account === 'pec' ? 'fornitore@pec.example.it' : 'Ufficio Crediti <crediti@fornitore-esempio.it>',
      'mail.retryDelayMs': 10,
      ...extra,
    },
  });
  expect(set.ok, JSON.stringify(set)).toBe(true);
  expect((await b.call('settings.setPassword', { account, password: 's3greta!' })).ok).toBe(true);
}

async function send(taskIds?: number[]): Promise<SendResult> {
  const r = await b.call('letters.send', taskIds ? { taskIds } : {});
  if (!r.ok) throw new Error(r.error.message);
  return r.data as SendResult;
}

describe('sending a reminder by e-mail', () => {
  it('delivers subject, body and the letter PDF; the task is done with the Message-ID', async () => {
    inbox = await startServer();
    // A folder of invoice PDFs: the overdue invoices' copies go along (matched by number).
    const invoices = path.join(b.dir, 'fatture');
    fs.mkdirSync(invoices);
    fs.writeFileSync(path.join(invoices, 'FT_A-1.pdf'), '%PDF-1.4 fattura A/1');
    fs.writeFileSync(path.join(invoices, 'FT_A-12.pdf'), '%PDF-1.4 another invoice');
    await configure('smtp', inbox.port, { 'letters.invoiceFolder': invoices });
    const result = await send([emailTask]);
    expect(result.failed).toEqual([]);
    expect(result.sent).toHaveLength(1);
    const sent = result.sent[0];
    expect(sent).toMatchObject({ taskId: emailTask, to: 'amministrazione@cliente-uno.it', attempts: 1 });

    expect(inbox.logins).toEqual([{ user: 'crediti', pass: 's3greta!' }]);
    expect(inbox.received).toHaveLength(1);
    const mail = inbox.received[0] as ParsedMail;
    expect(mail.messageId).toBe(sent?.messageId);
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.value[0]?.address).toBe('amministrazione@cliente-uno.it');
    expect(mail.from?.value[0]?.address).toBe('crediti@fornitore-esempio.it');
    expect(mail.subject).toBe('Promemoria di pagamento – Fornitore Esempio S.r.l.');
    const body = (mail.text ?? '').replace(/\u00a0/g, ' ');
    expect(body).toContain('- FT A/2 del 20/05/2025, scaduto il 20/06/2025: 2.554,89 €');
    expect(body).toContain('per un totale di 3.554,89 €');
    expect(body).toContain('IBAN IT60X0542811101000000123456');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['K1-20260331-S1.pdf', 'FT_A-1.pdf']);
    const pdf = mail.attachments[0];
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mail.attachments[1]?.content.toString()).toBe('%PDF-1.4 fattura A/1');

    expect(taskRow(b.ctx.db, emailTask)).toEqual({
      status: 'done',
      outcome: 'sent',
      note: `Message-ID ${sent?.messageId}`,
    });
    expect(count(b.ctx.db, 'mail_outbox', `status = 'sent' AND message_id = '${sent?.messageId}'`)).toBe(1);
    expect(
      count(
        b.ctx.db,
        'letters',
        `status = 'sent' AND channel = 'email' AND message_id = '${sent?.messageId}'`,
      ),
    ).toBe(1);
    expect(
      count(
        b.ctx.db,
        'contacts',
        `channel = 'email' AND outcome = 'sent' AND note LIKE '%${sent?.messageId}%'`,
      ),
    ).toBe(1);
    // A second run finds nothing left to send.
    expect((await send()).sent).toHaveLength(0);
  });

  it('retries a refusing server with backoff, then shows the send as failed with its reply; the task stays open', async () => {
    inbox = await startServer({ reject: '5.1.1 Casella inesistente' });
    await configure('smtp', inbox.port, { 'mail.attempts': 3 });
    const t0 = performance.now();
    const result = await send([emailTask]);
    expect(result.sent).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ taskId: emailTask, attempts: 3 });
    expect(result.failed[0]?.error).toMatch(/550 5\.1\.1 Casella inesistente/);
    expect(inbox.rcptAttempts).toBe(3);
    expect(inbox.received).toHaveLength(0);
    // Backoff 10 ms then 20 ms.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(30);

    expect(taskRow(b.ctx.db, emailTask).status).toBe('open');
    expect(count(b.ctx.db, 'mail_attempts', 'ok = 0')).toBe(3);
    const tasks = await b.call('letters.tasks', {});
    const row = tasks.ok
      ? (tasks.data as { rows: { taskId: number; mail: unknown }[] }).rows.find((r) => r.taskId === emailTask)
      : null;
    expect(row?.mail).toMatchObject({
      status: 'failed',
      attempts: 3,
      response: expect.stringMatching(/550 5\.1\.1/),
    });
  });

  it('refuses the login with a wrong stored password (the server decides, the task stays open)', async () => {
    inbox = await startServer();
    await configure('smtp', inbox.port, { 'mail.attempts': 1 });
    expect((await b.call('settings.setPassword', { account: 'smtp', password: 'sbagliata' })).ok).toBe(true);
    const result = await send([emailTask]);
    expect(result.failed[0]?.error).toMatch(/Invalid username or password/);
    expect(taskRow(b.ctx.db, emailTask).status).toBe('open');
  });
});

describe('sending a formal notice by PEC', () => {
  it('uses the PEC account and address; an imported receipt attaches to the letter', async () => {
    inbox = await startServer();
    await configure('pec', inbox.port);
    const result = await send();
    // The e-mail task has no ordinary account configured: skipped, not failed.
    expect(result.skipped).toEqual([
      expect.objectContaining({
        taskId: emailTask,
        reason: expect.stringMatching(/smtp account has no host/),
      }),
    ]);
    expect(result.sent).toEqual([
      expect.objectContaining({ taskId: pecTask, channel: 'pec', to: 'cliente-due@pec.example.it' }),
    ]);
    const mail = inbox.received[0] as ParsedMail;
    expect(mail.from?.value[0]?.address).toBe('fornitore@pec.example.it');
    expect(mail.subject).toBe("Messa in mora ai sensi dell'art. 1219 c.c. – Cliente Due S.p.A.");
    expect(mail.attachments[0]?.filename).toBe('K2-20260331-MM.pdf');
    expect(taskRow(b.ctx.db, pecTask).status).toBe('done');

    const messageId = result.sent[0]?.messageId ?? '';
    const eml = [
      'Return-Path: <posta-certificata@pec.example.it>',
      'From: "Per conto di: fornitore@pec.example.it" <posta-certificata@pec.example.it>',
      'To: fornitore@pec.example.it',
      'Subject: =?UTF-8?Q?CONSEGNA:_Messa_in_mora?=',
      'Date: Tue, 31 Mar 2026 10:15:02 +0200',
      'X-Ricevuta: avvenuta-consegna',
      `X-Riferimento-Message-ID: ${messageId}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Ricevuta di avvenuta consegna',
      '',
    ].join('\r\n');
    const imported = await b.call('letters.receipt', {
      fileName: 'consegna.eml',
      dataBase64: Buffer.from(eml).toString('base64'),
    });
    expect(imported).toMatchObject({
      ok: true,
      data: { kind: 'avvenuta-consegna', refMessageId: messageId },
    });
    const letterId = imported.ok ? (imported.data as { letterId: number }).letterId : 0;
    expect(letterId).toBeGreaterThan(0);
    const listed = await b.call('letters.list', { customerCode: 'K2' });
    expect(listed.ok && listed.data).toEqual([
      expect.objectContaining({
        id: letterId,
        channel: 'pec',
        status: 'sent',
        receipts: [
          expect.objectContaining({ kind: 'avvenuta-consegna', receivedAt: '2026-03-31T08:15:02.000Z' }),
        ],
      }),
    ]);
    const stored = b.ctx.db.$client.prepare('SELECT path, subject FROM pec_receipts').get() as {
      path: string;
      subject: string;
    };
    expect(stored.subject).toBe('CONSEGNA: Messa in mora');
    expect(fs.readFileSync(path.join(b.ctx.dataDir, stored.path), 'utf8')).toBe(eml);
    // The same file twice is refused.
    expect(
      (
        await b.call('letters.receipt', {
          fileName: 'consegna.eml',
          dataBase64: Buffer.from(eml).toString('base64'),
        })
      ).ok,
    ).toBe(false);
  });
});
