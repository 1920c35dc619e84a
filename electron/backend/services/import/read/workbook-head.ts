/**
 * The first rows of an XLSX, cheaply. Telling what a file is (kind detection, the layout shown before a
 * preview) needs its first few dozen rows, and SheetJS's `sheetRows` stops building cells there — but still
 * inflates and scans the whole worksheet XML: seconds of a 200k-row export's import went on that alone,
 * before the real read. Here each worksheet is inflated only as far as its first `rows` rows (a 140 MB sheet
 * needs its first tens of kilobytes), cut there and closed as a well-formed sheet; the other parts (shared
 * strings, styles, the workbook's sheet names) are inflated whole, and the workbook is handed back
 * uncompressed for SheetJS to read as usual: the same cells, shared strings, dates and sheet names.
 *
 * Only the OOXML worksheets (`xl/worksheets/*.xml`) are cut; a binary (.xlsb) or ODS workbook, a sheet with
 * namespace-prefixed rows, or one shorter than `rows`, is left whole. Null: nothing was cut (read the
 * original). The part's checksum is not checked here (the part is not read whole): the real read checks
 * every part (guards.ts, checkZip) before anything is imported. No part inflates past its declared size:
 * one that would is refused (DamagedWorkbookError), never handed whole to SheetJS.
 */
import zlib from 'node:zlib';
import { zipSync } from 'fflate';
import { type ZipEntry, zipEntries, zipEntryData } from './guards.ts';

const ROW_END = Buffer.from('</row>');
const PREFIXED_ROW = Buffer.from(':row ');
const SHEET_END = Buffer.from('</sheetData></worksheet>');
const WORKSHEET = /(^|\/)xl\/worksheets\/[^/]+\.xml$/;
/** Compressed bytes inflated at first for a worksheet's head (doubled until the rows are there). */
const FIRST_SLICE = 64 * 1024;

/** Where the `rows`-th row ends in this XML (-1: it has fewer rows). */
function endOfRows(xml: Buffer, rows: number): number {
  let end = 0;
  for (let r = 0; r < rows; r++) {
    const at = xml.indexOf(ROW_END, end);
    if (at === -1) return -1;
    end = at + ROW_END.length;
  }
  return end;
}

/**
 * A worksheet's first `rows` rows, closed as a sheet; null when it is shorter, or uses prefixed rows.
 * A deflated part is inflated from a growing slice of its compressed bytes: a slice that stops mid-stream
 * inflates as far as it goes (Z_SYNC_FLUSH instead of an "unexpected end" error).
 */
function worksheetHead(raw: Buffer, entry: ZipEntry, rows: number): Buffer | null {
  for (let slice = FIRST_SLICE; ; slice *= 2) {
    const whole = slice >= raw.length;
    const part = raw.subarray(0, Math.min(slice, raw.length));
    // Never past the size the directory declares (checkZipSizes bounded those): a part that inflates
    // further is a bomb or forged, and zlib stops there with an error.
    const limit = { maxOutputLength: Math.max(1, entry.size) };
    const xml =
      entry.method === 0
        ? part
        : zlib.inflateRawSync(part, whole ? limit : { ...limit, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (xml.indexOf(PREFIXED_ROW) !== -1) return null;
    const end = endOfRows(xml, rows);
    if (end !== -1) return Buffer.concat([xml.subarray(0, end), SHEET_END]);
    if (whole) return null;
  }
}

/** A whole part's bytes, inflated. */
function wholePart(raw: Buffer, entry: ZipEntry): Buffer {
  if (entry.method === 0) return raw;
  if (entry.method === 8) return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
  throw new Error(`part ${entry.name}: compression method ${entry.method} is not read here`);
}

/**
 * A part that does not inflate within its declared size, or not at all: the workbook is refused
 * here, not handed whole to SheetJS (whose inflate has no limit — a ZIP bomb would run it out of memory).
 */
export class DamagedWorkbookError extends Error {
  constructor(readonly part: string) {
    super(`its part ${part} does not inflate to the size the ZIP directory declares`);
    this.name = 'DamagedWorkbookError';
  }
}

/** A part inflated by `read`, or DamagedWorkbookError naming it. */
function inflated<T>(entry: ZipEntry, read: () => T): T {
  try {
    return read();
  } catch {
    throw new DamagedWorkbookError(entry.name);
  }
}

export function workbookHead(data: Buffer, rows: number): Buffer | null {
  const entries = zipEntries(data);
  if (entries === null) return null;
  const parts: Record<string, Uint8Array> = {};
  let cut = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue; // a folder
    const raw = zipEntryData(data, entry);
    if (raw === null) return null;
    // A method other than stored or deflated is not ours to read (wholePart says so; SheetJS decides).
    const ours = entry.method === 0 || entry.method === 8;
    const head =
      ours && WORKSHEET.test(entry.name) ? inflated(entry, () => worksheetHead(raw, entry, rows)) : null;
    if (head !== null) cut++;
    parts[entry.name] =
      head ?? (entry.method === 8 ? inflated(entry, () => wholePart(raw, entry)) : wholePart(raw, entry));
  }
  if (cut === 0) return null;
  return Buffer.from(zipSync(parts, { level: 0 }));
}
