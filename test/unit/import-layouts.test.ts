/**
 * The exports offices really produce, read as a user sees them: the layout named, each column's field with
 * its reason, the figures, and the warnings. Fixtures are written from the systems' documented headers
 * (test/fixtures/import/layouts.ts).
 */
import { describe, expect, it } from 'vitest';
import { detectLayout, readImportFile } from '../../electron/backend/services/import/read/index.ts';
import type { ImportRow } from '../../electron/backend/services/import/types.ts';
import {
  businessCentral,
  businessCentralPage,
  csv,
  docEasy,
  erpnext,
  erpnextGrouped,
  FBL5N_HEADERS,
  fbl5n,
  mexal,
  OCA_EN_HEADERS,
  ocaAgedPartnerBalance,
  ocaOpenItems,
  odoo,
  xlsx,
} from '../fixtures/import/layouts.ts';

const sum = (rows: ImportRow[]) => rows.reduce((s, r) => s + r.residualCents, 0);
/** The rows read, each as the values of these fields in this order. */
const columns = <K extends keyof ImportRow>(rows: ImportRow[], ...keys: K[]) =>
  rows.map((x) => keys.map((k) => x[k]));
const fields = (r: { mappingDetails: { field: string; header: string }[] }) =>
  Object.fromEntries(r.mappingDetails.map((m) => [m.field, m.header]));
/** The warnings' messages, in order. */
const messages = (r: { warnings: { message: string }[] }) => r.warnings.map((w) => w.message);

/** None of these headers is read as a field. */
function expectUnread(
  r: { mappingDetails: { field: string; header: string }[] },
  ...headers: string[]
): void {
  const read = Object.values(fields(r));
  for (const header of headers) expect(read).not.toContain(header);
}

