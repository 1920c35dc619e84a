/**
 * `bank.import` as a long job: in a worker thread on the desktop and in browser mode (progress
 * streams while it runs, cancel rolls it back), in-process for the CLI — and in-process too for a
 * bundled build that has not said where the built worker is (`configureBankWorker`).
 */
import type { Worker } from 'node:worker_threads';
import type { OpenOptions } from '../../../../db/open.ts';
import type { BankImportResult } from '../../../../shared/api/contracts/bank.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { CallContext } from '../../context.ts';
import { startWorker, watchWorker } from '../common/workers.ts';
import { type BankImportInput, importBankFile } from './sync.ts';
import type { BankWorkerData, BankWorkerMessage } from './worker.ts';

let bundled: { entry: string; openOptions?: Pick<OpenOptions, 'migrationsFolder' | 'nativeBinding'> } | null =
  null;

/** For bundled builds (Electron main): the built worker file (services/bank/worker.ts) and how it opens the ledger. */
export function configureBankWorker(config: {
  entry: string;
  openOptions?: Pick<OpenOptions, 'migrationsFolder' | 'nativeBinding'>;
}): void {
  bundled = config;
}

function startBankWorker(data: BankWorkerData): Worker | null {
  return startWorker(
    { built: bundled?.entry ?? null, file: './worker.ts', from: import.meta.url },
    bundled ? { ...data, openOptions: bundled.openOptions ?? {} } : data,
  );
}

export function runBankImport(
  call: Pick<CallContext, 'signal' | 'progress'> & { app: { db: CallContext['app']['db']; dbPath: string } },
  input: Omit<BankImportInput, 'onProgress'>,
  options: { worker: boolean },
): Promise<BankImportResult> {
  const inProcess = () =>
    importBankFile(call.app.db, {
      ...input,
      onProgress: (done, total) => {
        if (call.signal.aborted) throw new AppError('CANCELLED', 'Import cancelled: nothing was written.');
        call.progress('match', done, total);
      },
    });
  if (!options.worker) return Promise.resolve().then(inProcess);
  const control = new Int32Array(new SharedArrayBuffer(4));
  const worker = startBankWorker({
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
