/**
 * The import worker thread: reads the staged file, opens its own connection to the ledger and
 * runs the preview or apply there, posting progress; the UI thread stays free. Entry point of
 * its own (bundle it as a separate file, see job.ts).
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { closeLedger, type Ledger, openLedger } from '../../../../db/open.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type KindWorkerData, kindWorkerMain } from '../import-kinds/worker.ts';
import { runImport } from './run.ts';
import {
  CANCEL,
  CANCELLED,
  type ImportWorkerData,
  type ImportWorkerMessage,
  READING,
  STATE,
  WRITING,
} from './worker-protocol.ts';

const PROGRESS_EVERY_MS = 100;

function main(port: NonNullable<typeof parentPort>, data: ImportWorkerData): void {
  const control = new Int32Array(data.control);
  const post = (m: ImportWorkerMessage) => port.postMessage(m);
  // Held in an object: it is set inside a callback, which control-flow narrowing does not see.
  const opened: { db?: Ledger } = {};
  const close = () => {
    if (opened.db) closeLedger(opened.db);
    opened.db = undefined;
  };
  let last = 0;
  try {
    const bytes = fs.readFileSync(data.stagedPath);
    const outcome = runImport(
      bytes,
      data.request,
      () => {
        if (Atomics.compareExchange(control, STATE, READING, WRITING) === CANCELLED) {
          throw new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.');
        }
        opened.db = openLedger(data.dbPath, data.openOptions ?? {});
        return opened.db;
      },
      {
        cancelled: () => Atomics.load(control, CANCEL) === 1,
        progress: (phase, done, total) => {
          const now = Date.now();
          if (done < total && now - last < PROGRESS_EVERY_MS) return;
          last = now;
          post({ type: 'progress', phase, done, total });
        },
      },
    );
    close();
    post({ type: 'done', outcome });
  } catch (err) {
    close();
    post({
      type: 'error',
      error:
        err instanceof AppError
          ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
          : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
    });
  }
}

if (parentPort) {
  // Master-data and e-invoice jobs share this entry (services/import-kinds/worker.ts).
  if ('kindJob' in (workerData as object)) kindWorkerMain(parentPort, workerData as KindWorkerData);
  else main(parentPort, workerData as ImportWorkerData);
}
