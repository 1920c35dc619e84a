/**
 * An unchanged re-import answered without reading the file: the same bytes (sha256), read with
 * the same options by the same version (the request key), as of the same date, onto a ledger
 * whose customers and items nothing changed since that import (its audit row is still the latest
 * that may have changed them). Such an import changes nothing — every row the last one imported
 * now matches its item unchanged — so it needs no backup, no batch and no dunning run, and takes
 * the time of hashing the file (a 1M-row export: under a second, against a full read and compare).
 * Anything else (other bytes, options, as-of, an edit, a bank payment, an undo) takes the full path.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Ledger } from '../../../../db/open.ts';
import { lastLedgerChange } from '../../../../db/queries/import-replay.ts';
import { ledgerAsOf, ledgerSummary } from '../../../../db/queries/summary.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { auditAs } from '../common/audit.ts';
import type { ImportCounts } from './plan.ts';
import type { ImportRequest } from './run.ts';
import type { ImportResult } from './sync.ts';
import type { ImportFormat, ImportIssue, MappingDetail } from './types.ts';

/** The key of what turns bytes into rows: version, file name (an as-of may come from it), read options, as-of, mode. */
export function requestKey(version: string, req: Omit<ImportRequest, 'requestKey'>): string {
  const what = { version, fileName: req.fileName, read: req.read, asOf: req.asOf ?? null, mode: req.mode };
  return createHash('sha256').update(JSON.stringify(what)).digest('hex');
}

/** The file's sha256, read in 1 MB slices (never the whole file in memory). */
export function hashFile(file: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (
      let n = fs.readSync(fd, buf, 0, buf.length, null);
      n > 0;
      n = fs.readSync(fd, buf, 0, buf.length, null)
    )
      hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** What the audit row of an apply keeps (sync.ts). */
interface AppliedAudit extends ImportCounts {
  file: string;
  sha256: string;
  format: ImportFormat;
  sheet: string | null;
  headerRow: number | null;
  asOf: IsoDate;
  mode: ImportResult['mode'];
  replay?: {
    requestKey: string;
    asOfSource: 'given' | 'title' | 'fileName' | 'today';
    layout: string | null;
    mapping: MappingDetail[];
    warnings: ImportIssue[];
    /** The ledger's totals after that import (older rows lack them: computed). */
    totals?: ImportResult['totals'];
  };
}

/**
 * A seam for tests: runs after the check and the hashing, before the audit row is written — where
 * another writer (the import worker, a CLI beside the app) may commit.
 */
export const replaySeam: { afterCheck: (() => Promise<void> | void) | null } = { afterCheck: null };

/**
 * The result of the re-import when it is an unchanged one (null otherwise: import it normally).
 * Not a dry run: writes the audit row a full import that changes nothing writes — in one write
 * transaction that first checks again that nothing changed the ledger since the check (another
 * writer may have committed while the file was hashed); if something did, null: the full path.
 */
export async function replayUnchanged(
  db: Ledger,
  req: ImportRequest,
  stagedPath: string,
  dryRun: boolean,
): Promise<ImportResult | null> {
  if (req.requestKey === undefined) return null;
  const last = await lastLedgerChange(db);
  if (last?.action !== 'imports.apply' || last.after === null) return null;
  const prev = JSON.parse(last.after) as AppliedAudit;
  const r = prev.replay;
  if (!r || r.requestKey !== req.requestKey || prev.mode !== req.mode) return null;
  // The as-of: given (part of the key), from the file or its name (the same bytes and name), or today.
  if (r.asOfSource === 'today' && prev.asOf !== req.today) return null;
  if ((await ledgerAsOf(db)) !== prev.asOf) return null;
  const sha256 = hashFile(stagedPath);
  await replaySeam.afterCheck?.();
  if (sha256 !== prev.sha256) return null;

  const counts: ImportCounts = {
    rows: { ...prev.rows },
    customers: { new: 0, updated: 0 },
    // Every row the last import took (new, changed, reopened, closed at zero) now matches its item.
    items: { new: 0, changed: 0, closed: 0, reopened: 0, unchanged: prev.rows.imported },
    creditNotesClosed: 0,
    paymentsCents: 0,
    reversalsCents: 0,
  };
  // Nothing changed the items since: the totals are the ones that import left (a 1M-item sum saved).
  const totals = r.totals ?? (await ledgerSummary(db, prev.asOf));
  const result: ImportResult = {
    batch: null,
    file: req.fileName,
    format: prev.format,
    asOf: prev.asOf,
    mode: prev.mode,
    ...counts,
    totals: {
      customers: totals.customers,
      items: totals.items,
      residualCents: totals.residualCents,
      overdueCents: totals.overdueCents,
    },
    layout: r.layout,
    mapping: r.mapping,
    warnings: r.warnings,
  };
  // Still the ledger that import left? (The same audit row the latest change, the same as-of.)
  const stillUnchanged = async () =>
    (await lastLedgerChange(db))?.id === last.id && (await ledgerAsOf(db)) === prev.asOf;
  if (dryRun) return (await stillUnchanged()) ? result : null;
  return await inTransaction(
    db,
    async () => {
      if (!(await stillUnchanged())) return null;
      await auditAs(db, req.user, {
        at: req.at,
        action: 'imports.apply',
        entity: 'import_batch',
        entityId: null,
        after: {
          file: req.fileName,
          sha256,
          format: prev.format,
          sheet: prev.sheet,
          headerRow: prev.headerRow,
          asOf: prev.asOf,
          mode: prev.mode,
          ...counts,
          note: 'nothing to change: no batch recorded (the same file as the last import, the ledger unchanged since)',
          replay: r,
        },
      });
      return result;
    },
    { behavior: 'immediate' },
  );
}
