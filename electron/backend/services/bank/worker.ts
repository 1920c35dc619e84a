/**
 * The bank import's worker thread: opens its own connection to the ledger and runs the import
 * there, posting progress; the UI thread stays free and a cancel (shared memory: the import is
 * synchronous and would not see a message) rolls the transaction back. Entry point of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { OpenOptions } from '../../../../db/open.ts';
import type { BankImportResult } from '../../../../shared/api/contracts/bank.ts';
import { type ApiErrorBody, AppError } from '../../../../shared/api/errors.ts';
import { progressPoster, runWorkerJob } from '../common/workers.ts';
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

function main(port: NonNullable<typeof parentPort>, data: BankWorkerData): void {
  const control = new Int32Array(data.control);
  const progress = progressPoster<BankWorkerMessage>(port);
  void runWorkerJob(
    port,
    data,
    async (open) =>
      await importBankFile(open(), {
        ...data.input,
        data: Buffer.from(data.input.data),
        onProgress: (done, total) => {
          if (Atomics.load(control, 0) === 1)
            throw new AppError('CANCELLED', 'Import cancelled: nothing was written.');
          progress({ type: 'progress', done, total });
        },
      }),
    (result): BankWorkerMessage => ({ type: 'done', result }),
  );
}

if (parentPort && workerData && 'control' in (workerData as object) && 'input' in (workerData as object))
  main(parentPort, workerData as BankWorkerData);
