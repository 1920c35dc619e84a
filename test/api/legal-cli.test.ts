import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';

const TODAY = '2026-11-23';
const dir = tempDir('incasso-legal-cli-');
const db = path.join(dir, 'ledger.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const res = await runCliInProcess([...args, '--db', db, '--today', TODAY, '--json']);
  return { code: res.code, json: res.stdout ? JSON.parse(res.stdout) : null, stderr: res.stderr };
}

beforeAll(async () => {
  const ctx = await createBackend({ dbPath: db, mode: 'cli', today: TODAY });
  const [c1] = insertCustomers(ctx.db, [
    { code: 'C1', name: 'Rossi S.r.l.', vat: 'IT01234567890', band: 'C' },
  ]) as [number];
  await insertOpenItems(ctx.db, [
    {
      customerId: c1,
      documentType: 'invoice',
      documentNumber: 'FT 1',
      documentDate: '2026-03-01',
      dueDate: '2026-04-01',
      amountCents: 500_000,
      residualCents: 500_000,
    },
  ]);
  // Rate of the half-year the shipped table lacks, then runs: band C's shipped policy reaches the lawyer at 80 days.
  ctx.db.$client
    .prepare(
      "INSERT INTO interest_rates (from_date, to_date, ecb_bp, moratory_bp, source, origin, updated_at) VALUES ('2026-07-01', '2026-12-31', 215, 1015, 'test', 'user', 'x')",
    )
    .run();
  for (const day of ['2026-04-10', '2026-04-30', '2026-05-20', '2026-06-10', '2026-07-10']) {
    await runDay(ctx.db, day);
    // The collector does each step the same day (what tasks.complete records).
    ctx.db.$client
      .prepare("UPDATE tasks SET status = 'done', outcome = 'sent', closed_on = ? WHERE status = 'open'")
      .run(day);
    ctx.db.$client.prepare('UPDATE cases SET last_step_closed_on = ?').run(day);
  }
  closeLedger(ctx.db);
});

describe('legal CLI', () => {
  it('legal open / cost / phase / recovery, then legal CODE --json prints the evaluation', async () => {
    expect((await cli('cases', '--status', 'all')).json[0]).toMatchObject({ status: 'legal' });
    expect((await cli('legal', 'C1')).code).toBe(2);
    const opened = await cli('legal', 'open', 'C1', '--to', 'lawyer', '--name', 'Avv. Bianchi');
    expect(opened.code).toBe(0);
    expect(opened.json).toMatchObject({ phase: 'entrusted' });
    expect((await cli('legal', 'cost', 'C1', '--cents', '30000', '--kind', 'lawyer')).code).toBe(0);
    expect((await cli('legal', 'cost', 'C1', '--cents', '30000', '--kind', 'pizza')).code).toBe(2);
    expect((await cli('legal', 'phase', 'C1', 'injunction_requested', '--date', '2026-11-20')).code).toBe(0);
    expect((await cli('legal', 'recovery', 'C1', '--cents', '10000')).code).toBe(0);
    const r = await cli('legal', 'C1');
    expect(r.code).toBe(0);
    expect(Object.keys(r.json)).toEqual([
      'phase',
      'claimCents',
      'costsCents',
      'recoveredCents',
      'furtherCostsCents',
      'probability',
      'expectedNetCents',
      'breakEvenProbability',
      'worthContinuing',
      'prescriptionDate',
      'reason',
    ]);
    expect(r.json).toMatchObject({
      phase: 'injunction_requested',
      costsCents: 30_000,
      recoveredCents: 10_000,
      furtherCostsCents: 15_000,
      // The injunction request (2026-11-20) is the last interruptive act, after the PEC notice of 2026-06-10.
      prescriptionDate: '2036-11-20',
      worthContinuing: true,
    });
    expect(r.json.claimCents).toBeGreaterThan(500_000 + 4_000);
    expect(r.json.expectedNetCents).toBe(Math.round(r.json.claimCents * r.json.probability) - 15_000);
  }, 90_000);

  it('legal export CODE --out FILE.zip writes the hand-over archive', async () => {
    const out = path.join(dir, 'pratica.zip');
    const r = await cli('legal', 'export', 'C1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ file: out, entries: ['riepilogo.xlsx'] });
    expect(fs.readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await cli('legal', 'export', 'C1')).code).toBe(2);
  }, 60_000);
});
