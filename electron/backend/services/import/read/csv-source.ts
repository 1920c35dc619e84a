/**
 * CSV through csv-parse. A big file is parsed in chunks of whole records (~256 KB each) with the sync API and
 * turned into ImportRows chunk by chunk: memory stays bounded (no array of a million string arrays) and
 * csv-parse does not build the per-record info object its `on_record` hook costs. The chunks come from the
 * file in memory or, for an import of a staged file, straight from disk (the file is never held whole).
 */
import fs from 'node:fs';
import { CsvError, type Options, parse } from 'csv-parse/sync';
import { type DiskFile, type FileScan, readAt } from './disk-file.ts';
import { fileError } from './errors.ts';
import type { OpenedFile } from './source.ts';
import {
  countLines,
  type DecodedText,
  type Delimiter,
  decodeText,
  detectDelimiter,
  separatorHint,
} from './text.ts';

/**
 * Small enough that a chunk's records (~2,000 string arrays) die young, in the scavenger: with 4 MB chunks
 * they outlived it, were promoted, and the old generation grew by hundreds of MB of garbage (peak RSS of a
 * 1M-row import 993 -> 758 MB).
 */
export const CHUNK_BYTES = 256 * 1024;
/**
 * No line of a real export comes near this: a longer one is refused before it is parsed (a 100 MB header
 * line took a minute). A shorter monster cell is still read, and reported as a row error naming its cell.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

function lineTooLong(fileName: string, where: string): Error {
  return fileError(
    fileName,
    `a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB (${where}): not an export of open items, refused before reading it`,
  );
}

/**
 * Where a CSV's bytes come from: the (decoded) file in memory, or the file on disk read a window at a time
 * (disk-file.ts). Either way the reader sees whole records, a chunk at a time.
 */
interface CsvBytes {
  readonly length: number;
  /** Up to `length` bytes from `start`: a view of memory, or a read from disk. */
  window(start: number, length: number): Buffer;
  /** Lines, for progress (approximate on disk: the BOM and `sep=` line count too). */
  lines(): number;
}

function memoryBytes(buf: Buffer): CsvBytes {
  return {
    length: buf.length,
    window: (start, length) => buf.subarray(start, start + length),
    lines: () => countLines(buf),
  };
}

function diskBytes(file: DiskFile, offset: number, size: number, lines: number): CsvBytes {
  return {
    length: size - offset,
    window: (start, length) => {
      // Opened per window: nothing to close if the reader stops early (an error, a cancel).
      const fd = fs.openSync(file.path, 'r');
      try {
        return readAt(fd, offset + start, Math.max(0, Math.min(length, size - offset - start)));
      } finally {
        fs.closeSync(fd);
      }
    },
    lines: () => lines,
  };
}

/** The same bytes from `skip` on. */
function after(bytes: CsvBytes, skip: number): CsvBytes {
  return {
    length: Math.max(0, bytes.length - skip),
    window: (start, length) => bytes.window(skip + start, length),
    lines: () => Math.max(0, bytes.lines() - 1),
  };
}

export function openCsv(data: Buffer, fileName: string, previewRows: number): OpenedFile {
  const { encoding, bytes, bytesEncoding } = decodeText(data);
  return openCsvBytes(memoryBytes(bytes), encoding, bytesEncoding, fileName, previewRows);
}

/**
 * A CSV read from disk a chunk at a time, never whole (its scan: disk-file.ts); null when its encoding
 * needs the whole file decoded first (UTF-16, Windows-1252 using 0x80-0x9F): the caller reads it into memory.
 */
export function openCsvOnDisk(
  file: DiskFile,
  scan: FileScan,
  fileName: string,
  previewRows: number,
): OpenedFile | null {
  // As decodeText: a UTF-8 BOM says UTF-8 whatever follows; else valid UTF-8, else Windows-1252.
  const utf8 = scan.utf8Bom || scan.utf8;
  if (scan.utf16 || (!utf8 && scan.c1)) return null;
  const bytes = diskBytes(file, scan.utf8Bom ? 3 : 0, scan.size, scan.lines);
  return utf8
    ? openCsvBytes(bytes, 'utf-8', 'utf8', fileName, previewRows)
    : openCsvBytes(bytes, 'windows-1252', 'latin1', fileName, previewRows);
}

/** Room past a chunk's nominal end for the record that crosses it (grown when a record is longer). */
const SLACK_BYTES = 64 * 1024;

/**
 * The whole records from `start` up to the first record end at or past `start + target`; a record longer
 * than MAX_LINE_BYTES past the target is refused (tooLong) before it is parsed.
 */
function chunkAt(bytes: CsvBytes, start: number, target: number, delimiter: Delimiter, tooLong: () => Error) {
  for (let size = target + SLACK_BYTES; ; size *= 2) {
    const win = bytes.window(start, size);
    const cut = recordBoundary(win, 0, target, delimiter);
    if (cut < win.length || start + win.length >= bytes.length) {
      if (cut > target + MAX_LINE_BYTES) throw tooLong();
      return win.subarray(0, cut);
    }
    if (size > target + MAX_LINE_BYTES) throw tooLong();
  }
}

