import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRatesCsv } from '../../shared/domain/interest.ts';
import {
  addressLines,
  type ComposeInput,
  composeLetter,
  remittanceText,
} from '../../shared/domain/letters/compose.ts';
import { formatDate, formatMoney, formatPercent } from '../../shared/domain/letters/format.ts';
import { mergeFields, toParagraphs, toPlainText } from '../../shared/domain/letters/merge.ts';
import type { LetterItemInput, TemplateName } from '../../shared/domain/letters/model.ts';
import { SHIPPED_TEMPLATES } from '../../shared/domain/letters/shipped.ts';

const rates = parseRatesCsv(
  fs.readFileSync(new URL('../../db/seed/interest_rates_231.csv', import.meta.url), 'utf8'),
);
const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('Italian formats', () => {
  it('groups thousands always, two decimals, euro sign after; dates gg/mm/aaaa', () => {
    expect(nb(formatMoney(123_456))).toBe('1.234,56 €');
    expect(nb(formatMoney(255_489))).toBe('2.554,89 €');
    expect(nb(formatMoney(-50_000))).toBe('-500,00 €');
    expect(nb(formatMoney(12_345_678_90))).toBe('12.345.678,90 €');
    expect(formatMoney(123_456, 'en')).toBe('€1,234.56');
    expect(formatDate('2026-03-09')).toBe('09/03/2026');
    expect(nb(formatPercent(10.15))).toBe('10,15 %');
  });
});

describe('merge fields', () => {
  const values = { 'customer.name': 'Rossi S.r.l.', 'totals.net': '1.000,00 €' };
  it('fills values and keeps an unknown field visible, reporting it', () => {
    const r = mergeFields(
      'Spett.le {{customer.name}}, pagate {{ totals.net }} entro {{term.giorni}}.',
      values,
      {},
    );
    expect(r.text).toBe('Spett.le Rossi S.r.l., pagate 1.000,00 € entro {{term.giorni}}.');
    expect(r.issues).toEqual([
      { code: 'unknownField', message: 'Unknown field "term.giorni"', field: 'term.giorni' },
    ]);
  });
  it('prints one full stop after a value that ends with one ("S.r.l." + "." is not "S.r.l..")', () => {
    expect(mergeFields('Saluti da {{customer.name}}.', values, {}).text).toBe('Saluti da Rossi S.r.l.');
    expect(mergeFields('Da {{customer.name}}.\n\nFine.', values, {}).text).toBe('Da Rossi S.r.l.\n\nFine.');
    // An ellipsis in the template is kept as written; a value without a full stop keeps the template's.
    expect(mergeFields('{{customer.name}}...', values, {}).text).toBe('Rossi S.r.l....');
    expect(mergeFields('Totale {{totals.net}}.', values, {}).text).toBe('Totale 1.000,00 €.');
  });
  it('keeps or drops sections by flag, inverted sections too, nested', () => {
    const t = 'A{{#credits}} B{{#interest}} C{{/interest}}{{/credits}}{{^credits}} D{{/credits}}';
    expect(mergeFields(t, {}, { credits: true, interest: false }).text).toBe('A B');
    expect(mergeFields(t, {}, { credits: true, interest: true }).text).toBe('A B C');
    expect(mergeFields(t, {}, { credits: false, interest: true }).text).toBe('A D');
    expect(mergeFields('{{#credits}}x', {}, { credits: true }).issues[0]?.message).toMatch(/never closed/);
    expect(mergeFields('{{#nope}}x{{/nope}}', {}, {}).issues[0]?.message).toMatch(/Unknown condition/);
  });
  it('turns blank lines into paragraphs and **…** into bold runs', () => {
    expect(toParagraphs('Uno **due** tre\nquattro\n\n\ncinque')).toEqual([
      [{ text: 'Uno ' }, { text: 'due', bold: true }, { text: ' tre\nquattro' }],
      [{ text: 'cinque' }],
    ]);
    expect(toPlainText('**Ciao**\n\n\nmondo')).toBe('Ciao\n\nmondo');
  });
});

const company = {
  name: 'Fornitore Esempio S.r.l.',
  address: 'Via Roma 1\n40100 Bologna',
  vat: 'IT01234567890',
  taxCode: '',
  phone: '051 1',
  email: 'crediti@f.it',
  pec: '',
  iban: 'IT60X0542811101000000123456',
  bic: '',
  contact: 'Giulia',
  signer: 'Marco',
  place: 'Bologna',
  hasLogo: false,
  hasSignature: false,
};

const item = (p: Partial<LetterItemInput> & Pick<LetterItemInput, 'documentNumber'>): LetterItemInput => ({
  documentType: 'invoice',
  documentDate: '2026-01-01',
  dueDate: '2026-01-31',
  installment: '',
  amountCents: 100_000,
  residualCents: 100_000,
  disputed: false,
  ...p,
});

