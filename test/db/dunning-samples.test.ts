/**
 * The two sample snapshots replayed with dunning runs in between: cases open on the first
 * snapshot's overdue customers, runs create one task per case per step, and the payments the
 * second snapshot reveals close the cases whose overdue fell under the policy minimum.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunCounts } from '../../shared/api/contract.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');
let b: TestBackend;
const one = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).get(...p) as T;
const all = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).all(...p) as T[];

async function ok<T>(p: ReturnType<TestBackend['call']>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data as T;
}

async function importAt(file: string, asOf: string): Promise<void> {
  b.ctx.today = () => asOf;
  const data = fs.readFileSync(path.join(SAMPLES, file)).toString('base64');
  const { fileId } = await ok<{ fileId: string }>(
    b.call('imports.stage', { fileName: file, dataBase64: data }),
  );
  await ok(b.call('imports.apply', { fileId, asOf }));
}

async function runAt(today: string): Promise<RunCounts> {
  b.ctx.today = () => today;
  return ok<RunCounts>(b.call('dunning.run', {}));
}

beforeAll(async () => {
  b = await testBackend('2026-10-31');
});
afterAll(() => b.close());

describe('dunning over the sample snapshots', () => {
  let customersOverMinimumAtFirst = 0;

  it('the first snapshot opens one case per customer whose overdue reaches its policy minimum', async () => {
    await importAt('scadenzario-2026-10-31.xlsx', '2026-10-31');
    // The import already ran dunning: a second run on the same day creates nothing.
    const again = await runAt('2026-10-31');
    expect(again.tasksCreated).toBe(0);
    expect(again.casesOpened).toBe(0);
    // Every customer with positive overdue (band C -> Standard, minimum 50 €) has exactly one open case.
    customersOverMinimumAtFirst = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT customer_id FROM open_items WHERE status='open' AND residual_cents > 0 AND due_date < '2026-10-31'
        GROUP BY customer_id HAVING SUM(residual_cents) >= 5000)`,
    ).n;
    expect(customersOverMinimumAtFirst).toBeGreaterThan(50);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM cases WHERE status <> 'closed'").n).toBe(
      customersOverMinimumAtFirst,
    );
    // At most one task per step per case; first steps only (nothing was done yet).
    expect(
      one<{ n: number }>(
        'SELECT COUNT(*) AS n FROM (SELECT case_id, step_index, type, COUNT(*) c FROM tasks GROUP BY 1,2,3 HAVING c > 1)',
      ).n,
    ).toBe(0);
    expect(all<{ step_index: number }>('SELECT DISTINCT step_index FROM tasks')).toEqual([{ step_index: 0 }]);
  });

  it('completed steps move on after the gap; days without runs create at most one task per step', async () => {
    const open = all<{ id: number; type: string }>("SELECT id, type FROM tasks WHERE status = 'open'");
    b.ctx.today = () => '2026-11-02';
    for (const t of open)
      await ok(b.call('tasks.complete', { id: t.id, outcome: t.type === 'phone' ? 'reached' : 'sent' }));
    const r = await runAt('2026-11-14');
    expect(r.tasksCreated).toBeGreaterThan(0);
    // Cases whose first step was done on 02/11 are at step 2 now (gap 7 days passed): never a step twice.
    const atStep2 = one<{ n: number }>('SELECT COUNT(*) AS n FROM cases WHERE last_step_index = 1').n;
    expect(atStep2).toBeGreaterThan(0);
    expect(
      one<{ n: number }>(
        "SELECT COUNT(*) AS n FROM (SELECT case_id FROM tasks WHERE status='open' AND step_index IS NOT NULL AND type <> 'blockOrders' AND item_ids IS NULL GROUP BY case_id HAVING COUNT(*) > 1)",
      ).n,
    ).toBe(0);
    // Beside them, invoices that fell due after the first reminder went out got a first reminder
    // of their own (a new invoice starts at the first step), about those invoices only.
    const ownFirst = all<{ step: number; due: string }>(
      'SELECT t.step_index AS step, o.due_date AS due FROM tasks t, json_each(t.item_ids) j JOIN open_items o ON o.id = j.value WHERE t.item_ids IS NOT NULL',
    );
    expect(ownFirst.length).toBeGreaterThan(0);
    for (const r of ownFirst) {
      expect(r.step).toBe(0);
      expect(r.due >= '2026-11-02').toBe(true);
    }
    expect(one<{ m: number }>('SELECT MAX(step_index) AS m FROM tasks').m).toBe(1);
    // A second run the same day creates nothing more.
    expect((await runAt('2026-11-14')).tasksCreated).toBe(0);
  });

  it('the second snapshot closes as paid the cases whose overdue was paid, cancelling their open tasks', async () => {
    const before = all<{ customer_id: number }>("SELECT customer_id FROM cases WHERE status <> 'closed'").map(
      (c) => c.customer_id,
    );
    await importAt('scadenzario-2026-11-15.xlsx', '2026-11-15');
    const closed = all<{ customer_id: number; outcome: string; recovery_days: number; opened_on: string }>(
      "SELECT customer_id, outcome, recovery_days, opened_on FROM cases WHERE status = 'closed'",
    );
    expect(closed.length).toBeGreaterThan(0);
    for (const c of closed) {
      expect(before).toContain(c.customer_id);
      expect(c.outcome).toBe('paid');
      expect(c.recovery_days).toBe(c.opened_on === '2026-10-31' ? 15 : 1);
      const overdue = one<{ s: number | null }>(
        "SELECT SUM(residual_cents) AS s FROM open_items WHERE customer_id = ? AND status='open' AND residual_cents > 0 AND due_date < '2026-11-15'",
        c.customer_id,
      ).s;
      expect(overdue ?? 0).toBeLessThan(5000);
    }
    expect(
      one<{ n: number }>(
        "SELECT COUNT(*) AS n FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.status = 'closed' AND t.status = 'open'",
      ).n,
    ).toBe(0);
    // New overdue customers got their case in the run that followed the import.
    expect(
      one<{ n: number }>("SELECT COUNT(*) AS n FROM cases WHERE opened_on = '2026-11-15'").n,
    ).toBeGreaterThan(0);
  });
});
