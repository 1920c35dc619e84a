/**
 * Issue 18 point 2: the run after an import recomputes only the customers the batch touched when
 * the day's previous run saw the rest — and comes out exactly as a full run would: the same tasks,
 * cases, priorities, order blocks, ratings, KPI snapshot and alerts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { customersTouchedByBatch } from '../../db/queries/dunning.ts';
import { deleteSetting } from '../../db/queries/settings.ts';
import { LAST_RUN_KEY, runDay, runScope } from '../../electron/backend/services/daily/run.ts';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';

const HEAD = 'Codice cliente;Ragione sociale;Tipo;Numero documento;Data documento;Scadenza;Importo;Residuo\n';
// Five customers with overdue invoices of different ages (Standard policy by default band).
const FIRST = `${HEAD}C1;Alfa;FT;F1;01/08/2026;31/08/2026;1000,00;1000,00
C1;Alfa;FT;F2;01/09/2026;30/09/2026;500,00;500,00
C2;Beta;FT;F3;01/09/2026;15/09/2026;800,00;800,00
C3;Gamma;FT;F4;01/07/2026;31/07/2026;1200,00;1200,00
C3;Gamma;FT;F5;01/09/2026;30/09/2026;300,00;300,00
C4;Delta;FT;F6;01/09/2026;20/09/2026;650,00;650,00
C5;Epsilon;FT;F7;01/08/2026;25/08/2026;2000,00;2000,00
`;
// The same day's second export: C1 paid F1, C2 has a new invoice, C4 paid everything, a new
// customer C6; C3 and C5 are unchanged.
const SECOND = `${HEAD}C1;Alfa;FT;F1;01/08/2026;31/08/2026;1000,00;0,00
C1;Alfa;FT;F2;01/09/2026;30/09/2026;500,00;500,00
C2;Beta;FT;F3;01/09/2026;15/09/2026;800,00;800,00
C2;Beta;FT;F8;01/10/2026;31/10/2026;900,00;900,00
C3;Gamma;FT;F4;01/07/2026;31/07/2026;1200,00;1200,00
C3;Gamma;FT;F5;01/09/2026;30/09/2026;300,00;300,00
C4;Delta;FT;F6;01/09/2026;20/09/2026;650,00;0,00
C5;Epsilon;FT;F7;01/08/2026;25/08/2026;2000,00;2000,00
C6;Zeta;FT;F9;01/09/2026;30/09/2026;400,00;400,00
`;

const backends: TestBackend[] = [];
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
});

function ok<T>(b: TestBackend, method: string, input: unknown): Promise<T> {
  return callData<T>(b, method, input);
}

const all = <T>(b: TestBackend, q: string, ...args: unknown[]) =>
  b.ctx.db.$client.prepare(q).all(...args) as T[];

/** What completing a task of this type says: sent, reached, or done. */
const outcomeFor = (type: string) =>
  type === 'phone' ? 'reached' : type === 'email' || type === 'letter' || type === 'pec' ? 'sent' : 'done';

async function importCsv(b: TestBackend, csv: string, asOf: string): Promise<number | null> {
  const fileId = stageBytes(b.ctx.dataDir, 'scadenzario.csv', Buffer.from(csv)).fileId;
  return (await ok<{ batch: number | null }>(b, 'imports.apply', { fileId, asOf })).batch;
}

/**
 * A ledger worked for a while: the first export on 1 October and its run, the reminders sent,
 * then the export of 23 October and its (full: a new day) run, the reminders of that run sent
 * too, so the cases are past their first reminder and new invoices get a first reminder of their own.
 */
async function workedLedger(): Promise<{ b: TestBackend }> {
  let today = '2026-10-01';
  const b = await testBackend(today);
  backends.push(b);
  b.ctx.today = () => today;
  await importCsv(b, FIRST, '2026-09-30');
  // E-mail and postal addresses, so the steps' reminders are e-mails and letters.
  b.ctx.db.$client
    .prepare(
      "UPDATE customers SET email = lower(name) || '@example.it', street = 'Via Roma 1', city = 'Milano'",
    )
    .run();
  await runDay(b.ctx.db, today);
  const sendAll = async () => {
    for (const t of all<{ id: number; type: string }>(b, "SELECT id, type FROM tasks WHERE status = 'open'"))
      await ok(b, 'tasks.complete', { id: t.id, outcome: outcomeFor(t.type) });
  };
  await sendAll();
  today = '2026-10-23';
  await importCsv(b, FIRST, '2026-10-22');
  await runDay(b.ctx.db, today);
  await sendAll();
  today = '2026-11-23';
  await runDay(b.ctx.db, today);
  return { b };
}

/** The customers' codes, in order. */
const codes = (b: TestBackend, ids: readonly number[]) =>
  all<{ code: string }>(b, 'SELECT id, code FROM customers ORDER BY code')
    .filter((r) => ids.includes((r as unknown as { id: number }).id))
    .map((r) => r.code);

