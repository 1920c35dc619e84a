/**
 * The four sample exports of the shelf (copied into test/fixtures/samples) read into exactly the figures of
 * expected.json: rows, residual total, open items, customers, overdue and aging at the as-of date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLayout, readImportFile } from '../../electron/backend/services/import/read/index.ts';
import type { ReadResult } from '../../electron/backend/services/import/types.ts';
import { ageItems } from '../../shared/domain/aging.ts';
import { SAMPLE_FIGURES, SAMPLES } from '../helpers/samples.ts';

function read(name: string): ReadResult {
  return readImportFile(readFileSync(join(SAMPLES, name)), name);
}

describe('sample exports', () => {
  for (const [name, exp] of Object.entries(SAMPLE_FIGURES)) {
    it(`${name} reads into the expected figures`, () => {
      const r = read(name);
      expect(r.errors).toEqual([]);
      const open = r.rows.filter((row) => row.residualCents !== 0);
      expect(r.rows.length).toBe(r.read);
      expect(open.length).toBe(exp.items);
      expect(r.rows.reduce((sum, row) => sum + row.residualCents, 0)).toBe(exp.residualCents);
      expect(new Set(open.map((row) => row.customerCode)).size).toBe(exp.customers);
      const aging = ageItems(r.rows, exp.asOf);
      expect(aging).toEqual(exp.aging);
      const { notDue: _, ...overdue } = aging;
      expect(Object.values(overdue).reduce((a, b) => a + b, 0)).toBe(exp.overdueCents);
    });
  }

  it('reads the rows of the first snapshot field by field', () => {
    const r = read('scadenzario-2026-10-31.xlsx');
    expect(r).toMatchObject({
      format: 'xlsx',
      encoding: null,
      sheets: ['Scadenzario'],
      sheet: 'Scadenzario',
      headerRow: 1,
      // No title row: the date in the file name.
      asOf: '2026-10-31',
      asOfSource: 'fileName',
      layout: null,
      profile: null,
      missing: [],
      read: 624,
      skipped: 0,
    });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.mapping).toEqual({
      customerCode: 'Cod. Cliente',
      customerName: 'Ragione Sociale',
      vat: 'Partita IVA',
      taxCode: 'Codice Fiscale',
      documentType: 'Tipo Doc.',
      documentNumber: 'N. Documento',
      documentDate: 'Data Doc.',
      dueDate: 'Data Scadenza',
      installment: 'Rata',
      amount: 'Importo Rata',
      residual: 'Residuo',
      paymentMethod: 'Pagamento',
      salesperson: 'Agente',
      area: 'Zona',
      email: 'Email',
      pec: 'PEC',
      phone: 'Telefono',
    });
    expect(r.rows[0]).toEqual({
      row: 2,
      customerCode: 'C00001',
      customerName: "Barbieri, D'Angelo & C. S.r.l.",
      vat: '46321260328',
      taxCode: '46321260328',
      documentType: 'invoice',
      documentNumber: '2026/001003',
      documentDate: '2026-01-17',
      dueDate: '2026-02-28',
      installment: '1',
      amountCents: 374134,
      residualCents: 245940,
      paymentMethod: 'RB 30/60 FM',
      salesperson: 'Bianchi Marco',
      area: 'Centro',
      email: 'amministrazione@barbieridangel.it',
      pec: 'barbieridangel@pec.it',
      phone: '049 6951793',
    });
    // Two installments of one invoice falling on the same due date are two items, not a duplicate.
    const pair = r.rows.filter((row) => row.documentNumber === '2026/001102' && row.dueDate === '2026-10-31');
    expect(pair.map((row) => [row.row, row.installment])).toEqual([
      [33, '2'],
      [34, '3'],
    ]);
  });

  it('reads the Windows-1252 CSV with its accented names', () => {
    const r = read('partite-aperte-2026-11-20.csv');
    expect(r).toMatchObject({ format: 'csv', encoding: 'windows-1252', sheets: [], sheet: '', headerRow: 1 });
    const names = new Map(r.rows.map((row) => [row.customerCode, row.customerName]));
    expect(names.get('C02005')).toBe('Rossi & Niccolò S.n.c.');
    expect(names.get('C02048')).toBe('Niccolò Grafica S.r.l.');
    expect(names.get('C02053')).toBe("D'Angelo Università Popolare Servizi S.r.l.");
    expect(r.rows.every((row) => row.installment === null)).toBe(true);
    expect(r.rows[0]).toMatchObject({
      row: 2,
      documentDate: '2025-12-10',
      dueDate: '2026-01-09',
      amountCents: 196382,
      residualCents: 196382,
    });
  });

  it('keeps two CSV rows that share a key but differ in amounts, with a warning naming both', () => {
    const r = read('partite-aperte-2026-11-20.csv');
    expect(r.warnings).toEqual([
      expect.objectContaining({
        row: 81,
        column: 'Num. Doc.',
        value: '2026/005222',
        message: expect.stringContaining('rows 80 and 81'),
      }),
    ]);
    expect(
      r.rows.filter((row) => row.documentNumber === '2026/005222').map((row) => row.residualCents),
    ).toEqual([58095, 41803]);
  });

  it('reads English headers, IT-prefixed VAT numbers and credit notes', () => {
    const r = read('aged-receivables-2026-11-20.xlsx');
    expect(r.sheet).toBe('Open items');
    expect(r.mapping).toMatchObject({
      customerCode: 'Customer ID',
      documentNumber: 'Invoice No',
      residual: 'Balance Due',
      salesperson: 'Sales Rep',
      area: 'Region',
    });
    expect(r.warnings).toEqual([]);
    const credit = r.rows.find((row) => row.documentNumber === '2026/NC09026');
    expect(credit).toMatchObject({
      documentType: 'credit_note',
      amountCents: -12107,
      residualCents: -12107,
      vat: 'IT83008450286',
    });
    expect(
      r.rows.filter((row) => row.documentType === 'credit_note').every((row) => row.residualCents < 0),
    ).toBe(true);
  });

  it('detectLayout finds the same layout as a full read', () => {
    for (const name of Object.keys(SAMPLE_FIGURES)) {
      const data = readFileSync(join(SAMPLES, name));
      const {
        rows: _rows,
        read: _read,
        skipped: _skipped,
        errors: _errors,
        invalidRows: _invalidRows,
        warnings: _warnings,
        // Which rows share a key without the installment: known only once every row is read.
        sharedKeys: _sharedKeys,
        ...layout
      } = readImportFile(data, name);
      expect(detectLayout(data, name)).toEqual(layout);
    }
  });
});
