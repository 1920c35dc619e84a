/**
 * One master-data or e-invoice job from the staged bytes to the ledger: read, then preview or
 * apply. Plain data in and out, so the same function runs in the import worker thread (desktop
 * app, browser mode) and in-process (CLI, tests).
 */
import type { Ledger } from '../../../../db/open.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
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

export interface KindJob {
  kind: 'customers' | 'fatturapa';
  op: 'preview' | 'apply';
  fileName: string;
  sheet?: string;
  headerRow?: number;
  confirmChanges: boolean;
  dryRun: boolean;
  user: { id: number; name: string };
  at: string;
  today: IsoDate;
}

export type KindOutcome = MasterDataPreview | MasterDataResult | EInvoicePreview | EInvoiceResult;

/** `ledger` may be a function: a worker opens its connection only once the file is read. */
export async function runKindJob(
  job: KindJob,
  data: Buffer,
  ledger: Ledger | (() => Ledger),
): Promise<KindOutcome> {
  const db = () => (typeof ledger === 'function' ? ledger() : ledger);
  const base = { dryRun: job.dryRun, user: job.user, at: job.at, today: job.today };
  if (job.kind === 'customers') {
    const read = readMasterDataFile(data, job.fileName, {
      ...(job.sheet !== undefined ? { sheet: job.sheet } : {}),
      ...(job.headerRow !== undefined ? { headerRow: job.headerRow } : {}),
    });
    return job.op === 'preview'
      ? await previewMasterData(db(), read)
      : await applyMasterData(db(), read, base);
  }
  const read = readEInvoiceFile(data, job.fileName);
  return job.op === 'preview'
    ? await previewEInvoices(db(), read)
    : await applyEInvoices(db(), read, { ...base, confirmChanges: job.confirmChanges });
}
