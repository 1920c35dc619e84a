/**
 * Runs a batch's rendering: the letters go in chunks of consecutive letters to worker threads,
 * one per core (os.availableParallelism(), at most MAX_WORKERS), each with pdfmake and its parsed
 * fonts set up once; each chunk comes back as its letters' files plus its PDF, appended to the
 * merged PDF in the batch's order (batch-render.ts). The app always renders in workers (the UI
 * thread stays free, progress streams); the CLI renders in-process when one core would do the
 * work anyway (a small batch, a one-core machine). Cancel stops the workers outright — they hold
 * no ledger connection — or, in-process, stops between letters.
 *
 * The worker starts as every worker does (services/common/workers.ts): from source through tsx;
 * a bundled build emits render-worker.ts as its own entry and names the built file in
 * createBackend's config (`workers.letters`), which the batch passes here with the letter assets.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import type { BackendConfig } from '../../config.ts';
import { startWorker, watchWorker } from '../common/workers.ts';
import {
  type BatchFiles,
  MERGED_FILE,
  MergedPdf,
  RenderCancelled,
  type RenderedChunk,
  renderChunk,
} from './batch-render.ts';
import type { LetterImages } from './load.ts';
import { letterInfo } from './pdf.ts';
import type { RenderWorkerData, RenderWorkerMessage, RenderWorkerRequest } from './render-protocol.ts';

/**
 * Each worker holds pdfmake, its parsed fonts and a chunk (~180 MB from source): two keep a
 * 1,000-letter batch under 800 MB at its peak (measured 560 MB) on any machine, and already
 * make it about twice as fast as one.
 */
const MAX_WORKERS = 2;
/** A worker is worth starting for this many letters (it takes a moment to load pdfmake). */
const LETTERS_PER_WORKER = 20;
/**
 * Letters per chunk at most: bounds a worker's memory and the merged file's copies of the fonts
 * (one per chunk); each chunk costs a document's set-up and font subsets (~80 ms).
 */
const MAX_CHUNK = 50;
/** Progress from the workers at most this often. */
const PROGRESS_EVERY_MS = 100;

export interface RenderJobOptions {
  /** The app: render off this thread even when one worker does it all. */
  worker: boolean;
  signal: AbortSignal;
  progress: (phase: string, done: number, total: number) => void;
  /** The bundle's worker file and the fonts the workers embed (the backend's config). */
  config: Pick<BackendConfig, 'workers' | 'letterAssets'>;
}

/** Renders one chunk at a time somewhere: in a worker thread or in this one. */
interface Renderer {
  render(chunk: number, first: number, models: LetterModel[]): Promise<RenderedChunk>;
  close(): Promise<void>;
}

function workerRenderer(built: string | null, data: RenderWorkerData, onLetter: () => void): Renderer {
  const worker: Worker | null = startWorker(
    { built, file: './render-worker.ts', from: import.meta.url },
    data,
  );
  if (!worker) throw new Error('The letter worker is not configured for this build (workers.letters).');
  let pending: { resolve: (r: RenderedChunk) => void; reject: (e: Error) => void } | null = null;
  const { result, stop } = watchWorker(worker, {
    name: 'The letter worker',
    read: (m: RenderWorkerMessage) => {
      if (m.type === 'letter') onLetter();
      else if (m.type === 'chunk') {
        pending?.resolve({ files: m.files, pdf: m.pdf });
        pending = null;
      } else if (m.type === 'done') return { done: undefined };
      else return { error: new Error(m.message) };
      return null;
    },
    exitError: (message) => new Error(message),
  });
  // The worker's end (an error, an exit, a stop) fails the chunk it was rendering.
  const ended = result.then(
    () => {
      pending?.reject(new Error('The letter worker ended before its chunk was rendered.'));
    },
    (err: Error) => {
      pending?.reject(err);
    },
  );
  return {
    render: (chunk, first, models) =>
      new Promise<RenderedChunk>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ type: 'chunk', chunk, first, models } satisfies RenderWorkerRequest);
      }),
    close: async () => {
      if (pending) stop(new RenderCancelled());
      else worker.postMessage({ type: 'end' } satisfies RenderWorkerRequest);
      await ended;
    },
  };
}

function inProcessRenderer(
  images: LetterImages,
  outDir: string,
  signal: AbortSignal,
  onLetter: () => void,
): Renderer {
  return {
    render: (_chunk, first, models) =>
      renderChunk(models, first, images, outDir, { cancelled: () => signal.aborted, letterDone: onLetter }),
    close: async () => {},
  };
}

/** How many workers, and how many letters per chunk, for a batch of `n`. */
export function batchPlan(n: number): { workers: number; chunk: number } {
  const workers = Math.max(
    1,
    Math.min(os.availableParallelism(), MAX_WORKERS, Math.floor(n / LETTERS_PER_WORKER)),
  );
  // Several chunks per worker: the last one to finish does not wait long alone, and a cancel
  // shows the letters done so far.
  return { workers, chunk: Math.max(1, Math.min(MAX_CHUNK, Math.ceil(n / (workers * 4)))) };
}

/** Renders into `outDir`; rejects with RenderCancelled when the signal fires first. */
export async function renderBatch(
  models: LetterModel[],
  images: LetterImages,
  outDir: string,
  opts: RenderJobOptions,
): Promise<BatchFiles> {
  const n = models.length;
  const plan = batchPlan(n);
  const inWorkers = opts.worker || plan.workers > 1;
  const chunks: { first: number; models: LetterModel[] }[] = [];
  for (let first = 0; first < n; first += plan.chunk)
    chunks.push({ first, models: models.slice(first, first + plan.chunk) });

  let done = 0;
  let reported = 0;
  const onLetter = () => {
    done++;
    const now = performance.now();
    if (!inWorkers || done === n || now - reported >= PROGRESS_EVERY_MS) {
      reported = now;
      if (!opts.signal.aborted) opts.progress('letters', done, n);
    }
  };
  const data: RenderWorkerData = { images, outDir, assets: opts.config.letterAssets };
  const built = opts.config.workers.letters ?? null;
  const renderers: Renderer[] = inWorkers
    ? Array.from({ length: plan.workers }, () => workerRenderer(built, data, onLetter))
    : [inProcessRenderer(images, outDir, opts.signal, onLetter)];

  const merged = new MergedPdf(
    path.join(outDir, MERGED_FILE),
    letterInfo(models.map((model) => ({ model, qr: null }))),
  );
  const files: RenderedChunk['files'][] = [];
  let next = 0;
  let stopped = false;
  const cancel = () => {
    stopped = true;
    for (const r of renderers) void r.close();
  };
  opts.signal.addEventListener('abort', cancel);
  try {
    // Each renderer takes the next chunk as soon as it is free.
    await Promise.all(
      renderers.map(async (r) => {
        while (!stopped && next < chunks.length) {
          if (opts.signal.aborted) throw new RenderCancelled();
          const c = next++;
          const chunk = chunks[c] as (typeof chunks)[number];
          const out = await r.render(c, chunk.first, chunk.models);
          files[c] = out.files;
          merged.add(c, out.pdf);
        }
      }),
    );
    if (opts.signal.aborted) throw new RenderCancelled();
    opts.progress('merge', 0, 1);
    const mergedFile = merged.finish(chunks.length);
    opts.progress('merge', 1, 1);
    return { files: files.flat(), merged: mergedFile };
  } catch (err) {
    throw opts.signal.aborted ? new RenderCancelled() : err;
  } finally {
    stopped = true;
    opts.signal.removeEventListener('abort', cancel);
    merged.close();
    await Promise.all(renderers.map((r) => r.close()));
  }
}
