/**
 * A letter rendering worker thread: renders the chunks of a batch its parent sends, one at a
 * time, off the UI thread, with pdfmake and the parsed fonts set up once for all of them. It has
 * no ledger connection, so the parent may stop it at any moment to cancel (render-job.ts). Entry
 * point of its own (bundle it as a separate file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setLetterAssets } from './assets.ts';
import { renderChunk } from './batch-render.ts';
import type { RenderWorkerData, RenderWorkerMessage, RenderWorkerRequest } from './render-protocol.ts';

function serve(port: NonNullable<typeof parentPort>, data: RenderWorkerData): void {
  const post = (m: RenderWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  setLetterAssets(data.assets);
  // One chunk at a time, in the order sent.
  let queue = Promise.resolve();
  port.on('message', (req: RenderWorkerRequest) => {
    queue = queue.then(async () => {
      if (req.type === 'end') {
        post({ type: 'done' });
        port.close();
        return;
      }
      try {
        const r = await renderChunk(req.models, req.first, data.images, data.outDir, {
          cancelled: () => false,
          letterDone: () => post({ type: 'letter' }),
        });
        // The chunk's PDF moves to the parent without a copy.
        const pdf = new Uint8Array(r.pdf);
        post({ type: 'chunk', chunk: req.chunk, files: r.files, pdf }, [pdf.buffer as ArrayBuffer]);
      } catch (err) {
        post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
}

if (parentPort) serve(parentPort, workerData as RenderWorkerData);
