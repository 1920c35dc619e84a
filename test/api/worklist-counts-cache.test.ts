/**
 * The counts beside the worklist are kept between requests while nothing is written: a task
 * completed here, or a change committed by another connection (a worker's import, the CLI),
 * gives the next request fresh figures.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { callOk, type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = testBackend('2026-11-23');
  b.ctx.db.transaction(() => fillDemoCompany(b.ctx.db, '2026-11-23'));
  // The day's run gives the demo company's cases their tasks.
  await callOk(b, 'dunning.run', {});
});
afterAll(() => b?.close());

const counts = () => callOk(b, 'worklist.counts', { all: true });
const phoneCount = (c: Awaited<ReturnType<typeof counts>>) =>
  c.byType.find((t) => t.type === 'phone')?.count ?? 0;

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
    const other = new Database(b.dbPath);
    try {
      const changed = other
        .prepare(
          "UPDATE tasks SET type = 'phone' WHERE id = (SELECT id FROM tasks WHERE status = 'open' AND type <> 'phone' AND due_date <= '2026-11-23' LIMIT 1)",
        )
        .run().changes;
      expect(changed).toBe(1);
    } finally {
      other.close();
    }
    const after = await counts();
    expect(after.total).toBe(before.total);
    expect(phoneCount(after)).toBe(phoneCount(before) + 1);
  });
});
