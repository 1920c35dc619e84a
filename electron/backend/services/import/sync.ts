/**
 * Rows -> ledger: the preview (the plan, nothing written) and the apply (the plan carried out in
 * one transaction with its batch record and its audit row). Both run the same `streamSync`, so a
 * preview says exactly what an apply does. The rows come a chunk at a time — from the reader as it
 * reads the file (run.ts), or from an array — and an apply writes each chunk as it is compared:
 * a row error or a refusal found later rolls everything back, the import being one transaction.
 * A dry run is an apply rolled back at the end, after the ledger totals have been read.
 */
import type { Ledger } from '../../../../db/open.ts';
import { isFileImported } from '../../../../db/queries/imports.ts';
import { ledgerAsOf, ledgerSummary } from '../../../../db/queries/summary.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { AppError, type ErrorIssue } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { auditAs } from '../common/audit.ts';
import { withDryRun } from '../common/dry-run.ts';
import {
  checkCancelled,
  type ImportCounts,
  type ImportMode,
  invalidRowCount,
  type StreamedPlan,
  type SyncHooks,
  streamOf,
  streamSync,
} from './plan.ts';
import type { ImportFormat, ImportIssue, ImportRow, MappingDetail, ReadSummary, RowStream } from './types.ts';
import { ImportWriter } from './write.ts';

export type ImportPreview = MethodOutput<'imports.preview'>;
export type ImportResult = MethodOutput<'imports.apply'>;

export interface SyncInput {
  file: {
    name: string;
    sha256: string;
    format: ImportFormat;
    sheet: string | null;
    headerRow: number | null;
  };
  /**
   * The rows: as the reader hands them on, a chunk at a time (with their count, errors and warnings once
   * all are read), or whole, with the five fields below.
   */
  rows: ImportRow[] | RowStream;
  /** The rows whose key without the installment another row shares (the reader's; absent: any may). */
  sharedKeys?: ReadonlySet<number>;
  read?: number;
  skipped?: number;
  errors?: ImportIssue[];
  warnings?: ImportIssue[];
  asOf: IsoDate;
  /** Where the as-of date comes from (default: given). */
  asOfSource?: 'given' | 'title' | 'fileName' | 'today';
  /** The recognised layout and the mapped columns, for the preview and the result. */
  layout?: string | null;
  mapping?: MappingDetail[];
  mode: ImportMode;
  confirmClosures?: boolean;
  /** The acting user (null: the system). */
  user: { id: number; name: string } | null;
  /** Timestamp of the batch and audit rows. */
  at: string;
  /** Kept in the audit row: an unchanged re-import of the same bytes is answered from it (replay.ts). */
  requestKey?: string;
}

/** The UI shows every error in a table; past this many a file is simply the wrong file. */
export const MAX_ISSUES = 1000;

function capIssues(issues: ImportIssue[]): ErrorIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { message: `… and ${issues.length - MAX_ISSUES} more errors (the first ${MAX_ISSUES} are listed)` },
  ];
}

export function invalidFile(fileName: string, issues: ImportIssue[]): AppError {
  const n = invalidRowCount(issues);
  return new AppError(
    'VALIDATION',
    `${fileName}: ${n} invalid row${n === 1 ? '' : 's'}; nothing was imported. Correct the file and import it again.`,
    { issues: capIssues(issues) },
  );
}

function emptyCounts(file: Pick<ReadSummary, 'read' | 'skipped'>): ImportCounts {
  return {
    rows: { read: file.read, imported: 0, skipped: file.skipped },
    customers: { new: 0, updated: 0 },
    items: { new: 0, changed: 0, closed: 0, reopened: 0, unchanged: 0 },
    creditNotesClosed: 0,
    paymentsCents: 0,
    reversalsCents: 0,
  };
}

function rowsOf(input: SyncInput, hooks: SyncHooks): RowStream {
  return Array.isArray(input.rows) ? streamOf(input.rows, input, hooks) : input.rows;
}

/** The sync of the input's rows, each chunk's writes handed to `flush`. */
async function plan(
  db: Ledger,
  input: SyncInput,
  flush: Parameters<typeof streamSync>[3],
  hooks: SyncHooks,
): Promise<{ summary: ReadSummary; plan: StreamedPlan | null }> {
  return await streamSync(
    db,
    {
      ...(input.sharedKeys !== undefined ? { sharedKeys: input.sharedKeys } : {}),
      asOf: input.asOf,
      mode: input.mode,
    },
    rowsOf(input, hooks),
    flush,
    hooks,
  );
}

/**
 * The older-snapshot warning, when the as-of date is before the ledger's (read before the import moves it);
 * the file's warnings follow it once it is read.
 */
async function olderWarning(db: Ledger, input: SyncInput): Promise<ImportIssue[]> {
  const current = await ledgerAsOf(db);
  if (current === null || input.asOf >= current || input.mode !== 'snapshot') return [];
  return [
    {
      message: `The as-of date ${input.asOf} is before the ledger's latest snapshot (${current}): payments will be dated ${input.asOf} and the ledger's figures will move back to it.`,
    },
  ];
}

/** Layout, mapping and as-of source as the preview and `import --json` show them. */
function described(input: SyncInput) {
  return { layout: input.layout ?? null, mapping: input.mapping ?? [] };
}

