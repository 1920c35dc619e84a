/**
 * The report rendering worker thread: lays out the XLSX or PDF off the UI thread, posting
 * progress. It holds no ledger connection and writes no file, so the parent may stop it at any
 * moment to cancel (export.ts). Entry point of its own (bundle it as a separate file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setLetterAssets } from '../letters/assets.ts';
import { renderReport } from './render.ts';
import type { ReportWorkerData, ReportWorkerMessage } from './render-protocol.ts';

async function main(port: NonNullable<typeof parentPort>, input: ReportWorkerData): Promise<void> {
  const post = (m: ReportWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  setLetterAssets(input.assets);
  try {
    const out = await renderReport(input.data, input.format, (done, total) =>
      post({ type: 'progress', done, total }),
    );
    const bytes = new Uint8Array(out.bytes);
    post({ type: 'done', bytes, pages: out.pages, sheets: out.sheets }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort) void main(parentPort, workerData as ReportWorkerData);
