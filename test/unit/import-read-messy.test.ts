/**
 * Messy exports (fixtures made by test/fixtures/import/make-fixtures.ts): legend sheet before the data,
 * title rows, blank lines, subtotals and totals, codes with spaces, amounts and dates in every shape,
 * credit notes written positive, formula-looking text, the 1904 date system, CSV dialects and encodings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { detectLayout, readImportFile } from '../../electron/backend/services/import/read/index.ts';
import type { ImportRow, ReadResult } from '../../electron/backend/services/import/types.ts';

const dir = join(import.meta.dirname, '../fixtures/import');
function read(name: string): ReadResult {
  return readImportFile(readFileSync(join(dir, name)), name);
}

/** What each data row of messy.* must become (rows as the spreadsheet numbers them). */
const bianchi = {
  customerCode: 'C001',
  customerName: 'Bianchi & Figli S.r.l.',
  vat: '01234567897',
  taxCode: 'BNCMRA70A01H501U',
  paymentMethod: 'RB 30/60 FM',
  salesperson: 'Neri Paolo',
  area: 'Nord',
  email: 'amm@bianchi.it',
  pec: 'bianchi@pec.it',
  phone: '02 1234567',
};
const rossi = {
  customerCode: 'C002',
  customerName: '=Rossi+Verdi S.a.s.',
  vat: '07654321012',
  taxCode: null,
  paymentMethod: 'BB 60 DF',
  salesperson: null,
  area: 'Sud',
  email: null,
  pec: null,
};
const ferri = {
  customerCode: 'C003',
  customerName: 'Ferri Impianti S.r.l.',
  vat: '12345678904',
  taxCode: null,
  paymentMethod: 'RD',
  salesperson: 'Neri Paolo',
  area: 'Centro',
  email: null,
  pec: null,
  phone: null,
};
const messyRows: ImportRow[] = [
  {
    ...bianchi,
    row: 5,
    documentType: 'invoice',
    documentNumber: '2026/001',
    documentDate: '2026-06-15',
    dueDate: '2026-07-31',
    installment: '1',
    amountCents: 123456,
    residualCents: 123456,
  },
  {
    ...bianchi,
    row: 6,
    documentType: 'invoice',
    documentNumber: '2026/001',
    documentDate: '2026-06-15',
    dueDate: '2026-08-31',
    installment: '2',
    amountCents: 123456,
    residualCents: 123456,
  },
  {
    ...bianchi,
    row: 7,
    documentType: 'credit_note',
    documentNumber: 'NC/7',
    documentDate: '2026-07-01',
    dueDate: '2026-07-31',
    installment: null,
    amountCents: -12000,
    residualCents: -12000,
  },
  {
    ...rossi,
    row: 10,
    documentType: 'invoice',
    documentNumber: '=10/2026',
    documentDate: '2026-07-01',
    dueDate: '2026-09-30',
    installment: '1',
    amountCents: 123456,
    residualCents: 50000,
    phone: '+39 06 7654321',
  },
  {
    ...rossi,
    row: 11,
    documentType: 'credit_note',
    documentNumber: 'NC 11',
    documentDate: '2026-08-01',
    dueDate: '2026-08-01',
    installment: '1',
    amountCents: -30000,
    residualCents: -30000,
    phone: null,
  },
  {
    ...ferri,
    row: 14,
    documentType: 'invoice',
    documentNumber: 'F-300',
    documentDate: '2026-09-15',
    dueDate: '2026-10-31',
    installment: '1',
    amountCents: 200000,
    residualCents: 0,
  },
  {
    ...ferri,
    row: 15,
    documentType: 'credit_note',
    documentNumber: 'F-301',
    documentDate: '2026-09-15',
    dueDate: '2026-10-31',
    installment: '1',
    amountCents: -5050,
    residualCents: -5050,
  },
];