/** What an apply would do, nothing written. Row errors come back as a list (the UI's table). */
export async function previewSync(
  db: Ledger,
  input: SyncInput,
  hooks: SyncHooks = {},
): Promise<ImportPreview> {
  const older = await olderWarning(db, input);
  const base = {
    file: input.file.name,
    format: input.file.format,
    asOf: input.asOf,
    mode: input.mode,
    alreadyImported: await isFileImported(db, input.file.sha256),
    asOfSource: input.asOfSource ?? 'given',
    ...described(input),
    olderThanLedger: older.length > 0,
  };
  // A read transaction: one consistent view of the ledger while the file is read and compared.
  const { summary, plan: p } = await inTransaction(db, async () => await plan(db, input, () => {}, hooks));
  const warnings = [...older, ...summary.warnings];
  // A file with errors is not compared: nothing counted, the errors listed.
  const refused = (errors: ImportIssue[]) => ({
    ...base,
    warnings: capIssues(warnings),
    ...emptyCounts(summary),
    newCustomers: [],
    errors: capIssues(errors),
    needsClosureConfirmation: false,
  });
  if (summary.errors.length > 0 || p === null) return refused(summary.errors);
  if (p.issues.length > 0) return refused(p.issues);
  return {
    ...base,
    warnings: capIssues([...warnings, ...p.warnings]),
    ...p.counts,
    newCustomers: p.newCustomers.map((c) => ({ code: c.code, name: c.fields.name })),
    errors: [],
    needsClosureConfirmation: p.needsClosureConfirmation,
  };
}

/**
 * Imports the rows: one transaction, one batch, one audit row. Throws VALIDATION for row errors,
 * CONFIRMATION_REQUIRED for a file closing too much without `confirmClosures`, CANCELLED when
 * `hooks.cancelled` turns true (everything rolled back). An import that would change nothing
 * (no row, and the ledger already at its as-of date) records no batch: `batch` is null.
 */
export async function applySync(
  db: Ledger,
  input: SyncInput,
  options: { dryRun?: boolean } = {},
  hooks: SyncHooks = {},
): Promise<ImportResult> {
  if (Array.isArray(input.rows) && input.errors?.length) throw invalidFile(input.file.name, input.errors);
  // Read before the import moves the ledger's as-of date.
  const older = await olderWarning(db, input);
  return await withDryRun(
    db,
    async (rollback) => {
      const asOfBefore = await ledgerAsOf(db);
      // The batch's file and date, as recorded in the batch and in the audit log.
      const batchFacts = {
        sha256: input.file.sha256,
        format: input.file.format,
        sheet: input.file.sheet,
        headerRow: input.file.headerRow,
        asOf: input.asOf,
        mode: input.mode,
      };
      const writer = new ImportWriter(
        db,
        {
          fileName: input.file.name,
          ...batchFacts,
          counts: null,
          userId: input.user?.id ?? null,
          createdAt: input.at,
        },
        hooks,
      );
      // Each chunk is written as it is compared; anything refused below rolls it all back.
      const { summary, plan: p } = await plan(db, input, (chunk) => writer.chunk(chunk), hooks);
      if (summary.errors.length > 0 || p === null) throw invalidFile(input.file.name, summary.errors);
      const warnings = [...older, ...summary.warnings];
      if (p.issues.length > 0) throw invalidFile(input.file.name, p.issues);
      if (p.needsClosureConfirmation && !input.confirmClosures) {
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `${input.file.name} would close ${p.counts.items.closed} of the ${p.openBefore} open items ` +
            `(${formatCents(p.closedResidualCents)}). Is it a partial export? Confirm the closures to import it anyway.`,
          {
            closed: p.counts.items.closed,
            openBefore: p.openBefore,
            closedResidualCents: p.closedResidualCents,
          },
        );
      }
      const adopted = p.updatedCustomers.flatMap((u) =>
        u.recode ? [{ id: u.id, code: u.recode.after, previousCode: u.recode.before }] : [],
      );
      const batch = await writer.finish(p, asOfBefore !== input.asOf);
      const totals = await ledgerSummary(db, input.asOf);
      // Sums beyond 2^53 cents would be wrong ever after (every summary fails): refused, rolled back.
      if (!Number.isSafeInteger(totals.residualCents) || !Number.isSafeInteger(totals.overdueCents)) {
        throw new AppError(
          'VALIDATION',
          `${input.file.name}: the ledger's total would pass ${formatCents(Number.MAX_SAFE_INTEGER)}, beyond what can be added up exactly; nothing was imported.`,
        );
      }
      const result: ImportResult = {
        batch,
        file: input.file.name,
        format: input.file.format,
        asOf: input.asOf,
        mode: input.mode,
        ...p.counts,
        totals: {
          customers: totals.customers,
          items: totals.items,
          residualCents: totals.residualCents,
          overdueCents: totals.overdueCents,
        },
        ...described(input),
        warnings: capIssues([...warnings, ...p.warnings]),
      };
      if (options.dryRun) rollback({ ...result, batch: null });
      checkCancelled(hooks);
      await auditAs(db, input.user, {
        at: input.at,
        action: 'imports.apply',
        entity: 'import_batch',
        entityId: batch,
        after: {
          file: input.file.name,
          ...batchFacts,
          ...p.counts,
          ...(adopted.length > 0 ? { adoptedCustomers: adopted } : {}),
          ...(batch === null ? { note: 'nothing to change: no batch recorded' } : {}),
          ...(input.requestKey !== undefined
            ? {
                replay: {
                  requestKey: input.requestKey,
                  asOfSource: input.asOfSource ?? 'given',
                  // The ledger's totals after it: an unchanged re-import repeats them unread.
                  totals: result.totals,
                  ...described(input),
                  // The older-snapshot warning is about the ledger of that moment: not replayed.
                  warnings: (result.warnings ?? []).filter((w) => w !== older[0]),
                },
              }
            : {}),
        },
      });
      return result;
    },
    { behavior: 'immediate' },
  );
}
