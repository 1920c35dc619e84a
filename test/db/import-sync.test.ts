/**
 * The import's sync rules on synthetic rows (no file reader involved): new, changed, partial
 * payment, closed, credit applied, reopened with reversal, incremental, closure guard, duplicate
 * re-import, exact undo chain, dry run, cancel, one audit row per import.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { ledgerDump, listBatches } from '../../db/queries/imports.ts';
import { ledgerAsOf, ledgerSummary } from '../../db/queries/summary.ts';
import { applySync, previewSync, type SyncInput } from '../../electron/backend/services/import/sync.ts';
import type { ImportRow } from '../../electron/backend/services/import/types.ts';
import { undoBatch } from '../../electron/backend/services/import/undo.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { caught, EMPTY_COLUMNS, snapshotInput } from '../helpers/sync.ts';

let rowNo = 1;
function row(
  p: Partial<ImportRow> & { customerCode: string; documentNumber: string; residualCents: number },
): ImportRow {
  return {
    ...EMPTY_COLUMNS,
    row: ++rowNo,
    customerName: `Customer ${p.customerCode}`,
    documentType: p.residualCents < 0 ? 'credit_note' : 'invoice',
    documentDate: '2026-09-01',
    dueDate: '2026-10-01',
    amountCents: p.residualCents,
    ...p,
  };
}

function input(rows: ImportRow[], asOf: string, extra: Partial<SyncInput> = {}): SyncInput {
  return snapshotInput(
    rows,
    asOf,
    { name: `snapshot-${asOf}.csv`, sha256: `sha-${asOf}-${rows.length}` },
    extra,
  );
}

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
  rowNo = 1;
});
afterEach(() => b.close());

const events = async () =>
  (await ledgerDump(b.ctx.db)).events as {
    item_id: number;
    kind: string;
    amount_cents: number;
    date: string;
    batch_id: number;
  }[];
const items = async () =>
  (await ledgerDump(b.ctx.db)).items as {
    id: number;
    document_number: string;
    residual_cents: number;
    status: string;
    closed_on: string | null;
    installment: string | null;
  }[];
const item = async (doc: string) => (await items()).find((i) => i.document_number === doc);

const FIRST = () => [
  row({ customerCode: 'C1', documentNumber: 'F1', residualCents: 10_000 }),
  row({ customerCode: 'C1', documentNumber: 'F2', residualCents: 20_000, dueDate: '2026-12-01' }),
  row({ customerCode: 'C1', documentNumber: 'NC1', residualCents: -3_000 }),
  row({ customerCode: 'C2', documentNumber: 'F3', residualCents: 5_000 }),
  row({ customerCode: 'C2', documentNumber: 'F4', residualCents: 7_000 }),
];

describe('snapshot sync', () => {
  it('creates customers and items from a first snapshot', async () => {
    const r = await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    expect(r.batch).toBe(1);
    expect(r.customers).toEqual({ new: 2, updated: 0 });
    expect(r.items).toEqual({ new: 5, changed: 0, closed: 0, reopened: 0, unchanged: 0 });
    expect(r.rows).toEqual({ read: 5, imported: 5, skipped: 0 });
    expect(r.totals).toEqual({ customers: 2, items: 5, residualCents: 39_000, overdueCents: 22_000 });
    expect((await ledgerSummary(b.ctx.db, '2026-10-31')).residualCents).toBe(r.totals.residualCents);
    expect(await ledgerAsOf(b.ctx.db)).toBe('2026-10-31');
    expect((await item('F1'))?.installment).toBe('');
  });

  it('detects partial payments, increases, closures, credits applied', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const r = await applySync(
      b.ctx.db,
      input(
        [
          row({ customerCode: 'C1', documentNumber: 'F1', residualCents: 4_000, amountCents: 10_000 }), // partial payment 6,000
          row({ customerCode: 'C1', documentNumber: 'F2', residualCents: 25_000, dueDate: '2026-12-01' }), // increase
          // NC1 absent: credit applied
          row({ customerCode: 'C2', documentNumber: 'F3', residualCents: 5_000 }), // unchanged
          // F4 absent: paid 7,000
          row({ customerCode: 'C3', documentNumber: 'F5', residualCents: 1_000 }), // new
        ],
        '2026-11-15',
      ),
    );
    expect(r.items).toEqual({ new: 1, changed: 2, closed: 2, reopened: 0, unchanged: 1 });
    expect(r.customers.new).toBe(1);
    expect(r.creditNotesClosed).toBe(1);
    expect(r.paymentsCents).toBe(6_000 + 7_000);
    expect(r.reversalsCents).toBe(0);
    const ev = (await events()).filter((e) => e.batch_id === 2);
    expect(ev.map((e) => [e.kind, e.amount_cents, e.date]).sort()).toEqual(
      [
        ['credit_applied', 3_000, '2026-11-15'],
        ['increase', 5_000, '2026-11-15'],
        ['partial_payment', 6_000, '2026-11-15'],
        ['payment', 7_000, '2026-11-15'],
      ].sort(),
    );
    expect(await item('F4')).toMatchObject({ status: 'closed', residual_cents: 0, closed_on: '2026-11-15' });
    expect(await item('NC1')).toMatchObject({ status: 'closed', residual_cents: 0 });
    expect(r.totals).toEqual({ customers: 3, items: 4, residualCents: 35_000, overdueCents: 10_000 });
  });

  it('closes a known item listed with residual 0 and ignores unknown paid rows', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const rows = FIRST();
    (rows[0] as ImportRow).residualCents = 0;
    rows.push(row({ customerCode: 'C2', documentNumber: 'PAID', residualCents: 0, amountCents: 900 }));
    const r = await applySync(b.ctx.db, input(rows, '2026-11-01'));
    expect(r.items).toEqual({ new: 0, changed: 0, closed: 1, reopened: 0, unchanged: 4 });
    expect(r.paymentsCents).toBe(10_000);
    expect(r.rows).toEqual({ read: 6, imported: 5, skipped: 1 });
    expect(await item('PAID')).toBeUndefined();
    expect(await item('F1')).toMatchObject({ status: 'closed', residual_cents: 0 });
  });

  it('reopens a closed item that reappears and reverses the payment', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    await applySync(b.ctx.db, input(FIRST().slice(1), '2026-11-10')); // F1 closed: payment 10,000
    const r = await applySync(b.ctx.db, input(FIRST(), '2026-11-20')); // F1 back (RiBa insoluta)
    expect(r.items).toEqual({ new: 0, changed: 0, closed: 0, reopened: 1, unchanged: 4 });
    expect(r.reversalsCents).toBe(10_000);
    expect(r.paymentsCents).toBe(0);
    expect(await item('F1')).toMatchObject({ status: 'open', residual_cents: 10_000, closed_on: null });
    const f1 = (await item('F1'))?.id;
    expect((await events()).filter((e) => e.item_id === f1).map((e) => [e.kind, e.amount_cents])).toEqual([
      ['payment', 10_000],
      ['reversal', 10_000],
    ]);

    // Back again for less than was paid: the reversal, then a partial payment of the difference.
    await applySync(b.ctx.db, input(FIRST().slice(1), '2026-11-25'));
    const rows = FIRST();
    (rows[0] as ImportRow).residualCents = 8_000;
    const r2 = await applySync(b.ctx.db, input(rows, '2026-11-30'));
    expect(r2.reversalsCents).toBe(10_000);
    expect(r2.paymentsCents).toBe(2_000);
    expect(
      (await events()).filter((e) => e.batch_id === r2.batch).map((e) => [e.kind, e.amount_cents]),
    ).toEqual([
      ['reversal', 10_000],
      ['partial_payment', 2_000],
    ]);
  });

  it('in incremental mode adds and updates but never closes absent items', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const r = await applySync(
      b.ctx.db,
      input(
        [
          row({ customerCode: 'C1', documentNumber: 'F1', residualCents: 9_000, amountCents: 10_000 }),
          row({ customerCode: 'C9', documentNumber: 'F9', residualCents: 1_500 }),
        ],
        '2026-11-01',
        { mode: 'incremental' },
      ),
    );
    expect(r.mode).toBe('incremental');
    expect(r.items).toEqual({ new: 1, changed: 1, closed: 0, reopened: 0, unchanged: 0 });
    expect(r.totals.items).toBe(6);
  });

  it('updates customer master data from the file without erasing what the file lacks', async () => {
    await applySync(
      b.ctx.db,
      input(
        [
          row({
            customerCode: 'C1',
            documentNumber: 'F1',
            residualCents: 100,
            email: 'a@x.it',
            phone: '051 1',
          }),
        ],
        '2026-10-31',
      ),
    );
    const r = await applySync(
      b.ctx.db,
      input(
        [
          row({
            customerCode: 'C1',
            documentNumber: 'F1',
            residualCents: 100,
            email: 'b@x.it',
            phone: null,
            area: '=1+2',
          }),
        ],
        '2026-11-01',
      ),
    );
    expect(r.customers).toEqual({ new: 0, updated: 1 });
    const c = (await ledgerDump(b.ctx.db)).customers[0] as { email: string; phone: string; area: string };
    expect(c).toMatchObject({ email: 'b@x.it', phone: '051 1', area: '=1+2' });
  });

  it('refuses a file that would close more than half of the open items (and more than 20)', async () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      row({ customerCode: `C${i % 5}`, documentNumber: `F${i}`, residualCents: 1_000 + i }),
    );
    await applySync(b.ctx.db, input(many, '2026-10-31'));
    const before = await ledgerDump(b.ctx.db);
    const partial = input(many.slice(0, 24), '2026-11-01'); // closes 26 of 50
    const preview = await previewSync(b.ctx.db, partial);
    expect(preview.needsClosureConfirmation).toBe(true);
    expect(preview.items.closed).toBe(26);
    const err = await caught(async () => await applySync(b.ctx.db, partial));
    expect(err.code).toBe('CONFIRMATION_REQUIRED');
    expect(err.message).toContain('26 of the 50');
    expect(await ledgerDump(b.ctx.db)).toEqual(before);
    const r = await applySync(b.ctx.db, { ...partial, confirmClosures: true });
    expect(r.items.closed).toBe(26);

    // Half exactly, or 20 and fewer, pass without a confirmation.
    expect(
      (await previewSync(b.ctx.db, input(many.slice(0, 12), '2026-11-02'))).needsClosureConfirmation,
    ).toBe(false);
  });

  it('rejects the whole file on a row error or a duplicate key, naming both rows', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const before = await ledgerDump(b.ctx.db);
    const bad = await caught(
      async () =>
        await applySync(b.ctx.db, {
          ...input(FIRST(), '2026-11-01'),
          errors: [{ row: 4, column: 'Scadenza', value: '31/02/2026', message: 'not a date' }],
        }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details?.issues).toEqual([
      { row: 4, column: 'Scadenza', value: '31/02/2026', message: 'not a date' },
    ]);

    const rows: ImportRow[] = FIRST().map((r) => ({ ...r, installment: '1' }));
    rows.push(
      { ...(rows[3] as ImportRow), row: 40 },
      { ...(rows[1] as ImportRow), row: 41, customerName: 'x' },
    );
    rows.push(row({ customerCode: 'C7', documentNumber: 'N', residualCents: 1, installment: '1' }));
    rows.push({ ...(rows.at(-1) as ImportRow), row: 50, residualCents: 2 });
    const dup = await caught(async () => await applySync(b.ctx.db, input(rows, '2026-11-01')));
    expect(dup.code).toBe('VALIDATION');
    expect(dup.details?.issues?.map((i) => [i.row, i.message.match(/row \d+$/)?.[0]])).toEqual([
      [40, `row ${rows[3]?.row}`],
      [41, `row ${rows[1]?.row}`],
      [50, `row ${rows.at(-2)?.row}`],
    ]);
    expect((await previewSync(b.ctx.db, input(rows, '2026-11-01'))).errors).toHaveLength(3);
    expect(await ledgerDump(b.ctx.db)).toEqual(before);
  });

  it('keeps twins apart in a file without installments, matching them by order', async () => {
    const twins = (a: number, b: number | null) => [
      row({ customerCode: 'C1', documentNumber: 'F1', residualCents: a, amountCents: 58_095 }),
      ...(b === null
        ? []
        : [row({ customerCode: 'C1', documentNumber: 'F1', residualCents: b, amountCents: 58_095 })]),
    ];
    const r = await applySync(b.ctx.db, input(twins(58_095, 41_803), '2026-10-31'));
    expect(r.items.new).toBe(2);
    expect((await items()).map((i) => i.installment)).toEqual(['', '(2)']);
    expect((await applySync(b.ctx.db, input(twins(58_095, 41_803), '2026-10-31'))).items.unchanged).toBe(2);
    const next = await applySync(b.ctx.db, input(twins(41_803, null), '2026-11-15'));
    expect(next.items).toMatchObject({ changed: 1, closed: 1 });
    expect(next.paymentsCents).toBe(58_095);
  });

  it('keeps installments with the same due date apart (part of the natural key)', async () => {
    const r = await applySync(
      b.ctx.db,
      input(
        [
          row({ customerCode: 'C1', documentNumber: 'F1', residualCents: 100, installment: '2' }),
          row({ customerCode: 'C1', documentNumber: 'F1', residualCents: 101, installment: '3' }),
        ],
        '2026-10-31',
      ),
    );
    expect(r.items.new).toBe(2);
  });
});

describe('batches, re-import and undo', () => {
  it('re-importing the same file changes nothing and records no batch', async () => {
    const first = await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const dump = await ledgerDump(b.ctx.db);
    const again = await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    expect(again.batch).toBeNull();
    expect(again.items).toEqual({ new: 0, changed: 0, closed: 0, reopened: 0, unchanged: 5 });
    expect(again.customers).toEqual({ new: 0, updated: 0 });
    expect(again.totals).toEqual(first.totals);
    expect(await ledgerDump(b.ctx.db)).toEqual(dump);
    expect(await listBatches(b.ctx.db)).toHaveLength(1);
    expect((await previewSync(b.ctx.db, input(FIRST(), '2026-10-31'))).alreadyImported).toBe(true);
    // A snapshot older than the ledger's latest warns before apply, and the preview says so.
    const older = await previewSync(b.ctx.db, input(FIRST(), '2026-10-30'));
    expect(older.warnings[0]?.message).toMatch(/before the ledger's latest snapshot \(2026-10-31\)/);
    expect(older.olderThanLedger).toBe(true);
    expect((await previewSync(b.ctx.db, input(FIRST(), '2026-11-01'))).olderThanLedger).toBe(false);

    // The same content as of a later date moves the ledger's as-of: that is a batch (undoable).
    const later = await applySync(b.ctx.db, input(FIRST(), '2026-11-05'));
    expect(later.batch).toBe(2);
    expect(await ledgerAsOf(b.ctx.db)).toBe('2026-11-05');
    await undoBatch(b.ctx.db, undefined, null, 'now');
    expect(await ledgerAsOf(b.ctx.db)).toBe('2026-10-31');
  });

  it('undoes batch by batch back to the exact previous states', async () => {
    const dumps = [await ledgerDump(b.ctx.db)];
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    dumps.push(await ledgerDump(b.ctx.db));
    await applySync(
      b.ctx.db,
      input(
        [
          row({
            customerCode: 'C1',
            documentNumber: 'F1',
            residualCents: 4_000,
            amountCents: 10_000,
            email: 'c1@x.it',
          }),
          row({ customerCode: 'C2', documentNumber: 'F3', residualCents: 5_000 }),
          row({ customerCode: 'C3', documentNumber: 'F5', residualCents: 1_000 }),
        ],
        '2026-11-15',
      ),
    );
    dumps.push(await ledgerDump(b.ctx.db));
    await applySync(b.ctx.db, input(FIRST(), '2026-11-20')); // reopenings, closures, a new customer's item closed
    dumps.push(await ledgerDump(b.ctx.db));
    expect((await items()).filter((i) => i.status === 'open')).toHaveLength(5);

    // Only the latest can be undone.
    expect((await caught(async () => await undoBatch(b.ctx.db, 2, null, 'now'))).code).toBe('CONFLICT');

    const u3 = await undoBatch(b.ctx.db, undefined, { id: 1, name: 'admin' }, '2026-11-21T00:00:00Z');
    expect(u3).toMatchObject({ id: 3, undoneAt: '2026-11-21T00:00:00Z', file: 'snapshot-2026-11-20.csv' });
    expect(await ledgerDump(b.ctx.db)).toEqual(dumps[2]);
    expect((await caught(async () => await undoBatch(b.ctx.db, 3, null, 'now'))).code).toBe('CONFLICT');
    expect((await undoBatch(b.ctx.db, 2, null, 'now')).id).toBe(2);
    expect(await ledgerDump(b.ctx.db)).toEqual(dumps[1]);
    expect(await ledgerAsOf(b.ctx.db)).toBe('2026-10-31');
    await undoBatch(b.ctx.db, undefined, null, 'now');
    expect(await ledgerDump(b.ctx.db)).toEqual(dumps[0]);
    expect(await ledgerAsOf(b.ctx.db)).toBeNull();
    expect((await caught(async () => await undoBatch(b.ctx.db, undefined, null, 'now'))).code).toBe(
      'NOT_FOUND',
    );

    // And the ledger takes the same files again after the undo.
    expect((await applySync(b.ctx.db, input(FIRST(), '2026-10-31'))).items.new).toBe(5);
  });

  it('a dry run computes everything and writes nothing', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const dump = await ledgerDump(b.ctx.db);
    const audits = (await recentAudit(b.ctx.db)).length;
    const rows = FIRST().slice(1);
    const dry = await applySync(b.ctx.db, input(rows, '2026-11-15'), { dryRun: true });
    expect(dry.batch).toBeNull();
    expect(dry.items.closed).toBe(1);
    expect(dry.totals.items).toBe(4);
    expect(await ledgerDump(b.ctx.db)).toEqual(dump);
    expect(await listBatches(b.ctx.db)).toHaveLength(1);
    expect(await recentAudit(b.ctx.db)).toHaveLength(audits);
    const real = await applySync(b.ctx.db, input(rows, '2026-11-15'));
    expect({ ...real, batch: null }).toEqual(dry);
  });

  it('a cancel rolls everything back', async () => {
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    const dump = await ledgerDump(b.ctx.db);
    const many = Array.from({ length: 30_000 }, (_, i) =>
      row({ customerCode: `K${i % 100}`, documentNumber: `X${i}`, residualCents: 100 + i }),
    );
    // The rows are written a chunk at a time as they are compared: the cancel comes after two chunks
    // were written (seen inside the import's transaction), and rolls them back with the rest.
    let chunks = 0;
    let written = 0;
    const err = await caught(
      async () =>
        await applySync(
          b.ctx.db,
          input(many, '2026-11-01', { confirmClosures: true }),
          {},
          {
            progress: async (phase) => {
              if (phase !== 'sync' || ++chunks !== 3) return;
              written = (await ledgerDump(b.ctx.db)).items.length - dump.items.length;
            },
            cancelled: () => chunks >= 3,
          },
        ),
    );
    expect(err.code).toBe('CANCELLED');
    expect(written).toBeGreaterThan(0);
    expect(await ledgerDump(b.ctx.db)).toEqual(dump);
    expect(await listBatches(b.ctx.db)).toHaveLength(1);
  });

  it('writes one audit row per import and per undo', async () => {
    const base = (await recentAudit(b.ctx.db, 1000)).length;
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31'));
    await applySync(b.ctx.db, input(FIRST(), '2026-10-31')); // nothing to change: still audited
    await undoBatch(b.ctx.db, undefined, { id: 1, name: 'admin' }, 'now');
    const audit = await recentAudit(b.ctx.db, 1000);
    expect(audit).toHaveLength(base + 3);
    expect(audit.slice(0, 3).map((a) => [a.action, a.entityId])).toEqual([
      ['imports.undo', '1'],
      ['imports.apply', null],
      ['imports.apply', '1'],
    ]);
  });
});
