/**
 * The staged-file side of the master-data and e-invoice imports: identify a file's kind when it is
 * staged, then preview or apply it as a job. An apply that writes is preceded by the automatic
 * backup every import takes, and a staged file is discarded once applied.
 */
import fs from 'node:fs';
import type { ParsedInput } from '../../../../shared/api/contract.ts';
import type { BackendContext, CallContext } from '../../context.ts';
import type { MasterDataPreview, MasterDataResult } from '../customers/master-data/sync.ts';
import type { EInvoicePreview, EInvoiceResult } from '../fatturapa/sync.ts';
import { runInWorker } from '../import/job.ts';
import { discardStaged, openStaged, stageBytes } from '../import/stage.ts';
import { automaticBackup } from '../safety/backup.ts';
import { type DetectedKind, detectImportKind } from './detect.ts';
import { type KindJob, type KindOutcome, runKindJob } from './run.ts';

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
async function runJob(
  call: CallContext,
  fileId: string,
  job: Omit<KindJob, 'fileName' | 'user' | 'at' | 'today'>,
) {
  const { app } = call;
  const s = openStaged(app.dataDir, fileId);
  const full: KindJob = {
    ...job,
    fileName: s.fileName,
    user: { id: call.user.id, name: call.user.name },
    at: app.now(),
    today: app.today(),
  };
  if (app.mode === 'cli')
    return await Promise.resolve(await runKindJob(full, fs.readFileSync(s.path), app.db));
  return runInWorker<KindOutcome>({ kindJob: full, dbPath: app.dbPath, stagedPath: s.path }, call);
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
