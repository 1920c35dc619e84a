import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import { gatherFacts } from '../../electron/backend/services/rating/facts.ts';
import { computeRatings, recomputeRatings } from '../../electron/backend/services/rating/recompute.ts';
import { factsFromHistory, RATING_DEFAULTS } from '../../shared/domain/rating.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

const TODAY = '2026-11-23';
let b: TestBackend;
let c1: number;
let c2: number;
const run = (sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).run(...p);
const all = <T>(sql: string, ...p: unknown[]) => b.ctx.db.$client.prepare(sql).all(...p) as T[];
const itemId = (doc: string) =>
  (b.ctx.db.$client.prepare('SELECT id FROM open_items WHERE document_number = ?').get(doc) as { id: number })
    .id;

/** What an import records for a payment (a batch and an item event); an undone batch is ignored. */
function payment(doc: string, date: string, cents: number, undone = false) {
  const batch = run(
    "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts, undone_at) VALUES ('s.xlsx', ?, 'xlsx', ?, 'snapshot', '{}', ?)",
    `${doc}-${date}`,
    date,
    undone ? '2026-11-01T00:00:00Z' : null,
  ).lastInsertRowid;
  run(
    "INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents) VALUES (?, ?, ?, 'payment', ?, ?, 0)",
    itemId(doc),
    batch,
    date,
    cents,
    cents,
  );
}

const item = (
  customerId: number,
  doc: string,
  documentDate: string,
  dueDate: string,
  cents: number,
  open = true,
) => ({
  customerId,
  documentType: cents < 0 ? ('credit_note' as const) : ('invoice' as const),
  documentNumber: doc,
  documentDate,
  dueDate,
  amountCents: cents,
  residualCents: open ? cents : 0,
  status: open ? ('open' as const) : ('closed' as const),
});

beforeEach(async () => {
  b = await testBackend(TODAY);
  [c1, c2] = insertCustomers(b.ctx.db, [
    { code: 'C1', name: 'Rossi S.r.l.', creditLimitCents: 100_000 },
    { code: 'C2', name: 'Bianchi S.p.A.' },
  ]) as [number, number];
  await insertOpenItems(b.ctx.db, [
    item(c1, 'FT 1', '2026-05-01', '2026-06-01', 100_000, false),
    item(c1, 'FT 2', '2026-08-01', '2026-09-01', 50_000, false),
    item(c1, 'FT 3', '2025-09-01', '2025-10-01', 30_000, false),
    item(c1, 'FT 4', '2025-12-10', '2026-01-10', 20_000, false),
    item(c1, 'FT 5', '2026-09-15', '2026-10-15', 80_000),
    item(c1, 'FT 6', '2026-11-15', '2026-12-15', 40_000),
    item(c1, 'NC 1', '2026-10-01', '2026-10-01', -10_000),
    item(c2, 'FT 9', '2026-10-01', '2026-10-31', 5_000),
  ]);
  payment('FT 1', '2026-06-21', 100_000);
  payment('FT 2', '2026-10-01', 50_000);
  payment('FT 3', '2025-09-25', 30_000); // older than a year: out
  payment('FT 4', '2026-02-14', 20_000, true); // its import was undone: out
  run(
    "INSERT INTO promises (customer_id, date, amount_cents, status, created_on, resolved_on, baseline_overdue_cents) VALUES (?, '2026-06-20', 1000, 'broken', '2026-06-01', '2026-07-01', 0), (?, '2024-12-20', 1000, 'broken', '2024-12-01', '2025-01-01', 0)",
    c1,
    c1,
  );
  run(
    "INSERT INTO plans (customer_id, status, total_cents, frequency, created_on, closed_on, item_ids) VALUES (?, 'broken', 1000, 'monthly', '2026-03-01', '2026-05-05', '[]')",
    c1,
  );
  run(
    "INSERT INTO disputes (customer_id, item_id, reason, opened_on) VALUES (?, ?, 'quality', '2026-11-01')",
    c1,
    itemId('FT 5'),
  );
  const kase = run(
    "INSERT INTO cases (customer_id, policy_name, status, opened_on, opened_overdue_cents, overdue_cents) VALUES (?, 'Standard', 'open', '2026-10-20', 80000, 80000)",
    c1,
  ).lastInsertRowid;
  run(
    "INSERT INTO tasks (case_id, customer_id, step_name, type, due_date, created_on, priority, priority_factors, status, outcome, closed_on) VALUES (?, ?, 'Messa in mora', 'pec', '2026-10-20', '2026-10-20', 50, '[]', 'done', 'sent', '2026-10-20')",
    kase,
    c1,
  );
});
afterEach(() => b.close());

