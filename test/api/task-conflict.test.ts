/**
 * Two clerks on the same worklist (browser mode, or the team edition's shared ledger) open the same
 * task; the first to complete it wins, and the second is told who did it and when — not a bare
 * "already done" — and nothing of the second attempt is saved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { addClienteUnoFt1 } from '../helpers/letters.ts';

let b: TestBackend;
let giulia: number;
let marco: number;
beforeEach(async () => {
  b = await testBackend('2026-06-15');
  addClienteUnoFt1(b.ctx.db);
  await runDay(b.ctx.db, '2026-06-15');
  const add = async (name: string) => {
    const r = await b.call('users.add', { name, role: 'clerk' });
    if (!r.ok) throw new Error(r.error.message);
    return (r.data as { id: number }).id;
  };
  giulia = await add('Giulia Rossi');
  marco = await add('Marco Bianchi');
});
afterEach(() => b.close());

function openTaskId(): number {
  const row = b.ctx.db.$client
    .prepare("SELECT id FROM tasks WHERE status = 'open' ORDER BY id LIMIT 1")
    .get() as { id: number } | undefined;
  if (!row) throw new Error('the run made no task');
  return row.id;
}

describe('two clerks completing the same task', () => {
  it('the first wins; the second is told who completed it, when and how, and nothing of theirs is saved', async () => {
    const id = openTaskId();
    const first = await b.call('tasks.complete', { id, outcome: 'sent', note: 'spedita' }, giulia);
    expect(first.ok).toBe(true);
    const contactsBefore = b.ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM contacts').get();

    const second = await b.call('tasks.complete', { id, outcome: 'sent', note: 'anche io' }, marco);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('CONFLICT');
    expect(second.error.message).toContain('already done by Giulia Rossi on 2026-06-15 (outcome: sent)');
    expect(second.error.message).toContain('not saved');

    // The task keeps Giulia's completion; Marco's note went nowhere.
    const task = b.ctx.db.$client
      .prepare('SELECT closed_by AS closedBy, note FROM tasks WHERE id = ?')
      .get(id);
    expect(task).toEqual({ closedBy: giulia, note: 'spedita' });
    expect(b.ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM contacts').get()).toEqual(contactsBefore);
  });

  it('skipping a task a colleague already skipped names the colleague too', async () => {
    const id = openTaskId();
    expect((await b.call('tasks.skip', { id, reason: 'cliente in trattativa' }, giulia)).ok).toBe(true);
    const again = await b.call('tasks.skip', { id, reason: 'doppione' }, marco);
    expect(again.ok ? '' : again.error.message).toMatch(
      /^Task \d+ was already skipped by Giulia Rossi on 2026-06-15/,
    );
  });
});

describe("a colleague's change is announced to the other workstations", () => {
  it('each committed change says which method and whose; a read or a refused change says nothing', async () => {
    const events: AppEvent[] = [];
    b.ctx.emit = (e) => events.push(e);
    const id = openTaskId();
    await b.call('worklist.list', { all: true }, marco);
    expect(events).toEqual([]);
    await b.call('tasks.complete', { id, outcome: 'sent' }, giulia);
    expect(events).toEqual([{ type: 'ledger-written', method: 'tasks.complete', userId: giulia }]);
    // Marco's late try is refused: nothing changed, nothing to announce.
    await b.call('tasks.complete', { id, outcome: 'sent' }, marco);
    expect(events).toHaveLength(1);
    // A dry run rolls back: nothing to announce either; the real run is announced.
    expect((await b.call('dunning.run', { dryRun: true }, 1)).ok).toBe(true);
    expect(events).toHaveLength(1);
    expect((await b.call('dunning.run', { dryRun: false }, 1)).ok).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'ledger-written', method: 'dunning.run', userId: 1 });
  });
});
