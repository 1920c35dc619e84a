/**
 * Hostile and extreme values from the security review (issue 14, point 8): each refused with a clear message
 * naming file, row and column, and nothing written — the ledger and its summary stay as they were.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../../electron/backend/services/import/read/index.ts';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import { csv, xlsx } from '../fixtures/import/layouts.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { dumpLedger } from '../helpers/dump.ts';

const HEAD = ['Cod. Cliente', 'Ragione Sociale', 'Num. Doc.', 'Scadenza', 'Importo', 'Residuo'];

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend();
});
afterAll(() => b.close());

async function apply(name: string, data: Buffer) {
  const fileId = stageBytes(b.ctx.dataDir, name, data).fileId;
  return b.call('imports.apply', { fileId, asOf: '2026-11-20' });
}

/** Applies a hostile file: refused with VALIDATION, the ledger unchanged, the summary still answering. */
async function refused(name: string, data: Buffer) {
  const before = dumpLedger(b.dbPath);
  const res = await apply(name, data);
  expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(dumpLedger(b.dbPath)).toBe(before);
  expect((await b.call('summary.get', {})).ok).toBe(true);
  if (res.ok) throw new Error('accepted');
  return res.error as { message: string; details?: { issues?: Record<string, unknown>[] } };
}

/** Rewrites, in a ZIP's local header of `entry`, the method or the uncompressed size (the directory unchanged). */
function lyingLocalHeader(zip: Buffer, entry: string, what: 'method' | 'size'): Buffer {
  const out = Buffer.from(zip);
  for (let p = out.indexOf(0x04034b50 & 0xff); p >= 0 && p < out.length - 30; p++) {
    if (out.readUInt32LE(p) !== 0x04034b50) continue;
    const nameLength = out.readUInt16LE(p + 26);
    if (out.toString('latin1', p + 30, p + 30 + nameLength) !== entry) continue;
    if (what === 'method') out.writeUInt16LE(out.readUInt16LE(p + 8) === 0 ? 8 : 0, p + 8);
    else out.writeUInt32LE(0xfff00000, p + 22);
    return out;
  }
  throw new Error(`no local header for ${entry}`);
}

