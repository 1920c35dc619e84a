import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { FACTOR_NAMES, factsFromHistory, rateCustomer } from '../../shared/domain/rating.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';

const TODAY = '2026-11-23';
const dir = tempDir('incasso-rating-cli-');
const db = path.join(dir, 'ledger.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const res = await runCliInProcess([...args, '--db', db, '--today', TODAY, '--json']);
  return { code: res.code, json: res.stdout ? JSON.parse(res.stdout) : null, stderr: res.stderr };
}

/** C1 pays on time (12 payments over the year) and has one invoice not yet due; C2 owes 60 days; C3 owes nothing. */
const PAYMENTS = Array.from({ length: 12 }, (_, k) => addDays(TODAY, -(10 + 30 * k)));

beforeAll(async () => {
  const ctx = await createBackend({ dbPath: db, mode: 'cli', today: TODAY });
  const [c1, c2, c3] = insertCustomers(ctx.db, [
    { code: 'C1', name: 'Puntuali S.r.l.' },
    { code: 'C2', name: 'Ritardi S.p.A.', creditLimitCents: 50_000 },
    { code: 'C3', name: 'Saldati S.n.c.' },
  ]) as [number, number, number];
  await insertOpenItems(ctx.db, [
    ...PAYMENTS.map((date, k) => ({
      customerId: c1,
      documentType: 'invoice' as const,
      documentNumber: `P ${k}`,
      documentDate: addDays(date, -30),
      dueDate: date,
      amountCents: 100_000,
      residualCents: 0,
      status: 'closed' as const,
    })),
    {
      customerId: c1,
      documentType: 'invoice',
      documentNumber: 'FT 100',
      documentDate: '2026-11-01',
      dueDate: '2026-12-31',
      amountCents: 80_000,
      residualCents: 80_000,
    },
    {
      customerId: c2,
      documentType: 'invoice',
      documentNumber: 'FT 200',
      documentDate: '2026-08-25',
      dueDate: '2026-09-24',
      amountCents: 100_000,
      residualCents: 100_000,
    },
    {
      customerId: c3,
      documentType: 'invoice',
      documentNumber: 'FT 300',
      documentDate: '2026-01-01',
      dueDate: '2026-02-01',
      amountCents: 10_000,
      residualCents: 0,
      status: 'closed',
    },
  ]);
  // What imports record for C1's payments: a batch and one payment event per invoice, on its due date.
  const batch = ctx.db.$client
    .prepare(
      "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts) VALUES ('s.xlsx', 'x', 'xlsx', ?, 'snapshot', '{}')",
    )
    .run(TODAY).lastInsertRowid;
  const ev = ctx.db.$client.prepare(
    "INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents) SELECT id, ?, due_date, 'payment', amount_cents, amount_cents, 0 FROM open_items WHERE document_number = ?",
  );
  for (let k = 0; k < PAYMENTS.length; k++) ev.run(batch, `P ${k}`);
  closeLedger(ctx.db);
});

/** The documented fields of a customer's rating in the CLI's JSON, in order. */
const RATING_KEYS = ['customerCode', 'score', 'class', 'confidence', 'factors', 'computedOn'];

describe('rating CLI', () => {
  it('rating CODE --json prints the documented shape, computed by the domain from the ledger', async () => {
    const r = await cli('rating', 'C1');
    expect(r.code).toBe(0);
    expect(Object.keys(r.json)).toEqual(RATING_KEYS);
    expect(r.json.factors.map((f: { name: string }) => f.name)).toEqual([...FACTOR_NAMES]);
    for (const f of r.json.factors) expect(Object.keys(f)).toEqual(['name', 'value', 'points']);
    const expected = rateCustomer(
      factsFromHistory(
        {
          payments: PAYMENTS.map((date) => ({ date, dueDate: date, amountCents: 100_000 })),
          items: [
            ...PAYMENTS.map((date) => ({ dueDate: date, residualCents: 0, open: false })),
            { dueDate: '2026-12-31', residualCents: 80_000, open: true },
          ],
        },
        TODAY,
      ),
      TODAY,
    );
    expect(r.json).toEqual({ customerCode: 'C1', ...expected, computedOn: TODAY });
    expect(r.json).toMatchObject({ class: 'B', confidence: 'medium' });
  });

  it('a run stores the ratings; ratings --json lists every customer with open items, filterable by class', async () => {
    expect((await cli('run')).code).toBe(0);
    const list = await cli('ratings');
    expect(list.code).toBe(0);
    expect(list.json.map((r: { customerCode: string }) => r.customerCode)).toEqual(['C1', 'C2']);
    const c2 = list.json[1];
    expect(Object.keys(c2)).toEqual(RATING_KEYS);
    // 60 days overdue, all of the exposure, twice the credit limit, and no payment history.
    expect(c2.factors.find((f: { name: string }) => f.name === 'overdueDelay')).toEqual({
      name: 'overdueDelay',
      value: 60,
      points: -12,
    });
    expect(c2).toMatchObject({ score: 8, class: 'E', confidence: 'low', computedOn: TODAY });
    expect(
      (await cli('ratings', '--class', 'E')).json.map((r: { customerCode: string }) => r.customerCode),
    ).toEqual(['C2']);
    expect((await cli('ratings', '--class', 'A')).json).toEqual([]);
  }, 60_000);

  it('an unknown customer exits 2 with a JSON error', async () => {
    const r = await cli('rating', 'NOPE');
    expect(r.code).toBe(2);
    expect(r.json.error).toContain('NOPE');
  });

  it('an admin changes the weights from a file: validated, and every rating is recomputed', async () => {
    const before = (await cli('rating', 'C1')).json.score;
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ factors: { disputes: { perUnit: 5, max: 20 } } }));
    const refused = await cli('ratings', 'weights', 'set', bad);
    expect(refused.code).toBe(2);
    expect(refused.json.errors[0].column).toContain('factors.disputes.perUnit');
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ base: 40 }));
    const set = await cli('ratings', 'weights', 'set', good);
    expect(set.code).toBe(0);
    expect(set.json).toMatchObject({ patch: { base: 40 }, config: { base: 40 }, rated: 3 });
    expect((await cli('rating', 'C1')).json.score).toBe(before - 15);
    expect((await cli('ratings', 'weights')).json.patch).toEqual({ base: 40 });
  }, 60_000);
});
