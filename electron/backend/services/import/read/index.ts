/**
 * The importer's file reader: an aged-receivables export (XLSX, XLS, ODS, CSV) -> validated rows.
 *
 * - detectLayout: format, encoding, sheet, header row, headers, mapping, as-of, missing fields, reading only
 *   the first rows of a workbook (shown in the UI before the preview).
 * - readImportFile: every row, validated. File-level problems throw AppError('VALIDATION'); row-level ones
 *   are all returned in `errors` (the caller rejects the file when there is any).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FileKeys, FileLayout, ImportRow, ReadOptions, ReadResult, RowStream } from '../types.ts';
import { openCsv, openCsvOnDisk } from './csv-source.ts';
import { type DiskFile, isDiskFile, readHead, scanFile } from './disk-file.ts';
import { cancelled, fileError } from './errors.ts';
import { sniffFormat } from './format.ts';
import { checkFileSize, checkZip, storedWorkbook } from './guards.ts';
import { describeMissing, findLayout, HEADER_SCAN_ROWS, type Layout } from './layout.ts';
import { RowBuilder } from './row-builder.ts';
import type { OpenedFile } from './source.ts';
import { openWorkbook } from './workbook-source.ts';

export { headerSignature } from './headers.ts';

/** Progress is reported (and cancellation checked) every this many rows. */
const CHUNK_ROWS = 10_000;

interface Opened {
  file: OpenedFile;
  /** Of the file's bytes: the batch record's fingerprint (replay.ts compares it). */
  sha256: string;
}

function openFile(
  data: Buffer | DiskFile,
  fileName: string,
  options: ReadOptions,
  layoutOnly: boolean,
): Opened {
  const previewRows = Math.max(HEADER_SCAN_ROWS, options.headerRow ?? 0);
  if (isDiskFile(data)) {
    // A CSV on disk is read a chunk at a time (disk-file.ts); a workbook, or a CSV whose encoding must be
    // decoded whole, is read into memory as an upload is.
    checkFileSize(fs.statSync(data.path).size, fileName);
    if (sniffFormat(readHead(data, 8192), fileName).container === 'csv') {
      const scan = scanFile(data);
      const csv = openCsvOnDisk(data, scan, fileName, previewRows);
      if (csv) return { file: csv, sha256: scan.sha256 };
    }
    return openFile(fs.readFileSync(data.path), fileName, options, layoutOnly);
  }
  checkFileSize(data, fileName);
  const { format, container } = sniffFormat(data, fileName);
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (container === 'csv') return { file: openCsv(data, fileName, previewRows), sha256 };
  if (layoutOnly) {
    checkZip(data, fileName);
    return { file: openWorkbook(data, fileName, format, previewRows, previewRows), sha256 };
  }
  // Checked part by part, and read by SheetJS from the parts zlib inflated for the check.
  return { file: openWorkbook(storedWorkbook(data, fileName), fileName, format, previewRows), sha256 };
}

function toFileLayout(fileName: string, { file, sha256 }: Opened, layout: Layout): FileLayout {
  return {
    fileName,
    sha256,
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
  const opened = openFile(data, fileName, options, true);
  return toFileLayout(fileName, opened, findLayout(opened.file, fileName, options));
}

/** A file opened for import: what detection found, and its rows to read a chunk at a time. */
export interface OpenedImport {
  layout: FileLayout;
  rows: RowStream;
}

/** Rows are handed on this many at a time: a chunk's rows die young, written and released. */
export const STREAM_ROWS = 4096;

/**
 * Opens the file and finds its layout (file-level problems throw here, before any row is read); its rows
 * are then read by `rows.each`, in memory (an upload being previewed) or from disk (the staged file an
 * import reads), and handed on a chunk at a time: nothing here keeps them.
 */
export function openImportRows(
  data: Buffer | DiskFile,
  fileName: string,
  options: ReadOptions = {},
): OpenedImport {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw cancelled(fileName);
  const opened = openFile(data, fileName, options, false);
  const { file } = opened;
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
  let started = false;
  const rows: RowStream = {
    keys: builder.keys,
    failed: () => builder.errors.length > 0,
    each: (visit) => {
      // Once: a sheet's rows are released as they are visited (source.ts).
      if (started) throw new Error(`${fileName}: its rows were already read`);
      started = true;
      const total = Math.max(0, file.rowCount(layout.sheet) - layout.headerIndex - 1);
      let done = 0;
      file.forEachRow(layout.sheet, layout.headerIndex + 1, (values, index) => {
        builder.add(values, index);
        if (builder.rows.length >= STREAM_ROWS) visit(builder.take());
        done++;
        if (done % CHUNK_ROWS === 0) {
          onProgress?.(done, Math.max(done, total));
          if (signal?.aborted) throw cancelled(fileName);
        }
      });
      onProgress?.(done, done);
      if (builder.rows.length > 0) visit(builder.take());
      builder.finish();
      return {
        read: builder.read,
        skipped: builder.skipped,
        errors: builder.errors,
        invalidRows: builder.invalidRows,
        warnings: [...layout.notes, ...builder.warnings],
      };
    },
  };
  return { layout: toFileLayout(fileName, opened, layout), rows };
}

/** Every row of the file, gathered (the reader's tests, and callers that want the rows whole). */
export function readImportFile(
  data: Buffer | DiskFile,
  fileName: string,
  options: ReadOptions = {},
): ReadResult {
  const { layout, rows } = openImportRows(data, fileName, options);
  const all: ImportRow[] = [];
  const summary = rows.each((chunk) => {
    for (const r of chunk) all.push(r);
  });
  return { ...layout, rows: all, sharedKeys: (rows.keys as FileKeys).shared, ...summary };
}
