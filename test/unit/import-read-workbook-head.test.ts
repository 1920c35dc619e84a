/**
 * Telling what a workbook is reads only its first rows: each XLSX worksheet is cut there before SheetJS
 * reads it (read/workbook-head.ts). The cut workbook must read into exactly the cells, sheet names and
 * layout of the whole one — for the shelf's sample exports and for a long generated one — and kind
 * detection must still tell customer master data from open items.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { zipEntries } from '../../electron/backend/services/import/read/guards.ts';
import { detectLayout, readImportFile } from '../../electron/backend/services/import/read/index.ts';
import {
  DamagedWorkbookError,
  workbookHead,
} from '../../electron/backend/services/import/read/workbook-head.ts';
import { detectImportKind } from '../../electron/backend/services/import-kinds/detect.ts';

const samples = path.join(import.meta.dirname, '../fixtures/samples');
const ROWS = 40;

/** Every sheet's first rows, as SheetJS reads them with `sheetRows`. */
function firstRows(data: Buffer): { names: string[]; cells: unknown[] } {
  const wb = XLSX.read(data, { type: 'buffer', dense: true, sheetRows: ROWS, raw: true });
  return {
    names: wb.SheetNames,
    cells: wb.SheetNames.map((n) =>
      ((wb.Sheets[n] as { '!data'?: XLSX.CellObject[][] })['!data'] ?? []).map((r) =>
        r?.map((c) => [c?.t, c?.v]),
      ),
    ),
  };
}

/** Stored parts unless `compression` (deflated, as Excel and the ERPs write them). */
function workbook(sheets: Record<string, unknown[][]>, compression = false): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression }) as Buffer);
}

const ITEMS_HEADER = [
  'Cod. Cliente',
  'Ragione Sociale',
  'Num. Doc.',
  'Data Doc.',
  'Scadenza',
  'Importo',
  'Residuo',
];

function longExport(rows: number, compression = false): Buffer {
  const data: unknown[][] = [['Scadenzario al 20/11/2026'], [], ITEMS_HEADER];
  for (let i = 0; i < rows; i++)
    data.push([
      `C${i % 97}`,
      `Cliente ${i % 97} S.r.l.`,
      `FT ${i}`,
      46_260 + (i % 30),
      46_290 + (i % 60),
      100 + i / 100,
      50 + i / 100,
    ]);
  return workbook({ Scadenze: data, Note: [['creato da'], ['ERP']] }, compression);
}

