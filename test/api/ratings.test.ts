import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { insertUser } from '../../db/queries/users.ts';
import { recomputeRatings } from '../../electron/backend/services/rating/recompute.ts';
import type { Profile } from '../../shared/api/contracts/customers.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
let manager: number;
function ok<T>(method: string, input: unknown, user = 1): Promise<T> {
  return callData<T>(b, method, input, user);
}
const run = (sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).run(...p);
interface Row {
  customerCode: string;
  score: number;
  class: string;
  previousScore: number | null;
  factors: unknown[];
}

beforeEach(async () => {
  b = await testBackend('2026-11-23');
  manager = (await insertUser(b.ctx.db, 'Marta', 'manager')).id;
  const [c1, c2] = insertCustomers(b.ctx.db, [
    { code: 'C1', name: 'Rossi S.r.l.' },
    { code: 'C2', name: 'Bianchi S.p.A.' },
  ]) as [number, number];
  await insertOpenItems(b.ctx.db, [
    {
      customerId: c1,
      documentType: 'invoice',
      documentNumber: 'FT 1',
      documentDate: '2026-10-01',
      dueDate: '2026-10-31',
      amountCents: 10_000,
      residualCents: 10_000,
    },
    {
      customerId: c2,
      documentType: 'invoice',
      documentNumber: 'FT 2',
      documentDate: '2026-10-01',
      dueDate: '2026-12-31',
      amountCents: 10_000,
      residualCents: 10_000,
    },
  ]);
});
afterEach(() => b.close());

describe('ratings API', () => {
  it('ratings.get: current rating, base, band in force and the history for the chart', async () => {
    const live = await ok<{ stored: boolean; computedOn: string; history: unknown[] }>('ratings.get', {
      code: 'C1',
    });
    expect(live).toMatchObject({ stored: false, computedOn: '2026-11-23', history: [] });
    await recomputeRatings(b.ctx.db, '2026-11-20');
    // Two broken promises later, the score drops: a second point on the chart.
    run(
      "INSERT INTO promises (customer_id, date, amount_cents, status, created_on, resolved_on, baseline_overdue_cents) VALUES (1, '2026-11-15', 100, 'broken', '2026-11-01', '2026-11-21', 0), (1, '2026-11-16', 100, 'broken', '2026-11-01', '2026-11-21', 0)",
    );
    await recomputeRatings(b.ctx.db, '2026-11-23');
    const r = await ok<{
      score: number;
      class: string;
      base: number;
      stored: boolean;
      previous: { score: number };
      band: string | null;
      effectiveBand: string;
      history: { date: string; score: number }[];
      factors: { name: string; points: number }[];
    }>('ratings.get', { code: 'C1' });
    expect(r).toMatchObject({ stored: true, base: 55, band: null });
    expect(r.history.map((h) => h.date)).toEqual(['2026-11-20', '2026-11-23']);
    expect(r.previous.score).toBe(r.history[0]?.score);
    expect(r.score).toBe(Math.round((r.history[0]?.score ?? 0) - 12 - 0.6)); // −6 a promise, −0.2 a day overdue
    // No band on the customer: the class is the band in force, here and on the customer page.
    expect(r.effectiveBand).toBe(r.class);
    expect((await ok<Profile>('customers.get', { code: 'C1' })).customer.effectiveBand).toBe(r.class);
  });

  it("ratings.list: by class, and who moved down since a date (the manager's list)", async () => {
    await recomputeRatings(b.ctx.db, '2026-11-16');
    run(
      "INSERT INTO promises (customer_id, date, amount_cents, status, created_on, resolved_on, baseline_overdue_cents) VALUES (1, '2026-11-15', 100, 'broken', '2026-11-01', '2026-11-21', 0)",
    );
    await recomputeRatings(b.ctx.db, '2026-11-22');
    const all = await ok<{ total: number; rows: Row[] }>('ratings.list', {});
    expect(all.rows.map((r) => r.customerCode)).toEqual(['C1', 'C2']); // worst first
    expect(all.rows[0]?.factors).toEqual([]);
    const c1 = all.rows[0] as Row;
    const byClass = await ok<{ rows: Row[] }>('ratings.list', { class: c1.class });
    expect(byClass.rows.map((r) => r.customerCode)).toContain('C1');
    const down = await ok<{ rows: Row[] }>('ratings.list', { changedSince: '2026-11-20', direction: 'down' });
    expect(down.rows.map((r) => r.customerCode)).toEqual(['C1']);
    expect(down.rows[0]?.previousScore).toBeGreaterThan(down.rows[0]?.score ?? 100);
    expect(
      (await ok<{ rows: Row[] }>('ratings.list', { changedSince: '2026-11-20', direction: 'up' })).rows,
    ).toEqual([]);
  });

  it('weights: anyone with access reads them, only an admin changes them, audited', async () => {
    const w = await ok<{ config: { base: number }; patch: unknown }>('ratings.weights.get', {}, manager);
    expect(w).toMatchObject({ config: { base: 55 }, patch: null });
    const refused = await b.call('ratings.weights.set', { patch: { base: 10 } }, manager);
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const set = await ok<{ rated: number; changed: number }>('ratings.weights.set', { patch: { base: 60 } });
    expect(set).toMatchObject({ rated: 2, changed: 2 });
    const audit = b.ctx.db.$client
      .prepare("SELECT entity, after FROM audit_log WHERE action = 'ratings.weights.set'")
      .get() as { entity: string; after: string };
    expect(audit.entity).toBe('rating.config');
    expect(JSON.parse(audit.after)).toMatchObject({ patch: { base: 60 } });
    const reset = await ok<{ config: { base: number }; patch: null }>('ratings.weights.set', { patch: null });
    expect(reset).toMatchObject({ config: { base: 55 }, patch: null });
  });
});