describe('hostile values through the backend: refused, nothing written', () => {
  beforeAll(async () => {
    // Something in the ledger to keep intact.
    const ok = await apply(
      'base.csv',
      csv([HEAD, ['B1', 'Base S.r.l.', 'F1', '31/12/2026', '10,00', '10,00']]),
    );
    expect(ok.ok).toBe(true);
  });

  it('a numeric cell of 1e20: an amount out of range, with row and column', async () => {
    const err = await refused('enorme.xlsx', xlsx([HEAD, ['C1', 'Rossi', 'F1', '31/12/2026', 100, 1e20]]));
    expect(err.message).toBe(
      'enorme.xlsx: 1 invalid row; nothing was imported. Correct the file and import it again.',
    );
    expect(err.details?.issues?.[0]).toMatchObject({
      row: 2,
      column: 'Residuo',
      message: expect.stringMatching(/^amount out of range/),
    });
  });

  it('rows whose amounts add up past 2^53 cents', async () => {
    const rows = [HEAD];
    for (let i = 0; i < 1000; i++) rows.push([`C${i}`, 'X', `F${i}`, '31/12/2026', '', '99.999.999.999,99']);
    const err = await refused('somma.csv', csv(rows));
    expect(err.details?.issues?.[0]?.message).toMatch(/^the amounts up to this row add up to more than/);
  });

  it('files that each add up exactly but together pass 2^53 cents in the ledger: the second is refused', async () => {
    const big = (prefix: string) => {
      const rows = [HEAD];
      for (let i = 0; i < 500; i++)
        rows.push([`${prefix}${i}`, 'X', `F${i}`, '31/12/2026', '', '99.999.999.999,99']);
      return csv(rows);
    };
    const fileId = stageBytes(b.ctx.dataDir, 'primo.csv', big('P')).fileId;
    const first = await b.call('imports.apply', { fileId, asOf: '2026-11-20', mode: 'incremental' });
    expect(first.ok).toBe(true);
    const before = dumpLedger(b.dbPath);
    const second = stageBytes(b.ctx.dataDir, 'secondo.csv', big('S')).fileId;
    const res = await b.call('imports.apply', { fileId: second, asOf: '2026-11-20', mode: 'incremental' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!res.ok) expect(res.error.message).toMatch(/^secondo\.csv: the ledger's total would pass/);
    expect(dumpLedger(b.dbPath)).toBe(before);
    expect((await b.call('summary.get', {})).ok).toBe(true);
    // Leave the ledger as the other tests expect it.
    expect((await b.call('imports.undo', {})).ok).toBe(true);
  });

  it('a date serial of 1e10: not a valid date, naming row and column', async () => {
    const rows = [HEAD, ['C0', 'Bianchi', 'F0', 46387, 100, 100], ['C1', 'Rossi', 'F1', 1e10, 100, 100]];
    const err = await refused('data.xlsx', xlsx(rows));
    expect(err.details?.issues?.[0]).toMatchObject({
      row: 3,
      column: 'Scadenza',
      message: expect.stringMatching(/^not a valid date/),
    });
    // Alone in its column, it makes the column no due date at all: the field is asked for, naming it.
    const alone = await refused('sola.xlsx', xlsx([HEAD, ['C1', 'Rossi', 'F1', 1e10, 100, 100]]));
    expect(alone.message).toMatch(
      /due date \(undecided between "Scadenza": values are not dates \(e\.g\. "10000000000"\)\)/,
    );
  });

  it.each(['method', 'size'] as const)('an XLSX whose local header lies about its %s', async (what) => {
    const good = xlsx([HEAD, ['C1', 'Rossi', 'F1', '31/12/2026', 100, 100]]);
    const t0 = performance.now();
    const err = await refused('falso.xlsx', lyingLocalHeader(good, 'xl/worksheets/sheet1.xml', what));
    expect(err.message).toMatch(
      /^falso\.xlsx: the file is damaged or forged: its part xl\/worksheets\/sheet1\.xml declares a different (compression method|size) in its local header/,
    );
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a header line of several megabytes is refused before it is parsed', async () => {
    const t0 = performance.now();
    const err = await refused('riga.csv', Buffer.from(`${'Cod;'.repeat(2_500_000)}\nC1;1\n`));
    expect(err.message).toMatch(/^riga\.csv: a line longer than 8 MB \(row 1\)/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('"N invalid rows" counts rows, not errors', async () => {
    const err = await refused(
      'righe.csv',
      csv([
        HEAD,
        ['C1', 'Rossi', 'F1', 'ieri', 'cento', 'mille'],
        ['C2', 'Bianchi', 'F2', '31/12/2026', '10,00', 'dieci'],
        ['C3', 'Verdi', 'F3', '31/12/2026', '10,00', '10,00'],
      ]),
    );
    expect(err.details?.issues).toHaveLength(4);
    expect(err.message).toBe(
      'righe.csv: 2 invalid rows; nothing was imported. Correct the file and import it again.',
    );
  });
});

describe('invisible characters in codes', () => {
  it('zero-width, BOM and bidirectional characters are dropped: U\u200b1 is U1, one customer', () => {
    const r = readImportFile(
      csv([
        HEAD,
        ['U1', 'Uno S.r.l.', 'F1', '31/12/2026', '10,00', '10,00'],
        ['U\u200b1', 'Uno S.r.l.', 'F2', '31/12/2026', '10,00', '10,00'],
        ['\ufeffU1\u2060', 'Uno\u200d S.r.l.', 'F3', '31/12/2026', '10,00', '10,00'],
        ['U\u202e1\u202c', 'Uno S.r.l.', 'F\u200b4', '31/12/2026', '10,00', '10,00'],
      ]),
      'invisibili.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.customerCode, x.customerName, x.documentNumber])).toEqual([
      ['U1', 'Uno S.r.l.', 'F1'],
      ['U1', 'Uno S.r.l.', 'F2'],
      ['U1', 'Uno S.r.l.', 'F3'],
      ['U1', 'Uno S.r.l.', 'F4'],
    ]);
  });
});

// A deflate sanity check for the lying-header builder: the good workbook reads.
it('the untouched workbook of the lying-header test imports', () => {
  const good = xlsx([HEAD, ['C1', 'Rossi', 'F1', '31/12/2026', 100, 100]]);
  expect(readImportFile(good, 'buono.xlsx').rows).toHaveLength(1);
  expect(zlib.crc32(good)).toBeTypeOf('number');
});