describe('a messy workbook in every format', () => {
  for (const [name, format] of [
    ['messy.xlsx', 'xlsx'],
    ['messy.xls', 'xls'],
    ['messy.ods', 'ods'],
  ] as const) {
    it(`${name}: finds the data sheet after the legend, the header on row 4 and the as-of date`, () => {
      const layout = detectLayout(readFileSync(join(dir, name)), name);
      expect(layout).toMatchObject({
        format,
        sheets: ['Legenda', 'Scadenzario'],
        sheet: 'Scadenzario',
        headerRow: 4,
        asOf: '2026-09-30',
        missing: [],
      });
      expect(layout.mapping).toEqual({
        customerCode: 'COD.CLI.',
        customerName: 'Rag. Soc.',
        vat: 'P.IVA',
        taxCode: 'C.F.',
        documentType: 'Tipo documento',
        documentNumber: 'N. fattura',
        documentDate: 'Data documento',
        dueDate: 'DT.SCAD.',
        installment: 'N. rata',
        amount: 'Importo',
        residual: 'Saldo',
        paymentMethod: 'Modalità pagamento',
        salesperson: 'Venditore',
        area: 'Area',
        email: 'E-mail',
        pec: 'PEC',
        phone: 'Tel.',
      });
    });

    it(`${name}: reads every data row, skipping and counting blank, subtotal and total rows`, () => {
      const r = read(name);
      expect(r.errors).toEqual([]);
      expect(r.rows).toEqual(messyRows);
      expect(r.read).toBe(7);
      // Row 8 "Totale cliente", 9 blank, 12 "Subtotale", 13 blank, 16 "TOTALE GENERALE".
      expect(r.skipped).toBe(5);
    });

    it(`${name}: warns about a wrong VAT check digit, an unknown document type and a wrong grand total`, () => {
      expect(read(name).warnings).toEqual([
        {
          row: 14,
          column: 'P.IVA',
          value: '12345678904',
          message: expect.stringContaining('wrong check digit'),
        },
        {
          row: 15,
          column: 'Tipo documento',
          value: 'RIBA',
          message: expect.stringContaining('unknown document type'),
        },
        // The subtotals of C001 and C002 agree with their rows; the file's grand total does not.
        {
          row: 16,
          value: expect.stringMatching(/^2\.064,17\s€$/),
          message: expect.stringMatching(
            /^The file's grand total \(2\.064,17\s€\) differs from the 7 rows read \(2\.498,62\s€\)$/,
          ),
        },
      ]);
    });
  }

  it('reads the same rows from SpreadsheetML 2003 and from an HTML table saved as .xls', () => {
    const wb = XLSX.read(readFileSync(join(dir, 'messy.xlsx')), { dense: true });
    const xml = XLSX.write(wb, { type: 'buffer', bookType: 'xlml' }) as Buffer;
    const fromXml = readImportFile(xml, 'export.xls');
    expect(fromXml).toMatchObject({ format: 'xls', sheet: 'Scadenzario', headerRow: 4, asOf: '2026-09-30' });
    expect(fromXml.rows).toEqual(messyRows);
    const html = Buffer.from(
      '<html><body><table><tr><td>Cod. Cliente</td><td>Ragione Sociale</td><td>N. Doc.</td><td>Scadenza</td><td>Residuo</td></tr>' +
        '<tr><td>H1</td><td>Società Ø</td><td>0012</td><td>31/10/2026</td><td>1.234,56</td></tr></table></body></html>',
    );
    const fromHtml = readImportFile(html, 'gestionale.xls');
    expect(fromHtml.format).toBe('xls');
    // Text stays text: the leading zeros of the number and the Italian amount are read by our parsers.
    expect(fromHtml.rows.map((x) => [x.customerName, x.documentNumber, x.dueDate, x.residualCents])).toEqual([
      ['Società Ø', '0012', '2026-10-31', 123456],
    ]);
  });

  it('keeps text that looks like a formula as text, never evaluated', () => {
    const [, , , invoice] = read('messy.xlsx').rows;
    expect(invoice?.customerName).toBe('=Rossi+Verdi S.a.s.');
    expect(invoice?.documentNumber).toBe('=10/2026');
    expect(invoice?.phone).toBe('+39 06 7654321');
    const csv =
      'Codice;Cliente;Numero;Scadenza;Residuo;Email\n=1+2;@SUM(A1);-5;31/12/2026;+10;=HYPERLINK("x")\n';
    expect(readImportFile(Buffer.from(csv), 'x.csv').rows[0]).toMatchObject({
      customerCode: '=1+2',
      customerName: '@SUM(A1)',
      documentNumber: '-5',
      residualCents: 1000,
      email: '=HYPERLINK("x")',
    });
  });

  it('takes the value a formula cell saved, and never its formula', () => {
    const ws: XLSX.WorkSheet = {
      '!ref': 'A1:E3',
      A1: { t: 's', v: 'Codice' },
      B1: { t: 's', v: 'Cliente' },
      C1: { t: 's', v: 'Numero' },
      D1: { t: 's', v: 'Scadenza' },
      E1: { t: 's', v: 'Residuo' },
      A2: { t: 's', v: 'F1', f: 'UPPER("f1")' },
      B2: { t: 's', v: 'Uno' },
      C2: { t: 's', v: '1' },
      D2: { t: 'n', v: 46326, f: 'DATE(2026,10,31)' },
      E2: { t: 'n', v: 12.5, f: '10+2.5' },
      // A formula saved without its value: nothing computes it, the row is an error.
      A3: { t: 's', v: 'F1' },
      B3: { t: 's', v: 'Uno' },
      C3: { t: 's', v: '2' },
      D3: { t: 'n', v: 46326 },
      E3: { t: 'n', f: 'E2*2' } as XLSX.CellObject,
    };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Dati');
    const r = readImportFile(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'f.xlsx');
    expect(r.rows).toEqual([
      expect.objectContaining({ customerCode: 'F1', dueDate: '2026-10-31', residualCents: 1250 }),
    ]);
    expect(r.errors).toEqual([
      { row: 3, column: 'Residuo', value: '#ERROR', message: 'the cell holds the spreadsheet error #ERROR' },
    ]);
  });
});

