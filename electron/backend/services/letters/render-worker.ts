/**
 * The letter rendering worker thread: lays out and writes a batch's PDFs off the UI thread,
 * posting progress. It has no ledger connection, so the parent may stop it at any moment to
 * cancel (render-job.ts). Entry point of its own (bundle it as a separate file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setLetterAssets } from './assets.ts';
import { renderBatchFiles } from './batch-render.ts';
import type { RenderWorkerData, RenderWorkerMessage } from './render-protocol.ts';

const PROGRESS_EVERY_MS = 100;

async function main(port: NonNullable<typeof parentPort>, data: RenderWorkerData): Promise<void> {
  const post = (m: RenderWorkerMessage) => port.postMessage(m);
  setLetterAssets(data.assets);
  let last = 0;
  try {
    const result = await renderBatchFiles(
      data.models,
      data.images,
      data.outDir,
      {
        cancelled: () => false,
        progress: (phase, done, total) => {
          const now = Date.now();
          if (done < total && done > 0 && now - last < PROGRESS_EVERY_MS) return;
          last = now;
          post({ type: 'progress', phase, done, total });
        },
      },
      data.parts,
    );
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort) void main(parentPort, workerData as RenderWorkerData);
