/**
 * The staged-file side of the master-data and e-invoice imports: identify a file's kind when it is
 * staged, then read the staged bytes and preview or apply. An apply that writes is preceded by the
 * automatic backup every import takes, and a staged file is discarded once applied.
 */
import fs from 'node:fs';
import type { ParsedInput } from '../../../../shared/api/contract.ts';
import type { BackendContext, CallContext } from '../../context.ts';
import { readMasterDataFile } from '../customers/master-data/read.ts';
import {
  applyMasterData,
  type MasterDataPreview,
  type MasterDataResult,
  previewMasterData,
} from '../customers/master-data/sync.ts';
import { readEInvoiceFile } from '../fatturapa/read/index.ts';
import {
  applyEInvoices,
  type EInvoicePreview,
  type EInvoiceResult,
  previewEInvoices,
} from '../fatturapa/sync.ts';
import { discardStaged, openStaged, stageBytes } from '../import/stage.ts';
import { automaticBackup } from '../safety/backup.ts';
import { type DetectedKind, detectImportKind } from './detect.ts';

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
 * Reads the staged file, takes the pre-import backup when the apply will write, applies, and
 * discards the staged file once applied (a dry run keeps it for the real apply).
 */
async function applyStaged<R extends { errors: unknown[] }, O>(
  call: CallContext,
  input: { fileId: string; dryRun: boolean },
  read: (data: Buffer, fileName: string) => R,
  apply: (
    read: R,
    base: { dryRun: boolean; user: { id: number; name: string }; at: string; today: string },
  ) => O,
): Promise<O> {
  const { app } = call;
  const f = staged(app, input.fileId);
  const r = read(f.data, f.fileName);
  if (!input.dryRun && r.errors.length === 0) await automaticBackup(app, 'pre-import', input.fileId);
  const result = apply(r, {
    dryRun: input.dryRun,
    user: { id: call.user.id, name: call.user.name },
    at: app.now(),
    today: app.today(),
  });
  if (!input.dryRun) discardStaged(app.dataDir, input.fileId);
  return result;
}

export function previewMasterDataFile(
  call: CallContext,
  input: ParsedInput<'masterData.preview'>,
): MasterDataPreview {
  const f = staged(call.app, input.fileId);
  return previewMasterData(call.app.db, readMasterDataFile(f.data, f.fileName, input));
}

export function applyMasterDataFile(
  call: CallContext,
  input: ParsedInput<'masterData.apply'>,
): Promise<MasterDataResult> {
  return applyStaged(
    call,
    input,
    (data, name) => readMasterDataFile(data, name, input),
    (read, base) => applyMasterData(call.app.db, read, base),
  );
}

export function previewEInvoiceFile(
  call: CallContext,
  input: ParsedInput<'eInvoices.preview'>,
): EInvoicePreview {
  const f = staged(call.app, input.fileId);
  return previewEInvoices(call.app.db, readEInvoiceFile(f.data, f.fileName));
}

export function applyEInvoiceFile(
  call: CallContext,
  input: ParsedInput<'eInvoices.apply'>,
): Promise<EInvoiceResult> {
  return applyStaged(call, input, readEInvoiceFile, (read, base) =>
    applyEInvoices(call.app.db, read, { ...base, confirmChanges: input.confirmChanges }),
  );
}