describe('rows that are not items', () => {
  it('skips customer headings, repeated headers, notes and labelled totals; keeps data named "Total"', () => {
    const csv = [
      'Cod. Cliente;Ragione Sociale;N. Documento;Scadenza;Residuo;Note',
      'T1;Total Energies S.p.A.;;;;', // a customer heading: no document, no amounts
      'T1;Total Energies S.p.A.;9;31/12/2026;10,00;',
      ';;;;;vedi allegato', // a note
      'Cod. Cliente;Ragione Sociale;N. Documento;Scadenza;Residuo;Note', // the header again (page break)
      'T2;Totalbank S.r.l.;10;31/12/2026;5,00;',
      'Tot. cliente T2;;;;5,00;',
      ';;;;15,00;', // an unlabelled grand total
      'T3;Tre S.r.l.;;;7,00;', // an item that lost its number and due date: an error, not skipped
      '',
    ].join('\n');
    const r = readImportFile(Buffer.from(csv), 'x.csv');
    expect(r.rows.map((x) => [x.row, x.customerName, x.residualCents])).toEqual([
      [3, 'Total Energies S.p.A.', 1000],
      [6, 'Totalbank S.r.l.', 500],
    ]);
    expect(r.skipped).toBe(5);
    expect(r.read).toBe(3);
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [9, 'N. Documento', 'missing document number'],
      [9, 'Scadenza', 'missing due date'],
    ]);
  });
});

describe('control characters', () => {
  it('become spaces in every text, so no value holds a line break or a separator of the sync', () => {
    const csv =
      'Codice;Cliente;Numero;Scadenza;Residuo;Agente\n"A\u001fB";"Uno\r\nDue";"7\t";31/12/2026;1;"\u0007"\n';
    expect(readImportFile(Buffer.from(csv), 'x.csv').rows[0]).toMatchObject({
      customerCode: 'A B',
      customerName: 'Uno Due',
      documentNumber: '7',
      salesperson: null,
    });
  });
});

