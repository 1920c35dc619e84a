/**
 * Issue 18, point 2: an import's rows flow from the reader to the writer a chunk at a time inside the one
 * write transaction (read/index.ts openImportRows, plan.ts streamSync, write.ts). Streamed, a file gives the
 * ledger the rows given whole give it — twins and new customers' names spanning chunks included — and a bad
 * row, a duplicate or a cancel found after chunks were written still leaves nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerDump, listBatches } from '../../db/queries/imports.ts';
import {
  openImportRows,
  readImportFile,
  STREAM_ROWS,
} from '../../electron/backend/services/import/read/index.ts';
import { runImport } from '../../electron/backend/services/import/run.ts';
import { applySync } from '../../electron/backend/services/import/sync.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { applyRequest, caught } from '../helpers/sync.ts';

const HEAD = 'Codice cliente;Ragione sociale;Numero documento;Data documento;Scadenza;Importo;Residuo';
const N = 12_000;

/**
 * `n` rows over 300 customers. Rows i and i + 6000 (i < 40) are twins (same key, no installment column),
 * 6000 rows apart: in different chunks. Customer C7 is nameless until row 9001. Every 97th row is paid
 * (zero residual). `change` alters a row (null: left out of the snapshot).
 */
function csv(change: (i: number, line: string) => string | null = (_i, l) => l): string {
  const lines = [HEAD];
  for (let i = 0; i < N; i++) {
    const twin = i >= 6000 && i < 6040;
    const k = twin ? i - 6000 : i;
    const c = k % 300;
    const name = c === 7 && i < 9000 ? '' : `Cliente ${c}`;
    const residual = i % 97 === 0 ? '0,00' : `${(k % 500) + 1},00`;
    const line = `C${c};${name};F${k};01/09/2026;${String((k % 28) + 1).padStart(2, '0')}/10/2026;1000,00;${residual}`;
    const out = change(i, line);
    if (out !== null) lines.push(out);
  }
  return `${lines.join('\n')}\n`;
}

let streamed: TestBackend;
let whole: TestBackend;
beforeEach(async () => {
  streamed = await testBackend('2026-11-23');
  whole = await testBackend('2026-11-23');
});
afterEach(() => {
  streamed.close();
  whole.close();
});

/** The file staged on disk and imported as the worker does (a CSV read from disk a chunk at a time). */
async function importStreamed(b: TestBackend, text: string, fileName: string, asOf: string) {
  const file = path.join(b.ctx.dataDir, fileName);
  fs.writeFileSync(file, text);
  const outcome = await runImport({ path: file }, applyRequest(fileName, asOf), b.ctx.db);
  if (outcome.kind !== 'apply') throw new Error('expected an apply');
  return outcome.result;
}

/** The same file read whole first, its rows then synced as one array (the sync's own key index). */
async function importWhole(b: TestBackend, text: string, fileName: string, asOf: string) {
  const file = readImportFile(Buffer.from(text), fileName);
  const req = applyRequest(fileName, asOf);
  return await applySync(b.ctx.db, {
    file: {
      name: fileName,
      sha256: file.sha256,
      format: file.format,
      sheet: null,
      headerRow: file.headerRow,
    },
    rows: file.rows,
    sharedKeys: file.sharedKeys,
    read: file.read,
    skipped: file.skipped,
    errors: file.errors,
    warnings: file.warnings,
    asOf,
    asOfSource: 'given',
    layout: file.layout,
    mapping: file.mappingDetails,
    mode: 'snapshot',
    confirmClosures: true,
    user: req.user,
    at: req.at,
  });
}

/** The ledger's rows without the timestamps SQLite stamps them with (the two ledgers are written apart). */
async function dump(b: TestBackend) {
  const d = await ledgerDump(b.ctx.db);
  const strip = (rows: unknown[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r as object).filter(([k]) => k !== 'created_at' && k !== 'updated_at'),
      ),
    );
  return { customers: strip(d.customers), items: strip(d.items), events: strip(d.events) };
}

