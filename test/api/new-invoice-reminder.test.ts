/**
 * Issue 16 point 4, through the API: a new invoice starts at the first step (its own first
 * reminder, not a line of the customer's formal notice), a step's timing can count from the
 * previous reminder or fall at the end of the month, and items under the policy's per-item
 * minimum are not chased.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import { DEFAULT_POLICIES, type Policy } from '../../shared/domain/dunning/policy.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { addClienteUnoFt1, addCustomer, addItem, setLetterhead } from '../helpers/letters.ts';

let b: TestBackend;
let today = '2026-06-15';
let k1: number;
beforeEach(async () => {
  today = '2026-06-15';
  b = await testBackend(today);
  b.ctx.today = () => today;
  await setLetterhead(b.ctx.db);
  k1 = addClienteUnoFt1(b.ctx.db, { pec: 'clienteuno@pec.it', band: 'B' });
});
afterEach(() => b.close());

function ok<T>(method: string, input: unknown): Promise<T> {
  return callData<T>(b, method, input);
}

const sql = <T>(q: string, ...args: unknown[]) => b.ctx.db.$client.prepare(q).all(...args) as T[];

interface TaskSeen {
  id: number;
  stepIndex: number | null;
  stepName: string;
  type: string;
  template: string | null;
  itemIds: string | null;
}
/** The open reminders (e-mail, letter, PEC) and calls: the order blocks of a step aside. */
const openTasks = () =>
  sql<TaskSeen>(
    "SELECT id, step_index AS stepIndex, step_name AS stepName, type, template, item_ids AS itemIds FROM tasks WHERE status = 'open' AND type <> 'blockOrders' ORDER BY id",
  );

/** Runs the day's job on `day`, then completes every open task of the case (sent, or the call reached). */
async function runAndWork(day: string): Promise<void> {
  today = day;
  await runDay(b.ctx.db, day);
  for (const t of openTasks())
    await ok('tasks.complete', { id: t.id, outcome: t.type === 'phone' ? 'reached' : 'sent' });
}

