/**
 * `imports.preview` / `imports.apply` as a long job: builds the request from the contract input,
 * then runs it in a worker thread (desktop and browser mode: the UI thread stays responsive,
 * progress streams, cancel rolls back) or in-process (the CLI, which has no UI to keep alive).
 *
 * The worker is `worker.ts`. From source (dev, tests) it is booted through tsx; a bundled build
 * must emit it as its own entry and name the built file in createBackend's config (`workers.import`).
 */
import type { Worker } from 'node:worker_threads';
import { getProfile, listProfiles } from '../../../../db/queries/imports.ts';
import type { ImportMapping, ParsedInput } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { CallContext } from '../../context.ts';
import { startWorker, type WorkerHost, watchWorker, workerOpenOptions } from '../common/workers.ts';
import type { KindWorkerData } from '../import-kinds/worker.ts';
import { replayUnchanged, requestKey } from './replay.ts';
import { type ImportOutcome, type ImportRequest, runImport } from './run.ts';
import { discardStaged, openStaged } from './stage.ts';
import type { ImportPreview, ImportResult } from './sync.ts';
import { type ImportWorkerData, type ImportWorkerMessage, SLOT, STATE } from './worker-protocol.ts';

/** Also runs the master-data and e-invoice jobs (services/import-kinds/worker.ts): one entry, one bundle. */
export function startImportWorker(app: WorkerHost, data: ImportWorkerData | KindWorkerData): Worker {
  const built = app.config.workers.import ?? null;
  const worker = startWorker(
    { built, file: './worker.ts', from: import.meta.url },
    built ? { ...data, openOptions: workerOpenOptions(app) } : data,
  );
  // A bundle has no worker.ts beside it: the build must name the built one (config.workers.import).
  if (!worker)
    throw new AppError('INTERNAL', 'The import worker is not configured for this build (workers.import).');
  return worker;
}

export type ImportOptionsInput = ParsedInput<'imports.apply'>;

/** How the job runs: in a worker unless told otherwise (the CLI runs in-process). */
export interface JobRunOptions {
  worker: boolean;
}

export async function buildRequest(
  call: CallContext,
  kind: 'preview' | 'apply',
  input: ImportOptionsInput,
  fileName: string,
): Promise<ImportRequest> {
  const { app, user } = call;
  let mapping: ImportMapping | undefined = input.mapping;
  if (!mapping && input.profile) {
    const profile = await getProfile(app.db, input.profile);
    if (!profile) throw new AppError('NOT_FOUND', `There is no mapping profile named "${input.profile}".`);
    mapping = profile.mapping;
  }
  const request: ImportRequest = {
    kind,
    fileName,
    read: {
      ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
      ...(input.headerRow !== undefined ? { headerRow: input.headerRow } : {}),
      ...(mapping ? { mapping } : {}),
      profiles: (await listProfiles(app.db)).map((p) => ({
        name: p.name,
        headers: p.headers,
        mapping: p.mapping,
      })),
    },
    ...(input.asOf !== undefined ? { asOf: input.asOf } : {}),
    mode: input.mode,
    confirmClosures: input.confirmClosures,
    dryRun: input.dryRun,
    user: { id: user.id, name: user.name },
    today: app.today(),
    at: app.now(),
  };
  return { ...request, requestKey: requestKey(app.version, request) };
}

/**
 * Runs a job in the worker: an import, or a master-data / e-invoice job (`T` is then its outcome;
 * such a job honours a cancel only while it reads).
 */
export function runInWorker<T = ImportOutcome>(
  data: Omit<ImportWorkerData, 'control'> | Omit<KindWorkerData, 'control'>,
  call: Pick<CallContext, 'signal' | 'progress'> & { app: WorkerHost },
): Promise<T> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const worker = startImportWorker(call.app, { ...data, control: control.buffer });
  return watchWorker<ImportWorkerMessage, T>(worker, {
    name: 'The import worker',
    read: (m: ImportWorkerMessage) => {
      if (m.type === 'progress') call.progress(m.phase, m.done, m.total);
      else if (m.type === 'done') return { done: m.outcome as T };
      else return { error: new AppError(m.error.code, m.error.message, m.error.details) };
      return null;
    },
    signal: call.signal,
    onAbort: (stop) => {
      Atomics.store(control, SLOT.CANCEL, 1);
      // Still reading: nothing of the ledger is open, the thread can simply be stopped.
      if (Atomics.compareExchange(control, SLOT.STATE, STATE.READING, STATE.CANCELLED) === STATE.READING)
        stop(new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.'));
      // Otherwise the worker sees the flag, rolls back and answers CANCELLED.
    },
  }).result;
}

async function runJob(
  call: CallContext,
  kind: 'preview' | 'apply',
  input: ImportOptionsInput,
  options: JobRunOptions,
): Promise<ImportOutcome> {
  const { app } = call;
  const staged = openStaged(app.dataDir, input.fileId);
  const request = await buildRequest(call, kind, input, staged.fileName);
  const outcome = options.worker
    ? await runInWorker({ dbPath: app.dbPath, stagedPath: staged.path, request }, call)
    : await runImport({ path: staged.path }, request, app.db, {
        progress: call.progress,
        cancelled: () => call.signal.aborted,
      });
  if (outcome.kind === 'apply' && !request.dryRun) discardStaged(app.dataDir, staged.fileId);
  return outcome;
}

export async function previewImport(
  call: CallContext,
  input: ParsedInput<'imports.preview'>,
  options: JobRunOptions,
): Promise<ImportPreview> {
  const outcome = await runJob(call, 'preview', { ...input, dryRun: false }, options);
  if (outcome.kind !== 'preview')
    throw new AppError('INTERNAL', 'The import worker answered an apply to a preview.');
  return outcome.preview;
}

export async function applyImport(
  call: CallContext,
  input: ImportOptionsInput,
  options: JobRunOptions,
): Promise<ImportResult> {
  const outcome = await runJob(call, 'apply', input, options);
  if (outcome.kind !== 'apply')
    throw new AppError('INTERNAL', 'The import worker answered a preview to an apply.');
  return outcome.result;
}

/**
 * `imports.apply` of the same file as the last import onto a ledger unchanged since (replay.ts):
 * its result, with nothing read, backed up or written but the audit row; else null.
 */
export async function replayUnchangedImport(
  call: CallContext,
  input: ImportOptionsInput,
): Promise<ImportResult | null> {
  const staged = openStaged(call.app.dataDir, input.fileId);
  const request = await buildRequest(call, 'apply', input, staged.fileName);
  const result = await replayUnchanged(call.app.db, request, staged.path, input.dryRun);
  if (result && !input.dryRun) discardStaged(call.app.dataDir, staged.fileId);
  return result;
}
