/**
 * Runs a batch's rendering in a worker thread (desktop and browser mode: the UI thread stays
 * free, progress streams) or in-process (the CLI). Cancel stops the worker outright — it holds
 * no ledger connection — or, in-process, stops between letters.
 *
 * The worker starts as every worker does (services/common/workers.ts): from source through tsx;
 * a bundled build emits render-worker.ts as its own entry and calls `setRenderWorkerEntry` with
 * the built file's path.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import { startWorker, watchWorker } from '../common/workers.ts';
import { letterAssets } from './assets.ts';
import { type BatchFiles, RenderCancelled, renderBatchFiles } from './batch-render.ts';
import type { LetterImages } from './load.ts';
import type { RenderWorkerData, RenderWorkerMessage } from './render-protocol.ts';

let builtWorker: string | null = null;

export function setRenderWorkerEntry(file: string): void {
  builtWorker = file;
}

function startRenderWorker(data: RenderWorkerData): Worker {
  const worker = startWorker({ built: builtWorker, file: './render-worker.ts', from: import.meta.url }, data);
  if (!worker) throw new Error('The letter worker is not configured for this build (setRenderWorkerEntry).');
  return worker;
}

export interface RenderJobOptions {
  worker: boolean;
  signal: AbortSignal;
  progress: (phase: string, done: number, total: number) => void;
}

type WorkerResult = Extract<RenderWorkerMessage, { type: 'done' }>['result'];

/** Runs one worker; `stop` (set by the caller) terminates it. */
function runWorker(
  data: RenderWorkerData,
  opts: RenderJobOptions,
  stops: (() => void)[],
): Promise<WorkerResult> {
  const { result, stop } = watchWorker(startRenderWorker(data), {
    name: 'The letter worker',
    read: (m: RenderWorkerMessage): { done: WorkerResult } | { error: Error } | null => {
      if (m.type === 'progress') opts.progress(m.phase, m.done, m.total);
      else if (m.type === 'done') return { done: m.result };
      else return { error: new Error(m.message) };
      return null;
    },
    exitError: (message) => new Error(message),
  });
  stops.push(() => stop(new RenderCancelled()));
  return result;
}

/** Below this many letters one worker does both outputs; above, two share the batch. */
const PARALLEL_FROM = 10;

/**
 * The separate files and the merged PDF are independent layouts: on a machine with two cores
 * two workers render them side by side, so the batch takes about as long as the slower one.
 */
async function inWorkers(
  models: LetterModel[],
  images: LetterImages,
  outDir: string,
  opts: RenderJobOptions,
): Promise<BatchFiles> {
  const base = { models, images, outDir, assets: letterAssets() };
  const parallel = models.length >= PARALLEL_FROM && os.availableParallelism() > 1;
  const stops: (() => void)[] = [];
  const onAbort = () => {
    for (const stop of stops) stop();
  };
  opts.signal.addEventListener('abort', onAbort);
  try {
    const jobs = parallel
      ? [
          runWorker({ ...base, parts: { letters: true, merged: false } }, opts, stops),
          runWorker({ ...base, parts: { letters: false, merged: true } }, opts, stops),
        ]
      : [runWorker({ ...base, parts: { letters: true, merged: true } }, opts, stops)];
    if (opts.signal.aborted) onAbort();
    const results = await Promise.all(jobs);
    const merged = results.find((r) => r.merged)?.merged;
    if (!merged) throw new Error('The letter workers produced no merged PDF.');
    return { files: results.flatMap((r) => r.files), merged };
  } catch (err) {
    onAbort();
    throw err;
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
}

/** Renders into `outDir`; rejects with RenderCancelled when the signal fires first. */
export async function renderBatch(
  models: LetterModel[],
  images: LetterImages,
  outDir: string,
  opts: RenderJobOptions,
): Promise<BatchFiles> {
  if (opts.worker) return inWorkers(models, images, outDir, opts);
  const r = await renderBatchFiles(models, images, outDir, {
    progress: opts.progress,
    cancelled: () => opts.signal.aborted,
  });
  if (!r.merged) throw new Error('no merged PDF');
  return { files: r.files, merged: r.merged };
}