function compose(template: TemplateName, items: LetterItemInput[], patch: Partial<ComposeInput> = {}) {
  return composeLetter({
    template,
    text: SHIPPED_TEMPLATES.it[template],
    language: 'it',
    channel: 'letter',
    date: '2026-03-01',
    company,
    customer: {
      code: 'C1',
      name: 'Rossi S.r.l.',
      address: 'Via Po 2, 10100 Torino',
      vat: null,
      taxCode: null,
      email: null,
      pec: null,
    },
    items,
    options: { claimInterest: true, claimCompensation: true, termDays: 15 },
    rates,
    ...patch,
  });
}

describe('composing a letter', () => {
  const items = [
    // Two installments of one invoice: 40 € once, not twice.
    item({ documentNumber: 'FT 1', installment: '1', residualCents: 50_000 }),
    item({ documentNumber: 'FT 1', installment: '2', dueDate: '2026-02-15', residualCents: 50_000 }),
    item({ documentNumber: 'FT 2', residualCents: 20_000, disputed: true }),
    item({ documentNumber: 'FT 3', dueDate: '2026-04-30' }),
    item({
      documentType: 'credit_note',
      documentNumber: 'NC 4',
      residualCents: -10_000,
      amountCents: -10_000,
    }),
  ];

  it('a formal notice lists undisputed overdue items and credits, claims interest and 40 € per invoice', () => {
    const m = compose('formal_notice', items);
    expect(m.rows.map((r) => [r.document, r.kind, r.daysLate])).toEqual([
      ['FT 1 (rata 1)', 'overdue', 29],
      ['FT 1 (rata 2)', 'overdue', 14],
      ['NC 4', 'credit', null],
    ]);
    // 500 × 10,15 % × 29/365 = 4,0322 -> 4,03; 500 × 10,15 % × 14/365 = 1,9466 -> 1,95
    expect(m.interestRows.map((r) => r.interestCents)).toEqual([403, 195]);
    expect(m.amounts).toEqual({
      overdueCents: 100_000,
      notDueCents: 0,
      creditsCents: 10_000,
      netCents: 90_000,
      interestCents: 598,
      compensationCents: 4000,
      feesCents: 0,
      toPayCents: 94_598,
    });
    expect(m.payment?.amountCents).toBe(94_598);
    expect(m.payment?.epcPayload).toContain('\nEUR945.98\n');
    expect(m.totals.map((t) => [t.label, t.amountCents, t.strong ?? false])).toEqual([
      ['Totale scaduto', 100_000, false],
      ['Note di credito a dedurre', -10_000, false],
      ['Netto scaduto', 90_000, false],
      ['Interessi di mora D.Lgs. 231/2002 al 01/03/2026', 598, false],
      ['Indennizzo forfettario art. 6 D.Lgs. 231/2002 (40 € × 1)', 4000, false],
      ['Totale da pagare', 94_598, true],
    ]);
    expect(m.signed).toBe(true);
    expect(m.issues).toEqual([]);
    expect(m.recipient.lines).toEqual(['Via Po 2', '10100 Torino']);
  });

  it('a formal notice claims the dunning fees of the case on a line of their own; a reminder does not', () => {
    const m = compose('formal_notice', items, { feesCents: 650 });
    expect(m.amounts).toMatchObject({ feesCents: 650, toPayCents: 94_598 + 650 });
    expect(m.totals.slice(-2).map((t) => [t.label, t.amountCents])).toEqual([
      ['Spese di sollecito', 650],
      ['Totale da pagare', 95_248],
    ]);
    expect(m.payment?.amountCents).toBe(95_248);
    const en = compose('formal_notice', items, { feesCents: 650, language: 'en' });
    expect(en.totals.some((t) => t.label === 'Dunning fees' && t.amountCents === 650)).toBe(true);
    const reminder = compose('reminder1', items, { feesCents: 650 });
    expect(reminder.amounts).toMatchObject({ feesCents: 0, toPayCents: 90_000 });
    expect(reminder.totals.some((t) => t.label === 'Spese di sollecito')).toBe(false);
  });

  it('a reminder claims nothing: its total and QR amount are the net due', () => {
    const m = compose('reminder1', items);
    expect(m.amounts).toMatchObject({ interestCents: 0, compensationCents: 0, toPayCents: 90_000 });
    expect(m.totals.at(-1)).toEqual({ label: 'Netto scaduto', amountCents: 90_000, strong: true });
    expect(m.signed).toBe(false);
  });

  it('a reminder needs no rate table; a formal notice refuses to guess a missing half-year', () => {
    expect(() => compose('reminder2', items, { rates: [] })).not.toThrow();
    expect(() => compose('formal_notice', items, { rates: [] })).toThrow(/missing for H1 2026/);
  });

  it('the statement lists every open item, disputed ones marked, with the account balance', () => {
    const m = compose('statement', items);
    expect(m.rows.map((r) => [r.document, r.kind, r.disputed])).toEqual([
      ['FT 1 (rata 1)', 'overdue', false],
      ['FT 2', 'overdue', true],
      ['FT 1 (rata 2)', 'overdue', false],
      ['FT 3', 'notDue', false],
      ['NC 4', 'credit', false],
    ]);
    expect(m.totals.map((t) => [t.label, t.amountCents])).toEqual([
      ['Totale scaduto', 120_000],
      ['Note di credito a dedurre', -10_000],
      ['Netto scaduto', 110_000],
      ['Totale a scadere', 100_000],
      ['Saldo del conto', 210_000],
    ]);
    expect(m.payment?.amountCents).toBe(110_000);
  });

  it('prints no QR when there is nothing to pay or no valid IBAN, and says so', () => {
    const paid = compose('reminder1', [
      item({ documentNumber: 'NC 9', residualCents: -5000, documentType: 'credit_note' }),
    ]);
    expect(paid.payment).toMatchObject({
      epcPayload: null,
      note: 'Nessun importo da pagare.',
      amountCents: 0,
    });
    const noIban = compose('reminder1', items, { company: { ...company, iban: '' } });
    expect(noIban.payment).toMatchObject({
      epcPayload: null,
      note: expect.stringMatching(/non configurate/),
    });
  });

  it('greets the dunning contact by name when known, else "Gentile Cliente"', () => {
    const named = compose('reminder1', items, {
      customer: {
        code: 'C1',
        name: 'Rossi S.r.l.',
        address: null,
        vat: null,
        taxCode: null,
        email: null,
        pec: null,
        contactName: 'Anna Bianchi',
      },
    });
    expect(named.body[0]?.[0]?.text).toMatch(/^Gentile Anna Bianchi,/);
    expect(named.email.body).toMatch(/^Gentile Anna Bianchi,/);
    expect(compose('reminder1', items).body[0]?.[0]?.text).toMatch(/^Gentile Cliente,/);
    const en = compose('reminder1', items, { language: 'en', text: SHIPPED_TEMPLATES.en.reminder1 });
    expect(en.body[0]?.[0]?.text).toMatch(/^Dear Customer,/);
  });

  it('a company name ending with a full stop prints once at the end of a sentence', () => {
    const m = compose('reminder1', items, { company: { ...company, contact: '', phone: '', email: '' } });
    const after = m.after.map((p) => p.map((r) => r.text).join('')).join('\n');
    expect(after).toMatch(/a Vostra disposizione: Fornitore Esempio S\.r\.l\.$/);
    expect(after).not.toContain('S.r.l..');
  });

  it('points to the payment box only when an IBAN is configured', () => {
    const text = (m: ReturnType<typeof compose>) =>
      [...m.body, ...m.after].map((p) => p.map((r) => r.text).join('')).join('\n') + m.email.body;
    for (const template of ['reminder1', 'reminder2', 'formal_notice', 'statement'] as const) {
      for (const language of ['it', 'en'] as const) {
        const patch = { language, text: SHIPPED_TEMPLATES[language][template] };
        const withIban = text(compose(template, items, patch));
        const without = text(compose(template, items, { ...patch, company: { ...company, iban: '' } }));
        expect(withIban, `${template}/${language}`).toMatch(/riquadro di pagamento|payment box/);
        expect(without, `${template}/${language}`).not.toMatch(/riquadro di pagamento|payment box|IBAN/);
      }
    }
  });

  it('keeps the remittance within 140 characters and says how many documents did not fit', () => {
    const docs = Array.from({ length: 30 }, (_, i) => `FT ${1000 + i}/2026`);
    const r = remittanceText('it', 'C00042', docs);
    expect([...r].length).toBeLessThanOrEqual(140);
    expect(r).toMatch(/^Cod\. cliente C00042 - Saldo FT 1000\/2026, FT 1001\/2026, .* e altri \d+$/);
    const shown = (r.match(/FT \d+\/2026/g) ?? []).length;
    expect(Number(/e altri (\d+)$/.exec(r)?.[1])).toBe(30 - shown);
    expect(remittanceText('en', 'C1', ['A', 'B'])).toBe('Customer code C1 - Payment A, B');
  });

  it('splits a one-line address before the postcode for the envelope window', () => {
    expect(addressLines('Via Roma 1, 40100 Bologna (BO)')).toEqual(['Via Roma 1', '40100 Bologna (BO)']);
    expect(addressLines('Piazza Duomo 1\n20121 Milano')).toEqual(['Piazza Duomo 1', '20121 Milano']);
    expect(addressLines(null)).toEqual([]);
  });

  it('every shipped template merges without unknown fields, in both languages', () => {
    for (const language of ['it', 'en'] as const) {
      for (const template of ['reminder1', 'reminder2', 'formal_notice', 'statement'] as const) {
        const m = compose(template, items, {
          language,
          text: SHIPPED_TEMPLATES[language][template],
          channel: 'pec',
        });
        expect(m.issues, `${template}/${language}`).toEqual([]);
        expect(`${m.subject}${m.email.body}`).not.toMatch(/\{\{/);
      }
    }
  });
});
