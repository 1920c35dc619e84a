/**
 * The repayment-plan agreement (plans.agreement): a printable PDF with the letterhead, the
 * customer, the items covered, the installment schedule (dates and amounts), the interest and
 * the total, and a signature area for both parties — read back with pdftotext; archived with its
 * sha256 and logged in the customer's contact log.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { addCustomer, addItem, count, setLetterhead } from '../helpers/letters.ts';

interface AgreementOut {
  letterId: number;
  reference: string;
  sha256: string;
  pages: number;
  totalCents: number;
  pdfBase64: string;
}

let b: TestBackend;
let planId: number;

const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');

function ok<T>(method: string, input: unknown, userId = 1): Promise<T> {
  return callData<T>(b, method, input, userId);
}

beforeEach(async () => {
  b = await testBackend('2026-11-23');
  await setLetterhead(b.ctx.db);
  const id = addCustomer(b.ctx.db, {
    code: 'C042',
    name: 'Officine Meccaniche Rossi & Figli S.p.A.',
    address: 'Via Emilia 200\n41100 Modena (MO)',
    vat: 'IT09876543210',
  });
  addItem(b.ctx.db, id, { number: 'FT 2026/101', date: '2026-06-10', due: '2026-07-31', amount: 150_000 });
  addItem(b.ctx.db, id, {
    number: 'FT 2026/155',
    date: '2026-08-05',
    due: '2026-09-30',
    amount: 90_000,
    residual: 60_000,
  });
  const itemIds = b.ctx.db.$client
    .prepare('SELECT id FROM open_items WHERE customer_id = ? ORDER BY id')
    .pluck()
    .all(id) as number[];
  // 2.100,00 € of items plus 30,00 € of agreed interest in three monthly installments.
  ({ id: planId } = await ok<{ id: number }>('plans.add', {
    code: 'C042',
    itemIds,
    every: 'month',
    interestCents: 3_000,
    installments: [
      { date: '2026-12-15', amountCents: 71_000 },
      { date: '2027-01-15', amountCents: 71_000 },
      { date: '2027-02-15', amountCents: 71_000 },
    ],
  }));
});

afterEach(() => b.close());

describe('plans.agreement', () => {
  it('renders the schedule, the total and both parties, archived and logged', async () => {
    const out = await ok<AgreementOut>('plans.agreement', { planId });
    expect(out.reference).toBe(`PR-${String(planId).padStart(5, '0')}`);
    expect(out.totalCents).toBe(213_000);
    expect(out.pages).toBeGreaterThanOrEqual(1);

    const row = b.ctx.db.$client
      .prepare('SELECT path, sha256, template, total_cents AS total FROM letters WHERE id = ?')
      .get(out.letterId) as { path: string; sha256: string; template: string; total: number };
    expect(row.template).toBe('plan_agreement');
    expect(row.total).toBe(213_000);
    const file = path.join(b.ctx.dataDir, row.path);
    const data = fs.readFileSync(file);
    expect(crypto.createHash('sha256').update(data).digest('hex')).toBe(out.sha256);
    expect(Buffer.from(out.pdfBase64, 'base64').equals(data)).toBe(true);

    const text = pdfText(file);
    expect(text).toContain('Accordo di piano di rientro');
    expect(text).toContain('Fornitore Esempio S.r.l.');
    expect(text).toContain('Officine Meccaniche Rossi & Figli S.p.A.');
    expect(text).toContain('FT 2026/101');
    expect(text).toContain('FT 2026/155');
    // The schedule rows: number, due date, amount.
    expect(text).toMatch(/1\s+15\/12\/2026\s+710,00 €/);
    expect(text).toMatch(/2\s+15\/01\/2027\s+710,00 €/);
    expect(text).toMatch(/3\s+15\/02\/2027\s+710,00 €/);
    expect(text).toMatch(/Interessi convenuti\s+30,00 €/);
    expect(text).toMatch(/Totale da pagare\s+2\.130,00 €/);
    expect(text).toMatch(/Totale dei documenti\s+2\.100,00 €/);
    expect(text).toContain('IT60 X054 2811 1010 0000 0123 456');
    expect(text).toContain('Per il Creditore');
    expect(text).toContain('Per il Debitore');
    expect(text).toMatch(/Pagina 1 di \d/);

    expect(
      count(
        b.ctx.db,
        'contacts',
        `document_sha256 = '${out.sha256}' AND channel = 'letter' AND direction = 'out'`,
      ),
    ).toBe(1);
    expect(count(b.ctx.db, 'audit_log', "action = 'plans.agreement'")).toBe(1);
  });

  it('writes English for an English-speaking customer, and refuses an unknown plan', async () => {
    b.ctx.db.$client.prepare("UPDATE customers SET language = 'en' WHERE code = 'C042'").run();
    const out = await ok<AgreementOut>('plans.agreement', { planId });
    const tmp = path.join(b.dir, 'en.pdf');
    fs.writeFileSync(tmp, Buffer.from(out.pdfBase64, 'base64'));
    const text = pdfText(tmp);
    expect(text).toContain('Repayment plan agreement');
    expect(text).toMatch(/Total to pay\s+€2,130\.00/);

    const r = await b.call('plans.agreement', { planId: 9999 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
  });

  it('is for clerks and managers, not for the accountant', async () => {
    const viewer = await ok<{ id: number }>('users.add', {
      name: 'Anna Conti',
      role: 'accountant',
      areas: [],
    });
    const r = await b.call('plans.agreement', { planId }, viewer.id);
    expect(r.ok).toBe(false);
  });
});
