/**
 * Worker threads, the one way every long job uses them (imports and their kinds, bank statements,
 * letter batches, report exports): how the main thread starts one, and how a worker's entry runs
 * its job on its own ledger connection and posts the outcome.
 *
 * A bundled build emits each worker as its own entry and says where the built file is (the
 * `configure…Worker` / `set…WorkerEntry` calls in electron/main.ts); from source (development,
 * tests) the worker's .ts file is booted through tsx's API: on Node 20 a Worker on a .ts file with
 * `execArgv: ['--import', 'tsx']` fails ("Unknown file extension .ts": the hooks are not in place
 * before the entry loads), while registering tsx inside the thread and then importing works.
 */
import fs from 'node:fs';
import { type MessagePort, Worker } from 'node:worker_threads';
import { closeLedger, type Ledger, type OpenOptions, openLedger } from '../../../../db/open.ts';
import { type ApiErrorBody, AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext } from '../../context.ts';

const TSX_BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsx.api).then((api) => { api.register(); return import(workerData.tsx.entry); });`;

export interface WorkerEntry {
  /** The built worker file, when a bundled build has said where it is. */
  built: string | null;
  /** The worker's source file, relative to `from` (e.g. './worker.ts'). */
  file: string;
  /** The caller's `import.meta.url` (absent in a CommonJS bundle, which must give `built`). */
  from: string | undefined;
}

/** What starting a worker needs of the backend: the bundle's worker files, how it opens the ledger. */
export type WorkerHost = Pick<BackendContext, 'config' | 'migrationsFolder' | 'nativeBinding'>;

/**
 * How a bundle's worker opens its own ledger connection: with the app's migrations folder and
 * native binding (from source the defaults are right, and the jobs send none).
 */
export function workerOpenOptions(app: WorkerHost): Pick<OpenOptions, 'migrationsFolder' | 'nativeBinding'> {
  return {
    migrationsFolder: app.migrationsFolder,
    ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
  };
}

/**
 * Starts the worker on its built file, else from source through tsx; null when there is neither
 * (a bundle whose build did not say where the worker is: the caller decides what that means).
 */
export function startWorker(entry: WorkerEntry, workerData: object): Worker | null {
  if (entry.built) return new Worker(entry.built, { workerData });
  const source = typeof entry.from === 'string' ? new URL(entry.file, entry.from) : null;
  if (!source || !fs.existsSync(source)) return null;
  return new Worker(TSX_BOOT, {
    eval: true,
    workerData: { ...workerData, tsx: { api: import.meta.resolve('tsx/esm/api'), entry: source.href } },
  });
}

export interface WorkerWatch<M, R> {
  /** Names the worker in the error of an unexpected exit ("The import worker"). */
  name: string;
  /** Reads a message: progress (report it, return null), the outcome `{ done }`, or `{ error }`. */
  read: (message: M) => { done: R } | { error: Error } | null;
  /** A cancel: `onAbort` is called with `stop`, which ends the worker and fails with the error given. */
  signal?: AbortSignal;
  onAbort?: (stop: (err: Error) => void) => void;
  /** The error of an unexpected exit (INTERNAL by default). */
  exitError?: (message: string) => Error;
}

/**
 * The outcome of a started worker, settled once: by its outcome message, its error, its exit, or
 * `stop` (which terminates it) — whichever comes first; the abort listener is removed then.
 */
export function watchWorker<M, R>(
  worker: Worker,
  w: WorkerWatch<M, R>,
): { result: Promise<R>; stop: (err: Error) => void } {
  let stop: (err: Error) => void = () => {};
  const result = new Promise<R>((resolve, reject) => {
    let settled = false;
    const onAbort = () => w.onAbort?.(stop);
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      w.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    stop = (err) =>
      settle(() => {
        void worker.terminate();
        reject(err);
      });
    worker.on('message', (m: M) => {
      const read = w.read(m);
      if (!read) return;
      if ('done' in read) settle(() => resolve(read.done));
      else settle(() => reject(read.error));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() => {
        const message = `${w.name} stopped unexpectedly (exit code ${code}).`;
        reject(w.exitError ? w.exitError(message) : new AppError('INTERNAL', message));
      }),
    );
    if (w.signal?.aborted) onAbort();
    else w.signal?.addEventListener('abort', onAbort);
  });
  return { result, stop };
}

/** How often a worker posts its progress at the most: the screen needs no more, and each post costs. */
const PROGRESS_EVERY_MS = 100;

/** Posts a worker's progress at most every 100 ms; a message marked `final` (the last count) always goes. */
export function progressPoster<M>(
  port: Pick<MessagePort, 'postMessage'>,
): (message: M, final?: boolean) => void {
  let last = 0;
  return (message, final = false) => {
    const now = Date.now();
    if (!final && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    port.postMessage(message);
  };
}

/** What a worker posts for a failure: an AppError as it is, anything else as INTERNAL. */
export function errorBody(err: unknown): ApiErrorBody {
  return err instanceof AppError
    ? { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
    : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/**
 * The body of a worker's entry: runs `job`, which opens the ledger through the function it is given
 * only when it starts writing (so a cancel while reading has nothing to roll back), closes that
 * connection, then posts `done(result)` — or `{ type: 'error', error }` when anything failed.
 */
export async function runWorkerJob<T>(
  port: Pick<MessagePort, 'postMessage'>,
  ledger: { dbPath: string; openOptions?: OpenOptions | undefined },
  job: (open: () => Ledger) => Promise<T> | T,
  done: (result: T) => unknown,
): Promise<void> {
  // Held in an object: it is set inside a callback, which control-flow narrowing does not see.
  const opened: { db?: Ledger | undefined } = {};
  const close = () => {
    if (opened.db) closeLedger(opened.db);
    opened.db = undefined;
  };
  try {
    const result = await job(() => {
      opened.db ??= openLedger(ledger.dbPath, ledger.openOptions ?? {});
      return opened.db;
    });
    close();
    port.postMessage(done(result));
  } catch (err) {
    close();
    port.postMessage({ type: 'error', error: errorBody(err) });
  }
}
