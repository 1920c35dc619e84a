import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { insertUser } from '../../db/queries/users.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
let customerId: number;
const sqlAll = <T>(q: string, ...p: unknown[]) => b.ctx.db.$client.prepare(q).all(...p) as T[];
const sqlGet = <T>(q: string, ...p: unknown[]) => b.ctx.db.$client.prepare(q).get(...p) as T;

beforeEach(async () => {
  b = await testBackend();
  [customerId] = insertCustomers(b.ctx.db, [
    {
      code: 'C1',
      name: 'Rossi S.r.l.',
      band: 'C',
      area: 'Nord-Est',
      email: 'amministrazione@rossi.it',
      pec: 'rossi@pec.it',
      address: 'Via Roma 1\n35121 Padova (PD)',
    },
  ]) as [number];
  await insertOpenItems(b.ctx.db, [
    {
      customerId,
      documentType: 'invoice',
      documentNumber: 'FT 1',
      documentDate: '2026-08-01',
      dueDate: '2026-09-01',
      amountCents: 100_000,
      residualCents: 100_000,
    },
    {
      customerId,
      documentType: 'invoice',
      documentNumber: 'FT 2',
      documentDate: '2026-09-01',
      dueDate: '2026-10-01',
      amountCents: 50_000,
      residualCents: 50_000,
    },
  ]);
});
afterEach(() => b.close());

const openTasks = () =>
  sqlAll<{ id: number; type: string; step_index: number | null; assignee_id: number | null }>(
    "SELECT * FROM tasks WHERE status='open' ORDER BY id",
  );
const theCase = () =>
  sqlGet<{
    id: number;
    status: string;
    paused_reason: string | null;
    outcome: string | null;
    recovery_days: number | null;
    last_step_index: number;
  }>('SELECT * FROM cases');

