/**
 * The workbook SheetJS reads is the one the import checked: its parts, inflated by zlib for the CRC
 * check, are handed over stored (read/guards.ts, storedWorkbook) so SheetJS does not inflate them a
 * second time in JavaScript. It must read into exactly the same cells and sheets as the original,
 * for a deflated workbook, a stored one and the shelf's sample exports, and still refuse a damaged one.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { storedWorkbook, zipEntries } from '../../electron/backend/services/import/read/guards.ts';
import { WORKBOOK_READ_OPTIONS } from '../../electron/backend/services/import/read/workbook-source.ts';

const samples = path.join(import.meta.dirname, '../fixtures/samples');

/** Every sheet's cells as SheetJS reads them with the import's options. */
function cells(data: Buffer): { names: string[]; rows: unknown[] } {
  const wb = XLSX.read(data, WORKBOOK_READ_OPTIONS);
  return {
    names: wb.SheetNames,
    rows: wb.SheetNames.map((n) =>
      ((wb.Sheets[n] as { '!data'?: XLSX.CellObject[][] })['!data'] ?? []).map((r) =>
        r?.map((c) => [c?.t, c?.v]),
      ),
    ),
  };
}

function workbook(compression: boolean): Buffer {
  const rows: unknown[][] = [['Cod. Cliente', 'Ragione Sociale', 'Num. Doc.', 'Scadenza', 'Residuo']];
  for (let i = 0; i < 3_000; i++)
    rows.push([`C${i % 50}`, `Cliente ${i % 50} S.r.l. – è`, `FT ${i}`, 46_290 + i, i / 7]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Scadenze');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Note'], ['città']]), 'Note');
  return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression }) as Buffer);
}

describe('the checked workbook, stored', () => {
  it('reads into the same cells as the deflated original, every part stored with its checked CRC', () => {
    const data = workbook(true);
    const stored = storedWorkbook(data, 'scadenzario.xlsx');
    expect(cells(stored)).toEqual(cells(data));
    const before = zipEntries(data) ?? [];
    const after = zipEntries(stored) ?? [];
    expect(after.map((e) => [e.name, e.size, e.crc])).toEqual(before.map((e) => [e.name, e.size, e.crc]));
    expect(after.every((e) => e.method === 0 && e.compressed === e.size)).toBe(true);
    expect(before.some((e) => e.method === 8)).toBe(true);
  });

  it("reads the shelf's sample exports into the same cells", () => {
    const files = fs.readdirSync(samples).filter((f) => /\.(xlsx|ods)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const data = fs.readFileSync(path.join(samples, f));
      expect(cells(storedWorkbook(data, f)), f).toEqual(cells(data));
    }
  });

  it('hands back a workbook already stored, and a file that is no ZIP, as it is', () => {
    const stored = workbook(false);
    expect(storedWorkbook(stored, 'a.xlsx')).toBe(stored);
    const csv = Buffer.from('a;b\n1;2\n');
    expect(storedWorkbook(csv, 'a.csv')).toBe(csv);
  });

  it('refuses a workbook whose part fails its checksum, naming the file and the part', () => {
    const data = workbook(true);
    const sheet = (zipEntries(data) ?? []).find((e) => e.name.endsWith('sheet1.xml'));
    if (!sheet) throw new Error('no sheet1.xml');
    // Re-deflate the sheet with one byte changed, same length: only the CRC can tell.
    const start =
      sheet.localOffset +
      30 +
      data.readUInt16LE(sheet.localOffset + 26) +
      data.readUInt16LE(sheet.localOffset + 28);
    const xml = zlib.inflateRawSync(data.subarray(start, start + sheet.compressed));
    const tampered = Buffer.from(xml);
    tampered[tampered.indexOf('FT 17')] = 'G'.charCodeAt(0);
    const deflated = zlib.deflateRawSync(tampered);
    expect(deflated.length).toBeLessThanOrEqual(sheet.compressed + 64);
    // Rebuild the file around the tampered part with the original CRC.
    const rebuilt = Buffer.concat([
      data.subarray(0, start),
      deflated,
      data.subarray(start + sheet.compressed),
    ]);
    const delta = deflated.length - sheet.compressed;
    // Fix the sizes and offsets the change moved: local header, directory entries after it, the end record.
    rebuilt.writeUInt32LE(deflated.length, sheet.localOffset + 18);
    const eocd = rebuilt.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const dirStart = rebuilt.readUInt32LE(eocd + 16) + delta;
    rebuilt.writeUInt32LE(dirStart, eocd + 16);
    for (let p = dirStart; rebuilt.readUInt32LE(p) === 0x02014b50; ) {
      const nameLength = rebuilt.readUInt16LE(p + 28);
      const name = rebuilt.toString('latin1', p + 46, p + 46 + nameLength);
      if (name === sheet.name) rebuilt.writeUInt32LE(deflated.length, p + 20);
      const offset = rebuilt.readUInt32LE(p + 42);
      if (offset > sheet.localOffset) rebuilt.writeUInt32LE(offset + delta, p + 42);
      p += 46 + nameLength + rebuilt.readUInt16LE(p + 30) + rebuilt.readUInt16LE(p + 32);
    }
    expect(() => storedWorkbook(rebuilt, 'scadenzario.xlsx')).toThrow(
      /scadenzario\.xlsx.*damaged.*sheet1\.xml fails its checksum/,
    );
  });
});
