/**
 * One truth with the snapshots: an aged-receivables export lags behind the bank. An item the bank
 * paid that the next export still lists with its old residual stays paid on the bank's date, and the
 * import (preview and apply) says so; a lower residual is a further payment, applied as usual; an
 * item the bank paid and the export no longer lists is not paid a second time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customers, itemEvents, openItems } from '../../db/schema.ts';
import { applySync, previewSync, type SyncInput } from '../../electron/backend/services/import/sync.ts';
import type { ImportRow } from '../../electron/backend/services/import/types.ts';
import { undoBatch } from '../../electron/backend/services/import/undo.ts';
import type { BankImportResult } from '../../shared/api/contracts/bank.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { EMPTY_COLUMNS, snapshotInput } from '../helpers/sync.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/bank', name));

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2026-12-01');
});
afterEach(() => b.close());

const NAMES: Record<string, string> = { C001: 'Rossi Costruzioni S.r.l.', C002: 'Bianchi Forniture S.p.A.' };
const DUE: Record<string, string> = {
  '101/2026': '2026-10-31',
  '55/2026': '2026-09-30',
  '56/2026': '2026-10-15',
};
const AMOUNT: Record<string, number> = { '101/2026': 122_000, '55/2026': 100_000, '56/2026': 70_000 };
const CUSTOMER: Record<string, string> = { '101/2026': 'C001', '55/2026': 'C002', '56/2026': 'C002' };

/** An export row: the invoice with what the accounts say is still to pay. */
function row(n: number, documentNumber: string, residualCents: number): ImportRow {
  const customerCode = CUSTOMER[documentNumber] as string;
  return {
    ...EMPTY_COLUMNS,
    row: n,
    customerCode,
    customerName: NAMES[customerCode] as string,
    documentType: 'invoice',
    documentNumber,
    documentDate: '2026-09-01',
    dueDate: DUE[documentNumber] as string,
    amountCents: AMOUNT[documentNumber] as number,
    residualCents,
  };
}

function snapshot(asOf: string, rows: ImportRow[]): SyncInput {
  return snapshotInput(
    rows,
    asOf,
    { name: `scadenzario-${asOf}.csv`, sha256: `sha-${asOf}` },
    { confirmClosures: true },
  );
}

function item(documentNumber: string) {
  const found = b.ctx.db
    .select({
      id: openItems.id,
      residualCents: openItems.residualCents,
      status: openItems.status,
      closedOn: openItems.closedOn,
    })
    .from(openItems)
    .innerJoin(customers, eq(customers.id, openItems.customerId))
    .where(
      and(
        eq(openItems.documentNumber, documentNumber),
        eq(customers.code, CUSTOMER[documentNumber] as string),
      ),
    )
    .get();
  if (!found) throw new Error(`no item ${documentNumber}`);
  return found;
}

const eventsOf = (documentNumber: string) =>
  b.ctx.db
    .select({ kind: itemEvents.kind, date: itemEvents.date, amountCents: itemEvents.amountCents })
    .from(itemEvents)
    .where(eq(itemEvents.itemId, item(documentNumber).id))
    .orderBy(asc(itemEvents.id))
    .all();

/** The ledger from a first export, then the bank statement of 20 November (camt.053, bank A). */
async function ledgerPaidFromTheBank() {
  await applySync(
    b.ctx.db,
    snapshot('2026-11-15', [
      row(2, '101/2026', 122_000),
      row(3, '55/2026', 100_000),
      row(4, '56/2026', 70_000),
    ]),
  );
  const res = await b.call('bank.import', {
    fileName: 'camt053-v02-bankA.xml',
    dataBase64: fixture('camt053-v02-bankA.xml').toString('base64'),
  });
  if (!res.ok) throw new Error(res.error.message);
  const bank = res.data as BankImportResult;
  expect(bank).toMatchObject({ matched: 2, matchedCents: 272_000 });
  // Rossi paid 101/2026 in full; Bianchi's RF credit of 1,500.00 paid 55/2026 and 500.00 of 56/2026.
  expect(item('101/2026')).toMatchObject({ residualCents: 0, status: 'closed', closedOn: '2026-11-20' });
  expect(item('55/2026')).toMatchObject({ residualCents: 0, status: 'closed', closedOn: '2026-11-20' });
  expect(item('56/2026')).toMatchObject({ residualCents: 20_000, status: 'open' });
}

