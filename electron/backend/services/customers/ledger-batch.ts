/**
 * One import batch beside the open-items snapshot (customer master data, e-invoices): the writes
 * and the batch record in one IMMEDIATE transaction with its audit row; a dry run does everything
 * and rolls back. The batch keeps the ledger's as-of date (these imports add to the ledger, they
 * do not describe it at a new date), so `imports`, undo and the figures treat it like any other.
 */
import type { Ledger } from '../../../../db/open.ts';
import { createImportWriter, type ImportWriter } from '../../../../db/queries/imports.ts';
import { ledgerAsOf, ledgerSummary } from '../../../../db/queries/summary.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { auditAs } from '../common/audit.ts';
import { withDryRun } from '../common/dry-run.ts';

export interface BatchCounts {
  rows: { read: number; imported: number; skipped: number };
  customers: { new: number; updated: number };
  items: { new: number; changed: number; closed: number; reopened: number; unchanged: number };
}

export interface KindBatch {
  action: 'masterData.apply' | 'eInvoices.apply';
  fileName: string;
  sha256: string;
  /** `customers/xlsx`, `fatturapa/zip`…: what the import history shows. */
  format: string;
  counts: BatchCounts;
  /** Extra figures for the audit row. */
  details: Record<string, unknown>;
  user: { id: number; name: string } | null;
  at: string;
  today: IsoDate;
}

/**
 * The batch of a file a kind's import read: the file as read (name, sha256, and its format under the
 * kind's prefix, `customers/xlsx`), who imports it and when.
 */
export function kindBatchOf(
  action: KindBatch['action'],
  kind: 'customers' | 'fatturapa',
  read: { fileName: string; sha256: string; format: string },
  o: Pick<KindBatch, 'user' | 'at' | 'today'>,
): Omit<KindBatch, 'counts' | 'details'> {
  return {
    action,
    fileName: read.fileName,
    sha256: read.sha256,
    format: `${kind}/${read.format}`,
    user: o.user,
    at: o.at,
    today: o.today,
  };
}

export interface LedgerTotals {
  customers: number;
  items: number;
  residualCents: number;
  overdueCents: number;
}

/**
 * Runs `plan` then, when it has something to write, `write` with a new batch id — all in one
 * transaction. `plan` runs inside it too, so what is compared is what is written.
 */
export async function runKindBatch<P>(
  db: Ledger,
  batch: Omit<KindBatch, 'counts' | 'details'>,
  plan: () => Promise<P & { counts: BatchCounts; details: Record<string, unknown>; writes: boolean }>,
  write: (p: P, w: ImportWriter, batchId: number, asOf: IsoDate) => Promise<void> | void,
  options: { dryRun: boolean },
): Promise<{ batch: number | null; plan: P; totals: LedgerTotals }> {
  return await withDryRun(
    db,
    async (rollback) => {
      const p = await plan();
      const asOf = (await ledgerAsOf(db)) ?? batch.today;
      let batchId: number | null = null;
      if (p.writes) {
        const w = createImportWriter(db);
        batchId = w.batch({
          fileName: batch.fileName,
          sha256: batch.sha256,
          format: batch.format,
          sheet: null,
          headerRow: null,
          asOf,
          mode: 'incremental',
          counts: { ...p.counts, creditNotesClosed: 0, paymentsCents: 0, reversalsCents: 0, ...p.details },
          userId: batch.user?.id ?? null,
          createdAt: batch.at,
        });
        await write(p, w, batchId, asOf);
      }
      const s = await ledgerSummary(db, asOf);
      const totals = {
        customers: s.customers,
        items: s.items,
        residualCents: s.residualCents,
        overdueCents: s.overdueCents,
      };
      if (options.dryRun) rollback({ batch: null, plan: p as P, totals });
      await auditAs(db, batch.user, {
        at: batch.at,
        action: batch.action,
        entity: 'import_batch',
        entityId: batchId,
        after: {
          file: batch.fileName,
          sha256: batch.sha256,
          format: batch.format,
          ...p.counts,
          ...p.details,
          ...(batchId === null ? { note: 'nothing to change: no batch recorded' } : {}),
        },
      });
      return { batch: batchId, plan: p as P, totals };
    },
    { behavior: 'immediate' },
  );
}
