/** Backups, the audit trail view and the GDPR tools through the dispatcher, on a real ledger. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { recentAudit } from '../../db/queries/audit.ts';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import { listBackups } from '../../electron/backend/services/safety/backup.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2026-11-23');
});
afterEach(() => b.close());

async function ok<T = unknown>(method: string, input: unknown = {}, userId = 1): Promise<T> {
  const res = await b.call(method, input, userId);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.data as T;
}

const sql = (text: string, ...params: unknown[]) => b.ctx.db.$client.prepare(text).run(...params);

/** A customer with one item closed long ago, a contact with a note and an attachment. */
async function oldCustomer(code: string, closedOn: string, name = `Rossi ${code} S.r.l.`) {
  const { lastInsertRowid } = sql(
    "INSERT INTO customers (code, name, vat, email, phone, address, notes, created_at) VALUES (?, ?, 'IT01234567890', 'mario@rossi.it', '+39 02 1234', 'Via Roma 1, Milano', 'chiama dopo le 15', '2012-01-01T00:00:00Z')",
    code,
    name,
  );
  const id = Number(lastInsertRowid);
  sql(
    "INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment, amount_cents, residual_cents, status, closed_on) VALUES (?, 'invoice', ?, '2012-03-01', '2012-04-30', '', 123456, 0, 'closed', ?)",
    id,
    `F-${code}`,
    closedOn,
  );
  await ok('contacts.add', {
    code,
    channel: 'phone',
    person: 'Mario Rossi',
    note: 'ha promesso di pagare',
    outcome: 'info',
  });
  sql('UPDATE contacts SET date = ? WHERE customer_id = ?', closedOn, id);
  await ok('attachments.add', {
    code,
    fileName: 'contratto.pdf',
    dataBase64: Buffer.from(`contratto di ${name}`).toString('base64'),
  });
  return id;
}