describe('the first rows of a workbook, without reading it all', () => {
  it("reads the shelf's sample exports into the same first rows and the same layout", () => {
    const files = fs.readdirSync(samples).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const data = fs.readFileSync(path.join(samples, f));
      const head = workbookHead(data, ROWS);
      // Every sample is longer than the cut: the head is a real, smaller workbook.
      expect(head, f).not.toBeNull();
      expect(firstRows(head as Buffer), f).toEqual(firstRows(data));
      // The layout found on the first rows is the one the whole read finds.
      const { headers, headerRow, mapping, asOf, sheet } = readImportFile(data, f);
      expect(detectLayout(data, f), f).toMatchObject({ headers, headerRow, mapping, asOf, sheet });
    }
  });

  it('cuts a long export to its first rows: the same cells, and only those are left to parse', () => {
    const data = longExport(5_000);
    const head = workbookHead(data, ROWS) as Buffer;
    expect(head).not.toBeNull();
    expect(firstRows(head)).toEqual(firstRows(data));
    // Every row past the cut is gone from the worksheet the reader parses.
    const zip = XLSX.CFB.read(head, { type: 'buffer' }) as {
      FullPaths: string[];
      FileIndex: { content: Uint8Array }[];
    };
    const at = zip.FullPaths.findIndex((p) => p.endsWith('xl/worksheets/sheet1.xml'));
    const sheet = zip.FileIndex[at] as { content: Uint8Array };
    const xml = Buffer.from(sheet.content).toString('utf8');
    expect(xml.match(/<\/row>/g)).toHaveLength(ROWS);
    expect(xml).not.toContain('FT 4999');
    expect(xml.endsWith('</sheetData></worksheet>')).toBe(true);
  });

  it('inflates a deflated worksheet only as far as the cut, however far that is', () => {
    const data = longExport(20_000, true);
    // 40 rows sit in the first compressed slice; 6,000 need it doubled several times.
    for (const rows of [ROWS, 6_000]) {
      const head = workbookHead(data, rows) as Buffer;
      expect(head, `${rows} rows`).not.toBeNull();
      const wb = XLSX.read(head, { type: 'buffer', dense: true, raw: true });
      const cells = (wb.Sheets.Scadenze as { '!data': XLSX.CellObject[][] })['!data'];
      // `rows` rows written in the sheet: the title, the header, then items (the blank row is not written).
      expect(cells).toHaveLength(rows + 1);
      expect(cells.at(-1)?.[2]?.v).toBe(`FT ${rows - 3}`);
      expect(wb.SheetNames).toEqual(['Scadenze', 'Note']);
    }
    expect(firstRows(workbookHead(data, ROWS) as Buffer)).toEqual(firstRows(data));
    // A deflated sheet shorter than the cut is left whole, as a stored one is.
    expect(workbookHead(longExport(10, true), ROWS)).toBeNull();
  });

  it('leaves a workbook shorter than the cut whole', () => {
    expect(
      workbookHead(
        workbook({ Foglio1: [ITEMS_HEADER, ['C1', 'Uno', 'FT 1', 46_260, 46_290, 10, 10]] }),
        ROWS,
      ),
    ).toBeNull();
  });

  it('still tells customer master data from open items in long files', () => {
    const master: unknown[][] = [
      ['Codice', 'Ragione sociale', 'Partita IVA', 'Indirizzo', 'CAP', 'Città', 'Provincia', 'E-mail'],
    ];
    for (let i = 0; i < 3_000; i++)
      master.push([
        `C${i}`,
        `Cliente ${i} S.r.l.`,
        `0${String(1_000_000_000 + i)}`,
        `Via Roma ${i}`,
        '20100',
        'Milano',
        'MI',
        `c${i}@example.it`,
      ]);
    expect(detectImportKind(workbook({ Anagrafica: master }), 'clienti.xlsx').kind).toBe('customers');
    expect(detectImportKind(longExport(3_000), 'scadenzario.xlsx').kind).toBe('open-items');
  });
});

describe('a workbook whose part inflates past its declared size', () => {
  /** A 150 MB sheet of spaces deflated to a few hundred kilobytes, its declared size forged to 1,000 bytes. */
  function bomb(): Buffer {
    const data = workbook({ Foglio1: [ITEMS_HEADER, ['C1', 'Uno', 'FT 1', 46_260, 46_290, 10, 10]] }, true);
    const parts = unzipSync(data);
    parts['xl/worksheets/sheet1.xml'] = new Uint8Array(150 * 1024 * 1024).fill(0x20);
    const forged = Buffer.from(zipSync(parts, { level: 1 }));
    for (const e of zipEntries(forged) ?? []) {
      if (!e.name.endsWith('sheet1.xml')) continue;
      forged.writeUInt32LE(1000, e.localOffset + 22);
      const dir =
        forged.indexOf(Buffer.from(e.name, 'latin1'), forged.readUInt32LE(forged.length - 22 + 16)) - 46;
      forged.writeUInt32LE(1000, dir + 24);
    }
    return forged;
  }

  it('is refused by the head, without inflating it (nor handing it whole to SheetJS)', () => {
    const data = bomb();
    const before = process.memoryUsage().arrayBuffers;
    expect(() => workbookHead(data, ROWS)).toThrow(DamagedWorkbookError);
    expect(() => detectLayout(data, 'scadenzario.xlsx')).toThrow(/damaged/);
    // Kind detection says "open items" and leaves the refusal to the import's reader.
    expect(detectImportKind(data, 'scadenzario.xlsx').kind).toBe('open-items');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });
});
