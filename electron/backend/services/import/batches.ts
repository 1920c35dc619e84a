/** Import batches as the contract shows them (`imports.list`, the result of `imports.undo`). */
import type { BatchRecord } from '../../../../db/queries/imports.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { ImportCounts } from './plan.ts';

export type ImportBatch = MethodOutput<'imports.undo'>;

export function toImportBatch(b: BatchRecord): ImportBatch {
  const counts = JSON.parse(b.counts) as ImportCounts;
  return {
    id: b.id,
    file: b.fileName,
    sha256: b.sha256,
    format: b.format,
    sheet: b.sheet,
    headerRow: b.headerRow,
    asOf: b.asOf,
    mode: b.mode,
    user: b.userName,
    createdAt: b.createdAt,
    undoneAt: b.undoneAt,
    rows: counts.rows,
    customers: counts.customers,
    items: counts.items,
    creditNotesClosed: counts.creditNotesClosed,
    paymentsCents: counts.paymentsCents,
    reversalsCents: counts.reversalsCents,
  };
}
