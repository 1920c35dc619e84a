/**
 * E-invoice and master-data jobs in the import worker thread, as the desktop app and browser mode
 * run them: the same results as in-process, errors carried back with their code and details.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { ledgerDump } from '../../db/queries/imports.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { TEST_SCRYPT, tempDir } from '../helpers/backend.ts';
import { fixture } from '../helpers/einvoice-files.ts';

let dir: string;
let ctx: BackendContext;
beforeEach(async () => {
  dir = tempDir('incasso-kinds-worker-');
  ctx = await createBackend({
    dbPath: path.join(dir, 'ledger.db'),
    mode: 'browser',
    today: '2026-11-23',
    auth: { scrypt: TEST_SCRYPT },
  });
});
afterEach(() => {
  closeLedger(ctx.db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, input: unknown) =>
  dispatch(ctx, { method, input, userId: 1, job: `j-${method}` });

async function identify(name: string, data: Buffer): Promise<string> {
  const r = await call('imports.identify', { fileName: name, dataBase64: data.toString('base64') });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { fileId: string }).fileId;
}

describe('import kinds in the worker thread', { timeout: 120_000 }, () => {
  it('previews and applies e-invoices, then master data, in the worker', async () => {
    const fileId = await identify('IT01234567890_A0001.xml', fixture('IT01234567890_A0001.xml'));
    const preview = await call('eInvoices.preview', { fileId });
    expect(preview.ok && preview.data).toMatchObject({ documents: { new: 2 }, items: { new: 3 } });
    const applied = await call('eInvoices.apply', { fileId });
    expect(applied.ok && applied.data).toMatchObject({ batch: 1, items: { new: 3 }, customers: { new: 1 } });
    // The worker's connection wrote; the backend's own connection sees it.
    expect((await ledgerDump(ctx.db)).items).toHaveLength(3);

    const danea = fs.readFileSync(
      path.resolve(import.meta.dirname, '../fixtures/master-data/danea-easyfatt.csv'),
    );
    const m = await call('masterData.apply', { fileId: await identify('Soggetti.csv', danea) });
    expect(m.ok && m.data).toMatchObject({ batch: 2, customers: { new: 2, updated: 1 } });
  });

  it('a problem found in the worker comes back as the same error, and nothing is written', async () => {
    const bad = Buffer.from(
      fixture('IT01234567890_A0001.xml')
        .toString('utf8')
        .replace('<Divisa>EUR</Divisa>', '<Divisa>CHF</Divisa>'),
    );
    const r = await call('eInvoices.apply', { fileId: await identify('chf.xml', bad) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toBe('chf.xml: 1 problem in the e-invoices; nothing was imported.');
    expect((await ledgerDump(ctx.db)).customers).toEqual([]);
  });
});
