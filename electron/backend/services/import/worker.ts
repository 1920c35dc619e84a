/**
 * The import worker thread: reads the staged file, opens its own connection to the ledger and
 * runs the preview or apply there, posting progress; the UI thread stays free. Entry point of
 * its own (bundle it as a separate file, see job.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/api/errors.ts';
import { progressPoster, runWorkerJob } from '../common/workers.ts';
import { type KindWorkerData, kindWorkerMain } from '../import-kinds/worker.ts';
import { runImport } from './run.ts';
import { type ImportWorkerData, type ImportWorkerMessage, SLOT, STATE } from './worker-protocol.ts';

function main(port: NonNullable<typeof parentPort>, data: ImportWorkerData): void {
  const control = new Int32Array(data.control);
  const post = progressPoster<ImportWorkerMessage>(port);
  void runWorkerJob(
    port,
    data,
    async (open) =>
      await runImport(
        // The staged file itself: a CSV is read from disk a chunk at a time (read/disk-file.ts).
        { path: data.stagedPath },
        data.request,
        () => {
          if (
            Atomics.compareExchange(control, SLOT.STATE, STATE.READING, STATE.WRITING) === STATE.CANCELLED
          ) {
            throw new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.');
          }
          return open();
        },
        {
          cancelled: () => Atomics.load(control, SLOT.CANCEL) === 1,
          progress: (phase, done, total) => post({ type: 'progress', phase, done, total }, done >= total),
        },
      ),
    (outcome): ImportWorkerMessage => ({ type: 'done', outcome }),
  );
}

if (parentPort) {
  // Master-data and e-invoice jobs share this entry (services/import-kinds/worker.ts).
  if ('kindJob' in (workerData as object)) kindWorkerMain(parentPort, workerData as KindWorkerData);
  else main(parentPort, workerData as ImportWorkerData);
}
