/**
 * The import as a long job in a worker thread (what the desktop app and browser mode do):
 * progress events, the result, and cancel — while reading (the thread is stopped) and while
 * writing (the worker's transaction is rolled back) — leaving the ledger untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { ledgerDump } from '../../db/queries/imports.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import { tempDir } from '../helpers/backend.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');

let dir: string;
let ctx: BackendContext;
let events: AppEvent[];
let onEvent: (e: AppEvent) => void;

beforeEach(async () => {
  dir = tempDir('incasso-import-job-');
  events = [];
  onEvent = () => {};
  ctx = await createBackend({
    dbPath: path.join(dir, 'ledger.db'),
    mode: 'browser',
    today: '2026-11-23',
    emit: (e) => {
      events.push(e);
      onEvent(e);
    },
  });
});
afterEach(() => {
  closeLedger(ctx.db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, input: unknown, job?: string) =>
  dispatch(ctx, { method, input, userId: 1, ...(job ? { job } : {}) });

async function stage(fileName: string, data: Buffer): Promise<string> {
  const res = await call('imports.stage', { fileName, dataBase64: data.toString('base64') });
  if (!res.ok) throw new Error(res.error.message);
  return (res.data as { fileId: string }).fileId;
}

/** A generated export big enough that its sync and write take a noticeable time. */
function bigCsv(rows: number): Buffer {
  const lines = ['Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `K${i % 997};Cliente ${i % 997} S.r.l.;F${i};01/09/2026;30/11/2026;${100 + (i % 500)},50;${100 + (i % 500)},50`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

describe('import job in a worker thread', () => {
  it('previews and applies with progress events, then the ledger shows the import', async () => {
    const file = 'aged-receivables-2026-11-20.xlsx';
    const fileId = await stage(file, fs.readFileSync(path.join(SAMPLES, file)));
    const preview = await call('imports.preview', { fileId, asOf: '2026-11-20' }, 'p1');
    expect(preview.ok && (preview.data as { items: { new: number } }).items.new).toBe(111);
    expect((await ledgerDump(ctx.db)).items).toHaveLength(0);

    const applied = await call('imports.apply', { fileId, asOf: '2026-11-20' }, 'a1');
    expect(applied).toMatchObject({
      ok: true,
      data: { batch: 1, totals: { items: 111, residualCents: 24901561 } },
    });
    const phases = new Set(events.flatMap((e) => (e.type === 'job' && e.job === 'a1' ? [e.phase] : [])));
    expect([...phases]).toEqual(['read', 'sync', 'write']);
    // The pages read again (ledger-changed), and the other users hear whose change it was.
    expect(events.slice(-2)).toEqual([
      { type: 'ledger-changed', asOf: '2026-11-20' },
      { type: 'ledger-written', method: 'imports.apply', userId: 1 },
    ]);
    expect((await ledgerDump(ctx.db)).items).toHaveLength(111);
  });

  it('a cancel while reading stops the worker; nothing is written', async () => {
    const fileId = await stage('big.csv', bigCsv(50_000));
    const pending = call('imports.apply', { fileId, asOf: '2026-11-20' }, 'c1');
    expect((await call('jobs.cancel', { job: 'c1' })).ok).toBe(true);
    const res = await pending;
    expect(res).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await ledgerDump(ctx.db)).items).toHaveLength(0);
    expect((await call('imports.list', {})).ok && (await call('imports.list', {}))).toMatchObject({
      data: [],
    });
  });

  it('a cancel while writing rolls the transaction back; the ledger is untouched', async () => {
    const file = 'aged-receivables-2026-11-20.xlsx';
    const first = await stage(file, fs.readFileSync(path.join(SAMPLES, file)));
    expect((await call('imports.apply', { fileId: first, asOf: '2026-11-20' })).ok).toBe(true);
    const before = await ledgerDump(ctx.db);

    const fileId = await stage('big.csv', bigCsv(150_000));
    let cancelledIn: string | null = null;
    onEvent = (e) => {
      if (e.type === 'job' && e.job === 'c2' && e.phase !== 'read' && cancelledIn === null) {
        cancelledIn = e.phase;
        ctx.jobs.get('c2')?.abort();
      }
    };
    const res = await call('imports.apply', { fileId, asOf: '2026-11-21', confirmClosures: true }, 'c2');
    expect(cancelledIn).not.toBeNull();
    expect(res).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await ledgerDump(ctx.db)).toEqual(before);
    const list = await call('imports.list', {});
    expect(list.ok && (list.data as unknown[]).length).toBe(1);
  });
});
