/**
 * The importer's file reader: an aged-receivables export (XLSX, XLS, ODS, CSV) -> validated rows.
 *
 * - detectLayout: format, encoding, sheet, header row, headers, mapping, as-of, missing fields, reading only
 *   the first rows of a workbook (shown in the UI before the preview).
 * - readImportFile: every row, validated. File-level problems throw AppError('VALIDATION'); row-level ones
 *   are all returned in `errors` (the caller rejects the file when there is any).
 */
import { createHash } from 'node:crypto';
import type { FileLayout, ReadOptions, ReadResult } from '../types.ts';
import { openCsv } from './csv-source.ts';
import { cancelled, fileError } from './errors.ts';
import { sniffFormat } from './format.ts';
import { checkFileSize, checkZip } from './guards.ts';
import { describeMissing, findLayout, HEADER_SCAN_ROWS, type Layout } from './layout.ts';
import { RowBuilder } from './row-builder.ts';
import type { OpenedFile } from './source.ts';
import { openWorkbook } from './workbook-source.ts';

export { headerSignature } from './headers.ts';

/** Progress is reported (and cancellation checked) every this many rows. */
const CHUNK_ROWS = 10_000;

function openFile(data: Buffer, fileName: string, options: ReadOptions, layoutOnly: boolean): OpenedFile {
  checkFileSize(data, fileName);
  const { format, container } = sniffFormat(data, fileName);
  if (container !== 'csv') checkZip(data, fileName);
  const previewRows = Math.max(HEADER_SCAN_ROWS, options.headerRow ?? 0);
  if (container === 'csv') return openCsv(data, fileName, previewRows);
  return openWorkbook(data, fileName, format, previewRows, layoutOnly ? previewRows : 0);
}

function toFileLayout(data: Buffer, fileName: string, file: OpenedFile, layout: Layout): FileLayout {
  return {
    fileName,
    sha256: createHash('sha256').update(data).digest('hex'),
    format: file.format,
    encoding: file.encoding,
    sheets: file.format === 'csv' ? [] : file.sheets.map((s) => s.name),
    sheet: layout.sheet,
    headerRow: layout.headerIndex + 1,
    headers: layout.headers,
    mapping: layout.mapping,
    profile: layout.profile,
    asOf: layout.asOf,
    asOfSource: layout.asOfSource,
    missing: layout.missing,
    layout: layout.layoutName,
    mappingDetails: layout.details,
    notes: layout.notes,
  };
}

export function detectLayout(data: Buffer, fileName: string, options: ReadOptions = {}): FileLayout {
  const file = openFile(data, fileName, options, true);
  return toFileLayout(data, fileName, file, findLayout(file, fileName, options));
}

export function readImportFile(data: Buffer, fileName: string, options: ReadOptions = {}): ReadResult {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw cancelled(fileName);
  const file = openFile(data, fileName, options, false);
  // Parsing a big workbook is the longest step: a cancel during it lands here.
  if (signal?.aborted) throw cancelled(fileName);
  const layout = findLayout(file, fileName, options);
  if (layout.missing.length > 0) {
    throw fileError(
      fileName,
      `missing required column(s): ${describeMissing(layout.missing, layout.undecided)}; columns found: ${layout.headers.join(', ')}. Map them by hand (in the CLI: --map FIELD=HEADER).`,
      {
        missing: layout.missing,
        undecided: layout.undecided,
        headers: layout.headers,
        sheet: layout.sheet,
        headerRow: layout.headerIndex + 1,
      },
    );
  }

  const builder = new RowBuilder(layout, file.date1904);
  const total = Math.max(0, file.rowCount(layout.sheet) - layout.headerIndex - 1);
  let done = 0;
  file.forEachRow(layout.sheet, layout.headerIndex + 1, (values, index) => {
    builder.add(values, index);
    done++;
    if (done % CHUNK_ROWS === 0) {
      onProgress?.(done, Math.max(done, total));
      if (signal?.aborted) throw cancelled(fileName);
    }
  });
  onProgress?.(done, done);
  builder.finish();

  return {
    ...toFileLayout(data, fileName, file, layout),
    rows: builder.rows,
    sharedKeys: builder.sharedKeys,
    read: builder.read,
    skipped: builder.skipped,
    errors: builder.errors,
    invalidRows: builder.invalidRows,
    warnings: [...layout.notes, ...builder.warnings],
  };
}
