/**
 * The master-data and e-invoice jobs in a worker thread: the import worker's entry
 * (services/import/worker.ts) hands a `kindJob` here, so the bundle needs no entry of its own.
 * The thread reads the staged file, then opens its own connection to the ledger; a cancel while
 * it is still reading stops it (the control protocol of services/import/worker-protocol.ts).
 */
import fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { OpenOptions } from '../../../../db/open.ts';
import { type ApiErrorBody, AppError } from '../../../../shared/api/errors.ts';
import { runWorkerJob } from '../common/workers.ts';
import { SLOT, STATE } from '../import/worker-protocol.ts';
import { type KindJob, type KindOutcome, runKindJob } from './run.ts';

export interface KindWorkerData {
  kindJob: KindJob;
  dbPath: string;
  openOptions?: OpenOptions;
  stagedPath: string;
  /** Int32Array(2) over a SharedArrayBuffer: [SLOT.STATE, SLOT.CANCEL]. */
  control: SharedArrayBuffer;
}

export type KindWorkerMessage =
  | { type: 'done'; outcome: KindOutcome }
  | { type: 'error'; error: ApiErrorBody };

export function kindWorkerMain(port: Pick<MessagePort, 'postMessage'>, data: KindWorkerData): void {
  const control = new Int32Array(data.control);
  void runWorkerJob(
    port,
    data,
    async (open) =>
      await runKindJob(data.kindJob, fs.readFileSync(data.stagedPath), () => {
        if (Atomics.compareExchange(control, SLOT.STATE, STATE.READING, STATE.WRITING) === STATE.CANCELLED) {
          throw new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.');
        }
        return open();
      }),
    (outcome): KindWorkerMessage => ({ type: 'done', outcome }),
  );
}
