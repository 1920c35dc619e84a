/**
 * Customer master-data import end to end: three real layouts (Danea Easyfatt CSV in windows-1252,
 * a TeamSystem-style CSV with a title row, a Business Central XLSX), what the preview shows, what
 * the customers hold after, open items untouched, errors named by row and column, undo.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ledgerDump } from '../../db/queries/imports.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { fixture } from '../helpers/einvoice-files.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/master-data');
const DANEA = fs.readFileSync(path.join(DIR, 'danea-easyfatt.csv'));
const TEAMSYSTEM = fs.readFileSync(path.join(DIR, 'teamsystem.csv'));

function businessCentralXlsx(): Buffer {
  const rows = [
    [
      'No.',
      'Name',
      'Address',
      'Address 2',
      'Post Code',
      'City',
      'County',
      'Country/Region Code',
      'Phone No.',
      'E-Mail',
      'VAT Registration No.',
      'Fiscal Code',
    ],
    [
      'C010',
      'Alfa Trasporti S.r.l.',
      'Via Tiburtina 1000',
      'Edificio B',
      184,
      'Roma',
      'RM',
      'IT',
      '06 1234567',
      'amministrazione@alfatrasporti.it',
      'IT12345678903',
      '12345678903',
    ],
    [
      'C011',
      'Beta Foods S.p.A.',
      'Viale Monza 12',
      '',
      20127,
      'Milano',
      'MI',
      'IT',
      '',
      'ap@betafoods.it',
      '',
      '',
    ],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Customers');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

let tb: TestBackend;
beforeEach(async () => {
  tb = await testBackend('2026-11-23');
});
afterEach(() => tb.close());

function ok<T>(method: string, input: unknown): Promise<T> {
  return callData<T>(tb, method, input);
}

// biome-ignore lint/suspicious/noExplicitAny: rows of SELECT * in a test
type Row = Record<string, any>;
const customer = async (code: string) =>
  ((await ledgerDump(tb.ctx.db)).customers as Row[]).find((c) => c.code === code);

async function stage(name: string, data: Buffer, kind = 'customers'): Promise<string> {
  const id = await ok<Row>('imports.identify', { fileName: name, dataBase64: data.toString('base64') });
  expect(id.kind).toBe(kind);
  return id.fileId;
}

describe('customer master data', () => {
  it('Danea Easyfatt: previews the mapping and every customer, then fills identities, addresses and contacts', async () => {
    const fileId = await stage('Soggetti.csv', DANEA);
    const p = await ok<Row>('masterData.preview', { fileId });
    expect(p.format).toBe('csv');
    expect(p.headerRow).toBe(1);
    expect(p.mapping).toEqual([
      { field: 'code', header: 'Cod.' },
      { field: 'name', header: 'Denominazione' },
      { field: 'street', header: 'Indirizzo' },
      { field: 'postalCode', header: 'Cap' },
      { field: 'city', header: 'Città' },
      { field: 'province', header: 'Prov.' },
      { field: 'country', header: 'Nazione' },
      { field: 'phone', header: 'Tel.' },
      { field: 'email', header: 'e-mail' },
      { field: 'pec', header: 'Pec' },
      { field: 'sdiCode', header: 'Cod. destinatario Fatt. elettr.' },
      { field: 'taxCode', header: 'Codice fiscale' },
      { field: 'vat', header: 'Partita Iva' },
    ]);
    expect(p.customers).toEqual({ new: 3, updated: 0, unchanged: 0 });
    expect(p.changes.map((c: Row) => [c.code, c.name, c.status])).toEqual([
      ['C001', 'Rossi & Figli S.p.A.', 'new'],
      ['C002', 'Bianchi Costruzioni S.r.l.', 'new'],
      ['C003', 'Müller Handels GmbH', 'new'],
    ]);
    expect(p.warnings).toEqual([
      {
        row: 2,
        column: 'Partita Iva',
        value: '09876543210',
        message: 'the VAT number "09876543210" fails its check digit',
      },
    ]);
    expect(await customer('C001')).toBeUndefined();

    const r = await ok<Row>('masterData.apply', { fileId });
    expect(r).toMatchObject({
      batch: 1,
      format: 'csv',
      rows: { read: 3, imported: 3, skipped: 0 },
      customers: { new: 3, updated: 0 },
    });
    expect(await customer('C001')).toMatchObject({
      name: 'Rossi & Figli S.p.A.',
      vat: '09876543210',
      tax_code: '09876543210',
      address: 'Corso Italia, 10\n10121 Torino (TO)',
      street: 'Corso Italia, 10',
      postal_code: '10121',
      city: 'Torino',
      province: 'TO',
      country: 'IT',
      phone: '011 555 1234',
      email: 'info@rossiefigli.it',
      pec: 'amministrazione@pec.rossiefigli.it',
      sdi_code: 'KRRH6B9',
    });
    expect((await customer('C002'))?.email).toBe(
      'contabilita@bianchicostruzioni.it, solleciti@bianchicostruzioni.it',
    );
    expect(await customer('C003')).toMatchObject({
      address: 'Leopoldstraße 12\n80802 München\nDE',
      country: 'DE',
      vat: 'DE123456789',
      sdi_code: null,
    });
    const batches = await ok<Row[]>('imports.list', {});
    expect(batches[0]).toMatchObject({
      file: 'Soggetti.csv',
      format: 'customers/csv',
      customers: { new: 3, updated: 0 },
    });
  });

  it('never touches open items: an open-items export first, then the master data fills what it lacked', async () => {
    const items = Buffer.from(
      [
        'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
        'C001;ROSSI & FIGLI;F1;01/09/2026;31/10/2026;1.220,00;1.220,00',
        'C002;BIANCHI COSTRUZIONI;F2;05/09/2026;30/11/2026;500,00;200,00',
      ].join('\n'),
    );
    const staged = await ok<Row>('imports.identify', {
      fileName: 'scadenzario.csv',
      dataBase64: items.toString('base64'),
    });
    expect(staged.kind).toBe('open-items');
    await ok('imports.apply', {
      fileId: (
        await ok<Row>('imports.stage', { fileName: 'scadenzario.csv', dataBase64: items.toString('base64') })
      ).fileId,
      asOf: '2026-11-20',
    });
    const before = await ledgerDump(tb.ctx.db);
    expect((await customer('C001'))?.address).toBeNull();

    const r = await ok<Row>('masterData.apply', { fileId: await stage('Soggetti.csv', DANEA) });
    expect(r.customers).toEqual({ new: 1, updated: 2, unchanged: 0 });
    const after = await ledgerDump(tb.ctx.db);
    expect(after.items).toEqual(before.items);
    expect(after.events).toEqual(before.events);
    expect(await customer('C001')).toMatchObject({
      id: 1,
      name: 'Rossi & Figli S.p.A.',
      address: 'Corso Italia, 10\n10121 Torino (TO)',
    });
    expect(r.totals).toMatchObject({ items: 2, residualCents: 142000 });

    // A letter now carries the postal address, not just a name.
    const letter = await ok<{ pdfBase64: string }>('letters.preview', {
      customerCode: 'C001',
      template: 'reminder1',
    });
    const pdf = path.join(tb.dir, 'notice.pdf');
    fs.writeFileSync(pdf, Buffer.from(letter.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Rossi & Figli S.p.A.\nCorso Italia, 10\n10121 Torino (TO)');
  });

  it('TeamSystem-style CSV below a title row: street and number joined, codes normalised, the same file twice changes nothing', async () => {
    const fileId = await stage('anagrafica.csv', TEAMSYSTEM);
    const p = await ok<Row>('masterData.preview', { fileId });
    expect(p.headerRow).toBe(3);
    await ok('masterData.apply', { fileId });
    expect(await customer('C001')).toMatchObject({
      street: 'Corso Italia, 10',
      province: 'TO',
      vat: 'IT09876543210',
      iban: 'IT60X0542811101000000123456',
      sdi_code: 'KRRH6B9',
    });
    expect(await customer('C004')).toMatchObject({
      name: 'Verdi Mario',
      tax_code: 'VRDMRA70A01H501W',
      sdi_code: null,
      vat: null,
    });
    // The customer's page shows what the master data brought.
    const profile = await ok<Row>('customers.get', { code: 'C001' });
    expect(profile.customer).toMatchObject({
      address: 'Corso Italia, 10\n10121 Torino (TO)',
      pec: 'amministrazione@pec.rossiefigli.it',
      sdiCode: 'KRRH6B9',
      iban: 'IT60X0542811101000000123456',
    });
    const again = await ok<Row>('masterData.apply', { fileId: await stage('anagrafica.csv', TEAMSYSTEM) });
    expect(again).toMatchObject({ batch: null, customers: { new: 0, updated: 0, unchanged: 2 } });
  });

  it('Business Central XLSX in English: a ZIP code Excel stored as a number keeps its leading zeros', async () => {
    const r = await ok<Row>('masterData.apply', {
      fileId: await stage('Customers.xlsx', businessCentralXlsx()),
    });
    expect(r).toMatchObject({ format: 'xlsx', customers: { new: 2 } });
    expect(await customer('C010')).toMatchObject({
      street: 'Via Tiburtina 1000, Edificio B',
      postal_code: '00184',
      address: 'Via Tiburtina 1000, Edificio B\n00184 Roma (RM)',
      vat: 'IT12345678903',
    });
    expect((await customer('C011'))?.postal_code).toBe('20127');
  });

  it('refuses a file with bad values, naming row, column and value, and writes nothing', async () => {
    const bad = Buffer.from(
      [
        'Codice;Ragione sociale;Partita IVA;Email;IBAN;Codice SDI',
        'C1;Alfa;12345678903;n/d;IT60X0542811101000000123456;ABC1234',
        ';Beta;;beta@x.it;IT61X0542811101000000123456;ABC',
      ].join('\n'),
    );
    const fileId = await stage('bad.csv', bad);
    const p = await ok<Row>('masterData.preview', { fileId });
    expect(p.errors).toEqual([
      { row: 2, column: 'Email', value: 'n/d', message: 'not a valid e-mail address: "n/d"' },
      { row: 3, column: 'Codice', message: 'the customer code is missing' },
      {
        row: 3,
        column: 'IBAN',
        value: 'IT61X0542811101000000123456',
        message: 'not a valid IBAN (check digits do not match): "IT61X0542811101000000123456"',
      },
      {
        row: 3,
        column: 'Codice SDI',
        value: 'ABC',
        message: 'not an SDI recipient code (6 or 7 letters and digits): "ABC"',
      },
    ]);
    const r = await tb.call('masterData.apply', { fileId });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        'bad.csv: 2 invalid rows; nothing was imported. Correct the file and import it again.',
      );
    expect((await ledgerDump(tb.ctx.db)).customers).toEqual([]);
  });

  it('a customer created from an e-invoice takes its accounting code; undo gives the old code and fields back', async () => {
    await ok('settings.set', { values: { 'company.vat': '01234567890' } });
    const einvoice = fixture('IT01234567890_A0001.xml');
    const staged = await ok<Row>('imports.identify', {
      fileName: 'a.xml',
      dataBase64: einvoice.toString('base64'),
    });
    await ok('eInvoices.apply', { fileId: staged.fileId });
    expect(await customer('IT09876543210')).toBeDefined();
    const before = await ledgerDump(tb.ctx.db);

    const fileId = await stage('Soggetti.csv', DANEA);
    const p = await ok<Row>('masterData.preview', { fileId });
    const c001 = p.changes.find((c: Row) => c.code === 'C001');
    expect(c001.status).toBe('updated');
    expect(c001.fields).toContainEqual({ field: 'code', before: 'IT09876543210', after: 'C001' });
    expect(c001.fields).toContainEqual({ field: 'email', before: null, after: 'info@rossiefigli.it' });
    const r = await ok<Row>('masterData.apply', { fileId });
    expect(r.customers).toEqual({ new: 2, updated: 1, unchanged: 0 });
    expect(await customer('IT09876543210')).toBeUndefined();
    expect(await customer('C001')).toMatchObject({ id: 1, email: 'info@rossiefigli.it' });
    expect(((await ledgerDump(tb.ctx.db)).items as Row[]).every((i) => i.customer_id === 1)).toBe(true);

    expect((await tb.call('imports.undo', {})).ok).toBe(true);
    expect(await ledgerDump(tb.ctx.db)).toEqual(before);
  });
});