function pdfText(base64: string): string {
  const file = path.join(b.dir, 'letter.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
const previewOf = async (taskId: number) =>
  pdfText((await ok<{ pdfBase64: string }>('letters.preview', { taskId })).pdfBase64);

const itemId = (doc: string) =>
  sql<{ id: number }>('SELECT id FROM open_items WHERE document_number = ?', doc)[0]?.id;
const remindersOf = (doc: string) =>
  sql<{ template: string }>(
    'SELECT r.template FROM item_reminders r JOIN open_items o ON o.id = r.item_id WHERE o.document_number = ? ORDER BY r.id',
    doc,
  ).map((r) => r.template);

const savePolicies = (...policies: Policy[]) => ok('policies.save', { policies });

describe('a new invoice starts at the first step', () => {
  it('a customer at formal notice gets a new invoice: the next run gives it its own first reminder, and the formal notice leaves it out', async () => {
    await ok('rates.add', { from: '2026-07-01', ecbPercent: 2.15 });
    // Standard policy: e-mail, letter, call, then the formal notice by PEC (days 7/25/35/50, 7 days apart).
    await runAndWork('2026-06-15'); // first reminder (e-mail)
    await runAndWork('2026-06-22'); // second reminder (letter)
    await runAndWork('2026-06-29'); // call
    today = '2026-07-06';
    await runDay(b.ctx.db, today);
    const [notice] = openTasks();
    expect(notice).toMatchObject({ stepIndex: 3, type: 'pec', template: 'formal_notice', itemIds: null });

    // A new invoice falls due while the case is at its formal notice.
    addItem(b.ctx.db, k1, { number: 'FT 9', date: '2026-06-01', due: '2026-07-01', amount: 20_000 });
    // Its first reminder falls due as the policy's first step says: 7 days after its due date.
    today = '2026-07-07';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toHaveLength(1);
    today = '2026-07-08';
    await runDay(b.ctx.db, today);
    const tasks = openTasks();
    expect(tasks).toHaveLength(2);
    const first = tasks.find((t) => t.itemIds !== null);
    expect(first).toMatchObject({
      stepIndex: 0,
      type: 'email',
      template: 'reminder1',
      stepName: 'Sollecito cortese via e-mail (nuove fatture)',
      itemIds: JSON.stringify([itemId('FT 9')]),
    });
    // Run again the same day: nothing new.
    await runDay(b.ctx.db, today);
    expect(openTasks()).toHaveLength(2);

    // The first reminder is about the new invoice only; the formal notice about the old one only.
    const firstText = await previewOf(first?.id ?? 0);
    expect(firstText).toMatch(/FT 9/);
    expect(firstText).not.toMatch(/FT 1\b/);
    const noticeText = await previewOf(notice?.id ?? 0);
    expect(noticeText).toMatch(/FT 1\b/);
    expect(noticeText).not.toMatch(/FT 9/);

    // Sent: each invoice records the reminder it was in.
    await ok('tasks.complete', { id: notice?.id, outcome: 'sent' });
    await ok('tasks.complete', { id: first?.id, outcome: 'sent' });
    expect(remindersOf('FT 1')).toEqual(['reminder1', 'reminder2', 'formal_notice']);
    expect(remindersOf('FT 9')).toEqual(['reminder1']);
    // Reminded once, the new invoice is no longer new: no other first reminder.
    today = '2026-07-20';
    await runDay(b.ctx.db, today);
    expect(openTasks().filter((t) => t.itemIds !== null)).toEqual([]);
  });

  it('a case still at its first reminder gives a new invoice no separate reminder', async () => {
    await runAndWork('2026-06-15');
    addItem(b.ctx.db, k1, { number: 'FT 9', date: '2026-05-10', due: '2026-06-01', amount: 20_000 });
    today = '2026-06-16';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toEqual([]);
  });
});

const pay = (doc: string) =>
  b.ctx.db.$client
    .prepare("UPDATE open_items SET residual_cents = 0, status = 'closed' WHERE document_number = ?")
    .run(doc);

describe('a new invoice and the case it falls into', () => {
  it("an invoice reminded in the customer's earlier case does not make the new case's invoices new: one first reminder, not two", async () => {
    // Clienti chiave: a courtesy call first, then the first reminder by e-mail (days 15/30, 10 apart).
    const k = addCustomer(b.ctx.db, { code: 'KA', name: 'Chiave S.p.A.', email: 'a@chiave.it', band: 'A' });
    addItem(b.ctx.db, k, { number: 'FT 50', date: '2026-02-01', due: '2026-03-01', amount: 100_000 });
    addItem(b.ctx.db, k, { number: 'FT 51', date: '2026-02-01', due: '2026-03-01', amount: 10_000 });
    pay('FT 1'); // the shared customer K1 stays out of it
    await runAndWork('2026-03-16'); // the call
    await runAndWork('2026-03-31'); // the first reminder: FT 50 and FT 51
    expect(remindersOf('FT 51')).toEqual(['reminder1']);
    // FT 50 paid: 100 EUR still overdue, under the policy's 200 EUR: the case closes as paid.
    pay('FT 50');
    today = '2026-04-01';
    await runDay(b.ctx.db, today);
    expect(sql('SELECT status, outcome FROM cases WHERE customer_id = ?', k)).toEqual([
      { status: 'closed', outcome: 'paid' },
    ]);
    // A late invoice opens a new case: its call, then its own first reminder.
    addItem(b.ctx.db, k, { number: 'FT 52', date: '2026-02-05', due: '2026-03-05', amount: 50_000 });
    await runAndWork('2026-04-02');
    expect(sql("SELECT COUNT(*) AS n FROM cases WHERE status = 'open'")).toEqual([{ n: 1 }]);
    today = '2026-04-12';
    await runDay(b.ctx.db, today);
    const tasks = openTasks();
    expect(tasks.map((t) => [t.stepName, t.template, t.itemIds])).toEqual([
      ['Sollecito cortese via e-mail', 'reminder1', null],
    ]);
    const text = await previewOf(tasks[0]?.id ?? 0);
    expect(text).toMatch(/FT 51/);
    expect(text).toMatch(/FT 52/);
  });
});

describe('a first reminder for new invoices follows its invoices', () => {
  it('an invoice paid leaves it; when none is left to chase, the next run cancels it', async () => {
    await runAndWork('2026-06-15'); // the case's first reminder (e-mail)
    await runAndWork('2026-06-22'); // its second (letter)
    addItem(b.ctx.db, k1, { number: 'FT 9', date: '2026-05-01', due: '2026-06-01', amount: 20_000 });
    addItem(b.ctx.db, k1, { number: 'FT 10', date: '2026-05-01', due: '2026-06-01', amount: 30_000 });
    today = '2026-06-23';
    await runDay(b.ctx.db, today);
    const [first] = openTasks();
    expect(first?.itemIds).toBe(JSON.stringify([itemId('FT 9'), itemId('FT 10')]));

    pay('FT 10');
    today = '2026-06-24';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toMatchObject([{ id: first?.id, itemIds: JSON.stringify([itemId('FT 9')]) }]);

    pay('FT 9');
    today = '2026-06-25';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toEqual([]);
    expect(sql('SELECT status, outcome, closed_on AS closedOn FROM tasks WHERE id = ?', first?.id)).toEqual([
      { status: 'cancelled', outcome: 'nothing_overdue', closedOn: '2026-06-25' },
    ]);
    // Nothing new to remind: no other first reminder either.
    await runDay(b.ctx.db, today);
    expect(openTasks()).toEqual([]);
  });

  it("an invoice removed by an import's undo leaves it too", async () => {
    await runAndWork('2026-06-15');
    await runAndWork('2026-06-22');
    addItem(b.ctx.db, k1, { number: 'FT 9', date: '2026-05-01', due: '2026-06-01', amount: 20_000 });
    today = '2026-06-23';
    await runDay(b.ctx.db, today);
    const [first] = openTasks();
    expect(first?.itemIds).toBe(JSON.stringify([itemId('FT 9')]));
    b.ctx.db.$client.prepare("DELETE FROM open_items WHERE document_number = 'FT 9'").run();
    today = '2026-06-24';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toEqual([]);
    expect(sql('SELECT status, outcome FROM tasks WHERE id = ?', first?.id)).toEqual([
      { status: 'cancelled', outcome: 'nothing_overdue' },
    ]);
  });
});

describe('step timing', () => {
  const base = DEFAULT_POLICIES.policies[0] as Policy;
  const timed = (timing: 'previous' | 'monthEnd'): Policy => ({
    ...base,
    minGapDays: 0,
    steps: [
      { name: 'Primo', offsetDays: 7, channel: 'email', template: 'reminder1' },
      {
        name: 'Secondo',
        offsetDays: timing === 'previous' ? 10 : 8,
        channel: 'letter',
        template: 'reminder2',
        timing,
      },
    ],
  });

  it('a step counted from the previous reminder falls due that many days after it was sent', async () => {
    await savePolicies(timed('previous'));
    expect((await ok<{ policies: Policy[] }>('policies.get', {})).policies[0]?.steps[1]?.timing).toBe(
      'previous',
    );
    await runAndWork('2026-06-15'); // the first reminder sent on 15 June
    today = '2026-06-24';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toEqual([]);
    today = '2026-06-25';
    await runDay(b.ctx.db, today);
    expect(openTasks().map((t) => t.stepName)).toEqual(['Secondo']);
  });

  it('a step at the end of the month falls due on the last day of the month its days reach', async () => {
    await savePolicies(timed('monthEnd'));
    today = '2026-03-09'; // FT 1 is due 1 March: the first reminder on 8 March
    await runAndWork(today);
    // 1 March + 8 days is 9 March: the second reminder waits for 31 March.
    today = '2026-03-30';
    await runDay(b.ctx.db, today);
    expect(openTasks()).toEqual([]);
    today = '2026-03-31';
    await runDay(b.ctx.db, today);
    expect(openTasks().map((t) => t.stepName)).toEqual(['Secondo']);
  });

  it('refuses an unknown timing, naming the step', async () => {
    const res = await b.call('policies.save', {
      policies: [{ ...base, steps: [{ ...base.steps[0], timing: 'weekly' }] }],
    });
    expect(!res.ok && res.error.code).toBe('VALIDATION');
    expect(JSON.stringify(!res.ok && res.error.details)).toMatch(/steps.*0.*timing/);
  });
});

describe('per-item minimum', () => {
  it('an item below the minimum does not trigger a step nor appear in the letter; the per-customer minimum still holds', async () => {
    await savePolicies({
      ...(DEFAULT_POLICIES.policies[0] as Policy),
      minOverdueCents: 15_000,
      minItemCents: 10_000,
    });
    const k2 = addCustomer(b.ctx.db, { code: 'K2', name: 'Piccoli Importi', email: 'a@b.it', band: 'B' });
    // K2 owes only small items: no case at all.
    addItem(b.ctx.db, k2, { number: 'FT 20', date: '2026-02-01', due: '2026-03-01', amount: 9_000 });
    addItem(b.ctx.db, k2, { number: 'FT 21', date: '2026-02-01', due: '2026-03-01', amount: 9_900 });
    // K1: a small item beside the big one is not in its reminder.
    addItem(b.ctx.db, k1, { number: 'FT 2', date: '2026-02-01', due: '2026-03-01', amount: 5_000 });
    // K3 owes one item over the per-item minimum but under the per-customer one: no case.
    const k3 = addCustomer(b.ctx.db, { code: 'K3', name: 'Sotto soglia', email: 'c@d.it', band: 'B' });
    addItem(b.ctx.db, k3, { number: 'FT 30', date: '2026-02-01', due: '2026-03-01', amount: 12_000 });

    today = '2026-06-15';
    await runDay(b.ctx.db, today);
    expect(
      sql<{ code: string }>('SELECT c.code FROM cases k JOIN customers c ON c.id = k.customer_id'),
    ).toEqual([{ code: 'K1' }]);
    const [task] = openTasks();
    const text = await previewOf(task?.id ?? 0);
    expect(text).toMatch(/FT 1\b/);
    expect(text).not.toMatch(/FT 2\b/);
    // The case still shows what the customer owes overdue, as every page does.
    expect(sql('SELECT overdue_cents AS cents FROM cases')).toEqual([{ cents: 105_000 }]);
    await ok('tasks.complete', { id: task?.id, outcome: 'sent' });
    expect(remindersOf('FT 1')).toEqual(['reminder1']);
    expect(remindersOf('FT 2')).toEqual([]);
  });

  it("a task's priority counts the overdue the case shows, small items included", async () => {
    await savePolicies({ ...(DEFAULT_POLICIES.policies[0] as Policy), minItemCents: 10_000 });
    // An older small item, not chased, still owed: the profile and the case count it.
    addItem(b.ctx.db, k1, { number: 'FT 2', date: '2025-12-15', due: '2026-01-15', amount: 5_000 });
    today = '2026-06-15';
    await runDay(b.ctx.db, today);
    expect(sql('SELECT overdue_cents AS cents FROM cases')).toEqual([{ cents: 105_000 }]);
    const [task] = sql<{ factors: string }>(
      "SELECT priority_factors AS factors FROM tasks WHERE status = 'open' AND type <> 'blockOrders'",
    );
    const factors = JSON.parse(task?.factors ?? '[]') as { name: string; value: unknown }[];
    const value = (name: string) => factors.find((x) => x.name === name)?.value;
    expect(value('overdueAmount')).toBe(105_000);
    expect(value('daysOverdue')).toBe(151); // since 15 January, the oldest overdue item
  });
});
