/**
 * One import from bytes to ledger: open the file and find its layout (read/), then preview or apply
 * its rows as they are read, a chunk at a time (sync.ts). The same function runs in the import
 * worker and in-process (CLI, tests).
 */
import type { Ledger } from '../../../../db/open.ts';
import type { ImportMapping } from '../../../../shared/api/contract.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { checkCancelled, type ImportMode, type SyncHooks } from './plan.ts';
import type { DiskFile } from './read/disk-file.ts';
import { openImportRows } from './read/index.ts';
import { applySync, type ImportPreview, type ImportResult, previewSync, type SyncInput } from './sync.ts';

/** Everything an import needs besides the bytes and the ledger; plain data, so it crosses to a worker. */
export interface ImportRequest {
  kind: 'preview' | 'apply';
  fileName: string;
  read: {
    sheet?: string;
    headerRow?: number;
    mapping?: ImportMapping;
    profiles?: { name: string; headers: string[]; mapping: ImportMapping }[];
  };
  /** Explicit as-of; else the file's title row, else `today`. */
  asOf?: IsoDate;
  mode: ImportMode;
  confirmClosures: boolean;
  dryRun: boolean;
  user: { id: number; name: string } | null;
  today: IsoDate;
  at: string;
  /** What makes the same bytes read the same rows (replay.ts): kept in the audit row of an apply. */
  requestKey?: string;
}

export type ImportOutcome =
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'apply'; result: ImportResult };

/**
 * `data` is the file on disk (the staged file an import reads: a CSV is never held whole), its bytes, or a
 * loader of them. `ledger` may be a function: the worker opens its connection only once the file is opened
 * and its layout found (a workbook parsed), so a cancel until then can simply stop the thread (nothing of
 * the ledger is open yet); from then on the rows are read inside the sync's transaction, and a cancel
 * rolls it back.
 */
export async function runImport(
  data: Buffer | DiskFile | (() => Buffer),
  req: ImportRequest,
  ledger: Ledger | (() => Ledger),
  hooks: SyncHooks = {},
): Promise<ImportOutcome> {
  // The reader polls an AbortSignal; the caller's cancel (a flag a worker cannot be told about
  // by event while it is busy) is turned into one on each progress report.
  const reading = new AbortController();
  if (hooks.cancelled?.()) reading.abort();
  let open = false;
  const { layout: file, rows } = openImportRows(typeof data === 'function' ? data() : data, req.fileName, {
    ...req.read,
    onProgress: (done, total) => {
      // Once the ledger is open the rows are read in its transaction: a cancel rolls it back.
      if (open) checkCancelled(hooks);
      else if (hooks.cancelled?.()) reading.abort();
      hooks.progress?.('read', done, total);
    },
    signal: reading.signal,
  });
  const input: SyncInput = {
    file: {
      name: req.fileName,
      sha256: file.sha256,
      format: file.format,
      sheet: file.sheet === '' ? null : file.sheet,
      headerRow: file.headerRow,
    },
    rows,
    asOf: req.asOf ?? file.asOf ?? req.today,
    asOfSource: req.asOf ? 'given' : (file.asOfSource ?? 'today'),
    layout: file.layout,
    mapping: file.mappingDetails,
    mode: req.mode,
    confirmClosures: req.confirmClosures,
    user: req.user,
    at: req.at,
    ...(req.requestKey !== undefined ? { requestKey: req.requestKey } : {}),
  };
  const db = typeof ledger === 'function' ? ledger() : ledger;
  open = true;
  if (req.kind === 'preview') return { kind: 'preview', preview: await previewSync(db, input, hooks) };
  return { kind: 'apply', result: await applySync(db, input, { dryRun: req.dryRun }, hooks) };
}
