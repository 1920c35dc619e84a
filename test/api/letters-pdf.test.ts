/**
 * Letters as PDF, checked from the outside: page 1 rendered to PNG (pdftoppm) and its QR code
 * decoded by a real decoder (zbarimg) against the EPC text written out by hand; the text layer
 * (pdftotext) for totals, Italian formats, page x of y and a long name that wraps inside the
 * address window; fonts embedded (pdffonts); the archive's sha256 and contact-log row.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LetterFile } from '../../shared/api/contracts/letters.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { addClienteUno, addCustomer, addItem, count, setLetterhead } from '../helpers/letters.ts';

const LONG_NAME =
  'Officina Meccanica di Precisione Fratelli Colombo & Figli di Giuseppe Colombo e Associati S.n.c. in liquidazione';

let b: TestBackend;
let out: string;

beforeAll(async () => {
  b = await testBackend('2026-03-31');
  out = path.join(b.dir, 'out');
  fs.mkdirSync(out);
  await setLetterhead(b.ctx.db);
  const k1 = addClienteUno(b.ctx.db, { address: 'Via Roma 1, 20121 Milano (MI)', vat: 'IT09876543210' });
  addItem(b.ctx.db, k1, {
    type: 'credit_note',
    number: 'NC A/3',
    date: '2025-12-01',
    due: '2025-12-01',
    amount: -50_000,
  });
  addItem(b.ctx.db, k1, { number: 'FT A/4', date: '2026-03-01', due: '2026-04-30', amount: 80_000 });
  const k2 = addCustomer(b.ctx.db, {
    code: 'K2',
    name: LONG_NAME,
    address: 'Via Giuseppe Garibaldi 123\n20121 Milano (MI)',
  });
  addItem(b.ctx.db, k2, { number: 'FT 9/2026', date: '2026-01-10', due: '2026-02-10', amount: 12_345_678 });
});
afterAll(() => b.close());

async function create(customerCode: string, template: string): Promise<LetterFile> {
  const r = await b.call('letters.create', { customerCode, template });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as LetterFile;
}

const text = (pdf: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');

function decodeQr(pdf: string, page: number): string {
  const prefix = path.join(out, `${path.basename(pdf, '.pdf')}-p${page}`);
  execFileSync('pdftoppm', [
    '-r',
    '150',
    '-png',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    prefix,
  ]);
  // --raw prints the payload as encoded, followed by one line break.
  return execFileSync('zbarimg', ['--raw', '-q', `${prefix}.png`], { encoding: 'utf8' }).replace(/\n$/, '');
}

describe('a reminder as PDF', () => {
  it('carries on page 1 an EPC QR code with our RF reference that a real decoder reads back as the expected payment', async () => {
    const letter = await create('K1', 'reminder1');
    // Net due: 1.000,00 + 2.554,89 − 500,00 (credit note) = 3.054,89 € (a reminder claims no interest).
    const expected = [
      'BCD',
      '002',
      '1',
      'SCT',
      'BPMOIT22XXX',
      'Fornitore Esempio S.r.l.',
      'IT60X0542811101000000123456',
      'EUR3054.89',
      '',
      // The structured creditor reference (ISO 11649) of customer K1: the bank import matches it.
      'RF09K1',
    ].join('\n');
    expect(letter.epcPayload).toBe(expected);
    expect(decodeQr(letter.path, 1)).toBe(expected);
  });

  it('prints totals, amounts and dates the Italian way, and the same payment data in plain text', async () => {
    const letter = await create('K1', 'reminder1');
    const t = text(letter.path, '-layout');
    expect(t).toMatch(/Totale scaduto\s+3\.554,89 €/);
    expect(t).toMatch(/Note di credito a dedurre\s+-500,00 €/);
    // The creditor reference in the payment box and in the text asking for payment.
    expect(t).toMatch(/Riferimento \(RF\):\s+RF09 K1/);
    expect(t.replace(/\s+/g, ' ')).toMatch(/indicando il riferimento RF09 K1/);
    expect(t).toMatch(/Netto scaduto\s+3\.054,89 €/);
    expect(t).toMatch(/FT A\/2\s+20\/05\/2025\s+20\/06\/2025\s+3\.000,00 €\s+2\.554,89 €\s+284/);
    expect(t).toMatch(/NC A\/3 \(nota di credito\)\s+01\/12\/2025\s+01\/12\/2025\s+-500,00 €\s+-500,00 €/);
    expect(t).not.toMatch(/FT A\/4/); // not yet due: not chased
    expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(t).toMatch(/IBAN: IT60 X054 2811 1010 0000 0123 456/);
    expect(t).toMatch(/Importo: 3\.054,89 €/);
    expect(t).toMatch(/Bologna, 31\/03\/2026/);
    expect(t).toMatch(/Pagina 1 di 1/);
    // Archived as written, logged in the contact log.
    expect(crypto.createHash('sha256').update(fs.readFileSync(letter.path)).digest('hex')).toBe(
      letter.sha256,
    );
    expect(count(b.ctx.db, 'contacts', `document_sha256 = '${letter.sha256}' AND channel = 'letter'`)).toBe(
      1,
    );
  });

  it('embeds its fonts', async () => {
    const letter = await create('K1', 'reminder2');
    const fonts = execFileSync('pdffonts', [letter.path], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) expect(f).toMatch(/LiberationSans.*\byes\s+yes\s+yes\b/);
  });
});

describe('a formal notice as PDF', () => {
  it('claims interest and compensation, numbers its pages "x di y", and its QR carries the total to pay', async () => {
    const letter = await create('K1', 'formal_notice');
    // 3.054,89 net + 231,95 interest (29,48 + 202,47, see letters-interest.test.ts) + 2 × 40,00 = 3.366,84 €
    expect(letter.amounts).toMatchObject({
      netCents: 305_489,
      interestCents: 23_195,
      compensationCents: 8000,
      toPayCents: 336_684,
    });
    expect(letter.pages).toBe(2);
    const t = text(letter.path, '-layout');
    expect(t).toMatch(/Pagina 1 di 2/);
    expect(t).toMatch(/Pagina 2 di 2/);
    expect(t).toMatch(/Interessi di mora D\.Lgs\. 231\/2002 al 31\/03\/2026\s+231,95 €/);
    expect(t).toMatch(/Indennizzo forfettario art\. 6 D\.Lgs\. 231\/2002 \(40 € × 2\)\s+80,00 €/);
    expect(t).toMatch(/Totale da pagare\s+3\.366,84 €/);
    const flat = text(letter.path).replace(/\s+/g, ' ');
    expect(flat).toMatch(/costituzione in mora ai sensi e per gli effetti dell'art\. 1219 del codice civile/);
    expect(flat).toMatch(/atto interruttivo della prescrizione ai sensi dell'art\. 2943/);
    expect(flat).toMatch(/entro 15 giorni dal ricevimento/);
    expect(flat).toMatch(/affideremo la pratica al nostro legale/);
    expect(flat).toMatch(/Marco Bianchi, Amministratore/);
    const qrPage = t.split('\f').findIndex((p) => p.includes('Pagamento con bonifico')) + 1;
    expect(decodeQr(letter.path, qrPage)).toMatch(/\nEUR3366\.84\n/);
  });
});

describe('a long customer name', () => {
  it('wraps inside the address window instead of running off the page', async () => {
    const letter = await create('K2', 'reminder1');
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', letter.path, '-'], {
      encoding: 'utf8',
    });
    const words = [
      ...bbox.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({ xMin: Number(m[1]), y: Number(m[2]), xMax: Number(m[3]), text: m[4] ?? '' }));
    // Nothing crosses the right margin (A4 is 595 pt wide, the margin 57 pt).
    for (const w of words) expect(w.xMax, w.text).toBeLessThanOrEqual(595.28 - 57 + 1);
    // The name's words sit in the address column (right half), on more than one line.
    const first = words.find((w) => w.text === 'Officina');
    const last = words.find((w) => w.text === 'liquidazione');
    expect(first && last).toBeTruthy();
    expect(first?.xMin).toBeGreaterThan(290);
    expect(last?.y).toBeGreaterThan((first?.y ?? 0) + 10);
    // And the whole name is there, in order, in the text layer.
    expect(text(letter.path).replace(/\s+/g, ' ')).toContain(LONG_NAME);
    expect(text(letter.path, '-layout')).toMatch(/Netto scaduto\s+123\.456,78 €/);
  });
});