describe('dates', () => {
  it('honours the 1904 date system of old Mac workbooks', () => {
    const r = read('date1904.xlsx');
    expect(r.rows.map((row) => row.dueDate)).toEqual(['2026-10-31', '2026-07-01']);
    // No document date column: the natural key's document date is ''.
    expect(r.rows.map((row) => row.documentDate)).toEqual(['', '']);
  });
});

describe('CSV dialects and encodings', () => {
  it('UTF-8 with BOM, comma separator, quoted commas, English amounts, as-of in the title', () => {
    const r = read('english-utf8-bom.csv');
    expect(r).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      headerRow: 2,
      asOf: '2026-09-30',
      read: 3,
      skipped: 0,
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(
      r.rows.map((x) => [x.row, x.customerName, x.documentType, x.amountCents, x.residualCents, x.dueDate]),
    ).toEqual([
      [3, 'Rossi, Bianchi & C. S.r.l.', 'invoice', 123456, 123456, '2026-07-31'],
      [4, 'Rossi, Bianchi & C. S.r.l.', 'credit_note', -12000, -12000, '2026-08-01'],
      [5, 'Società Café Müller GmbH', 'invoice', 9950, 9950, '2026-10-31'],
    ]);
    expect(r.rows[0]?.vat).toBe('IT01234567897');
  });

  it('UTF-8 without BOM, `sep=;` line, two-digit years, sign decides without type', () => {
    const r = read('italiano-utf8.csv');
    // Excel hides the `sep=` line: the header is row 1.
    expect(r).toMatchObject({ encoding: 'utf-8', headerRow: 1, read: 2 });
    expect(
      r.rows.map((x) => [x.row, x.customerName, x.documentType, x.documentDate, x.residualCents]),
    ).toEqual([
      [2, 'Città Nuova S.p.A.', 'invoice', '2026-07-01', 100000],
      [3, 'Perché Sì S.n.c.', 'credit_note', '2026-08-01', -2050],
    ]);
  });

  it('Windows-1252 with the euro sign (a byte Latin-1 lacks), title and total rows', () => {
    const r = read('windows-1252-euro.csv');
    expect(r).toMatchObject({
      encoding: 'windows-1252',
      headerRow: 3,
      asOf: '2026-09-30',
      read: 2,
      skipped: 1,
    });
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.customerName, x.amountCents, x.residualCents])).toEqual([
      ['Niccolò Caffè S.r.l.', 150000, 123456],
      ['Perù Export S.a.s.', 9990, 9990],
    ]);
  });

  it('tab-separated UTF-16 text (Excel "Unicode text")', () => {
    const text = 'Codice\tCliente\tNumero\tScadenza\tSaldo\r\nZ1\tZoë Ltd\t1\t31/12/2026\t10,00\r\n';
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = readImportFile(data, 'unicode.txt');
    expect(r.encoding).toBe('utf-16le');
    expect(r.rows.map((x) => [x.customerName, x.dueDate, x.residualCents])).toEqual([
      ['Zoë Ltd', '2026-12-31', 1000],
    ]);
  });

  it('the same CSV whatever its separator, quoting and line ends', () => {
    const rows = [
      ['Cod. Cliente', 'Ragione Sociale', 'N. Doc.', 'Scadenza', 'Residuo'],
      ['K1', 'Alfa; Beta "Gamma"', '1', '31/12/2026', '1.234,56'],
      ['K2', 'Delta,\nEpsilon', '2', '2026-12-31', '-7,5'],
    ];
    const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
    const results = [';', ',', '\t', '|'].flatMap((sep) =>
      ['\n', '\r\n'].map((eol) => {
        const text = rows.map((r) => r.map(quote).join(sep)).join(eol) + eol;
        const r = readImportFile(Buffer.from(text), 'x.csv');
        return r.rows.map((x) => [x.row, x.customerName, x.dueDate, x.residualCents]);
      }),
    );
    for (const result of results) {
      expect(result).toEqual([
        [2, 'Alfa; Beta "Gamma"', '2026-12-31', 123456],
        // A line break inside a cell becomes a space: kept values are one line.
        [3, 'Delta, Epsilon', '2026-12-31', -750],
      ]);
    }
  });
});
