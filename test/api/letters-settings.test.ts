/**
 * Settings for letters (CLI and API): letterhead keys, validation, the password read from
 * standard input and stored encrypted with a user-only key file (never in the audit log), the
 * logo; templates edited, previewed live and reset; the policies' letter options.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { KEY_FILE } from '../../electron/backend/services/settings/secrets.ts';
import { mailAccount } from '../../electron/backend/services/settings/store.ts';
import type { MethodOutput } from '../../shared/api/contract.ts';
import type { LetterFile } from '../../shared/api/contracts/letters.ts';
import { DEFAULT_POLICIES } from '../../shared/domain/dunning/policy.ts';
import { SHIPPED_TEMPLATES } from '../../shared/domain/letters/shipped.ts';
import { type TestBackend, tempDir, testBackend } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { addCustomer, addItem, addLetterTask, setLetterhead } from '../helpers/letters.ts';

describe('settings from the CLI', () => {
  const dir = tempDir('incasso-settings-');
  const db = path.join(dir, 'ledger.db');
  /** The CLI in-process (no process start per command), `stdin` piped in when given. */
  const run = (args: string[], stdin?: string) => runCliInProcess([...args, '--db', db], {}, stdin);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets letterhead and mail keys and refuses bad values naming the key', async () => {
    expect((await run(['settings', 'set', 'company.name', 'Fornitore Esempio S.r.l.'])).code).toBe(0);
    expect((await run(['settings', 'set', 'company.address', 'Via Roma 1\\n40100 Bologna'])).code).toBe(0);
    expect((await run(['settings', 'set', 'company.iban', 'IT60 X054 2811 1010 0000 0123 456'])).code).toBe(
      0,
    );
    expect((await run(['settings', 'set', 'smtp.port', '2525'])).code).toBe(0);
    expect((await run(['settings', 'set', 'smtp.secure', 'true'])).code).toBe(0);
    const bad = await run(['settings', 'set', 'smtp.port', 'abc', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).errors[0]).toMatchObject({ column: 'smtp.port' });
    expect((await run(['settings', 'set', 'company.iban', 'IT00 0000', '--json'])).code).toBe(2);
    expect((await run(['settings', 'set', 'nonsense.key', 'x', '--json'])).code).toBe(2);

    const all = JSON.parse((await run(['settings', '--json'])).stdout);
    expect(Object.keys(all)).toEqual(['language', 'company', 'letters', 'smtp', 'pec', 'mail']);
    expect(all.company).toMatchObject({
      name: 'Fornitore Esempio S.r.l.',
      address: 'Via Roma 1\n40100 Bologna',
      iban: 'IT60X0542811101000000123456',
      logo: false,
    });
    expect(all.smtp).toEqual({ host: '', port: 2525, secure: true, user: '', from: '', password: false });
    expect(all.pec).toMatchObject({ port: 465, secure: true });
    expect(all.letters).toEqual({ termDays: 15, invoiceFolder: '' });
  }, 120_000);

  it('reads the password from standard input and stores it encrypted with a key only the user can read', async () => {
    const r = await run(['settings', 'set-password', 'smtp', '--json'], 'Pa55word-segreta\n');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ account: 'smtp', set: true });
    const ctx = await createBackend({ dbPath: db, mode: 'cli' });
    try {
      const raw = ctx.db.$client
        .prepare("SELECT value FROM settings WHERE key = 'secret.smtp.password'")
        .pluck()
        .get() as string;
      expect(raw).toMatch(/keyfile-aes-256-gcm/);
      expect(raw).not.toContain('Pa55word');
      const dump = (ctx.db.$client.prepare('SELECT * FROM audit_log').all() as unknown[])
        .map((x) => JSON.stringify(x))
        .join('\n');
      expect(dump).toContain('settings.setPassword');
      expect(dump).not.toContain('Pa55word');
      expect(fs.statSync(path.join(ctx.dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect((await mailAccount(ctx.db, ctx, 'smtp')).password).toBe('Pa55word-segreta');
    } finally {
      closeLedger(ctx.db);
    }
    expect(JSON.parse((await run(['settings', '--json'])).stdout).smtp.password).toBe(true);
  }, 60_000);
});

