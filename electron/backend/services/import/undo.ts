/**
 * Undo of the latest import still in force: restores the before-images of the rows it changed,
 * deletes its events and the rows it created, marks the batch undone — one transaction with its
 * audit row. Batches are undone newest first, one at a time, so every before-image is exact.
 */
import type { Ledger } from '../../../../db/open.ts';
import { clearBankPaymentsReflected } from '../../../../db/queries/bank.ts';
import { discardUntouchedDunning } from '../../../../db/queries/dunning.ts';
import {
  batchChanges,
  getBatch,
  latestEffectiveBatchId,
  markBatchUndone,
  revertBatchRows,
} from '../../../../db/queries/imports.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { auditAs } from '../common/audit.ts';
import { type ImportBatch, toImportBatch } from './batches.ts';

function isForeignKeyError(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export async function undoBatch(
  db: Ledger,
  batchId: number | undefined,
  user: { id: number; name: string } | null,
  at: string,
): Promise<ImportBatch> {
  return await inTransaction(
    db,
    async () => {
      const latest = await latestEffectiveBatchId(db);
      const id = batchId ?? latest;
      if (id === null) throw new AppError('NOT_FOUND', 'There is no import to undo.');
      const batch = await getBatch(db, id);
      if (!batch) throw new AppError('NOT_FOUND', `There is no import batch ${id}.`);
      if (batch.undoneAt)
        throw new AppError('CONFLICT', `Import batch ${id} was already undone on ${batch.undoneAt}.`);
      if (id !== latest) {
        throw new AppError(
          'CONFLICT',
          `Only the latest import can be undone: undo batch ${latest} first (imports are undone newest first).`,
        );
      }
      try {
        await discardUntouchedDunning(db, id);
        await revertBatchRows(db, id, await batchChanges(db, id));
        // The bank payments it reflected await the export again.
        await clearBankPaymentsReflected(db, id);
      } catch (err) {
        if (isForeignKeyError(err)) {
          throw new AppError(
            'CONFLICT',
            `Import batch ${id} cannot be undone: customers or items it created are referenced by later work (cases, disputes, contacts…).`,
          );
        }
        throw err;
      }
      await markBatchUndone(db, id, at);
      const undone = toImportBatch({ ...batch, undoneAt: at });
      await auditAs(db, user, {
        at,
        action: 'imports.undo',
        entity: 'import_batch',
        entityId: id,
        before: toImportBatch(batch),
        after: { undoneAt: at },
      });
      return undone;
    },
    { behavior: 'immediate' },
  );
}