describe('dunning run', () => {
  it('opens a case and creates only the first step, however late; a second run the same day creates nothing', async () => {
    const first = await runDay(b.ctx.db, '2026-11-23');
    expect(first).toMatchObject({ casesOpened: 1, tasksCreated: 1, byType: { email: 1 } });
    expect(openTasks().map((t) => [t.type, t.step_index])).toEqual([['email', 0]]);
    const again = await runDay(b.ctx.db, '2026-11-23');
    expect(again).toMatchObject({ casesOpened: 0, tasksCreated: 0 });
    // Days later without completing step 1: still nothing new.
    expect((await runDay(b.ctx.db, '2026-12-20')).tasksCreated).toBe(0);
  });

  it('moves to the next step minGapDays after the previous one is done', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const [email] = openTasks();
    const done = await b.call('tasks.complete', { id: email!.id, outcome: 'sent' });
    expect(done.ok).toBe(true);
    expect((await runDay(b.ctx.db, '2026-11-29')).tasksCreated).toBe(0); // gap: 7 days from 23/11
    const next = await runDay(b.ctx.db, '2026-11-30');
    expect(next.byType.letter).toBe(1);
    expect(theCase().last_step_index).toBe(1);
  });

  it('the PEC step blocks orders; the last step escalates the case to legal', async () => {
    const completeAll = async () => {
      for (const t of openTasks()) {
        const outcome =
          t.type === 'phone' ? 'reached' : ['email', 'letter', 'pec'].includes(t.type) ? 'sent' : 'done';
        const r = await b.call('tasks.complete', { id: t.id, outcome });
        expect(r.ok).toBe(true);
      }
    };
    const days = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21'];
    const types: string[][] = [];
    for (const d of days) {
      b.ctx.today = () => d;
      await runDay(b.ctx.db, d);
      types.push(openTasks().map((t) => t.type));
      await completeAll();
    }
    expect(types).toEqual([['email'], ['letter'], ['phone'], ['pec', 'blockOrders'], ['legal']]);
    expect(sqlGet<{ order_blocked: number }>('SELECT order_blocked FROM customers').order_blocked).toBe(1);
    expect(theCase().status).toBe('legal');
  });

  it('closes the case as paid when imports clear the overdue items, cancelling its open tasks', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    b.ctx.db.$client.prepare("UPDATE open_items SET residual_cents = 0, status = 'closed'").run();
    const r = await runDay(b.ctx.db, '2026-11-25');
    expect(r).toMatchObject({ casesClosed: 1, tasksCancelled: 1 });
    expect(theCase()).toMatchObject({ status: 'closed', outcome: 'paid', recovery_days: 2 });
    expect(openTasks()).toEqual([]);
  });

  it('a promise pauses the case; broken after its date plus grace, the case resumes with a call', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    await b.call('tasks.complete', { id: openTasks()[0]!.id, outcome: 'sent' });
    await runDay(b.ctx.db, '2026-11-30');
    await runDay(b.ctx.db, '2026-12-07'); // letter waits for completion
    const letter = openTasks()[0]!;
    await b.call('tasks.complete', { id: letter.id, outcome: 'sent' });
    b.ctx.today = () => '2026-12-07';
    await runDay(b.ctx.db, '2026-12-14');
    const call = openTasks().find((t) => t.type === 'phone')!;
    const res = await b.call('tasks.complete', {
      id: call.id,
      outcome: 'promise',
      promiseDate: '2026-12-20',
      promiseCents: 150_000,
    });
    expect(res.ok).toBe(true);
    expect(theCase()).toMatchObject({ status: 'paused', paused_reason: 'promise' });
    expect((await runDay(b.ctx.db, '2026-12-23')).tasksCreated).toBe(0); // within grace (3 days)
    const after = await runDay(b.ctx.db, '2026-12-24');
    expect(after.casesResumed).toBe(1);
    expect(sqlGet<{ status: string }>('SELECT status FROM promises').status).toBe('broken');
    expect(openTasks().map((t) => [t.type, t.step_index])).toEqual([['phone', null]]);
  });

  it('a promise covered by payments seen in imports is kept', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    b.ctx.db.$client
      .prepare(
        "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts) VALUES ('x.csv','0','csv','2026-11-26','snapshot','{}')",
      )
      .run();
    const email = openTasks()[0]!;
    b.ctx.db.$client.prepare("UPDATE tasks SET type='phone' WHERE id=?").run(email.id);
    await b.call('tasks.complete', {
      id: email.id,
      outcome: 'promise',
      promiseDate: '2026-11-30',
      promiseCents: 100_000,
    });
    b.ctx.db.$client
      .prepare(
        "INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents) VALUES (1, 1, '2026-11-26', 'payment', 100000, 100000, 0)",
      )
      .run();
    b.ctx.db.$client.prepare("UPDATE open_items SET residual_cents=0, status='closed' WHERE id=1").run();
    await runDay(b.ctx.db, '2026-11-27');
    expect(sqlGet<{ status: string }>('SELECT status FROM promises').status).toBe('kept');
  });

  it('disputing every overdue item pauses the case; it is not closed as paid', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const t = openTasks()[0]!;
    b.ctx.db.$client.prepare("UPDATE tasks SET type='phone' WHERE id=?").run(t.id);
    await b.call('tasks.complete', { id: t.id, outcome: 'dispute', note: 'Merce difettosa' });
    expect(sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM disputes').n).toBe(2);
    await runDay(b.ctx.db, '2026-12-23');
    expect(theCase()).toMatchObject({ status: 'paused', paused_reason: 'dispute' });
  });

  it('paused means paused: a dispute takes the open reminder out of every worklist, resolving it brings it back re-dated', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const worklist = async () => {
      const res = await b.call('worklist.list', { all: true });
      if (!res.ok) throw new Error(res.error.message);
      return (res.data as { rows: { id: number; type: string; dueDate: string }[] }).rows;
    };
    expect((await worklist()).map((t) => t.type)).toEqual(['email']);
    const res = await b.call('disputes.add', { code: 'C1', itemIds: [1, 2], reason: 'quality' });
    if (!res.ok) throw new Error(res.error.message);
    const paused = await runDay(b.ctx.db, '2026-11-24');
    expect(paused).toMatchObject({ casesPaused: 1, tasksHeld: 1, tasksCreated: 0 });
    expect(await worklist()).toEqual([]);
    // Still paused a week later: nothing comes back, nothing new is created.
    expect(await runDay(b.ctx.db, '2026-12-01')).toMatchObject({ tasksCreated: 0, tasksReleased: 0 });
    expect(await worklist()).toEqual([]);

    // One decision resolves the dispute (both invoices were contested together).
    const first = sqlGet<{ id: number }>('SELECT id FROM disputes ORDER BY id');
    const r = await b.call('disputes.resolve', { id: first.id, outcome: 'rejected' });
    if (!r.ok) throw new Error(r.error.message);
    b.ctx.today = () => '2026-12-02';
    const resumed = await runDay(b.ctx.db, '2026-12-02');
    expect(resumed).toMatchObject({ casesResumed: 1, tasksReleased: 1 });
    expect((await worklist()).map((t) => [t.type, t.dueDate])).toEqual([['email', '2026-12-02']]);
    // The case resumed at the step it had reached, not from the start.
    expect(theCase().last_step_index).toBe(0);
  });

  it('never leaves a task nobody can do: no e-mail → letter; no postal address → "complete the address", then the letter', async () => {
    b.ctx.db.$client.prepare('UPDATE customers SET email = NULL, pec = NULL, address = NULL').run();
    await runDay(b.ctx.db, '2026-11-23');
    const [task] = openTasks();
    expect(task).toMatchObject({ type: 'address', step_index: 0 });
    // Refused while the address is still missing: the clerk is told why.
    const refused = await b.call('tasks.complete', { id: task!.id, outcome: 'done' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/no postal address/);
    b.ctx.db.$client
      .prepare("UPDATE customers SET street = 'Via Roma 1', postal_code = '35121', city = 'Padova'")
      .run();
    const done = await b.call('tasks.complete', { id: task!.id, outcome: 'done' });
    expect(done.ok).toBe(true);
    // The step's letter now waits in the worklist, with the step's template; the step is still open.
    expect(openTasks().map((t) => [t.type, t.step_index])).toEqual([['letter', 0]]);
    expect(
      sqlGet<{ template: string | null }>("SELECT template FROM tasks WHERE type='letter'").template,
    ).toBe(sqlGet<{ template: string | null }>("SELECT template FROM tasks WHERE type='address'").template);
    expect(theCase().last_step_index).toBe(0);
    expect((await runDay(b.ctx.db, '2026-12-20')).tasksCreated).toBe(0);
  });

  it("keeps priorities on today's figures: a task already in the worklist follows a payment", async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const factors = () => {
      const t = sqlGet<{ priority: number; priority_factors: string }>(
        "SELECT priority, priority_factors FROM tasks WHERE status='open'",
      );
      const f = JSON.parse(t.priority_factors) as { name: string; value: unknown }[];
      return { priority: t.priority, overdue: f.find((x) => x.name === 'overdueAmount')?.value };
    };
    const first = factors();
    expect(first.overdue).toBe(150_000);
    // 900 € of FT 1 paid (as an import or a bank payment records it).
    b.ctx.db.$client
      .prepare("UPDATE open_items SET residual_cents = 10000 WHERE document_number = 'FT 1'")
      .run();
    await runDay(b.ctx.db, '2026-11-24');
    const after = factors();
    expect(after.overdue).toBe(60_000);
    expect(after.priority).toBeLessThan(first.priority);
  });

  it('a task completed in the worklist enters the contact log (timeline and the contacts KPI count it)', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const t = openTasks()[0]!;
    const res = await b.call('tasks.complete', { id: t.id, outcome: 'sent', note: 'primo sollecito' });
    expect(res.ok).toBe(true);
    expect(sqlAll('SELECT channel, direction, outcome, note, task_id FROM contacts')).toEqual([
      { channel: 'email', direction: 'out', outcome: 'sent', note: 'primo sollecito', task_id: t.id },
    ]);
  });

  it('assigns to the clerk covering the area, managers get the reviews', async () => {
    const clerk = await insertUser(b.ctx.db, 'Giulia', 'clerk', ['Nord-Est']);
    await insertUser(b.ctx.db, 'Marco', 'clerk', ['Sud']);
    await runDay(b.ctx.db, '2026-11-23');
    expect(openTasks()[0]!.assignee_id).toBe(clerk.id);
  });

  it('a dry run reports what it would do and writes nothing', async () => {
    const dry = await runDay(b.ctx.db, '2026-11-23', { dryRun: true });
    expect(dry.tasksCreated).toBe(1);
    expect(sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM cases').n).toBe(0);
    expect(sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM dunning_runs').n).toBe(0);
  });

  it('refuses an outcome that does not fit the task, and a second completion', async () => {
    await runDay(b.ctx.db, '2026-11-23');
    const id = openTasks()[0]!.id;
    const wrong = await b.call('tasks.complete', { id, outcome: 'reached' });
    expect(!wrong.ok && wrong.error.code).toBe('VALIDATION');
    expect((await b.call('tasks.complete', { id, outcome: 'sent' })).ok).toBe(true);
    const twice = await b.call('tasks.complete', { id, outcome: 'sent' });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
  });
});