/** Everything a run writes, without the row ids a full and an incremental run may number differently. */
function outcome(b: TestBackend) {
  return {
    tasks: all(
      b,
      `SELECT t.id, c.code, t.case_id, t.step_index, t.step_name, t.type, t.template, t.status, t.due_date,
         t.created_on, t.closed_on, t.outcome, t.assignee_id, t.priority, t.priority_factors, t.item_ids
       FROM tasks t JOIN customers c ON c.id = t.customer_id ORDER BY t.id`,
    ),
    cases: all(b, 'SELECT * FROM cases ORDER BY id'),
    customers: all(
      b,
      'SELECT code, order_blocked, order_block_reason, order_blocked_on FROM customers ORDER BY id',
    ),
    ratings: all(
      b,
      `SELECT c.code, r.score, r.class, r.confidence, r.factors, r.previous_score, r.previous_class,
         r.changed_on, r.computed_on
       FROM ratings r JOIN customers c ON c.id = r.customer_id ORDER BY r.id`,
    ),
    promises: all(b, 'SELECT * FROM promises ORDER BY id'),
    snapshots: all(b, 'SELECT date, taken_on, figures FROM kpi_snapshots ORDER BY date'),
    snapshotLines: all(
      b,
      `SELECT s.date, l.customer_id, l.receivables_cents, l.credits_cents, l.not_due_cents, l.d1_30_cents,
         l.d31_60_cents, l.d61_90_cents, l.d91_180_cents, l.d181_plus_cents, l.open_cases, l.in_collection_cents
       FROM kpi_snapshot_lines l JOIN kpi_snapshots s ON s.id = l.snapshot_id ORDER BY s.date, l.customer_id`,
    ),
    alerts: all(
      b,
      'SELECT customer_id, kind, key, date, params, urgent, resolved_on FROM notify_alerts ORDER BY id',
    ),
  };
}

describe('the run after an import', () => {
  it('recomputes only the customers the batch touched, with the outcome of a full run', async () => {
    const incremental = await workedLedger();
    const full = await workedLedger();
    // The ledger's history is the same up to here: the full one forgets where its last run stood,
    // so the run after its import recomputes every customer.
    expect(outcome(full.b)).toEqual(outcome(incremental.b));
    await deleteSetting(full.b.ctx.db, LAST_RUN_KEY);

    const batch = await importCsv(incremental.b, SECOND, '2026-11-22');
    expect(await importCsv(full.b, SECOND, '2026-11-22')).toBe(batch);
    expect(batch).not.toBeNull();

    // The batch touched C1 (a payment), C2 (a new invoice), C4 (paid) and C6 (new): not C3 nor C5.
    expect(
      codes(incremental.b, await customersTouchedByBatch(incremental.b.ctx.db, batch as number)),
    ).toEqual(['C1', 'C2', 'C4', 'C6']);

    const inc = outcome(incremental.b);
    // The run did something a user sees: C2's new invoice has a first reminder of its own, C4's case closed.
    expect(inc.tasks.some((t) => (t as { step_name: string }).step_name.includes('(nuove fatture)'))).toBe(
      true,
    );
    expect(inc.cases.some((c) => (c as { outcome: string | null }).outcome === 'paid')).toBe(true);
    expect(inc).toEqual(outcome(full.b));
  });

  it("a same-day rerun recomputes only the customers whose class the day's run changed, as a full rerun would", async () => {
    const incremental = await workedLedger();
    const full = await workedLedger();
    const db = incremental.b.ctx.db;
    // The day's run rated C3 and C5 E (they were D): their priorities and bands follow at the next run.
    expect(codes(incremental.b, (await runScope(db, '2026-11-23')) ?? [])).toEqual(['C3', 'C5']);
    const counts = await runDay(db, '2026-11-23', { incremental: true });
    await runDay(full.b.ctx.db, '2026-11-23');
    expect(counts.tasksCreated).toBe(0);
    expect(outcome(incremental.b)).toEqual(outcome(full.b));
    // That rerun changed no class: the next one has nothing to recompute (C3 and C5 were done).
    expect(await runScope(db, '2026-11-23')).toEqual([]);
  });

  it('is a full run on a new day, or after a change other than an import', async () => {
    const { b } = await workedLedger();
    const db = b.ctx.db;
    expect(await runScope(db, '2026-11-23')).toBeDefined();
    // The next day every customer's days overdue moved: a full run.
    expect(await runScope(db, '2026-11-24')).toBeUndefined();
    // A task completed since the run: a full run too (the allow-list does not know it).
    const [task] = all<{ id: number; type: string }>(b, "SELECT id, type FROM tasks WHERE status = 'open'");
    if (!task) throw new Error('the worked ledger has open tasks');
    await ok(b, 'tasks.complete', { id: task.id, outcome: outcomeFor(task.type) });
    expect(await runScope(db, '2026-11-23')).toBeUndefined();
  });
});
