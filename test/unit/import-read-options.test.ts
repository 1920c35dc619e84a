/**
 * Reader options (sheet, header row, explicit mapping, saved profiles), progress and cancellation, and
 * big CSVs read in chunks exactly like a single parse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { CHUNK_BYTES } from '../../electron/backend/services/import/read/csv-source.ts';
import {
  detectLayout,
  headerSignature,
  readImportFile,
} from '../../electron/backend/services/import/read/index.ts';
import { AppError } from '../../shared/api/errors.ts';

const dir = join(import.meta.dirname, '../fixtures/import');
const messy = readFileSync(join(dir, 'messy.xlsx'));

/** Headers nobody would recognise: only a mapping or a profile can read this file. */
const oddCsv = Buffer.from(
  [
    'Export gestionale',
    'K;Chi;Doc;Quando;Euro;Note',
    'A1;Alfa;1;31/12/2026;10,00;x',
    'A2;Beta;2;30/11/2026;-5,00;',
    '',
  ].join('\n'),
);
const oddMapping = {
  customerCode: 'K',
  customerName: 'Chi',
  documentNumber: 'Doc',
  dueDate: 'Quando',
  residual: 'Euro',
};

describe('options', () => {
  it('an explicit sheet and header row', () => {
    const layout = detectLayout(messy, 'messy.xlsx', { sheet: 'Scadenzario', headerRow: 4 });
    expect(layout).toMatchObject({ sheet: 'Scadenzario', headerRow: 4, missing: [] });
    // A header row the user picks is taken as is, even when it names nothing known.
    const wrong = detectLayout(messy, 'messy.xlsx', { sheet: 'Scadenzario', headerRow: 2 });
    expect(wrong.headerRow).toBe(2);
    expect(wrong.missing).toEqual(['customerCode', 'documentNumber', 'dueDate', 'residual']);
    expect(() => readImportFile(messy, 'messy.xlsx', { sheet: 'Scadenzario', headerRow: 2 })).toThrow(
      /missing required column\(s\): customer code, document number, due date, residual or amount/,
    );
  });

  it('no header row without help; an explicit mapping finds and uses it', () => {
    expect(() => detectLayout(oddCsv, 'odd.csv')).toThrow(/no header row found/);
    const r = readImportFile(oddCsv, 'odd.csv', { mapping: oddMapping });
    expect(r).toMatchObject({ headerRow: 2, mapping: oddMapping, profile: null, missing: [] });
    expect(r.rows.map((x) => [x.row, x.customerCode, x.documentType, x.residualCents])).toEqual([
      [3, 'A1', 'invoice', 1000],
      [4, 'A2', 'credit_note', -500],
    ]);
  });

  it('a mapping can rename the detected one', () => {
    const r = readImportFile(messy, 'messy.xlsx', {
      mapping: {
        customerCode: 'COD.CLI.',
        customerName: 'Rag. Soc.',
        documentNumber: 'N. fattura',
        dueDate: 'DT.SCAD.',
        residual: 'Importo',
      },
    });
    // Only the mapped fields are read: the residual now comes from "Importo", the type from the sign.
    expect(r.mapping).not.toHaveProperty('documentType');
    expect(r.rows.find((x) => x.row === 10)).toMatchObject({
      residualCents: 123456,
      amountCents: 123456,
      documentDate: '',
    });
  });

  it('a saved profile whose headers match is used automatically', () => {
    const headers = ['K', 'Chi', 'Doc', 'Quando', 'Euro', 'Note'];
    const profiles = [
      { name: 'Altro', headers: ['A', 'B'], mapping: {} },
      { name: 'Gestionale', headers, mapping: oddMapping },
    ];
    const layout = detectLayout(oddCsv, 'odd.csv', { profiles });
    expect(layout).toMatchObject({
      profile: 'Gestionale',
      headerRow: 2,
      headers,
      mapping: oddMapping,
      missing: [],
    });
    expect(headerSignature(layout.headers)).toBe(headerSignature(headers));
    // Matching is on normalized headers: case and punctuation do not matter.
    const shouting = [
      { name: 'Gestionale', headers: headers.map((h) => `${h.toUpperCase()}.`), mapping: oddMapping },
    ];
    expect(detectLayout(oddCsv, 'odd.csv', { profiles: shouting }).profile).toBe('Gestionale');
    expect(readImportFile(oddCsv, 'odd.csv', { profiles }).rows).toHaveLength(2);
    // No match: detection as usual.
    expect(detectLayout(messy, 'messy.xlsx', { profiles }).profile).toBeNull();
  });
});