describe('settings, templates and policy options through the API', () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await testBackend('2026-03-31');
    await setLetterhead(b.ctx.db);
    const k = addCustomer(b.ctx.db, { code: 'K1', name: 'Cliente Uno S.r.l.', language: 'it' });
    addItem(b.ctx.db, k, { number: 'FT A/1', date: '2025-11-15', due: '2025-12-15', amount: 100_000 });
    addLetterTask(b.ctx.db, k, 'letter', 'formal_notice', '2026-03-31');
    const e = addCustomer(b.ctx.db, { code: 'E1', name: 'Foreign Buyer Ltd', language: 'en' });
    addItem(b.ctx.db, e, { number: 'INV 77', date: '2026-01-02', due: '2026-02-01', amount: 123_456 });
  });
  afterAll(() => b.close());

  it("one settings API: the company's language and name (the header's and the letterhead's) read and change by key", async () => {
    expect(await b.call('settings.get', {})).toMatchObject({
      ok: true,
      data: { language: 'it', company: { name: 'Fornitore Esempio S.r.l.' } },
    });
    const set = await b.call('settings.set', {
      values: { 'company.name': 'Fornitore Due S.r.l.', language: 'en' },
    });
    expect(set).toMatchObject({
      ok: true,
      data: { language: 'en', company: { name: 'Fornitore Due S.r.l.' } },
    });
    expect(await b.call('settings.get', {})).toMatchObject({
      data: { language: 'en', company: { name: 'Fornitore Due S.r.l.' } },
    });
    // A language the app does not speak is refused by name, and nothing changes.
    expect(await b.call('settings.set', { values: { language: 'de', 'company.name': 'X' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'language' }] } },
    });
    expect(
      (
        await b.call('settings.set', {
          values: { 'company.name': 'Fornitore Esempio S.r.l.', language: 'it' },
        })
      ).ok,
    ).toBe(true);
    expect(await b.call('settings.get', {})).toMatchObject({
      data: { language: 'it', company: { name: 'Fornitore Esempio S.r.l.' } },
    });
  });

  it('a cipher given by the host (e.g. Electron safeStorage) stores and reads the passwords', async () => {
    // The same ledger opened by a host that passes its own cipher to createBackend.
    const host = await createBackend({
      dbPath: b.dbPath,
      mode: 'cli',
      today: '2026-03-31',
      config: {
        secretCipher: {
          scheme: 'test-safestorage',
          encrypt: (p) => Buffer.from(p).toString('hex'),
          decrypt: (d) => Buffer.from(d, 'hex').toString(),
        },
      },
    });
    try {
      const set = await dispatch(host, {
        method: 'settings.setPassword',
        input: { account: 'pec', password: 'pec-pass' },
        userId: 1,
      });
      expect(set.ok).toBe(true);
      expect((await mailAccount(host.db, host, 'pec')).password).toBe('pec-pass');
    } finally {
      host.close();
    }
    // Read back by another scheme (the key file of a backend given no cipher): refused with a
    // clear message, never garbage.
    await expect((async () => await mailAccount(b.ctx.db, b.ctx, 'pec'))()).rejects.toThrow(
      /saved by another installation/,
    );
  });

  it('puts the logo on the letterhead', async () => {
    const png = path.join(b.dir, 'logo.png');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '20',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      await anyPdf(b),
      png.replace(/\.png$/, ''),
    ]);
    const set = await b.call('settings.setImage', {
      kind: 'logo',
      fileName: 'logo.png',
      dataBase64: fs.readFileSync(png).toString('base64'),
    });
    expect(set).toEqual({ ok: true, data: { kind: 'logo', set: true } });
    expect(
      (
        await b.call('settings.setImage', {
          kind: 'logo',
          dataBase64: Buffer.from('GIF89a').toString('base64'),
        })
      ).ok,
    ).toBe(false);
    const letter = await createLetter(b, 'K1', 'reminder1');
    expect(execFileSync('pdfimages', ['-list', letter.path], { encoding: 'utf8' })).toMatch(
      /\n\s+1\s+\d+\s+image/,
    );
  });

  it('edits a template, previews unsaved texts live with merge-field problems, and resets it', async () => {
    const list = await b.call('templates.list', {});
    expect(list.ok && (list.data as { templates: unknown[] }).templates).toHaveLength(8);

    const text = {
      ...SHIPPED_TEMPLATES.it.reminder1,
      subject: 'Saldo di {{totals.net}} per {{customer.nome}}',
    };
    const preview = await b.call('letters.preview', { customerCode: 'K1', template: 'reminder1', text });
    expect(preview.ok).toBe(true);
    const p = preview.ok ? (preview.data as MethodOutput<'letters.preview'>) : null;
    expect(p?.subject.replace(/\u00a0/g, ' ')).toBe('Saldo di 1.000,00 € per {{customer.nome}}');
    expect(p?.issues).toContain('subject: Unknown field "customer.nome"');
    // The same problem with a code and params, for the UI's language.
    expect(p?.notices).toContainEqual({
      code: 'template.unknownField',
      message: 'subject: Unknown field "customer.nome"',
      params: { part: 'subject', field: 'customer.nome' },
    });
    expect(
      Buffer.from(p?.pdfBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const saved = await b.call('templates.save', {
      name: 'reminder1',
      language: 'it',
      text: { ...text, subject: 'Saldo di {{totals.net}}' },
    });
    expect(saved).toMatchObject({ ok: true, data: { edited: true } });
    const after = await b.call('letters.preview', { customerCode: 'K1', template: 'reminder1' });
    expect(after.ok && (after.data as { subject: string }).subject.replace(/\u00a0/g, ' ')).toBe(
      'Saldo di 1.000,00 €',
    );
    const reset = await b.call('templates.reset', { name: 'reminder1', language: 'it' });
    expect(reset).toMatchObject({ ok: true, data: { edited: false, text: SHIPPED_TEMPLATES.it.reminder1 } });
  });

  it("picks the template language from the customer's and formats English letters the English way", async () => {
    const p = await b.call('letters.preview', { customerCode: 'E1', template: 'reminder2' });
    const data = p.ok ? (p.data as { subject: string; email: { body: string } }) : null;
    expect(data?.subject).toBe('Second payment reminder');
    expect(data?.email.body).toContain('- INV 77 of 02/01/2026, due 01/02/2026: €1,234.56');
  });

  it("honours the policy's options: no interest, no compensation when switched off", async () => {
    const withClaims = await createLetter(b, 'K1', 'formal_notice');
    // 1000 × 10,15 % × 106 days / 365 = 29,48 € (see letters-interest.test.ts) + 40,00 €
    expect(withClaims.amounts).toMatchObject({
      interestCents: 2948,
      compensationCents: 4000,
      toPayCents: 106_948,
    });
    const set = structuredClone(DEFAULT_POLICIES);
    const standard = set.policies.find((x) => x.name === 'Standard');
    if (!standard) throw new Error('no Standard policy');
    standard.claimInterest = false;
    standard.claimCompensation = false;
    expect((await b.call('policies.save', set)).ok).toBe(true);
    const got = await b.call('policies.get', {});
    expect(got.ok && (got.data as typeof set).policies[0]).toMatchObject({
      name: 'Standard',
      claimInterest: false,
      claimCompensation: false,
    });
    // The other policies' JSON is as shipped: no new keys appear.
    expect(got.ok && (got.data as typeof set).policies[1]).toEqual(DEFAULT_POLICIES.policies[1]);
    const without = await createLetter(b, 'K1', 'formal_notice');
    expect(without.amounts).toMatchObject({ interestCents: 0, compensationCents: 0, toPayCents: 100_000 });
    const t = execFileSync('pdftotext', [without.path, '-'], { encoding: 'utf8' });
    expect(t).not.toMatch(/Interessi di mora/);
    expect(t).not.toMatch(/Indennizzo forfettario/);
  });
});

async function createLetter(b: TestBackend, customerCode: string, template: string): Promise<LetterFile> {
  const r = await b.call('letters.create', { customerCode, template });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as LetterFile;
}

/** Any PDF of ours, to make a PNG from (the logo test needs a real image). */
async function anyPdf(b: TestBackend): Promise<string> {
  return (await createLetter(b, 'K1', 'statement')).path;
}
