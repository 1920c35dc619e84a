/**
 * Letters of a batch killed before it committed (`letters/.batch-*`): removed when the app starts
 * and by the GDPR anonymisation, since the ledger knows nothing of them (issue 13, point 6).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/app.ts';
import { removeOrphanBatches } from '../../electron/backend/services/letters/archive.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(() => b.close());

const HOUR = 60 * 60 * 1000;
// Folder ages the app measures at start-up are against the machine's clock, as the files' are.
const realNow = () => performance.timeOrigin + performance.now();

/** A fixed instant for the pure clean-up; start-up and GDPR compare folder ages to the real clock (file times are real). */
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

function scratch(name: string, ageMs: number, nowMs = realNow()): string {
  const dir = path.join(b.ctx.dataDir, 'letters', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'lettera-C00001.pdf'), '%PDF-1.7 Rossi S.r.l.');
  const when = new Date(nowMs - ageMs);
  fs.utimesSync(dir, when, when);
  return dir;
}

describe('orphan letter batches', () => {
  it('removes scratch folders older than an hour, never a batch that may still be running', () => {
    const old = scratch('.batch-2026-11-20-deadbeef', 3 * HOUR, NOW);
    const running = scratch('.batch-2026-11-23-cafebabe', 5 * 60 * 1000, NOW);
    const archived = path.join(b.ctx.dataDir, 'letters', '2026', 'batch-2026-11-20-0001');
    fs.mkdirSync(archived, { recursive: true });
    expect(removeOrphanBatches(b.ctx.dataDir, NOW)).toEqual([path.join('letters', path.basename(old))]);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
    expect(fs.existsSync(archived)).toBe(true);
  });

  it('are removed when the app starts on the ledger', async () => {
    const old = scratch('.batch-2026-11-20-deadbeef', 2 * HOUR);
    b.ctx.db.$client.close();
    const app = await createBackend({ dbPath: b.dbPath, mode: 'browser', today: '2026-11-23' });
    try {
      expect(fs.existsSync(old)).toBe(false);
    } finally {
      app.close();
    }
    await b.ctx.reopen();
  });

  it('are removed by the GDPR anonymisation', async () => {
    const old = scratch('.batch-2026-11-20-deadbeef', 2 * HOUR);
    const r = await b.call('gdpr.anonymise', { codes: ['NESSUNO'], confirm: true });
    expect(r.ok).toBe(true);
    expect(fs.existsSync(old)).toBe(false);
  });
});
