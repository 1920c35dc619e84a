/**
 * Bad input: file-level problems throw one clear VALIDATION message naming the file; row-level problems
 * are all returned with the row number as the spreadsheet shows it, the column header, the value and why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { detectLayout, readImportFile } from '../../electron/backend/services/import/read/index.ts';
import { AppError } from '../../shared/api/errors.ts';

const dir = join(import.meta.dirname, '../fixtures/import');
const fixture = (name: string): Buffer => readFileSync(join(dir, name));

function fileError(data: Buffer, name: string): AppError {
  try {
    readImportFile(data, name);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`${name} was read without error`);
}

describe('file-level errors', () => {
  it('a file that is not a spreadsheet', () => {
    const err = fileError(fixture('not-a-spreadsheet.pdf'), 'not-a-spreadsheet.pdf');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      'not-a-spreadsheet.pdf: not a spreadsheet: it is a PDF document; expected an Excel (.xlsx, .xls), OpenDocument (.ods) or CSV file',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(fileError(png, 'logo.xlsx').message).toMatch(/^logo\.xlsx: not a spreadsheet: it is a PNG image/);
    const binary = Buffer.from([1, 2, 3, 0, 4, 5, 6, 7]);
    expect(fileError(binary, 'data.bin').message).toMatch(/^data\.bin: not a spreadsheet or CSV file/);
  });

  it('a zip that is not a workbook, and a truncated workbook', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'word/document.xml', Buffer.from('<w:document/>'));
    const docx = XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'zip' }) as Buffer;
    expect(fileError(docx, 'lettera.docx').message).toMatch(
      /^lettera\.docx: not a spreadsheet, or a damaged one/,
    );
    const truncated = fixture('messy.xlsx').subarray(0, 2000);
    expect(fileError(truncated, 'messy.xlsx').message).toMatch(
      /^messy\.xlsx: not a spreadsheet, or a damaged one/,
    );
  });

  it('empty files', () => {
    expect(fileError(fixture('empty.csv'), 'empty.csv').message).toBe('empty.csv: the file is empty');
    expect(fileError(Buffer.from('\ufeff;;;\r\n\r\n  \r\n'), 'blank.csv').message).toBe(
      'blank.csv: the file is empty',
    );
    expect(fileError(fixture('empty.xlsx'), 'empty.xlsx').message).toBe(
      'empty.xlsx: the file is empty: no sheet holds any data',
    );
  });

  it('no header row', () => {
    const err = fileError(fixture('no-header.csv'), 'no-header.csv');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(
      /^no-header\.csv: no header row found: none of the first 50 rows has the column headers/,
    );
  });

  it('a missing required column, naming it and the columns found', () => {
    const data = fixture('missing-column.xlsx');
    const err = fileError(data, 'missing-column.xlsx');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      'missing-column.xlsx: missing required column(s): due date; columns found: Cod. Cliente, Ragione Sociale, N. Documento, Data Doc., Importo. Map them by hand (in the CLI: --map FIELD=HEADER).',
    );
    expect(err.details).toEqual({
      missing: ['dueDate'],
      undecided: {},
      headers: ['Cod. Cliente', 'Ragione Sociale', 'N. Documento', 'Data Doc.', 'Importo'],
      sheet: 'Dati',
      headerRow: 1,
    });
    // Detection does not throw: the UI shows what is missing and lets the user map it.
    expect(detectLayout(data, 'missing-column.xlsx').missing).toEqual(['dueDate']);
  });

  it('several missing columns, and no amount at all', () => {
    const data = Buffer.from('Cliente;Numero documento;Data documento\nRossi;1;01/01/2026\n');
    const err = fileError(data, 'poco.csv');
    expect(err.message).toBe(
      'poco.csv: missing required column(s): customer code, due date, residual or amount; columns found: Cliente, Numero documento, Data documento. Map them by hand (in the CLI: --map FIELD=HEADER).',
    );
  });

  it('a sheet that does not exist', () => {
    expect(() => readImportFile(fixture('messy.xlsx'), 'messy.xlsx', { sheet: 'Foglio9' })).toThrow(
      'messy.xlsx: no sheet named "Foglio9" (sheets: Legenda, Scadenzario)',
    );
  });
});

describe('row-level errors', () => {
  it('bad dates, bad amounts, missing values, a duplicate and an error cell, each with row and column', () => {
    const r = readImportFile(fixture('bad-values.xlsx'), 'bad-values.xlsx');
    expect(r.errors.map(({ row, column, value }) => ({ row, column, value }))).toEqual([
      { row: 4, column: 'Scadenza', value: '31/02/2026' },
      { row: 5, column: 'Data Doc.', value: 'ieri' },
      { row: 5, column: 'Importo', value: '12.34.56' },
      { row: 6, column: 'Cod. Cliente', value: '' },
      { row: 6, column: 'Residuo', value: 'cento' },
      { row: 7, column: 'N. Documento', value: '1' },
      { row: 8, column: 'Ragione Sociale', value: '#N/A' },
    ]);
    const messages = r.errors.map((e) => e.message);
    expect(messages[0]).toMatch(/^not a valid date/);
    expect(messages[1]).toMatch(/^not a valid date/);
    expect(messages[2]).toMatch(/^not a valid amount/);
    expect(messages[3]).toBe('missing customer code');
    expect(messages[4]).toMatch(/^not a valid amount/);
    expect(messages[5]).toBe(
      'duplicate item: rows 3 and 7 have the same customer code, document type, number, date and due date and installment',
    );
    expect(messages[6]).toBe('the cell holds the spreadsheet error #N/A');
    // Every data row is counted; only the valid ones are returned (the caller rejects the file anyway).
    expect(r.read).toBe(7);
    expect(r.rows.map((row) => [row.row, row.installment])).toEqual([
      [3, '1'],
      [9, '2'],
    ]);
  });

  it('the same in a CSV: a name is optional, repeated lines without installment column are installments', () => {
    const r = readImportFile(fixture('bad-values.csv'), 'bad-values.csv');
    expect(r.errors).toEqual([
      {
        row: 3,
        column: 'Scadenza',
        value: '2026-13-01',
        message: expect.stringMatching(/^not a valid date/),
      },
      { row: 4, column: 'Residuo', value: '1.00.0', message: expect.stringMatching(/^not a valid amount/) },
    ]);
    // Row 5 has no name: the code shows until one is known. Row 6 repeats row 2 in every column: in a file
    // without installment column that is a second installment, with a warning.
    expect(r.rows.find((x) => x.row === 5)?.customerName).toBeNull();
    expect(r.warnings).toEqual([
      {
        row: 6,
        column: 'Num. Doc.',
        value: '1',
        message: expect.stringMatching(/^rows 2 and 6 have the same .*: imported as two installments/),
      },
      {
        row: 7,
        column: 'Num. Doc.',
        value: '1',
        message: expect.stringMatching(/^rows 2 and 7 have the same/),
      },
    ]);
  });

  it('dates out of any plausible range, blank required cells and a blank residual', () => {
    const csv = [
      'Codice;Cliente;Numero;Scadenza;Importo;Residuo',
      'A;Uno;1;31/12/1899;10;10',
      'A;Uno;2;;10;10',
      'A;Uno;3;31/12/2026;10;',
      'A;Uno;4;31/12/2026;;5',
      '',
    ].join('\n');
    const r = readImportFile(Buffer.from(csv), 'x.csv');
    expect(r.errors.map((e) => [e.row, e.column, e.value, e.message.split(' (')[0]])).toEqual([
      [2, 'Scadenza', '31/12/1899', 'not a valid date'],
      [3, 'Scadenza', '', 'missing due date'],
      [4, 'Residuo', '', 'missing residual amount'],
    ]);
    // A blank amount takes the residual.
    expect(r.rows).toEqual([expect.objectContaining({ row: 5, amountCents: 500, residualCents: 500 })]);
  });

  it('reports every bad row, not just the first', () => {
    const lines = ['Codice;Cliente;Numero;Scadenza;Residuo'];
    for (let i = 0; i < 500; i++) lines.push(`A;Uno;${i};${i % 2 ? 'domani' : '31/12/2026'};10`);
    const r = readImportFile(Buffer.from(lines.join('\n')), 'x.csv');
    expect(r.errors).toHaveLength(250);
    expect(r.invalidRows).toBe(250);
    expect(r.errors[249]).toMatchObject({ row: 501, column: 'Scadenza', value: 'domani' });
  });

  it('a column none of whose values fit is not taken, and the field is asked for', () => {
    const lines = ['Codice;Cliente;Numero;Scadenza;Residuo'];
    for (let i = 0; i < 20; i++) lines.push(`A;Uno;${i};domani;10`);
    expect(() => readImportFile(Buffer.from(lines.join('\n')), 'x.csv')).toThrow(
      'x.csv: missing required column(s): due date (undecided between "Scadenza": values are not dates (e.g. "domani"))',
    );
  });
});