/** Where the first line ends (its line feed), or -1 when none comes within `limit` bytes. */
function firstLineEnd(bytes: CsvBytes, limit: number): number {
  for (let start = 0; start < Math.min(bytes.length, limit); start += 1024 * 1024) {
    const at = bytes.window(start, 1024 * 1024).indexOf(0x0a);
    if (at !== -1) return start + at;
  }
  return -1;
}

function openCsvBytes(
  all: CsvBytes,
  encoding: DecodedText['encoding'],
  bytesEncoding: DecodedText['bytesEncoding'],
  fileName: string,
  previewRows: number,
): OpenedFile {
  const head64k = all.window(0, 64 * 1024);
  const sample = head64k.toString(bytesEncoding);
  const hint = separatorHint(sample);
  const delimiter = hint ?? detectDelimiter(sample);
  // Excel does not show the `sep=` line as a row, so it is not counted either.
  const bytes = hint ? after(all, head64k.indexOf(0x0a) + 1) : all;
  const options: Options = {
    delimiter,
    encoding: bytesEncoding,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  };

  const parseChunk = (chunk: Buffer, firstRow: number, toLine?: number): string[][] => {
    try {
      return parse(chunk, toLine ? { ...options, to_line: toLine } : options) as string[][];
    } catch (err) {
      if (err instanceof CsvError) {
        const row = firstRow + (typeof err.records === 'number' ? err.records : 0);
        throw fileError(
          fileName,
          `not a valid CSV file (near row ${row + 1}): ${err.message.replace(/ at line \d+/, '')}`,
        );
      }
      throw err;
    }
  };

  const firstLine = firstLineEnd(bytes, MAX_LINE_BYTES + 1);
  if ((firstLine < 0 ? bytes.length : firstLine) > MAX_LINE_BYTES) throw lineTooLong(fileName, 'row 1');
  const head = chunkAt(bytes, 0, 1024 * 1024, delimiter, () => lineTooLong(fileName, 'in the first rows'));
  const rows = parseChunk(head, 0, previewRows);
  if (rows.every((r) => r.every((v) => v.trim() === '')) && !hasContent(bytes)) {
    throw fileError(fileName, 'the file is empty');
  }

  return {
    format: 'csv',
    encoding,
    sheets: [{ name: '', rows }],
    date1904: false,
    rowCount: () => bytes.lines(),
    forEachRow: (_sheet, from, visit) => {
      let index = 0;
      for (let start = 0; start < bytes.length; ) {
        const chunk = chunkAt(bytes, start, CHUNK_BYTES, delimiter, () =>
          lineTooLong(fileName, `near row ${index + 1}`),
        );
        for (const record of parseChunk(chunk, index)) {
          if (index >= from) visit(record, index);
          index++;
        }
        start += chunk.length;
      }
    },
  };
}

/**
 * The offset just after the first line feed at or past `target` that ends a record (is not inside a
 * quoted field), or the end of the buffer. Chunks without quotes, the common case, need no scan: any line
 * feed ends a record. Otherwise quotes are tracked the way csv-parse reads them with `relax_quotes`: a
 * quote opens a field only at its start, `""` inside is an escaped quote.
 */
export function recordBoundary(buf: Buffer, start: number, target: number, delimiter: Delimiter): number {
  if (target >= buf.length) return buf.length;
  const nl = buf.indexOf(0x0a, target);
  if (nl === -1) return buf.length;
  const quote = buf.indexOf(0x22, start);
  if (quote === -1 || quote > nl) return nl + 1;
  const sep = delimiter.charCodeAt(0);
  let quoted = false;
  let fieldStart = true;
  for (let i = start; i < buf.length; i++) {
    const b = buf[i] as number;
    if (quoted) {
      if (b === 0x22) {
        if (buf[i + 1] === 0x22) i++;
        else quoted = false;
      }
    } else if (b === 0x22 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (b === sep) {
      fieldStart = true;
    } else if (b === 0x0a) {
      if (i >= target) return i + 1;
      fieldStart = true;
    } else if (b !== 0x0d) {
      fieldStart = false;
    }
  }
  return buf.length;
}

/** Anything besides blanks, separators and quotes. */
function hasContent(bytes: CsvBytes): boolean {
  const step = 4 * 1024 * 1024;
  for (let start = 0; start < bytes.length; start += step) {
    const win = bytes.window(start, step);
    for (let i = 0; i < win.length; i++) {
      const b = win[i] as number;
      const blank = b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
      const separator = b === 0x22 || b === 0x2c || b === 0x3b || b === 0x7c;
      if (!blank && !separator) return true;
    }
  }
  return false;
}