describe('backups through the API', () => {
  it('back up now, list, verify; the manual backup is in the audit trail', async () => {
    const entry = await ok<{ id: string; kind: string; good: boolean }>('backups.create', {
      note: 'prima della chiusura',
    });
    expect(entry).toMatchObject({ kind: 'manual', good: true });
    const [row] = await recentAudit(b.ctx.db, 1);
    expect(row).toMatchObject({ action: 'backups.create', entityId: entry.id, userName: 'admin' });
    const view = await ok<{ backups: { id: string }[]; rotation: unknown; health: unknown }>('backups.list');
    expect(view.backups.map((x) => x.id)).toEqual([entry.id]);
    expect(view.rotation).toEqual({ daily: 7, weekly: 4, monthly: 12 });
    expect(view.health).toEqual({ state: 'ok', problems: [] });
    expect(await ok('backups.verify', { id: entry.id })).toMatchObject({ ok: true, kind: 'backup' });
    expect(await b.call('backups.verify', { id: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await b.call('backups.verify', { id: 'no-such-backup' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('configure: folder and rotation, refusing a folder that cannot be written', async () => {
    const folder = path.join(b.dir, 'share');
    const view = await ok<{ folder: string; rotation: unknown }>('backups.configure', {
      folder,
      daily: 10,
      weekly: 2,
    });
    expect(view).toMatchObject({ folder, rotation: { daily: 10, weekly: 2, monthly: 12 } });
    const blocker = path.join(b.dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const bad = await b.call('backups.configure', { folder: path.join(blocker, 'sub') });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'folder' }] } },
    });
    expect(await b.call('backups.configure', { daily: 0 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('restore needs an explicit confirmation and the admin', async () => {
    const entry = await ok<{ id: string }>('backups.create');
    expect(await b.call('backups.restore', { id: entry.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const { id: manager } = await ok<{ id: number }>('users.add', { name: 'Marta', role: 'manager' });
    expect(await b.call('backups.restore', { id: entry.id, confirm: true }, manager)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const r = await ok<{ safetyBackup: string }>('backups.restore', { id: entry.id, confirm: true });
    expect(r.safetyBackup).toMatch(/pre-restore$/);
    // Marta was added after the backup.
    expect((await ok<{ name: string }[]>('users.list')).map((u) => u.name)).toEqual(['admin']);
  });

  it('an import is preceded by a backup; a dry run is not', async () => {
    const csv =
      'Codice cliente;Ragione sociale;Numero documento;Data documento;Scadenza;Importo;Residuo\nC1;Alfa;F1;01/10/2026;31/10/2026;100,00;100,00\n';
    const stage = () => stageBytes(b.ctx.dataDir, 'scadenzario.csv', Buffer.from(csv)).fileId;
    await ok('imports.apply', { fileId: stage(), asOf: '2026-11-20', dryRun: true });
    expect((await listBackups(b.ctx)).backups).toHaveLength(0);
    await ok('imports.apply', { fileId: stage(), asOf: '2026-11-20' });
    const backups = (await listBackups(b.ctx)).backups;
    expect(backups.map((x) => x.kind)).toEqual(['pre-import']);
    // The backup holds the ledger as it was before the import.
    const { dumpLedger } = await import('../helpers/dump.ts');
    expect(dumpLedger(path.join(backups[0]?.folder ?? '', 'ledger.db'))).not.toContain('"code":"C1"');
  });
});

describe('the audit trail view', () => {
  it('filters by user, customer, action (exact or area) and office days', async () => {
    const { id: clerk } = await ok<{ id: number }>('users.add', { name: 'Carla', role: 'clerk' });
    await oldCustomer('C7', '2014-05-10');
    await oldCustomer('C8', '2014-05-10');
    await ok('contacts.add', { code: 'C7', channel: 'email', note: 'sollecito inviato' }, clerk);
    await ok('settings.set', { values: { 'company.name': 'Rossi Forniture S.r.l.' } });

    const list = (filter: object) =>
      ok<{ total: number; rows: { action: string; userName: string }[] }>('audit.list', filter);
    const byCarla = await list({ user: 'Carla' });
    expect(byCarla.rows.map((r) => r.action)).toEqual(['contacts.add']);
    const c7 = await list({ customer: 'C7' });
    expect(c7.rows.map((r) => r.action)).toEqual(['contacts.add', 'attachments.add', 'contacts.add']);
    expect((await list({ customer: 'C8' })).total).toBe(2);
    expect((await list({ action: 'contacts.' })).total).toBe(3);
    expect((await list({ action: 'settings.set' })).rows).toHaveLength(1);
    expect((await list({ from: '2026-11-24' })).total).toBe(0);
    const all = await list({});
    expect(all.total).toBe((await recentAudit(b.ctx.db, 10_000)).length);
    expect((await list({ from: '2000-01-01', to: '2999-12-31' })).total).toBe(all.total);
    expect((await ok<unknown[]>('audit.customer', { code: 'C7' })).length).toBe(3);
    const facets = await ok<{ users: string[]; actions: string[] }>('audit.facets');
    expect(facets.users).toEqual(['Carla', 'admin', 'system']);
    expect(facets.actions).toContain('contacts.add');
    // Paging.
    const page = await ok<{ total: number; rows: unknown[] }>('audit.list', { offset: 1, limit: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBe(all.total);
  });

  it('office days follow Rome, not UTC', async () => {
    const { officeDayStart } = await import('../../electron/backend/services/safety/audit-view.ts');
    expect(officeDayStart('2026-11-23')).toBe('2026-11-22T23:00:00.000Z');
    expect(officeDayStart('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('exports CSV with formula-looking cells neutralised', async () => {
    await oldCustomer('C9', '2014-05-10', '=HYPERLINK("http://evil.example","clic")');
    await ok('contacts.add', { code: 'C9', channel: 'note', note: '+cmd|/c calc' });
    await ok('contacts.add', { code: 'C9', channel: 'note', note: '@SUM(1,2)' });
    const r = await ok<{ csv: string; rows: number; fileName: string }>('audit.exportCsv', {
      customer: 'C9',
    });
    expect(r.fileName).toBe('registro-attivita-2026-11-23.csv');
    expect(r.rows).toBe(4);
    const lines = r.csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('id;at;user;action;entity;entity_id;before;after');
    expect(lines).toHaveLength(5);
    // Every cell of every line starts harmlessly.
    for (const line of lines.slice(1)) {
      for (const cell of parseCsvLine(line)) expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
    }
    // JSON cells start with { or " anyway; the direct text cells are what matter.
    const { csvCell } = await import('../../electron/backend/services/safety/audit-view.ts');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
  });
});

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unzip(base64: string): Map<string, Buffer> {
  const cfb = XLSX.CFB.read(Buffer.from(base64, 'base64'), { type: 'buffer' });
  const files = new Map<string, Buffer>();
  cfb.FullPaths.forEach((p: string, i: number) => {
    const entry = cfb.FileIndex[i];
    if (entry && entry.type === 2)
      files.set(p.replace(/^[^/]*\//, ''), Buffer.from(entry.content as Uint8Array));
  });
  return files;
}

describe('GDPR', () => {
  it('exports one customer’s data as a ZIP with JSON and the files, and records who did it', async () => {
    await oldCustomer('C1', '2014-05-10');
    await oldCustomer('C2', '2014-05-10');
    const r = await ok<{ fileName: string; dataBase64: string; files: number; sha256: string }>(
      'gdpr.export',
      { code: 'C1' },
    );
    expect(r.fileName).toBe('dati-personali-C1-2026-11-23.zip');
    expect(r.files).toBe(1);
    const files = unzip(r.dataBase64);
    const json = JSON.parse(files.get('customer.json')?.toString('utf8') ?? '{}');
    expect(json.customer).toMatchObject({ code: 'C1', vat: 'IT01234567890', email: 'mario@rossi.it' });
    expect(json.openItems).toHaveLength(1);
    expect(json.contacts[0]).toMatchObject({ person: 'Mario Rossi', note: 'ha promesso di pagare' });
    expect(json.documents[0]).toMatchObject({ inZip: expect.stringMatching(/^files\/attachments\//) });
    expect(json.auditTrail.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(json)).not.toContain('C2 S.r.l.');
    const doc = files.get(json.documents[0].inZip);
    expect(doc?.toString('utf8')).toBe('contratto di Rossi C1 S.r.l.');
    expect(files.has('LEGGIMI.txt')).toBe(true);
    const [row] = await recentAudit(b.ctx.db, 1);
    expect(row).toMatchObject({ action: 'gdpr.export', entity: 'customer', entityId: 'C1' });
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ sha256: r.sha256 });
    expect(row?.after).not.toContain(r.dataBase64.slice(0, 40));
    expect(await b.call('gdpr.export', { code: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lists customers past retention, skips holds and open positions, anonymises the confirmed ones', async () => {
    const due = await oldCustomer('OLD1', '2014-05-10');
    await oldCustomer('HOLD', '2014-05-10');
    await oldCustomer('RECENT', '2020-01-15');
    const open = await oldCustomer('OPEN', '2014-05-10');
    sql(
      "UPDATE open_items SET status = 'open', residual_cents = 5000, closed_on = NULL WHERE customer_id = ?",
      open,
    );
    await ok('gdpr.hold', { code: 'HOLD', hold: true, reason: 'decreto ingiuntivo in corso' });
    expect(await b.call('gdpr.hold', { code: 'HOLD', hold: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'reason' }] } },
    });

    const review = await ok<{
      candidates: { code: string; dueOn: string; lastActivity: string }[];
      held: { code: string }[];
    }>('gdpr.retention');
    expect(review.candidates.map((c) => c.code)).toEqual(['OLD1']);
    expect(review.candidates[0]).toMatchObject({ lastActivity: '2014-05-10', dueOn: '2024-05-10' });
    expect(review.held).toEqual([
      { code: 'HOLD', name: 'Rossi HOLD S.r.l.', reason: 'decreto ingiuntivo in corso' },
    ]);

    const files = fs.readdirSync(path.join(b.ctx.dataDir, 'attachments'), { recursive: true });
    expect(files.length).toBeGreaterThan(0);
    const r = await ok<{
      anonymised: { code: string; newCode: string }[];
      skipped: { code: string; reason: string }[];
    }>('gdpr.anonymise', { codes: ['OLD1', 'HOLD', 'RECENT', 'OPEN', 'NOPE'], confirm: true });
    expect(r.anonymised).toEqual([{ code: 'OLD1', newCode: `ANON-${due}` }]);
    expect(Object.fromEntries(r.skipped.map((s) => [s.code, s.reason]))).toEqual({
      HOLD: 'legal hold: decreto ingiuntivo in corso',
      RECENT: 'retention period not expired',
      OPEN: 'open positions (items, cases, legal, disputes, plans or promises)',
      NOPE: 'unknown customer',
    });

    const c = b.ctx.db.$client.prepare('SELECT * FROM customers WHERE id = ?').get(due) as Record<
      string,
      unknown
    >;
    expect(c).toMatchObject({
      code: `ANON-${due}`,
      name: `ANON-${due}`,
      vat: null,
      email: null,
      phone: null,
      address: null,
      notes: null,
    });
    const contact = b.ctx.db.$client
      .prepare('SELECT person, note, channel FROM contacts WHERE customer_id = ?')
      .get(due);
    expect(contact).toEqual({ person: null, note: null, channel: 'phone' });
    // Amounts and dates stay for the statistics.
    const item = b.ctx.db.$client
      .prepare('SELECT amount_cents, closed_on, document_number FROM open_items WHERE customer_id = ?')
      .get(due);
    expect(item).toEqual({ amount_cents: 123456, closed_on: '2014-05-10', document_number: 'F-OLD1' });
    const att = b.ctx.db.$client
      .prepare('SELECT file_name, path FROM attachments WHERE customer_id = ?')
      .get(due);
    expect(att).toEqual({ file_name: '[removed]', path: '' });
    // The file goes once the transaction has committed.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const left = fs.readdirSync(b.ctx.dataDir, { recursive: true }).map(String);
    expect(left.filter((f) => f.includes('.gdpr-trash'))).toEqual([]);
    expect(left.filter((f) => f.startsWith('attachments') && f.endsWith('.pdf'))).toHaveLength(3);
    // Recorded per customer, and as the call.
    const actions = (await recentAudit(b.ctx.db, 2)).map((a) => a.action);
    expect(actions).toEqual(['gdpr.anonymise', 'gdpr.anonymiseCustomer']);
    expect((await ok<{ lastReviewOn: string; candidates: unknown[] }>('gdpr.retention')).lastReviewOn).toBe(
      '2026-11-23',
    );
    // Anonymised once: a second run skips it.
    const again = await ok<{ skipped: { reason: string }[] }>('gdpr.anonymise', {
      codes: [`ANON-${due}`],
      confirm: true,
    });
    expect(again.skipped[0]?.reason).toBe('already anonymised');
  });

  it('the retention period is a setting (10 to 30 years)', async () => {
    await oldCustomer('OLD1', '2014-05-10');
    await ok('gdpr.configure', { retentionYears: 15 });
    expect(
      (await ok<{ candidates: unknown[]; retentionYears: number }>('gdpr.retention')).candidates,
    ).toEqual([]);
    expect(await b.call('gdpr.configure', { retentionYears: 5 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('an anonymisation that does not commit puts the files back', async () => {
    const id = await oldCustomer('OLD1', '2014-05-10');
    b.ctx.db.$client.exec(
      "CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON audit_log WHEN NEW.action = 'gdpr.anonymise' BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END",
    );
    const spy = (await import('vitest')).vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await b.call('gdpr.anonymise', { codes: ['OLD1'], confirm: true });
    spy.mockRestore();
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const c = b.ctx.db.$client.prepare('SELECT code, email FROM customers WHERE id = ?').get(id);
    expect(c).toEqual({ code: 'OLD1', email: 'mario@rossi.it' });
    const left = fs.readdirSync(b.ctx.dataDir, { recursive: true }).map(String);
    expect(left.filter((f) => f.includes('.gdpr-trash'))).toEqual([]);
    expect(left.filter((f) => f.startsWith('attachments') && f.endsWith('.pdf'))).toHaveLength(1);
  });
});