describe('rating facts from the ledger', () => {
  it('the batched queries compute exactly what the domain defines from the same history', async () => {
    const [fromDb] = await gatherFacts(b.ctx.db, TODAY, RATING_DEFAULTS.windows, [c1]);
    const reference = factsFromHistory(
      {
        payments: [
          { date: '2026-06-21', dueDate: '2026-06-01', amountCents: 100_000 },
          { date: '2026-10-01', dueDate: '2026-09-01', amountCents: 50_000 },
          { date: '2025-09-25', dueDate: '2025-10-01', amountCents: 30_000 },
        ],
        items: [
          { dueDate: '2026-06-01', residualCents: 0, open: false },
          { dueDate: '2026-09-01', residualCents: 0, open: false },
          { dueDate: '2025-10-01', residualCents: 0, open: false },
          { dueDate: '2026-01-10', residualCents: 0, open: false },
          { dueDate: '2026-10-15', residualCents: 80_000, open: true },
          { dueDate: '2026-12-15', residualCents: 40_000, open: true },
          { dueDate: '2026-10-01', residualCents: -10_000, open: true },
        ],
        creditLimitCents: 100_000,
        brokenPromiseDates: ['2026-07-01', '2025-01-01'],
        brokenPlanDates: ['2026-05-05'],
        disputeDates: ['2026-11-01'],
        formalNoticeDates: ['2026-10-20'],
      },
      TODAY,
    );
    expect(fromDb?.facts).toEqual(reference);
    // And the figures are the ones a person would count by hand.
    expect(reference).toMatchObject({
      paid: { cents: 150_000, dayCents: 20 * 100_000 + 30 * 50_000, count: 2 },
      recent: { cents: 50_000, dayCents: 30 * 50_000 },
      exposureCents: 120_000,
      overdue: { cents: 80_000, dayCents: 39 * 80_000 },
      brokenPromises: 1,
      brokenPlans: 1,
      disputes: 1,
      formalNotices: 1,
      legalActions: 0,
      firstDueDate: '2025-10-01',
    });
  });
});