describe('policies', () => {
  it('a policy set with a band in two policies is refused naming the field; the dry run lists what it would create', async () => {
    const got = await b.call('policies.get');
    expect(got.ok).toBe(true);
    const set = structuredClone(
      (got as { ok: true; data: { policies: { bands: string[]; minOverdueCents: number }[] } }).data,
    );
    set.policies[1]!.bands.push('C');
    const bad = await b.call('policies.save', set, 1);
    expect(!bad.ok && bad.error.details?.issues?.[0]?.path).toBe('policies.1.bands');
    const good = structuredClone(
      (got as { ok: true; data: { policies: { minOverdueCents: number }[] } }).data,
    );
    good.policies[0]!.minOverdueCents = 200_000; // above this customer's 1.500 €
    const dry = await b.call('policies.dryRun', good);
    expect(dry.ok && (dry.data as { tasks: unknown[] }).tasks).toEqual([]);
    const dryDefault = await b.call('policies.dryRun', got.ok ? got.data : {});
    expect(
      dryDefault.ok &&
        (dryDefault.data as { tasks: { customerCode: string }[] }).tasks.map((t) => t.customerCode),
    ).toEqual(['C1']);
    expect(sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM tasks').n).toBe(0);
    expect(sqlGet<{ n: number }>("SELECT min_overdue_cents AS n FROM policies WHERE name='Standard'").n).toBe(
      5000,
    );
  });
});
