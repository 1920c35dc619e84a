/**
 * The key survives a change of format: the two sample snapshots, each imported once in its own layout
 * (with an installment column) and once as a file without it, in every alternation, give exactly the
 * figures of expected.json — no item closed and re-created, no payment that never happened.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerDump } from '../../db/queries/imports.ts';
import { ledgerSummary } from '../../db/queries/summary.ts';
import { readImportFile } from '../../electron/backend/services/import/read/index.ts';
import { applySync, type SyncInput } from '../../electron/backend/services/import/sync.ts';
import type { ImportRow } from '../../electron/backend/services/import/types.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { snapshotInput } from '../helpers/sync.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples');
const expected = JSON.parse(readFileSync(path.join(SAMPLES, 'expected.json'), 'utf8'));
const FIRST = 'scadenzario-2026-10-31.xlsx';
const SECOND = 'scadenzario-2026-11-15.xlsx';

const read = (name: string) => readImportFile(readFileSync(path.join(SAMPLES, name)), name).rows;
const FIRST_ROWS = read(FIRST);
const SECOND_ROWS = read(SECOND);
const rowsOf: Record<string, ImportRow[]> = { [FIRST]: FIRST_ROWS, [SECOND]: SECOND_ROWS };
/** The same export from a system that has no installment column. */
const withoutInstallments = (rows: ImportRow[]) => rows.map((r) => ({ ...r, installment: null }));

function input(rows: ImportRow[], asOf: string, tag: string): SyncInput {
  return snapshotInput(rows, asOf, { name: `${tag}-${asOf}.csv`, sha256: `${tag}-${asOf}` });
}

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(() => b.close());

type Layout = 'with' | 'without';
async function importBoth(first: Layout, second: Layout) {
  const rows = (name: string, l: Layout) => {
    const all = rowsOf[name] ?? [];
    return l === 'with' ? all : withoutInstallments(all);
  };
  await applySync(b.ctx.db, input(rows(FIRST, first), '2026-10-31', first));
  return await applySync(b.ctx.db, input(rows(SECOND, second), '2026-11-15', second), { dryRun: false });
}

describe('a sequence of snapshots alternating layouts with and without installment', {
  timeout: 120_000,
}, () => {
  const after = expected[SECOND].afterPrevious;
  for (const [first, second] of [
    ['with', 'with'],
    ['without', 'with'],
    ['with', 'without'],
    ['without', 'without'],
  ] as [Layout, Layout][]) {
    it(`${first} then ${second} the installment column: the figures of a single layout`, async () => {
      const r = await importBoth(first, second);
      const s = await ledgerSummary(b.ctx.db, '2026-11-15');
      expect([s.customers, s.items, s.residualCents, s.overdueCents]).toEqual([
        expected[SECOND].customers,
        expected[SECOND].items,
        expected[SECOND].residualCents,
        expected[SECOND].overdueCents,
      ]);
      expect(r.paymentsCents).toBe(after.paymentsCents);
      expect(r.items.new).toBe(after.itemsNew);
      expect(r.items.closed).toBe(after.itemsClosed);
      expect(r.creditNotesClosed).toBe(after.creditNotesClosed);
    });
  }

  it('re-importing the last snapshot in the other layout changes nothing', async () => {
    await importBoth('with', 'with');
    const dump = await ledgerDump(b.ctx.db);
    const again = await applySync(b.ctx.db, input(withoutInstallments(SECOND_ROWS), '2026-11-15', 'again'));
    expect(again.items).toMatchObject({ new: 0, changed: 0, closed: 0, reopened: 0 });
    expect(again.paymentsCents).toBe(0);
    expect(await ledgerDump(b.ctx.db)).toEqual(dump);
  });

  it('a file with installments numbers the items a file without them created, keeping their history', async () => {
    await applySync(b.ctx.db, input(withoutInstallments(FIRST_ROWS), '2026-10-31', 'without'));
    const ids = ((await ledgerDump(b.ctx.db)).items as { id: number }[])
      .map((i) => i.id)
      .sort((x, y) => x - y);
    const r = await applySync(b.ctx.db, input(FIRST_ROWS, '2026-10-31', 'with'));
    expect(r.items).toMatchObject({ new: 0, closed: 0, reopened: 0 });
    expect(r.paymentsCents).toBe(0);
    const items = (await ledgerDump(b.ctx.db)).items as { id: number; installment: string | null }[];
    expect(items.map((i) => i.id).sort((x, y) => x - y)).toEqual(ids);
    expect(items.every((i) => i.installment !== null && !i.installment.startsWith('('))).toBe(true);
  });
});
