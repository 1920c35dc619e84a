/**
 * The bank import's worker thread: opens its own connection to the ledger and runs the import
 * there, posting progress; the UI thread stays free and a cancel (shared memory: the import is
 * synchronous and would not see a message) rolls the transaction back. Entry point of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeLedger, type Ledger, type OpenOptions, openLedger } from '../../../../db/open.ts';
import type { BankImportResult } from '../../../../shared/api/contracts/bank.ts';
import { type ApiErrorBody, AppError } from '../../../../shared/api/errors.ts';
import { type BankImportInput, importBankFile } from './sync.ts';

export interface BankWorkerData {
  dbPath: string;
  openOptions?: OpenOptions;
  input: Omit<BankImportInput, 'onProgress' | 'data'> & { data: Uint8Array };
  /** Int32Array(1) over a SharedArrayBuffer: [CANCEL]. */
  control: SharedArrayBuffer;
}

export type BankWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: BankImportResult }
  | { type: 'error'; error: ApiErrorBody };

const PROGRESS_EVERY_MS = 100;

function main(port: NonNullable<typeof parentPort>, data: BankWorkerData): void {
  const control = new Int32Array(data.control);
  const post = (m: BankWorkerMessage) => port.postMessage(m);
  let db: Ledger | null = null;
  let last = 0;
  try {
    db = openLedger(data.dbPath, data.openOptions ?? {});
    const result = importBankFile(db, {
      ...data.input,
      data: Buffer.from(data.input.data),
      onProgress: (done, total) => {
        if (Atomics.load(control, 0) === 1)
          throw new AppError('CANCELLED', 'Import cancelled: nothing was written.');
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        post({ type: 'progress', done, total });
      },
    });
    post({ type: 'done', result });
  } catch (err) {
    post({
      type: 'error',
      error:
        err instanceof AppError
          ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
          : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
    });
  } finally {
    if (db) closeLedger(db);
  }
}

if (parentPort && workerData && 'control' in (workerData as object) && 'input' in (workerData as object))
  main(parentPort, workerData as BankWorkerData);
