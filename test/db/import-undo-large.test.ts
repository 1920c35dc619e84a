/**
 * Undo of a batch that created more customers than SQLite takes bound variables in one statement
 * (32,766): the undo must not bind one variable per customer or item ("too many SQL variables").
 * The rows are synthetic (no file reader), so the test stays quick.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ledgerDump, listBatches } from '../../db/queries/imports.ts';
import { insertRating } from '../../db/queries/rating.ts';
import { ledgerAsOf, ledgerSummary } from '../../db/queries/summary.ts';
import { inTransaction } from '../../db/transaction.ts';
import { scheduledRun } from '../../electron/backend/services/daily/scheduler.ts';
import { applySync, type SyncInput } from '../../electron/backend/services/import/sync.ts';
import type { ImportRow } from '../../electron/backend/services/import/types.ts';
import { undoBatch } from '../../electron/backend/services/import/undo.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { EMPTY_COLUMNS, snapshotInput } from '../helpers/sync.ts';

/** Above SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32). */
const NEW_CUSTOMERS = 33_000;

function row(n: number, code: string, documentNumber: string, residualCents: number): ImportRow {
  return {
    ...EMPTY_COLUMNS,
    row: n + 2,
    customerCode: code,
    customerName: `Cliente ${code}`,
    documentType: 'invoice',
    documentNumber,
    documentDate: '2026-08-01',
    dueDate: '2026-09-30',
    amountCents: 10_000,
    residualCents,
  };
}

function input(rows: ImportRow[], asOf: string): SyncInput {
  return snapshotInput(rows, asOf, { name: `scadenzario-${asOf}.csv`, sha256: `sha-${asOf}` });
}

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2026-11-23');
});
afterEach(() => b.close());

it('undoes a batch that created more customers than SQLite has variables, back to the exact ledger', async () => {
  const db = b.ctx.db;
  // The ledger before: three customers, one of whom pays part of an invoice in the big batch.
  const existing = ['A1', 'A2', 'A3'].map((code, i) => row(i, code, `F-${code}`, 10_000));
  await applySync(db, input(existing, '2026-10-31'));
  await scheduledRun(b.ctx, 'import');
  const before = await ledgerDump(db);
  const summaryBefore = await ledgerSummary(db, '2026-10-31');

  const rows = [
    row(0, 'A1', 'F-A1', 4_000), // a partial payment on an existing item (a before-image)
    row(1, 'A2', 'F-A2', 10_000),
    row(2, 'A3', 'F-A3', 10_000),
  ];
  for (let i = 0; i < NEW_CUSTOMERS; i++) rows.push(row(i + 3, `N${i}`, `F-N${i}`, 10_000));
  const big = await applySync(db, input(rows, '2026-11-20'));
  expect(big.customers.new).toBe(NEW_CUSTOMERS);
  // The automatic run after an import rates the new customers; undo discards those ratings too.
  // (Written directly here: the full run over 33,000 customers would take half a minute.)
  const created = ((await ledgerDump(db)).customers as { id: number; code: string }[]).filter((c) =>
    c.code.startsWith('N'),
  );
  await inTransaction(db, async () => {
    for (const c of created)
      await insertRating(db, {
        customerId: c.id,
        score: 70,
        class: 'B',
        confidence: 'low',
        factors: '[]',
        previousScore: null,
        previousClass: null,
        changedOn: '2026-11-23',
        computedOn: '2026-11-23',
      });
  });
  expect(created).toHaveLength(NEW_CUSTOMERS);

  const undone = await undoBatch(db, undefined, { id: 1, name: 'admin' }, '2026-11-23T09:00:00.000Z');
  expect(undone).toMatchObject({ id: big.batch, undoneAt: '2026-11-23T09:00:00.000Z' });
  expect(await ledgerDump(db)).toEqual(before);
  expect(await ledgerSummary(db, '2026-10-31')).toEqual(summaryBefore);
  expect(await ledgerAsOf(db)).toBe('2026-10-31');
  expect((await listBatches(db)).map((x) => x.undoneAt)).toEqual(['2026-11-23T09:00:00.000Z', null]);
  // No rating or task is left for a customer that no longer exists.
  const orphans = db.$client
    .prepare(
      `SELECT (SELECT COUNT(*) FROM ratings WHERE customer_id NOT IN (SELECT id FROM customers))
            + (SELECT COUNT(*) FROM tasks WHERE customer_id NOT IN (SELECT id FROM customers)) AS n`,
    )
    .get() as { n: number };
  expect(orphans.n).toBe(0);
}, 120_000);
