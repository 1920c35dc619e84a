/**
 * The staged-file side of the master-data and e-invoice imports: identify a file's kind when it is
 * staged, then preview or apply it as a job. An apply that writes is preceded by the automatic
 * backup every import takes, and a staged file is discarded once applied.
 */
import fs from 'node:fs';
import type { ParsedInput } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext, CallContext } from '../../context.ts';
import type { MasterDataPreview, MasterDataResult } from '../customers/master-data/sync.ts';
import type { EInvoicePreview, EInvoiceResult } from '../fatturapa/sync.ts';
import { startWorker } from '../import/job.ts';
import { discardStaged, openStaged, stageBytes } from '../import/stage.ts';
import { CANCELLED, READING, STATE } from '../import/worker-protocol.ts';
import { automaticBackup } from '../safety/backup.ts';
import { type DetectedKind, detectImportKind } from './detect.ts';
import { type KindJob, type KindOutcome, runKindJob } from './run.ts';
import type { KindWorkerData, KindWorkerMessage } from './worker.ts';

function staged(app: BackendContext, fileId: string) {
  const s = openStaged(app.dataDir, fileId);
  return { ...s, data: fs.readFileSync(s.path) };
}

/** The kind of a new file (staged here) or of one already staged. */
export function identifyFile(
  app: BackendContext,
  input: ParsedInput<'imports.identify'>,
): DetectedKind & { fileId: string; fileName: string } {
  const file =
    'fileId' in input
      ? staged(app, input.fileId)
      : (() => {
          const data = Buffer.from(input.dataBase64, 'base64');
          return { ...stageBytes(app.dataDir, input.fileName, data), data };
        })();
  return { fileId: file.fileId, fileName: file.fileName, ...detectImportKind(file.data, file.fileName) };
}

/**
 * Runs a job on a staged file: in the import worker thread in the desktop app and browser mode
 * (the backend stays responsive; a cancel while the file is read stops it), in-process in the CLI.
 */
function runJob(call: CallContext, fileId: string, job: Omit<KindJob, 'fileName' | 'user' | 'at' | 'today'>) {
  const { app } = call;
  const s = openStaged(app.dataDir, fileId);
  const full: KindJob = {
    ...job,
    fileName: s.fileName,
    user: { id: call.user.id, name: call.user.name },
    at: app.now(),
    today: app.today(),
  };
  if (app.mode === 'cli') return Promise.resolve(runKindJob(full, fs.readFileSync(s.path), app.db));
  return runKindInWorker({ kindJob: full, dbPath: app.dbPath, stagedPath: s.path }, call);
}

function runKindInWorker(data: Omit<KindWorkerData, 'control'>, call: CallContext): Promise<KindOutcome> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  return new Promise<KindOutcome>((resolve, reject) => {
    let settled = false;
    const worker = startWorker({ ...data, control: control.buffer });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      call.signal.removeEventListener('abort', onAbort);
      fn();
    };
    function onAbort(): void {
      // Still reading: nothing of the ledger is open, the thread can simply be stopped. Once it
      // writes, the job ends by itself (one transaction: all or nothing).
      if (Atomics.compareExchange(control, STATE, READING, CANCELLED) === READING) {
        void worker.terminate();
        settle(() => reject(new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.')));
      }
    }
    worker.on('message', (m: KindWorkerMessage) => {
      if (m.type === 'done') settle(() => resolve(m.outcome));
      else settle(() => reject(new AppError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new AppError('INTERNAL', `The import worker stopped unexpectedly (exit code ${code}).`)),
      ),
    );
    if (call.signal.aborted) onAbort();
    else call.signal.addEventListener('abort', onAbort);
  });
}

/** An apply that writes takes the automatic backup first and discards the staged file after. */
async function applyJob(
  call: CallContext,
  input: { fileId: string; dryRun: boolean },
  job: () => Promise<KindOutcome>,
) {
  if (!input.dryRun) await automaticBackup(call.app, 'pre-import', input.fileId);
  const result = await job();
  if (!input.dryRun) discardStaged(call.app.dataDir, input.fileId);
  return result;
}

const sheetOptions = (input: { sheet?: string | undefined; headerRow?: number | undefined }) => ({
  ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
  ...(input.headerRow !== undefined ? { headerRow: input.headerRow } : {}),
});

export async function previewMasterDataFile(
  call: CallContext,
  input: ParsedInput<'masterData.preview'>,
): Promise<MasterDataPreview> {
  const job = {
    kind: 'customers',
    op: 'preview',
    confirmChanges: false,
    dryRun: false,
    ...sheetOptions(input),
  } as const;
  return (await runJob(call, input.fileId, job)) as MasterDataPreview;
}

export async function applyMasterDataFile(
  call: CallContext,
  input: ParsedInput<'masterData.apply'>,
): Promise<MasterDataResult> {
  const job = {
    kind: 'customers',
    op: 'apply',
    confirmChanges: false,
    dryRun: input.dryRun,
    ...sheetOptions(input),
  } as const;
  return (await applyJob(call, input, () => runJob(call, input.fileId, job))) as MasterDataResult;
}

export async function previewEInvoiceFile(
  call: CallContext,
  input: ParsedInput<'eInvoices.preview'>,
): Promise<EInvoicePreview> {
  const job = { kind: 'fatturapa', op: 'preview', confirmChanges: false, dryRun: false } as const;
  return (await runJob(call, input.fileId, job)) as EInvoicePreview;
}

export async function applyEInvoiceFile(
  call: CallContext,
  input: ParsedInput<'eInvoices.apply'>,
): Promise<EInvoiceResult> {
  const job = {
    kind: 'fatturapa',
    op: 'apply',
    confirmChanges: input.confirmChanges,
    dryRun: input.dryRun,
  } as const;
  return (await applyJob(call, input, () => runJob(call, input.fileId, job))) as EInvoiceResult;
}