describe('recomputeRatings', () => {
  const history = (customerId: number) =>
    all<{
      score: number;
      class: string;
      previous_score: number | null;
      changed_on: string;
      computed_on: string;
    }>('SELECT * FROM ratings WHERE customer_id = ? ORDER BY id', customerId);

  it('writes a history row only when the score or class changes', async () => {
    expect(await recomputeRatings(b.ctx.db, TODAY)).toEqual({ rated: 2, changed: 2 });
    expect(await recomputeRatings(b.ctx.db, TODAY)).toEqual({ rated: 2, changed: 0 });
    const first = history(c2);
    expect(first).toHaveLength(1);
    // A new broken promise moves the score: one more row, remembering where it came from.
    run(
      "INSERT INTO promises (customer_id, date, amount_cents, status, created_on, resolved_on, baseline_overdue_cents) VALUES (?, '2026-11-10', 1000, 'broken', '2026-11-01', '2026-11-20', 0)",
      c2,
    );
    expect(await recomputeRatings(b.ctx.db, TODAY)).toMatchObject({ changed: 1 });
    const after = history(c2);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ previous_score: first[0]?.score, changed_on: TODAY });
    expect(after[1]?.score).toBe((first[0]?.score ?? 0) - 6);
  });

  it('when only the explanation moves, the current row is refreshed, not repeated', async () => {
    // C2: one item 100 % overdue for a long time: its points are at their floor, its days keep growing.
    run("UPDATE open_items SET due_date = '2026-01-01' WHERE document_number = 'FT 9'");
    await recomputeRatings(b.ctx.db, TODAY);
    const before = history(c2);
    await recomputeRatings(b.ctx.db, '2026-11-30');
    const after = history(c2);
    expect(after).toHaveLength(1);
    expect(after[0]?.score).toBe(before[0]?.score);
    expect(after[0]).toMatchObject({ changed_on: TODAY, computed_on: '2026-11-30' });
    const factors = JSON.parse(
      (
        b.ctx.db.$client.prepare('SELECT factors FROM ratings WHERE customer_id = ?').get(c2) as {
          factors: string;
        }
      ).factors,
    ) as { name: string; value: number }[];
    expect(factors.find((f) => f.name === 'overdueDelay')?.value).toBe(333);
  });

  it('a run rates new customers once, yet a promise the run finds broken counts in the rating it keeps', async () => {
    // C2 is new (never rated) and its promise's date plus grace passed: the run breaks it today.
    run(
      "INSERT INTO promises (customer_id, date, amount_cents, status, created_on, baseline_overdue_cents) VALUES (?, '2026-11-01', 5000, 'open', '2026-10-25', 0)",
      c2,
    );
    const before = (await computeRatings(b.ctx.db, TODAY)).find((r) => r.customerId === c2)?.rating;
    await runDay(b.ctx.db, TODAY);
    expect(all('SELECT status, resolved_on FROM promises WHERE customer_id = ?', c2)).toEqual([
      { status: 'broken', resolved_on: TODAY },
    ]);
    // What is kept is what the ledger now says, for every customer.
    const now = await computeRatings(b.ctx.db, TODAY);
    for (const r of now) {
      expect(history(r.customerId).at(-1)).toMatchObject({ score: r.rating.score, class: r.rating.class });
    }
    expect(now.find((r) => r.customerId === c2)?.rating.score).not.toBe(before?.score);
  });

  it('the run rates customers and a customer without a band gets the policy of its class, from its first case', async () => {
    // C2 has no band: once rated E its case goes to the "Rischio" policy (bands D, E), not the default.
    run(
      "UPDATE open_items SET due_date = '2026-01-01', residual_cents = 500000, amount_cents = 500000 WHERE document_number = 'FT 9'",
    );
    run(
      "INSERT INTO promises (customer_id, date, amount_cents, status, created_on, resolved_on, baseline_overdue_cents) VALUES (?, '2026-10-10', 1000, 'broken', '2026-10-01', '2026-10-20', 0), (?, '2026-10-11', 1000, 'broken', '2026-10-01', '2026-10-21', 0), (?, '2026-10-12', 1000, 'broken', '2026-10-01', '2026-10-22', 0)",
      c2,
      c2,
      c2,
    );
    // Never rated before: the run computes its class before choosing the policy of its first case.
    expect(history(c2)).toEqual([]);
    await runDay(b.ctx.db, TODAY);
    expect(history(c2)[0]?.class).toBe('E');
    expect(all<{ policy_name: string }>('SELECT policy_name FROM cases WHERE customer_id = ?', c2)).toEqual([
      { policy_name: 'Rischio' },
    ]);
    // A band set by a manager wins over the class.
    run("UPDATE customers SET band = 'A' WHERE id = ?", c2);
    run('DELETE FROM tasks WHERE customer_id = ?', c2);
    run('DELETE FROM cases WHERE customer_id = ?', c2);
    await runDay(b.ctx.db, TODAY);
    expect(all<{ policy_name: string }>('SELECT policy_name FROM cases WHERE customer_id = ?', c2)).toEqual([
      { policy_name: 'Clienti chiave' },
    ]);
    expect(all('SELECT id FROM ratings WHERE computed_on = ?', TODAY).length).toBeGreaterThanOrEqual(2);
  });
});