describe('an import streamed a chunk at a time', () => {
  it('hands the rows on in chunks of at most STREAM_ROWS, keeping none', () => {
    const { rows } = openImportRows(Buffer.from(csv()), 'scadenzario.csv');
    const sizes: number[] = [];
    const summary = rows.each((chunk) => sizes.push(chunk.length));
    expect(Math.max(...sizes)).toBe(STREAM_ROWS);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(N);
    expect(summary).toMatchObject({ read: N, errors: [] });
    expect(() => rows.each(() => {})).toThrow(/already read/);
  });

  it('gives the ledger what the rows given whole give it, first import and next snapshot', async () => {
    const first = await importStreamed(streamed, csv(), 'first.csv', '2026-10-31');
    expect(await importWhole(whole, csv(), 'first.csv', '2026-10-31')).toEqual(first);
    expect(first.items.new).toBe(N - Math.ceil(N / 97));
    expect(first.warnings?.filter((w) => /two installments/.test(w.message))).toHaveLength(40);
    // C7's name came 9000 rows after its first row: the customer the first chunk created has it.
    const ledger = await dump(streamed);
    expect(ledger.customers.find((c) => c.code === 'C7')).toMatchObject({ name: 'Cliente 7' });
    expect(ledger).toEqual(await dump(whole));

    // The next snapshot: some rows gone (closed), some paid in part, one twin gone.
    const next = csv((i, line) =>
      i % 50 === 1 || i === 6003 ? null : i % 13 === 0 ? line.replace(/;[^;]*$/, ';1,00') : line,
    );
    const second = await importStreamed(streamed, next, 'second.csv', '2026-11-20');
    expect(await importWhole(whole, next, 'second.csv', '2026-11-20')).toEqual(second);
    expect(second.items.closed).toBeGreaterThan(200);
    expect(await dump(streamed)).toEqual(await dump(whole));
    expect((await listBatches(streamed.ctx.db)).map((x) => x.counts)).toEqual(
      (await listBatches(whole.ctx.db)).map((x) => x.counts),
    );
  });

  it('a bad row at the end rolls back every chunk written before it', async () => {
    const text = csv((i, line) => (i === N - 1 ? line.replace('01/09/2026', '31/02/2026') : line));
    const err = await caught(async () => await importStreamed(streamed, text, 'bad.csv', '2026-10-31'));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^bad\.csv: 1 invalid row; nothing was imported/);
    expect(err.details?.issues).toEqual([expect.objectContaining({ row: N + 1, column: 'Data documento' })]);
    expect(await dump(streamed)).toEqual(await dump(whole));
    expect(await listBatches(streamed.ctx.db)).toEqual([]);
  });

  it('a duplicate of the first row found at the end rolls everything back', async () => {
    // With an installment column (the twins are installment 2): the last row repeats the first one's key.
    const lines = csv()
      .trimEnd()
      .split('\n')
      .map((l, i) => (i === 0 ? `${l};Rata` : `${l};${i > 6000 && i <= 6040 ? 2 : 1}`));
    lines[lines.length - 1] = lines[1] as string;
    const err = await caught(
      async () => await importStreamed(streamed, `${lines.join('\n')}\n`, 'dup.csv', '2026-10-31'),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.issues).toEqual([
      expect.objectContaining({ row: N + 1, message: expect.stringMatching(/rows 2 and 12001/) }),
    ]);
    expect(await listBatches(streamed.ctx.db)).toEqual([]);
    expect((await ledgerDump(streamed.ctx.db)).items).toEqual([]);
  });

  it('a cancel while the rows stream rolls back the chunks already written', async () => {
    const file = path.join(streamed.ctx.dataDir, 'big.csv');
    fs.writeFileSync(file, csv());
    let written = -1;
    let reports = 0;
    const err = await caught(
      async () =>
        await runImport({ path: file }, applyRequest('big.csv', '2026-10-31'), streamed.ctx.db, {
          progress: async (phase) => {
            if (phase !== 'read' || ++reports !== 1) return;
            written = (await ledgerDump(streamed.ctx.db)).items.length;
          },
          cancelled: () => reports >= 1,
        }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(written).toBeGreaterThan(0);
    expect((await ledgerDump(streamed.ctx.db)).items).toEqual([]);
    expect(await listBatches(streamed.ctx.db)).toEqual([]);
  });
});
