/**
 * FatturaPA import end to end through the dispatcher: what the user sees in the preview and in the
 * ledger (items, due dates, amounts, customers created and merged), the same invoice twice, a
 * second version, purchase invoices, errors, undo.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { ledgerDump } from '../../db/queries/imports.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { fixture, signP7m, zipOf } from '../helpers/einvoice-files.ts';

const A1 = fixture('IT01234567890_A0001.xml');
const A2 = fixture('IT01234567890_A0002.xml');
const A3 = fixture('IT01234567890_A0003.xml');

let tb: TestBackend;
beforeEach(async () => {
  tb = await testBackend('2026-11-23');
  const set = await tb.call('settings.set', { values: { 'company.vat': 'IT01234567890' } });
  expect(set.ok).toBe(true);
});
afterEach(() => tb.close());

function ok<T>(method: string, input: unknown): Promise<T> {
  return callData<T>(tb, method, input);
}

async function stage(name: string, data: Buffer): Promise<string> {
  const id = await ok<{ fileId: string; kind: string }>('imports.identify', {
    fileName: name,
    dataBase64: data.toString('base64'),
  });
  expect(id.kind).toBe('fatturapa');
  return id.fileId;
}

// biome-ignore lint/suspicious/noExplicitAny: rows of SELECT * in a test
type Row = Record<string, any>;
const customers = async () => (await ledgerDump(tb.ctx.db)).customers as Row[];
const items = async () =>
  ((await ledgerDump(tb.ctx.db)).items as Row[]).map((i) => ({
    number: i.document_number,
    type: i.document_type,
    date: i.document_date,
    due: i.due_date,
    installment: i.installment,
    amount: i.amount_cents,
    residual: i.residual_cents,
    status: i.status,
    customer: i.customer_id,
  }));

async function importFile(name: string, data: Buffer, extra: object = {}) {
  return ok<Row>('eInvoices.apply', { fileId: await stage(name, data), ...extra });
}

describe('FatturaPA import', () => {
  it('previews without writing, then imports one open item per DettaglioPagamento with its due date', async () => {
    const fileId = await stage('IT01234567890_A0001.xml', A1);
    const p = await ok<Row>('eInvoices.preview', { fileId });
    expect(p.documents).toEqual({ new: 2, unchanged: 0, changed: 0, skipped: 0 });
    expect(p.items).toEqual({ new: 3, changed: 0, closed: 0 });
    expect(p.customers).toEqual({ new: 1, updated: 0 });
    expect(p.needsConfirmation).toBe(false);
    expect(p.errors).toEqual([]);
    expect(
      p.invoices.map((d: Row) => [d.number, d.customerCode, d.newCustomer, d.status, d.installments.length]),
    ).toEqual([
      ['FV/2026/101', 'IT09876543210', true, 'new', 2],
      ['FV/2026/102', 'IT09876543210', true, 'new', 1],
    ]);
    expect(await customers()).toEqual([]);

    const r = await ok<Row>('eInvoices.apply', { fileId });
    expect(r).toMatchObject({
      batch: 1,
      format: 'xml',
      files: 1,
      items: { new: 3 },
      customers: { new: 1, updated: 0 },
    });
    // Overdue on 2026-11-23: the installment due 2026-10-31 and the invoice due 2026-10-20.
    expect(r.totals).toEqual({ customers: 1, items: 3, residualCents: 305000, overdueCents: 183000 });
    expect(await items()).toEqual([
      {
        number: 'FV/2026/101',
        type: 'invoice',
        date: '2026-09-15',
        due: '2026-10-31',
        installment: '1',
        amount: 122000,
        residual: 122000,
        status: 'open',
        customer: 1,
      },
      {
        number: 'FV/2026/101',
        type: 'invoice',
        date: '2026-09-15',
        due: '2026-11-29',
        installment: '2',
        amount: 122000,
        residual: 122000,
        status: 'open',
        customer: 1,
      },
      {
        number: 'FV/2026/102',
        type: 'invoice',
        date: '2026-09-20',
        due: '2026-10-20',
        installment: '',
        amount: 61000,
        residual: 61000,
        status: 'open',
        customer: 1,
      },
    ]);
    expect((await customers())[0]).toMatchObject({
      code: 'IT09876543210',
      name: 'Rossi & Figli S.p.A.',
      vat: 'IT09876543210',
      tax_code: '09876543210',
      address: 'Corso Italia, 10\n10121 Torino (TO)',
      postal_code: '10121',
      city: 'Torino',
      province: 'TO',
      country: 'IT',
      sdi_code: 'KRRH6B9',
    });
  });

  it('a dry run says what would happen and writes nothing; an apply writes one audit row', async () => {
    const fileId = await stage('IT01234567890_A0001.xml', A1);
    const dry = await ok<Row>('eInvoices.apply', { fileId, dryRun: true });
    expect(dry).toMatchObject({ batch: null, items: { new: 3 }, customers: { new: 1 } });
    expect(dry.totals.items).toBe(3);
    expect((await ledgerDump(tb.ctx.db)).items).toEqual([]);
    expect((await recentAudit(tb.ctx.db)).filter((a) => a.action === 'eInvoices.apply')).toEqual([]);
    await ok('eInvoices.apply', { fileId });
    const audit = (await recentAudit(tb.ctx.db)).filter((a) => a.action === 'eInvoices.apply');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'import_batch', entityId: '1', userName: 'admin' });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      file: 'IT01234567890_A0001.xml',
      format: 'fatturapa/xml',
      items: { new: 3 },
      documents: { new: 2 },
    });
  });

  it('one buyer is one customer: a credit note to the same tax code under another name goes to it, negative', async () => {
    await importFile('IT01234567890_A0001.xml', A1);
    const r = await importFile('IT01234567890_A0002.xml', A2);
    expect(r.customers).toEqual({ new: 0, updated: 1 });
    expect(await customers()).toHaveLength(1);
    expect((await customers())[0]).toMatchObject({
      name: 'Rossi & Figli S.p.A.',
      pec: 'amministrazione@pec.rossiefigli.it',
    });
    expect((await items()).at(-1)).toEqual({
      number: 'NC/2026/7',
      type: 'credit_note',
      date: '2026-10-05',
      due: '2026-10-05',
      installment: '',
      amount: -12200,
      residual: -12200,
      status: 'open',
      customer: 1,
    });
  });

  it('is incremental: another invoice never closes the items already there; the same invoice twice changes nothing', async () => {
    await importFile('IT01234567890_A0001.xml', A1);
    const r = await importFile('IT01234567890_A0003.xml', A3);
    expect(r.items.new).toBe(1);
    expect((await items()).filter((i) => i.status === 'open')).toHaveLength(4);
    const before = await ledgerDump(tb.ctx.db);
    const again = await importFile('IT01234567890_A0001.xml', A1);
    expect(again).toMatchObject({
      batch: null,
      documents: { new: 0, unchanged: 2, changed: 0 },
      items: { new: 0 },
    });
    expect(await ledgerDump(tb.ctx.db)).toEqual(before);
  });

  it('a second version of a document is shown, refused unless confirmed, and keeps what was paid', async () => {
    await importFile('IT01234567890_A0001.xml', A1);
    // A payment of 1,000.00 on the first installment, recorded meanwhile (as a snapshot would).
    tb.ctx.db.$client.prepare("UPDATE open_items SET residual_cents = 22000 WHERE installment = '1'").run();
    const v2 = Buffer.from(
      A1.toString('utf8').replace(
        '<DataScadenzaPagamento>2026-10-31</DataScadenzaPagamento>\n        <ImportoPagamento>1220.00</ImportoPagamento>',
        '<DataScadenzaPagamento>2026-10-31</DataScadenzaPagamento>\n        <ImportoPagamento>1200.00</ImportoPagamento>',
      ),
    );
    const fileId = await stage('IT01234567890_A0001-v2.xml', v2);
    const p = await ok<Row>('eInvoices.preview', { fileId });
    expect(p.needsConfirmation).toBe(true);
    expect(p.documents).toEqual({ new: 0, unchanged: 1, changed: 1, skipped: 0 });
    const changed = p.invoices.find((d: Row) => d.status === 'changed');
    expect(changed.number).toBe('FV/2026/101');
    expect(changed.previous.map((i: Row) => i.amountCents)).toEqual([122000, 122000]);
    expect(changed.installments.map((i: Row) => i.amountCents)).toEqual([120000, 122000]);

    const before = await ledgerDump(tb.ctx.db);
    const refused = await tb.call('eInvoices.apply', { fileId });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.error.message).toBe(
      'IT01234567890_A0001-v2.xml: 1 document is a second version of one already imported with other amounts or due dates (FV/2026/101 of 2026-09-15). Confirm to replace it; what was paid stays paid.',
    );
    expect(await ledgerDump(tb.ctx.db)).toEqual(before);

    const r = await ok<Row>('eInvoices.apply', { fileId, confirmChanges: true });
    expect(r.items).toEqual({ new: 0, changed: 1, closed: 0 });
    const first = (await items()).find((i) => i.installment === '1');
    expect(first).toMatchObject({ amount: 120000, residual: 20000, status: 'open' });
    expect((await items()).find((i) => i.installment === '2')).toMatchObject({
      amount: 122000,
      residual: 122000,
    });
  });

  it('a buyer unknown to a ledger of accounting codes is created, with a word about the master data', async () => {
    const items = Buffer.from(
      [
        'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
        'C900;Altro S.r.l.;F1;01/09/2026;31/10/2026;100,00;100,00',
      ].join('\n'),
    );
    const staged = await ok<Row>('imports.stage', {
      fileName: 'scadenzario.csv',
      dataBase64: items.toString('base64'),
    });
    await ok('imports.apply', { fileId: staged.fileId, asOf: '2026-11-20' });
    const p = await ok<Row>('eInvoices.preview', { fileId: await stage('IT01234567890_A0001.xml', A1) });
    expect(p.warnings).toEqual([
      {
        file: 'IT01234567890_A0001.xml',
        message:
          'new customer IT09876543210 (Rossi & Figli S.p.A.): no customer of the ledger has its VAT number or tax code; import the customer master data to give it its accounting code',
      },
    ]);
  });

  it('skips invoices the company did not issue, and says so', async () => {
    // The same file seen from the other side: Fornitore Esempio (another VAT number) invoices us.
    const purchase = Buffer.from(
      A1.toString('utf8')
        .replace('<CodiceFiscale>01234567890</CodiceFiscale>', '')
        .replace(
          '<IdCodice>01234567890</IdCodice></IdFiscaleIVA>',
          '<IdCodice>11111111111</IdCodice></IdFiscaleIVA>',
        )
        .replace('<IdCodice>09876543210</IdCodice>', '<IdCodice>01234567890</IdCodice>')
        .replace('<CodiceFiscale>09876543210</CodiceFiscale>', ''),
    );
    const r = await ok<Row>('eInvoices.preview', { fileId: await stage('acquisto.xml', purchase) });
    expect(r.documents).toEqual({ new: 0, unchanged: 0, changed: 0, skipped: 2 });
    expect(r.warnings).toEqual([
      {
        file: 'acquisto.xml',
        message:
          'skipped: an invoice you received from Fornitore Esempio S.r.l. (a payable, not a receivable)',
      },
    ]);
  });

  it('refuses a file with a problem, naming file and element, and writes nothing', async () => {
    const bad = Buffer.from(A1.toString('utf8').replace('<Divisa>EUR</Divisa>', '<Divisa>USD</Divisa>'));
    const r = await tb.call('eInvoices.apply', { fileId: await stage('usd.xml', bad) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toBe('usd.xml: 1 problem in the e-invoices; nothing was imported.');
    expect(r.error.details).toEqual({
      issues: [
        {
          column: 'FatturaElettronicaBody[1]/DatiGenerali/DatiGeneraliDocumento/Divisa',
          value: 'USD',
          message: 'document FV/2026/101 is in USD: the ledger keeps euro amounts only',
        },
      ],
    });
    expect(await customers()).toEqual([]);
    expect((await ok<Row[]>('imports.list', {})).length).toBe(0);
  });

  it('imports a ZIP of plain and signed invoices as one batch, and undo takes it all back', async () => {
    await importFile('IT01234567890_A0003.xml', A3);
    const before = await ledgerDump(tb.ctx.db);
    const zip = zipOf({
      'IT01234567890_A0001.xml': A1,
      'IT01234567890_A0002.xml.p7m': signP7m(A2),
      'IT01234567890_A0003.xml': A3,
    });
    const r = await importFile('fatture.zip', zip);
    expect(r).toMatchObject({
      batch: 2,
      format: 'zip',
      files: 3,
      documents: { new: 3, unchanged: 1, changed: 0, skipped: 0 },
      items: { new: 4 },
      customers: { new: 1, updated: 0 },
    });
    expect((await customers()).map((c) => c.code)).toEqual(['80012345678', 'IT09876543210']);
    const batches = await ok<Row[]>('imports.list', {});
    expect(batches[0]).toMatchObject({
      id: 2,
      file: 'fatture.zip',
      format: 'fatturapa/zip',
      items: { new: 4 },
    });
    const undone = await tb.call('imports.undo', {});
    expect(undone.ok).toBe(true);
    expect(await ledgerDump(tb.ctx.db)).toEqual(before);
  });
});