/**
 * `rows` records; with `straddle`, the record that spans each multiple of that many bytes gets a long
 * quoted name with line breaks, so the line feed a chunk would end on is inside quotes there.
 */
function bigCsv(rows: number, straddle?: number): { data: Buffer; straddled: number } {
  const header = 'Cod. Cliente;Ragione Sociale;N. Documento;Scadenza;Residuo';
  const lines = [header];
  let offset = header.length + 2;
  let target = straddle ?? Number.POSITIVE_INFINITY;
  let straddled = 0;
  for (let i = 0; i < rows; i++) {
    // Every 97th name is quoted with a separator, an escaped quote and a line break inside.
    let name = i % 97 === 0 ? `"Nome; ""speciale""\nriga ${i}"` : `Cliente ${i % 500}`;
    if (offset <= target && target < offset + 400) {
      name = `"${Array.from({ length: 12 }, (_, k) => `Lungo; ""a capo"" ${k} ${'x'.repeat(20)}`).join('\n')}"`;
      target += straddle ?? 0;
      straddled++;
    }
    const line = `C${i % 500};${name};${i};31/12/2026;${(i % 1000) + 1},50`;
    lines.push(line);
    offset += Buffer.byteLength(line) + 2;
  }
  return { data: Buffer.from(`${lines.join('\r\n')}\r\n`), straddled };
}

describe('big files', () => {
  it('reads a CSV bigger than one chunk exactly like a single csv-parse pass', () => {
    // Several chunks (the size matters, not the number of rows): each chunk's end falls inside a
    // quoted field with line breaks, so the reader must find the record's real end.
    const rows = Math.ceil((3.5 * CHUNK_BYTES) / 40);
    const { data, straddled } = bigCsv(rows, CHUNK_BYTES);
    expect(data.length).toBeGreaterThan(3 * CHUNK_BYTES);
    expect(straddled).toBeGreaterThanOrEqual(3);
    const r = readImportFile(data, 'big.csv');
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(rows);
    const records = parse(data, { delimiter: ';' }) as string[][];
    expect(records).toHaveLength(rows + 1);
    records.forEach((rec, i) => {
      if (i === 0) return;
      const row = r.rows[i - 1];
      const name = rec[1]?.replace(/\n/g, ' ');
      if (row?.row !== i + 1 || row.customerName !== name || row.documentNumber !== rec[2]) {
        expect([i, row]).toEqual([i, { row: i + 1, customerName: name, documentNumber: rec[2] }]);
      }
    });
    expect(r.rows[97]?.customerName).toBe('Nome; "speciale" riga 97');
    expect(r.rows.filter((x) => x.customerName?.startsWith('Lungo; "a capo" 0'))).toHaveLength(straddled);
  });

  it('reports progress every 10,000 rows and stops when cancelled', () => {
    const { data } = bigCsv(25_000);
    const calls: [number, number][] = [];
    readImportFile(data, 'big.csv', { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.map(([done]) => done)).toEqual([10_000, 20_000, 25_000]);
    for (const [done, total] of calls) expect(total).toBeGreaterThanOrEqual(done);
    expect(calls.at(-1)).toEqual([25_000, 25_000]);

    const controller = new AbortController();
    let last = 0;
    const run = (): unknown =>
      readImportFile(data, 'big.csv', {
        signal: controller.signal,
        onProgress: (done) => {
          last = done;
          controller.abort();
        },
      });
    expect(run).toThrow(AppError);
    expect(last).toBe(10_000);
    try {
      run();
    } catch (err) {
      expect((err as AppError).code).toBe('CANCELLED');
    }
  });

  it('cancels a workbook too, and reports its progress', () => {
    const aoa: (string | number)[][] = [['Codice', 'Cliente', 'Numero', 'Scadenza', 'Residuo']];
    for (let i = 0; i < 20_500; i++) aoa.push([`C${i % 50}`, `Cliente ${i % 50}`, String(i), 46326, 10]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Dati');
    const data = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const calls: number[] = [];
    const r = readImportFile(data, 'big.xlsx', { onProgress: (done) => calls.push(done) });
    expect(r.rows).toHaveLength(20_500);
    expect(calls).toEqual([10_000, 20_000, 20_500]);
    const controller = new AbortController();
    controller.abort();
    expect(() => readImportFile(data, 'big.xlsx', { signal: controller.signal })).toThrow(
      /big\.xlsx: reading cancelled/,
    );
  });
});
