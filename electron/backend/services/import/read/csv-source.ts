/**
 * CSV through csv-parse. A big file is parsed in chunks of whole records (~256 KB each) with the sync API and
 * turned into ImportRows chunk by chunk: memory stays bounded (no array of a million string arrays) and
 * csv-parse does not build the per-record info object its `on_record` hook costs.
 */
import { CsvError, type Options, parse } from 'csv-parse/sync';
import { fileError } from './errors.ts';
import type { OpenedFile } from './source.ts';
import { countLines, type Delimiter, decodeText, detectDelimiter, separatorHint } from './text.ts';

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

export function openCsv(data: Buffer, fileName: string, previewRows: number): OpenedFile {
  const { encoding, bytes: all, bytesEncoding } = decodeText(data);
  const sample = all.subarray(0, 64 * 1024).toString(bytesEncoding);
  const hint = separatorHint(sample);
  const delimiter = hint ?? detectDelimiter(sample);
  // Excel does not show the `sep=` line as a row, so it is not counted either.
  const bytes = hint ? all.subarray(all.indexOf(0x0a) + 1) : all;
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

  const head = recordBoundary(bytes, 0, 1024 * 1024, delimiter);
  const firstLine = bytes.indexOf(0x0a);
  if ((firstLine < 0 ? bytes.length : firstLine) > MAX_LINE_BYTES) throw lineTooLong(fileName, 'row 1');
  if (head > 1024 * 1024 + MAX_LINE_BYTES) throw lineTooLong(fileName, 'in the first rows');
  const rows = parseChunk(bytes.subarray(0, head), 0, previewRows);
  if (rows.every((r) => r.every((v) => v.trim() === '')) && !hasContent(bytes)) {
    throw fileError(fileName, 'the file is empty');
  }

  let lines: number | null = null;
  return {
    format: 'csv',
    encoding,
    sheets: [{ name: '', rows }],
    date1904: false,
    rowCount: () => {
      lines ??= countLines(bytes);
      return lines;
    },
    forEachRow: (_sheet, from, visit) => {
      let index = 0;
      for (let start = 0; start < bytes.length; ) {
        const end = recordBoundary(bytes, start, start + CHUNK_BYTES, delimiter);
        if (end - start > CHUNK_BYTES + MAX_LINE_BYTES) throw lineTooLong(fileName, `near row ${index + 1}`);
        for (const record of parseChunk(bytes.subarray(start, end), index)) {
          if (index >= from) visit(record, index);
          index++;
        }
        start = end;
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
function hasContent(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const blank = b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
    const separator = b === 0x22 || b === 0x2c || b === 0x3b || b === 0x7c;
    if (!blank && !separator) return true;
  }
  return false;
}
