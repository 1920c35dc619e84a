/**
 * A corpus of hostile files fed to the import: each gets a clear error within bounded time and
 * memory, and nothing is written to the ledger. Formula-looking text is kept as text, never run.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_UNZIPPED_BYTES } from '../../electron/backend/services/import/read/guards.ts';
import { readImportFile } from '../../electron/backend/services/import/read/index.ts';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import { AppError } from '../../shared/api/errors.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { dumpLedger } from '../helpers/dump.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'import');
const HEAD = 'Cod. Cliente;Ragione Sociale;P.IVA;Tipo;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo\n';
const ROW = 'C1;Rossi S.r.l.;01234567890;FT;1;01/09/2026;30/09/2026;10,00;10,00\n';

/** A deterministic pseudo-random buffer (binary garbage). */
function garbage(bytes: number, seed = 7): Buffer {
  const b = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
}

/**
 * A ZIP bomb dressed as an XLSX: the usual parts, and a worksheet of `inflated` bytes of spaces
 * that deflates to a few hundred kilobytes. Built by streaming, so the test never holds it inflated.
 */
function zipBomb(inflated: number): Buffer {
  const entries: { name: string; data: Buffer; size: number; crc: number }[] = [];
  const add = (name: string, text: string) => {
    const raw = Buffer.from(text);
    entries.push({ name, data: zlib.deflateRawSync(raw), size: raw.length, crc: zlib.crc32(raw) });
  };
  add(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  );
  add('xl/workbook.xml', '<workbook><sheets><sheet name="Foglio1" sheetId="1"/></sheets></workbook>');
  // The sheet: deflated chunk by chunk.
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const parts: Buffer[] = [];
  let crc = 0;
  for (let done = 0; done < inflated; done += chunk.length) {
    crc = zlib.crc32(chunk, crc);
    parts.push(zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  entries.push({
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.concat(parts),
    size: inflated,
    crc: crc >>> 0,
  });

  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

interface Outcome {
  error: AppError | null;
  ms: number;
  heapMb: number;
}

/** Reads a file the way an import does, timing it and watching the heap. */
function read(data: Buffer, name: string): Outcome {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let error: AppError | null = null;
  try {
    const r = readImportFile(data, name);
    if (r.errors.length > 0)
      error = new AppError('VALIDATION', r.errors[0]?.message ?? 'row errors', { issues: r.errors });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err;
  }
  return {
    error,
    ms: performance.now() - t0,
    heapMb: (process.memoryUsage().heapUsed - heap0) / 1024 / 1024,
  };
}

describe('hostile files', () => {
  const messy = fs.readFileSync(path.join(FIXTURES, 'messy.xlsx'));

  it.each([0.1, 0.5, 0.9, 0.99])('a workbook truncated at %s of its length', (share) => {
    const r = read(messy.subarray(0, Math.floor(messy.length * share)), 'troncato.xlsx');
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toMatch(/^troncato\.xlsx: /);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a workbook with damaged bytes inside its compressed parts', () => {
    for (const at of [0.3, 0.5, 0.7]) {
      const bad = Buffer.from(messy);
      const from = Math.floor(bad.length * at);
      garbage(64, from).copy(bad, from);
      const r = read(bad, 'danneggiato.xlsx');
      // Either refused as damaged, or (when the damage hits a part the reader skips) read with row errors.
      expect(r.error?.code, `damage at ${at}`).toBe('VALIDATION');
      expect(r.ms).toBeLessThan(5000);
    }
  });

  it('a ZIP bomb disguised as XLSX is refused from its directory, without inflating', () => {
    const bomb = zipBomb(MAX_UNZIPPED_BYTES + 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const r = read(bomb, 'scadenzario.xlsx');
    expect(r.error?.message).toMatch(
      /^scadenzario\.xlsx: the workbook would expand to \d+ MB once uncompressed/,
    );
    expect(r.ms).toBeLessThan(1000);
    expect(r.heapMb).toBeLessThan(50);
  }, 60_000);

  it('a file over the size limit (a 200 MB CSV) is refused at once', () => {
    const line = Buffer.from(ROW);
    const big = Buffer.alloc(200 * 1024 * 1024);
    Buffer.from(HEAD).copy(big);
    for (let p = HEAD.length; p + line.length <= big.length; p += line.length) line.copy(big, p);
    expect(big.length).toBeGreaterThan(MAX_FILE_BYTES);
    const r = read(big, 'enorme.csv');
    expect(r.error?.message).toMatch(/^enorme\.csv: the file is 200 MB: Incasso imports files up to 128 MB/);
    expect(r.ms).toBeLessThan(1000);
  }, 60_000);

  it('binary garbage, under any name', () => {
    for (const name of ['dati.csv', 'dati.xlsx', 'dati.xls', 'dati.ods', 'dati']) {
      const r = read(garbage(1024 * 1024), name);
      expect(r.error?.code, name).toBe('VALIDATION');
      expect(r.error?.message, name).toMatch(/not a spreadsheet/);
      expect(r.ms).toBeLessThan(5000);
    }
  });

  it('a cell of five million characters is a row error naming row and column, not a stored name', () => {
    const long = 'A'.repeat(5_000_000);
    const r = read(
      Buffer.from(`${HEAD}C1;${long};01234567890;FT;1;01/09/2026;30/09/2026;10,00;10,00\n${ROW}`),
      'lungo.csv',
    );
    const issue = r.error?.details?.issues?.[0];
    expect(issue).toMatchObject({
      row: 2,
      column: 'Ragione Sociale',
      message: 'text too long: 5000000 characters (at most 1000)',
    });
    expect(String(issue?.value).length).toBeLessThanOrEqual(201);
    expect(r.ms).toBeLessThan(5000);
  });

  it('control characters and bidirectional overrides are removed; a NUL byte makes the file binary', () => {
    const text = `${HEAD}C1;Rossi\u0007 \u202eAps\u202c \u001b[31mS.r.l.\u0085;01234567890;FT;1;01/09/2026;30/09/2026;10,00;10,00\n`;
    const r = readImportFile(Buffer.from(text), 'controlli.csv');
    expect(r.errors).toEqual([]);
    const name = r.rows[0]?.customerName ?? '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none is left.
    expect(name).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(name.replace(/\s+/g, ' ')).toBe('Rossi Aps [31mS.r.l.');
    expect(read(Buffer.from(text.replace('Rossi', 'Ro\u0000ssi')), 'nul.csv').error?.message).toMatch(
      /not a spreadsheet/,
    );
  });

  it('formula-looking text stays text: never evaluated, stored as typed', () => {
    const text = `${HEAD}=cmd|' /C calc'!A0;=HYPERLINK("http://evil.example","clic");+39 02 1234;FT;@SUM(1);01/09/2026;30/09/2026;10,00;10,00\n`;
    const r = readImportFile(Buffer.from(text), 'formule.csv');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      customerCode: "=cmd|' /C calc'!A0",
      customerName: '=HYPERLINK("http://evil.example","clic")',
      documentNumber: '@SUM(1)',
    });
  });
});

describe('through the backend: nothing written', () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await testBackend();
  });
  afterAll(() => b.close());

  it.each([
    ['troncato.xlsx', () => fs.readFileSync(path.join(FIXTURES, 'messy.xlsx')).subarray(0, 3000)],
    ['bomba.xlsx', () => zipBomb(MAX_UNZIPPED_BYTES + 1024 * 1024)],
    ['spazzatura.csv', () => garbage(256 * 1024)],
    [
      'lungo.csv',
      () =>
        Buffer.from(`${HEAD}C1;${'B'.repeat(100_000)};01234567890;FT;1;01/09/2026;30/09/2026;10,00;10,00\n`),
    ],
  ])(
    '%s is refused with VALIDATION and the ledger is unchanged',
    async (name, make) => {
      const before = dumpLedger(b.dbPath);
      const fileId = stageBytes(b.ctx.dataDir, name, make()).fileId;
      const res = await b.call('imports.apply', { fileId, asOf: '2026-11-20' });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!res.ok) expect(res.error.message).toContain(name);
      expect(dumpLedger(b.dbPath)).toBe(before);
    },
    60_000,
  );
});