describe('a snapshot after the bank paid', () => {
  it('an export still showing the residuals from before the bank paid keeps the payments and warns in the preview and the result', async () => {
    await ledgerPaidFromTheBank();
    // The accountant has not registered the credits yet: the export of the 25th still shows 101/2026
    // and 56/2026 as before, and no longer lists 55/2026 (registered from elsewhere).
    const lagging = snapshot('2026-11-25', [row(2, '101/2026', 122_000), row(3, '56/2026', 70_000)]);

    const preview = await previewSync(b.ctx.db, lagging);
    expect(preview.errors).toEqual([]);
    const notReflected = (ws: { message: string; row?: number }[]) =>
      ws.filter((w) => /paid from the bank, not yet reflected in the export/.test(w.message));
    expect(notReflected(preview.warnings)).toHaveLength(2);
    expect(preview).toMatchObject({
      paymentsCents: 0,
      reversalsCents: 0,
      items: { reopened: 0, closed: 0, changed: 0, unchanged: 2 },
    });

    const result = await applySync(b.ctx.db, lagging);
    // 55/2026, paid by the bank and absent from the export, is not paid a second time: no payment at all.
    expect(result).toMatchObject({
      paymentsCents: 0,
      reversalsCents: 0,
      items: { reopened: 0, closed: 0, changed: 0, unchanged: 2 },
    });
    const warnings = notReflected(result.warnings ?? []);
    expect(warnings).toHaveLength(2);
    // Each warning names the document, the bank's booking date and reference, and the row of the file.
    expect(warnings[0]).toMatchObject({ row: 2, column: 'residualCents' });
    expect(warnings[0]?.message).toMatch(/^101\/2026 \(C001\).*2026-11-20 \(ref\. A-0001\)/);
    expect(warnings[0]?.message).toMatch(/1\.220,00/);
    expect(warnings[1]).toMatchObject({ row: 3 });
    expect(warnings[1]?.message).toMatch(/^56\/2026 \(C002\).*500,00\s€ on 2026-11-20 \(ref\. A-0002\)/);

    // The ledger keeps the bank's truth: dates, residuals and events untouched.
    expect(item('101/2026')).toMatchObject({ residualCents: 0, status: 'closed', closedOn: '2026-11-20' });
    expect(item('55/2026')).toMatchObject({ residualCents: 0, status: 'closed', closedOn: '2026-11-20' });
    expect(item('56/2026')).toMatchObject({ residualCents: 20_000, status: 'open' });
    expect(eventsOf('101/2026')).toEqual([{ kind: 'payment', date: '2026-11-20', amountCents: 122_000 }]);
    expect(eventsOf('55/2026')).toEqual([{ kind: 'payment', date: '2026-11-20', amountCents: 100_000 }]);
    expect(eventsOf('56/2026')).toEqual([
      { kind: 'partial_payment', date: '2026-11-20', amountCents: 50_000 },
    ]);
    // Nothing reopened, so nothing for `bank unreflected` to settle.
    const unreflected = await b.call('bank.unreflected', {});
    expect(unreflected.ok && unreflected.data).toEqual([]);
  });

  it('a lower residual is a further payment, and an export that closes a bank-paid item keeps the bank date', async () => {
    await ledgerPaidFromTheBank();
    await applySync(
      b.ctx.db,
      snapshot('2026-11-25', [row(2, '101/2026', 122_000), row(3, '56/2026', 70_000)]),
    );
    // The export of the 30th has caught up with 101/2026 (paid: residual 0) and shows 56/2026 at
    // 100.00, below the ledger's 200.00: 100.00 more was paid, dated on the snapshot.
    const r = await applySync(
      b.ctx.db,
      snapshot('2026-11-30', [row(2, '101/2026', 0), row(3, '56/2026', 10_000)]),
    );
    expect((r.warnings ?? []).filter((w) => /paid from the bank/.test(w.message))).toEqual([]);
    expect(r).toMatchObject({ paymentsCents: 10_000, items: { changed: 1, closed: 0, reopened: 0 } });
    expect(item('101/2026')).toMatchObject({ residualCents: 0, status: 'closed', closedOn: '2026-11-20' });
    expect(eventsOf('101/2026')).toEqual([{ kind: 'payment', date: '2026-11-20', amountCents: 122_000 }]);
    expect(item('56/2026')).toMatchObject({ residualCents: 10_000, status: 'open' });
    expect(eventsOf('56/2026')).toEqual([
      { kind: 'partial_payment', date: '2026-11-20', amountCents: 50_000 },
      { kind: 'partial_payment', date: '2026-11-30', amountCents: 10_000 },
    ]);
    // From now on the export is ahead of the bank for 56/2026: showing 700.00 again is an increase
    // in the accounts (the import's change came after the bank's payment), applied as usual.
    const again = await applySync(
      b.ctx.db,
      snapshot('2026-12-01', [row(2, '101/2026', 0), row(3, '56/2026', 70_000)]),
    );
    expect((again.warnings ?? []).filter((w) => /paid from the bank/.test(w.message))).toEqual([]);
    expect(item('56/2026')).toMatchObject({ residualCents: 70_000 });
  });

  it('an export showing more than the item owed before the bank paid is applied, and the bank payment it undoes is reported', async () => {
    await ledgerPaidFromTheBank();
    // 101/2026 shows 1,300.00: not the export lagging (it owed 1,220.00), a change in the accounts.
    const raised = row(2, '101/2026', 130_000);
    raised.amountCents = 130_000;
    const r = await applySync(b.ctx.db, snapshot('2026-11-25', [raised, row(3, '56/2026', 20_000)]));
    expect((r.warnings ?? []).filter((w) => /paid from the bank/.test(w.message))).toEqual([]);
    expect(r).toMatchObject({ items: { reopened: 1 }, reversalsCents: 122_000 });
    expect(item('101/2026')).toMatchObject({ residualCents: 130_000, status: 'open' });
    const unreflected = await b.call('bank.unreflected', {});
    expect(unreflected.ok && unreflected.data).toMatchObject([
      { documentNumber: '101/2026', bookingDate: '2026-11-20' },
    ]);
  });

  it('once an export has caught up with the bank, raising the residual again is a change in the accounts, reported against the bank payment', async () => {
    await ledgerPaidFromTheBank();
    // The export of the 25th has caught up: 101/2026 paid (0), 56/2026 at the bank's 200.00.
    const caughtUp = await applySync(
      b.ctx.db,
      snapshot('2026-11-25', [row(2, '101/2026', 0), row(3, '56/2026', 20_000)]),
    );
    expect(caughtUp.batch).not.toBeNull();
    // The accounts of the 30th owe 1,220.00 and 700.00 again (the credits were booked elsewhere,
    // or reversed): not the export lagging any more — applied, and the bank payments contradicted.
    const raised = snapshot('2026-11-30', [row(2, '101/2026', 122_000), row(3, '56/2026', 70_000)]);
    const r = await applySync(b.ctx.db, raised);
    expect((r.warnings ?? []).filter((w) => /paid from the bank/.test(w.message))).toEqual([]);
    expect(r).toMatchObject({ items: { reopened: 1, changed: 1 }, reversalsCents: 122_000 });
    expect(item('101/2026')).toMatchObject({ residualCents: 122_000, status: 'open' });
    expect(item('56/2026')).toMatchObject({ residualCents: 70_000, status: 'open' });
    const unreflected = await b.call('bank.unreflected', {});
    expect(unreflected.ok).toBe(true);
    const docs = (unreflected.ok ? (unreflected.data as { documentNumber: string }[]) : []).map(
      (u) => u.documentNumber,
    );
    expect(docs.sort()).toEqual(['101/2026', '56/2026']);

    // Undo the 30th and the 25th: the bank payments await the export again, so the same raise is lag.
    await undoBatch(b.ctx.db, undefined, null, '2026-12-01T09:00:00.000Z');
    await undoBatch(b.ctx.db, undefined, null, '2026-12-01T09:01:00.000Z');
    const lagging = await applySync(b.ctx.db, { ...raised, file: { ...raised.file, sha256: 'sha-again' } });
    expect(lagging).toMatchObject({ items: { reopened: 0, changed: 0, unchanged: 2 } });
    expect((lagging.warnings ?? []).filter((w) => /paid from the bank/.test(w.message))).toHaveLength(2);
    expect(item('101/2026')).toMatchObject({ residualCents: 0, status: 'closed' });
  });

  it('a snapshot that no longer lists a bank-paid closed item reflects its payment', async () => {
    await ledgerPaidFromTheBank();
    // 55/2026 (paid in full by the bank) is gone from the export of the 25th: the accounts have it paid.
    await applySync(
      b.ctx.db,
      snapshot('2026-11-25', [row(2, '101/2026', 122_000), row(3, '56/2026', 70_000)]),
    );
    // Listed again on the 30th at 1,000.00: a change in the accounts, not the export lagging.
    const r = await applySync(
      b.ctx.db,
      snapshot('2026-11-30', [
        row(2, '101/2026', 122_000),
        row(3, '55/2026', 100_000),
        row(4, '56/2026', 70_000),
      ]),
    );
    expect(r.items).toMatchObject({ reopened: 1 });
    expect(item('55/2026')).toMatchObject({ residualCents: 100_000, status: 'open' });
    // The two the export still lags behind stay paid, with their warning.
    expect((r.warnings ?? []).filter((w) => /paid from the bank/.test(w.message))).toHaveLength(2);
    expect(item('101/2026')).toMatchObject({ residualCents: 0, status: 'closed' });
  });
});