describe('SAP FBL5N', () => {
  const r = readImportFile(fbl5n(), 'fbl5n.xlsx');

  it('is recognised with no profile, codes only, the net due date as due date', () => {
    expect(r.layout).toBe('SAP FBL5N');
    expect(r.missing).toEqual([]);
    expect(fields(r)).toMatchObject({
      customerCode: 'Account',
      documentNumber: 'Document Number',
      dueDate: 'Net due date',
      residual: 'Amount in doc. curr.',
    });
    expect(r.mappingDetails.find((m) => m.field === 'dueDate')).toEqual({
      field: 'dueDate',
      header: 'Net due date',
      reason: 'SAP FBL5N layout: the column "Net due date"',
      samples: ['16.09.2026', '01.09.2026', '20.10.2026'],
    });
    expect(r.asOf).toBe('2026-10-31');
  });

  it('reads dd.mm.yyyy dates, the trailing minus, RV/DG/DZ, and skips the * and ** lines', () => {
    expect(
      columns(r.rows, 'customerCode', 'customerName', 'documentType', 'dueDate', 'residualCents'),
    ).toEqual([
      ['100001', null, 'invoice', '2026-09-16', 100_000],
      ['100001', null, 'credit_note', '2026-09-01', -20_000],
      ['100001', null, 'credit_note', '2026-10-20', -5_000],
      ['100002', null, 'invoice', '2026-11-30', 250_000],
      ['100002', null, 'invoice', '2026-10-30', 30_000],
    ]);
    expect(r.skipped).toBe(3);
    expect(sum(r.rows)).toBe(355_000);
    // The subtotals and the grand total agree with the rows: no warning.
    expect(r.warnings).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it('a subtotal that disagrees with its rows is a warning naming the customer', () => {
    const bad = readImportFile(fbl5n({ subtotal100001: '850,00' }), 'fbl5n.xlsx');
    expect(bad.warnings).toEqual([
      expect.objectContaining({
        row: 8,
        message: expect.stringMatching(
          /^Customer 100001: the file's subtotal \(850,00\s€\) differs from its 3 rows read \(750,00\s€\)$/,
        ),
      }),
    ]);
  });

  it('unrecognised (a renamed amount column), the types of the values still decide the due date', () => {
    const headers = FBL5N_HEADERS.map((h) => (h === 'Amount in doc. curr.' ? 'Amount' : h));
    const generic = readImportFile(fbl5n({ headers }), 'fbl5n.xlsx');
    expect(generic.layout).toBeNull();
    const due = generic.mappingDetails.find((m) => m.field === 'dueDate');
    expect(due?.header).toBe('Net due date');
    expect(due?.reason).toContain('values are dates');
    expect(due?.reason).toContain('passed over "Net due date symbol": values are not dates (e.g. "@5B@")');
    expect(sum(generic.rows)).toBe(355_000);
  });
});

describe('Business Central customer ledger entries', () => {
  const r = readImportFile(businessCentral(), 'cle.csv');

  it('takes Remaining_Amount as the residual, never the Open true/false column', () => {
    expect(r.layout).toBe('Business Central');
    expect(fields(r)).toMatchObject({
      residual: 'Remaining_Amount',
      amount: 'Amount',
      customerCode: 'Customer_No_',
    });
    expectUnread(r, 'Open');
  });

  it('keeps only open invoices and credit memos: closed entries, payments and refunds are skipped and said', () => {
    expect(
      columns(r.rows, 'customerCode', 'documentNumber', 'documentType', 'amountCents', 'residualCents'),
    ).toEqual([
      ['10000', 'PS-INV103001', 'invoice', 100_000, 60_000],
      ['20000', 'PS-CR104001', 'credit_note', -15_000, -15_000],
      ['20000', 'PS-INV104100', 'invoice', 244_000, 244_000],
    ]);
    expect(r.skipped).toBe(4);
    expect(messages(r)).toEqual([
      '3 rows skipped: closed entries (the Open column is not true)',
      '1 row skipped: entries that are not invoices or credit notes (payments, refunds…)',
    ]);
  });

  it('refuses amounts in another currency, naming row and column', () => {
    const text = businessCentral().toString().replace('2440.00,EUR', '2440.00,USD');
    const usd = readImportFile(Buffer.from(text), 'cle.csv');
    expect(usd.errors).toEqual([
      expect.objectContaining({
        row: 7,
        column: 'Currency_Code',
        value: 'USD',
        message: expect.stringMatching(/^amount in USD/),
      }),
    ]);
  });
});

describe('Odoo "Pagamenti e scadenze"', () => {
  const r = readImportFile(odoo(), 'odoo.xlsx');

  it('takes Riferimento partner as the code and Partner as the name, never the constant Conto', () => {
    expect(r.layout).toBe('Odoo Pagamenti e scadenze');
    expect(fields(r)).toMatchObject({ customerCode: 'Riferimento partner', customerName: 'Partner' });
    expect(columns(r.rows, 'customerCode', 'customerName', 'documentType', 'residualCents')).toEqual([
      ['C0012', 'Rossi Forniture S.r.l.', 'invoice', 122_000],
      ['C0027', 'Bianchi Impianti S.p.A.', 'invoice', 50_000],
      ['C0027', 'Bianchi Impianti S.p.A.', 'invoice', 50_000],
      ['C0012', 'Rossi Forniture S.r.l.', 'credit_note', -10_000],
      ['Studio Verdi', 'Studio Verdi', 'invoice', 36_600],
    ]);
    expect(messages(r)).toEqual([
      '1 row has no customer code: the customer\'s name ("Partner") stands for it',
    ]);
  });

  it('without the layout, Conto (one value on every row) loses to the partner reference whatever the order', () => {
    const rows: (string | number)[][] = [
      ['Conto', 'Cliente', 'Rif. partner', 'Numero', 'Scadenza', 'Residuo'],
      ['150100 Crediti v/clienti', 'Rossi', 'C1', 'F1', '31/10/2026', '10,00'],
      ['150100 Crediti v/clienti', 'Bianchi', 'C2', 'F2', '31/10/2026', '20,00'],
      ['150100 Crediti v/clienti', 'Verdi', 'C3', 'F3', '31/10/2026', '30,00'],
    ];
    const g = readImportFile(csv(rows), 'x.csv');
    expect(g.layout).toBeNull();
    const code = g.mappingDetails.find((m) => m.field === 'customerCode');
    expect(code?.header).toBe('Rif. partner');
    expect(code?.reason).toContain(
      'passed over "Conto": holds one value on every row ("150100 Crediti v/clienti")',
    );
    expect(g.rows.map((x) => x.customerCode)).toEqual(['C1', 'C2', 'C3']);
  });
});

describe('Passepartout Mexal saldaconto', () => {
  const r = readImportFile(mexal(), 'saldaconto.csv');

  it('DOCUMENTO is the date, NUMERO/SERIE the number, RATA the payment type, residual from its parts', () => {
    expect(r.layout).toBe('Passepartout Mexal saldaconto');
    expect(fields(r)).toMatchObject({
      documentDate: 'DOCUMENTO',
      documentNumber: 'NUMERO',
      paymentMethod: 'RATA',
    });
    expect(fields(r).installment).toBeUndefined();
    expect(
      columns(
        r.rows,
        'customerCode',
        'documentNumber',
        'documentDate',
        'dueDate',
        'paymentMethod',
        'amountCents',
        'residualCents',
      ),
    ).toEqual([
      ['FERRAMENTA GALLI SNC', '245/1', '2026-09-10', '2026-10-31', 'Ri.Ba.', 120_000, 120_000],
      ['FERRAMENTA GALLI SNC', '245/1', '2026-09-10', '2026-11-30', 'Ri.Ba.', 120_000, 80_000],
      // 850,00 − 849,50 paid − 0,50 allowance: settled.
      ['EDILTECNO COSTRUZIO', '12/2', '2026-09-15', '2026-10-15', 'Bonifico', 85_000, 0],
      ['EDILTECNO COSTRUZIO', '260', '2026-09-20', '2026-10-20', 'Rimessa diretta', 61_000, 60_000],
    ]);
    expect(messages(r)).toEqual([
      expect.stringMatching(
        /^The Passepartout Mexal saldaconto layout has no customer code: "DESCRIZIONE" stands for it/,
      ),
    ]);
  });

  it('without the layout, a column of dates is not the document number and letters are not installments', () => {
    const rows = [
      ['Cliente', 'Codice', 'Documento', 'Numero', 'Scadenza', 'Rata', 'Importo'],
      ['Galli', 'G1', '10/09/2026', '245', '31/10/2026', 'R', '100,00'],
      ['Galli', 'G1', '11/09/2026', '246', '30/11/2026', 'B', '200,00'],
    ];
    const g = readImportFile(csv(rows), 'x.csv');
    expect(fields(g)).toMatchObject({ documentNumber: 'Numero' });
    expect(fields(g).installment).toBeUndefined();
    expect(messages(g)).toContain(
      'Column "Rata": values are not installment numbers (e.g. "R"): not taken as the installment',
    );
    expect(columns(g.rows, 'documentNumber', 'installment')).toEqual([
      ['245', null],
      ['246', null],
    ]);
  });
});

describe('DocEasy', () => {
  const r = readImportFile(docEasy(), 'scadenze.xlsx');

  it('Rata is the installment (not Tot. rate), Controparte the customer, paid installments skipped', () => {
    expect(r.layout).toBe('DocEasy scadenzario');
    expect(fields(r)).toMatchObject({ installment: 'Rata', customerName: 'Controparte' });
    expect(
      columns(r.rows, 'customerCode', 'documentNumber', 'installment', 'dueDate', 'residualCents'),
    ).toEqual([
      ['Alfa Servizi S.r.l.', '2026/77', '1', '2026-10-05', 30_000],
      ['Alfa Servizi S.r.l.', '2026/77', '2', '2026-11-05', 30_000],
      ['Beta Logistica S.p.A.', '2026/80', '1', '2026-10-10', 150_000],
    ]);
    expect(messages(r)).toContain('1 row skipped: installments paid or cancelled (Stato)');
  });
});

describe('Business Central "Customer Ledger Entries" page opened in Excel', () => {
  it('its captions (Customer No., Remaining Amount, Open Yes/No) are the Business Central layout', () => {
    const r = readImportFile(businessCentralPage(), 'movimenti-clienti.xlsx');
    expect(r.layout).toBe('Business Central');
    expect(fields(r)).toMatchObject({
      customerCode: 'Customer No.',
      customerName: 'Customer Name',
      documentNumber: 'Document No.',
      dueDate: 'Due Date',
      residual: 'Remaining Amount',
    });
    expect(columns(r.rows, 'customerCode', 'documentNumber', 'documentType', 'residualCents')).toEqual([
      ['10000', '103001', 'invoice', 60_000],
      ['20000', '104001', 'credit_note', -15_000],
      ['20000', '104100', 'invoice', 244_000],
    ]);
    expect(messages(r)).toEqual(['1 row skipped: closed entries (the Open column is not true)']);
  });
});

describe('ERPNext "Accounts Receivable"', () => {
  const r = readImportFile(erpnext(), 'accounts_receivable.csv');

  it('is recognised with no profile: Party is the code, Outstanding Amount the residual', () => {
    expect(detectLayout(erpnext(), 'accounts_receivable.csv').layout).toBe('ERPNext Accounts Receivable');
    expect(r.layout).toBe('ERPNext Accounts Receivable');
    expect(r.missing).toEqual([]);
    expect(fields(r)).toMatchObject({
      customerCode: 'Party',
      customerName: 'Customer Name',
      documentNumber: 'Voucher No',
      documentDate: 'Posting Date',
      dueDate: 'Due Date',
      amount: 'Invoiced Amount',
      residual: 'Outstanding Amount',
    });
    // Neither the contact person nor the receivables account is the customer; ageing buckets are no amounts.
    expectUnread(r, 'Customer Contact', 'Receivable Account', 'Paid Amount');
  });

  it('reads the open vouchers: a return is a credit note for its outstanding, not an amount of 0', () => {
    expect(
      columns(
        r.rows,
        'customerCode',
        'customerName',
        'documentType',
        'documentNumber',
        'dueDate',
        'amountCents',
        'residualCents',
      ),
    ).toEqual([
      [
        'CUST-00012',
        'Rossi Forniture S.r.l.',
        'invoice',
        'ACC-SINV-2026-00045',
        '2026-09-14',
        122_000,
        122_000,
      ],
      [
        'CUST-00012',
        'Rossi Forniture S.r.l.',
        'invoice',
        'ACC-SINV-2026-00052',
        '2026-10-30',
        244_000,
        144_000,
      ],
      [
        'CUST-00012',
        'Rossi Forniture S.r.l.',
        'credit_note',
        'ACC-SINV-RET-2026-00003',
        '2026-10-05',
        -15_000,
        -15_000,
      ],
      [
        'CUST-00027',
        'Bianchi Impianti S.p.A.',
        'invoice',
        'ACC-SINV-2026-00047',
        '2026-10-20',
        50_000,
        50_000,
      ],
      ['CUST-00031', 'Studio Verdi', 'invoice', 'ACC-SINV-2026-00021', '2026-07-30', 36_600, 30_000],
    ]);
    expect(new Set(r.rows.map((x) => x.customerCode)).size).toBe(3);
    expect(sum(r.rows)).toBe(331_000);
    expect(r.rows.map((x) => x.area)).toContain('Veneto');
    expect(r.warnings).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it('"Group By Customer": the customer rows and the Total are skipped and reconciled', () => {
    const g = readImportFile(erpnextGrouped(), 'accounts_receivable.xlsx');
    expect(g.layout).toBe('ERPNext Accounts Receivable');
    // Customers named by name: Party is the name; the contact column is still not the customer's name.
    expect(columns(g.rows, 'customerCode', 'customerName')).toEqual([
      ['Rossi Forniture S.r.l.', null],
      ['Rossi Forniture S.r.l.', null],
      ['Rossi Forniture S.r.l.', null],
      ['Bianchi Impianti S.p.A.', null],
      ['Studio Verdi', null],
    ]);
    expect(sum(g.rows)).toBe(331_000);
    expect(g.skipped).toBe(7);
    expect(g.errors).toEqual([]);
    expect(g.warnings).toEqual([]);
    const bad = readImportFile(erpnextGrouped({ subtotalRossi: 2600 }), 'accounts_receivable.xlsx');
    expect(bad.errors).toEqual([]);
    expect(bad.warnings).toEqual([
      expect.objectContaining({
        row: 5,
        message: expect.stringMatching(
          /^Customer Rossi Forniture S\.r\.l\.: the file's subtotal \(2\.600,00\s€\) differs from its 3 rows read \(2\.510,00\s€\)$/,
        ),
      }),
    ]);
  });
});

describe('Odoo OCA "Open Items" (account_financial_report)', () => {
  const r = readImportFile(ocaOpenItems(), 'partite_aperte.xlsx');

  it('Italian: recognised, the partner stands for the code, never the constant Conto', () => {
    expect(detectLayout(ocaOpenItems(), 'partite_aperte.xlsx').layout).toBe('Odoo OCA Partite aperte');
    expect(r.layout).toBe('Odoo OCA Partite aperte');
    expect(r.asOf).toBe('2026-10-31');
    expect(fields(r)).toMatchObject({
      customerName: 'Partner',
      documentNumber: 'Registrazione',
      documentDate: 'Data',
      dueDate: 'Scadenza',
      amount: 'Originale',
      residual: 'Saldo',
    });
    expectUnread(r, 'Conto', 'Registro');
  });

  it('skips the titles, the repeated headers and the ending balances; two due dates are two items', () => {
    expect(
      columns(
        r.rows,
        'customerCode',
        'documentType',
        'documentNumber',
        'dueDate',
        'amountCents',
        'residualCents',
      ),
    ).toEqual([
      ['Bianchi Impianti S.p.A.', 'invoice', 'FV/2026/00046', '2026-10-20', 50_000, 50_000],
      ['Bianchi Impianti S.p.A.', 'invoice', 'FV/2026/00046', '2026-11-19', 50_000, 50_000],
      ['Rossi Forniture S.r.l.', 'invoice', 'FV/2026/00045', '2026-10-15', 122_000, 72_000],
      ['Rossi Forniture S.r.l.', 'credit_note', 'NC/2026/00003', '2026-10-01', -10_000, -10_000],
    ]);
    expect(sum(r.rows)).toBe(162_000);
    expect(r.errors).toEqual([]);
    expect(messages(r)).toEqual([
      expect.stringMatching(
        /^The Odoo OCA Partite aperte layout has no customer code: "Partner" stands for it/,
      ),
    ]);
  });

  it("a partner's ending balance that disagrees with its lines is a warning naming the partner", () => {
    const bad = readImportFile(ocaOpenItems({ balanceBianchi: 500 }), 'partite_aperte.xlsx');
    expect(bad.errors).toEqual([]);
    expect(messages(bad)).toContainEqual(
      expect.stringMatching(
        /^Customer Bianchi Impianti S\.p\.A\.: the file's subtotal \(500,00\s€\) differs from its 2 rows read \(1\.000,00\s€\)$/,
      ),
    );
  });

  it('English: the same report with its English headers', () => {
    const en = readImportFile(ocaOpenItems({ headers: OCA_EN_HEADERS }), 'open_items.xlsx');
    expect(en.layout).toBe('Odoo OCA Open Items');
    expect(fields(en)).toMatchObject({ documentNumber: 'Entry', dueDate: 'Due date', residual: 'Residual' });
    expectUnread(en, 'Account');
    expect(columns(en.rows, 'customerCode', 'documentNumber', 'residualCents')).toEqual(
      columns(r.rows, 'customerCode', 'documentNumber', 'residualCents'),
    );
    expect(en.errors).toEqual([]);
  });
});

describe('Odoo OCA "Aged Partner Balance" with move line details', () => {
  it('Italian: each due line is an item; the cumulative rows, Total and Percents are not', () => {
    const r = readImportFile(ocaAgedPartnerBalance(), 'scadenzario.xlsx');
    expect(r.layout).toBe('Odoo OCA Scadenzario clienti/fornitori');
    expect(fields(r)).toMatchObject({
      documentNumber: 'Registrazione',
      dueDate: 'Scadenza',
      residual: 'Saldo',
    });
    expectUnread(r, 'Conto', 'Attuale');
    expect(
      columns(r.rows, 'customerCode', 'documentType', 'documentNumber', 'dueDate', 'residualCents'),
    ).toEqual([
      ['Bianchi Impianti S.p.A.', 'invoice', 'FV/2026/00046', '2026-10-20', 50_000],
      ['Bianchi Impianti S.p.A.', 'invoice', 'FV/2026/00046', '2026-11-19', 50_000],
      ['Rossi Forniture S.r.l.', 'invoice', 'FV/2026/00031', '2026-09-14', 122_000],
      ['Rossi Forniture S.r.l.', 'credit_note', 'NC/2026/00003', '2026-10-01', -10_000],
    ]);
    expect(sum(r.rows)).toBe(212_000);
    expect(r.errors).toEqual([]);
    expect(messages(r)).toEqual([
      expect.stringMatching(/^The Odoo OCA Scadenzario clienti\/fornitori layout has no customer code/),
    ]);
    const bad = readImportFile(ocaAgedPartnerBalance({ cumulRossi: 1220 }), 'scadenzario.xlsx');
    expect(messages(bad)).toContainEqual(
      expect.stringMatching(
        /^Customer Rossi Forniture S\.r\.l\.: the file's subtotal \(1\.220,00\s€\) differs/,
      ),
    );
  });
});

describe('type-aware mapping of unknown layouts', () => {
  it('money never from true/false: the residual column wins whatever the order', () => {
    const rows = [
      ['Codice', 'Numero', 'Scadenza', 'Aperto', 'Saldo'],
      ['C1', 'F1', '31/10/2026', 'true', '10,00'],
      ['C2', 'F2', '31/10/2026', 'false', '0,00'],
    ];
    const g = readImportFile(csv(rows), 'x.csv');
    expect(fields(g).residual).toBe('Saldo');
    expect(g.rows.map((x) => x.residualCents)).toEqual([1000, 0]);
  });

  it('two columns that both fit a required field with different values: asked, never guessed', () => {
    const rows = [
      ['Codice', 'Numero', 'Scadenza', 'Scadenza effettiva', 'Residuo'],
      ['C1', 'F1', '31/10/2026', '30/09/2026', '10,00'],
    ];
    const data = csv(rows);
    const detected = detectLayout(data, 'x.csv');
    expect(detected.missing).toEqual(['dueDate']);
    // The detection panel shows why, and lets the user choose.
    expect(detected.notes[0]?.message).toBe(
      'Choose the column of the due date (undecided between "Scadenza": values are dates; "Scadenza effettiva": values are dates)',
    );
    expect(() => readImportFile(data, 'x.csv')).toThrow(
      /due date \(undecided between "Scadenza": values are dates; "Scadenza effettiva": values are dates\)/,
    );
    // Told which one, it imports.
    const told = readImportFile(data, 'x.csv', {
      mapping: { customerCode: 'Codice', documentNumber: 'Numero', dueDate: 'Scadenza', residual: 'Residuo' },
    });
    expect(told.rows[0]?.dueDate).toBe('2026-10-31');
    expect(told.mappingDetails.find((m) => m.field === 'dueDate')?.reason).toBe(
      'chosen by hand; values are dates',
    );
  });

  it('one column with code and name is split; codes only import without names', () => {
    const rows = [
      ['Cliente', 'N. Doc.', 'Scadenza', 'Residuo'],
      ['C001 - Rossi S.r.l.', '1', '31/10/2026', '10,00'],
      ['C002 - Bianchi S.p.A.', '2', '31/10/2026', '20,00'],
    ];
    const g = readImportFile(xlsx(rows), 'x.xlsx');
    expect(columns(g.rows, 'customerCode', 'customerName')).toEqual([
      ['C001', 'Rossi S.r.l.'],
      ['C002', 'Bianchi S.p.A.'],
    ]);
  });

  it('the as-of date from the file name when no title row gives it', () => {
    const rows = [
      ['Codice', 'Numero', 'Scadenza', 'Residuo'],
      ['C1', 'F1', '31/10/2026', '10,00'],
    ];
    expect(detectLayout(csv(rows), 'scadenzario-2026-10-31.csv')).toMatchObject({
      asOf: '2026-10-31',
      asOfSource: 'fileName',
    });
    expect(detectLayout(csv(rows), 'partite_31.10.2026.csv').asOf).toBe('2026-10-31');
    expect(detectLayout(csv(rows), 'export.csv')).toMatchObject({ asOf: null, asOfSource: null });
    const titled = [['Situazione al 30/09/2026'], ...rows];
    expect(detectLayout(csv(titled), 'scadenzario-2026-10-31.csv')).toMatchObject({
      asOf: '2026-09-30',
      asOfSource: 'title',
    });
  });

  it('identical rows of a file without installment column are two installments, checked against the subtotal', () => {
    const file = (subtotal: string) =>
      csv([
        ['Cod. Cliente', 'N. Doc.', 'Data Doc.', 'Scadenza', 'Residuo'],
        ['C1', '2026/8', '30/09/2026', '31/12/2026', '75,05'],
        ['C1', '2026/8', '30/09/2026', '31/12/2026', '75,05'],
        ['Totale cliente C1', '', '', '', subtotal],
      ]);
    const both = readImportFile(file('150,10'), 'x.csv');
    expect(both.errors).toEqual([]);
    expect(both.rows.map((x) => x.residualCents)).toEqual([7505, 7505]);
    expect(messages(both)).toEqual([
      'rows 2 and 3 have the same customer code, document type, number, date and due date: imported as two installments (the file has no installment column to tell them apart)',
    ]);
    // A subtotal that counts one of them: the twins are suspect, and the warning says so.
    const one = readImportFile(file('75,05'), 'x.csv');
    expect(messages(one)).toContainEqual(
      expect.stringMatching(
        /^Customer C1: the file's subtotal \(75,05\s€\) differs from its 2 rows read \(150,10\s€\)$/,
      ),
    );
  });
});
