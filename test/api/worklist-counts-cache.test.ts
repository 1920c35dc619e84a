/**
 * The counts beside the worklist, and its pages, are kept between requests while nothing is
 * written: a task completed here, or a change committed by another connection (a worker's
 * import, the CLI), gives the next request fresh figures and rows.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { callOk, type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend('2026-11-23');
  await inTransaction(b.ctx.db, async () => await fillDemoCompany(b.ctx.db, '2026-11-23'));
  // The day's run gives the demo company's cases their tasks.
  await callOk(b, 'dunning.run', {});
});
afterAll(() => b?.close());

const counts = () => callOk(b, 'worklist.counts', { all: true });
const phoneCount = (c: Awaited<ReturnType<typeof counts>>) =>
  c.byType.find((t) => t.type === 'phone')?.count ?? 0;

const TO_PHONE =
  "UPDATE tasks SET type = 'phone' WHERE id = (SELECT id FROM tasks WHERE status = 'open' AND type <> 'phone' AND due_date <= '2026-11-23' LIMIT 1)";
const phonePage = () => callOk(b, 'worklist.list', { all: true, type: 'phone', limit: 200 });

/** Commits one statement from a connection of its own, as a worker or the CLI would. */
function commitElsewhere(statement: string): number {
  const other = new Database(b.dbPath);
  try {
    return other.prepare(statement).run().changes;
  } finally {
    other.close();
  }
}

describe('worklist counts between requests', () => {
  it('the same figures twice with nothing written; fresh ones after a task is completed', async () => {
    const first = await counts();
    expect(first.total).toBeGreaterThan(2);
    expect(await counts()).toEqual(first);
    const page = await callOk(b, 'worklist.list', { all: true, limit: 1 });
    const task = page.rows[0];
    if (!task) throw new Error('the demo company has no task due');
    await callOk(b, 'tasks.skip', { id: task.id, reason: 'prova' });
    const after = await counts();
    expect(after.total).toBe(first.total - 1);
  });

  it("a change committed by another connection shows in the next request's figures", async () => {
    const before = await counts();
    expect(commitElsewhere(TO_PHONE)).toBe(1);
    const after = await counts();
    expect(after.total).toBe(before.total);
    expect(phoneCount(after)).toBe(phoneCount(before) + 1);
  });
});

describe('worklist pages between requests', () => {
  it('the same rows twice with nothing written; without the task once it is completed', async () => {
    const first = await phonePage();
    const task = first.rows[0];
    if (!task) throw new Error('the demo company has no phone call due');
    expect(await phonePage()).toEqual(first);
    await callOk(b, 'tasks.skip', { id: task.id, reason: 'prova' });
    const after = await phonePage();
    expect(after.rows.map((r) => r.id)).not.toContain(task.id);
    expect(after.rows.length).toBe(first.rows.length - 1);
  });

  it("a change committed by another connection shows in the next request's rows", async () => {
    const before = await phonePage();
    // Asked twice: the page is kept (from its second reader on) until something is written.
    expect(await phonePage()).toEqual(before);
    expect(commitElsewhere(TO_PHONE)).toBe(1);
    const after = await phonePage();
    expect(after.rows.length).toBe(before.rows.length + 1);
  });
});
