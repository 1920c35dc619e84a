/**
 * The master-data and e-invoice jobs in a worker thread: the import worker's entry
 * (services/import/worker.ts) hands a `kindJob` here, so the bundle needs no entry of its own.
 * The thread reads the staged file, then opens its own connection to the ledger; a cancel while
 * it is still reading stops it (the control protocol of services/import/worker-protocol.ts).
 */
import fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { closeLedger, type Ledger, type OpenOptions, openLedger } from '../../../../db/open.ts';
import { type ApiErrorBody, AppError } from '../../../../shared/api/errors.ts';
import { CANCELLED, READING, STATE, WRITING } from '../import/worker-protocol.ts';
import { type KindJob, type KindOutcome, runKindJob } from './run.ts';

export interface KindWorkerData {
  kindJob: KindJob;
  dbPath: string;
  openOptions?: OpenOptions;
  stagedPath: string;
  /** Int32Array(2) over a SharedArrayBuffer: [STATE, CANCEL]. */
  control: SharedArrayBuffer;
}

export type KindWorkerMessage =
  | { type: 'done'; outcome: KindOutcome }
  | { type: 'error'; error: ApiErrorBody };

export function kindWorkerMain(port: Pick<MessagePort, 'postMessage'>, data: KindWorkerData): void {
  const control = new Int32Array(data.control);
  const post = (m: KindWorkerMessage) => port.postMessage(m);
  const opened: { db?: Ledger } = {};
  try {
    const outcome = runKindJob(data.kindJob, fs.readFileSync(data.stagedPath), () => {
      if (Atomics.compareExchange(control, STATE, READING, WRITING) === CANCELLED) {
        throw new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.');
      }
      opened.db ??= openLedger(data.dbPath, data.openOptions ?? {});
      return opened.db;
    });
    post({ type: 'done', outcome });
  } catch (err) {
    post({
      type: 'error',
      error:
        err instanceof AppError
          ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
          : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
    });
  } finally {
    if (opened.db) closeLedger(opened.db);
  }
}
