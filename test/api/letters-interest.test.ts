/**
 * Late-payment interest through the CLI on a hand-made ledger, and the rate table:
 * `interest CUSTOMER --json`, `rates --json`, `rates add` (replaces the half-year's row), and the
 * refusal to guess 2026-H2, which the shipped table does not have.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { addCustomer, addItem } from '../helpers/letters.ts';

const dir = tempDir('incasso-interest-');
const db = path.join(dir, 'ledger.db');

async function cli(...args: string[]) {
  const res = await runCliInProcess([...args, '--db', db]);
  return { ...res, json: () => JSON.parse(res.stdout) };
}

beforeAll(async () => {
  const ctx = await createBackend({ dbPath: db, mode: 'cli', today: '2026-03-31' });
  const k1 = addCustomer(ctx.db, { code: 'K1', name: 'Cliente Uno S.r.l.' });
  // A: 1.000,00 € due 15/12/2025, unpaid.
  addItem(ctx.db, k1, { number: 'FT A/1', date: '2025-11-15', due: '2025-12-15', amount: 100_000 });
  // B: 3.000,00 € due 20/06/2025, partly paid: 2.554,89 € left.
  addItem(ctx.db, k1, {
    number: 'FT A/2',
    date: '2025-05-20',
    due: '2025-06-20',
    amount: 300_000,
    residual: 255_489,
  });
  // Ignored: an open credit note, an invoice not yet due, a paid one.
  addItem(ctx.db, k1, {
    type: 'credit_note',
    number: 'NC A/3',
    date: '2025-12-01',
    due: '2025-12-01',
    amount: -50_000,
  });
  addItem(ctx.db, k1, { number: 'FT A/4', date: '2026-03-01', due: '2026-04-30', amount: 80_000 });
  addItem(ctx.db, k1, {
    number: 'FT A/5',
    date: '2025-01-10',
    due: '2025-02-10',
    amount: 70_000,
    residual: 0,
    status: 'closed',
  });
  closeLedger(ctx.db);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('interest CUSTOMER --json', () => {
  it('breaks the interest down per item and half-year, as computed by hand', async () => {
    const r = await cli('interest', 'K1', '--today', '2026-03-31', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual([
      'customerCode',
      'calcDate',
      'items',
      'interestCents',
      'compensationCents',
      'claim',
    ]);
    expect(out).toEqual({
      customerCode: 'K1',
      calcDate: '2026-03-31',
      items: [
        {
          // 2.554,89 € from 21/06/2025: 10 days at 11,15 % (2025-H1), 184 at 10,15 % (2025-H2),
          // 90 at 10,15 % (2026-H1): 2554.89 × (0.1115×10 + 0.1015×274) / 365 = 202.4733 -> 202,47 €
          document: 'FT A/2',
          dueDate: '2025-06-20',
          residualCents: 255_489,
          periods: [
            // 2554.89 × 0.1115 × 10 / 365 = 7.8047
            { from: '2025-06-21', to: '2025-06-30', days: 10, ratePercent: 11.15, interestCents: 780 },
            // 2554.89 × 0.1015 × 184 / 365 = 130.7264
            { from: '2025-07-01', to: '2025-12-31', days: 184, ratePercent: 10.15, interestCents: 13_073 },
            // 2554.89 × 0.1015 × 90 / 365 = 63.9422
            { from: '2026-01-01', to: '2026-03-31', days: 90, ratePercent: 10.15, interestCents: 6394 },
          ],
          interestCents: 20_247,
        },
        {
          // 1.000,00 € from 16/12/2025: 16 + 90 days at 10,15 %: 1000 × 0.1015 × 106 / 365 = 29.4767 -> 29,48 €
          document: 'FT A/1',
          dueDate: '2025-12-15',
          residualCents: 100_000,
          periods: [
            { from: '2025-12-16', to: '2025-12-31', days: 16, ratePercent: 10.15, interestCents: 445 },
            { from: '2026-01-01', to: '2026-03-31', days: 90, ratePercent: 10.15, interestCents: 2503 },
          ],
          interestCents: 2948,
        },
      ],
      // 202,47 + 29,48
      interestCents: 23_195,
      // Two overdue invoices × 40 € (the credit note, the invoice not yet due and the paid one: none)
      compensationCents: 8000,
      // The whole claim, as the formal notice and the legal dossier make it: 3.554,89 € overdue,
      // less the 500,00 € credit note, plus interest and compensation.
      claim: {
        capitalCents: 355_489,
        creditNotesCents: 50_000,
        excludedCents: 0,
        interestCents: 23_195,
        compensationCents: 8000,
        feesCents: 0,
        totalCents: 355_489 - 50_000 + 23_195 + 8000,
      },
    });
  });

  it('refuses a half-year missing from the table (2026-H2) instead of guessing, until `rates add`', async () => {
    const listed = await cli('rates', '--today', '2026-07-10', '--json');
    expect(listed.code).toBe(0);
    const rates = listed.json() as { from: string; moratoryPercent: number }[];
    expect(rates).toHaveLength(27);
    expect(rates[0]).toMatchObject({ from: '2013-01-01', moratoryPercent: 8.75 });
    expect(rates.at(-1)).toMatchObject({ from: '2026-01-01', moratoryPercent: 10.15 });
    expect(listed.stderr).toMatch(/H2 2026/);

    const refused = await cli('interest', 'K1', '--today', '2026-07-10', '--json');
    expect(refused.code).toBe(1);
    expect(refused.json().error).toMatch(/missing for H2 2026.*rates add/);

    const added = await cli('rates', 'add', '--from', '2026-07-01', '--ecb', '2,15', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({
      from: '2026-07-01',
      to: '2026-12-31',
      ecbPercent: 2.15,
      moratoryPercent: 10.15,
      origin: 'user',
      replaced: null,
    });
    // FT A/1 to 10/07/2026: 16 + 181 + 10 = 207 days at 10,15 %: 1000 × 0.1015 × 207 / 365 = 57.5630 -> 57,56 €
    const ok = await cli('interest', 'K1', '--today', '2026-07-10', '--json');
    expect(ok.code).toBe(0);
    expect(ok.json().items[1]).toMatchObject({ document: 'FT A/1', interestCents: 5756 });

    // Same half-year again: the row is replaced (10,40 % from 1 July), not duplicated.
    const replaced = await cli('rates', 'add', '--from', '2026-07-01', '--ecb', '2.40', '--json');
    expect(replaced.json()).toMatchObject({ moratoryPercent: 10.4, replaced: { ecbPercent: 2.15 } });
    expect((await cli('rates', '--today', '2026-07-10', '--json')).json()).toHaveLength(28);
    // 1000 × (0.1015 × 197 + 0.1040 × 10) / 365 = 57.6315 -> 57,63 €
    expect(
      (await cli('interest', 'K1', '--today', '2026-07-10', '--json')).json().items[1].interestCents,
    ).toBe(5763);
  }, 120_000);

  it('says which input is wrong with exit code 2', async () => {
    const notHalfYear = await cli('rates', 'add', '--from', '2026-07-15', '--ecb', '2.15', '--json');
    expect(notHalfYear.code).toBe(2);
    expect(notHalfYear.json().errors[0]).toMatchObject({ column: 'from' });
    expect((await cli('rates', 'add', '--from', '2027-01-01', '--ecb', 'abc', '--json')).code).toBe(2);
    expect((await cli('interest', 'NOPE', '--json')).code).toBe(2);
  }, 60_000);
});
