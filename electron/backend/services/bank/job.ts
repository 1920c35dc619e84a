/**
 * `bank.import` as a long job: in a worker thread on the desktop and in browser mode (progress
 * streams while it runs, cancel rolls it back), in-process for the CLI — and in-process too for a
 * bundled build that has not said where the built worker is (createBackend's `workers.bank`).
 */
import type { Worker } from 'node:worker_threads';
import type { BankImportResult } from '../../../../shared/api/contracts/bank.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { CallContext } from '../../context.ts';
import { startWorker, type WorkerHost, watchWorker, workerOpenOptions } from '../common/workers.ts';
import { type BankImportInput, importBankFile } from './sync.ts';
import type { BankWorkerData, BankWorkerMessage } from './worker.ts';

function startBankWorker(app: WorkerHost, data: BankWorkerData): Worker | null {
  const built = app.config.workers.bank ?? null;
  return startWorker(
    { built, file: './worker.ts', from: import.meta.url },
    built ? { ...data, openOptions: workerOpenOptions(app) } : data,
  );
}

export function runBankImport(
  call: Pick<CallContext, 'signal' | 'progress'> & {
    app: WorkerHost & { db: CallContext['app']['db']; dbPath: string };
  },
  input: Omit<BankImportInput, 'onProgress'>,
  options: { worker: boolean },
): Promise<BankImportResult> {
  const inProcess = async () =>
    await importBankFile(call.app.db, {
      ...input,
      onProgress: (done, total) => {
        if (call.signal.aborted) throw new AppError('CANCELLED', 'Import cancelled: nothing was written.');
        call.progress('match', done, total);
      },
    });
  if (!options.worker) return Promise.resolve().then(inProcess);
  const control = new Int32Array(new SharedArrayBuffer(4));
  const worker = startBankWorker(call.app, {
    dbPath: call.app.dbPath,
    input: { ...input, data: new Uint8Array(input.data) },
    control: control.buffer as SharedArrayBuffer,
  });
  if (!worker) return Promise.resolve().then(inProcess);
  return watchWorker<BankWorkerMessage, BankImportResult>(worker, {
    name: 'The bank import worker',
    read: (m: BankWorkerMessage) => {
      if (m.type === 'progress') call.progress('match', m.done, m.total);
      else if (m.type === 'done') return { done: m.result };
      else return { error: new AppError(m.error.code, m.error.message, m.error.details) };
      return null;
    },
    signal: call.signal,
    // The worker sees the flag at its next entry, rolls back and answers CANCELLED.
    onAbort: () => Atomics.store(control, 0, 1),
  }).result;
}
