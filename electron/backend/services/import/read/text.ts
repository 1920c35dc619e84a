/**
 * Text files: which encoding (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252, what Excel
 * and most Italian accounting systems write on Windows) and which field separator.
 */
import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  /** Label for the user and the batch record. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** The content without BOM: the original buffer (no copy) whenever possible. */
  bytes: Buffer;
  /** How `bytes` decode: Windows-1252 without its 0x80-0x9F extras is exactly Latin-1, a native decoding. */
  bytesEncoding: 'utf8' | 'latin1';
}

export function decodeText(data: Buffer): DecodedText {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { encoding: 'utf-8', bytes: data.subarray(3), bytesEncoding: 'utf8' };
  }
  if (data[0] === 0xff && data[1] === 0xfe) {
    return {
      encoding: 'utf-16le',
      bytes: utf8Of(new TextDecoder('utf-16le').decode(data.subarray(2))),
      bytesEncoding: 'utf8',
    };
  }
  if (data[0] === 0xfe && data[1] === 0xff) {
    return {
      encoding: 'utf-16be',
      bytes: utf8Of(new TextDecoder('utf-16be').decode(data.subarray(2))),
      bytesEncoding: 'utf8',
    };
  }
  // Validates the whole file (a single Windows-1252 byte, an accented name on row 900,000, is invalid UTF-8)
  // like `new TextDecoder('utf-8', { fatal: true })` would, without building a string of the whole file.
  if (isUtf8(data)) return { encoding: 'utf-8', bytes: data, bytesEncoding: 'utf8' };
  // Windows-1252 puts € and typographic quotes in 0x80-0x9F, where Latin-1 has control codes; only a file
  // using them needs the (slower, memory-hungry) full decode.
  if (!hasC1Bytes(data)) return { encoding: 'windows-1252', bytes: data, bytesEncoding: 'latin1' };
  return { encoding: 'windows-1252', bytes: utf8Of(decodeWindows1252(data)), bytesEncoding: 'utf8' };
}

/** Windows-1252 0x80-0x9F (undefined bytes stay as their C1 code). */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node's TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1 control codes (0x80 comes out U+0080, not
 * €), so those bytes are mapped here.
 */
export function decodeWindows1252(data: Buffer): string {
  return data.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] as string);
}

function utf8Of(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** Any byte in 0x80-0x9F? Four bytes at a time: mostly-ASCII text skips a word on one test. */
export function hasC1Bytes(data: Buffer): boolean {
  const isC1 = (b: number): boolean => b >= 0x80 && b <= 0x9f;
  const head = Math.min(data.length, (4 - (data.byteOffset % 4)) % 4);
  for (let i = 0; i < head; i++) if (isC1(data[i] as number)) return true;
  const words = new Uint32Array(data.buffer, data.byteOffset + head, (data.length - head) >>> 2);
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as number;
    if ((word & 0x80808080) === 0) continue;
    const at = head + w * 4;
    if (
      isC1(data[at] as number) ||
      isC1(data[at + 1] as number) ||
      isC1(data[at + 2] as number) ||
      isC1(data[at + 3] as number)
    ) {
      return true;
    }
  }
  for (let i = head + words.length * 4; i < data.length; i++) if (isC1(data[i] as number)) return true;
  return false;
}

/** Counts line feeds, for progress reports (quoted multi-line fields make it an estimate). */
export function countLines(data: Buffer): number {
  let n = 0;
  let i = data.indexOf(0x0a);
  while (i !== -1) {
    n++;
    i = data.indexOf(0x0a, i + 1);
  }
  return data.length > 0 && data[data.length - 1] !== 0x0a ? n + 1 : n;
}

const CANDIDATES = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof CANDIDATES)[number];

/**
 * The separator is the candidate that splits the most lines into the same number of fields: `;` files hold
 * commas in amounts (`1.234,56`) and names (`Rossi, Bianchi & C.`), but not a steady number per line.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 60);
  // A partial last line (the sample is cut) would skew the counts.
  if (lines.length > 1) lines.pop();
  let best: Delimiter = ';';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const freq = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, d);
      if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [fields, lineCount] of freq) score = Math.max(score, lineCount * (1 + Math.log2(fields)));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/** Excel honours a first line `sep=;` naming the separator, and does not show it as a row. */
export function separatorHint(sample: string): Delimiter | null {
  const m = /^sep=(.)\r?\n/i.exec(sample);
  const d = m?.[1];
  return d !== undefined && (CANDIDATES as readonly string[]).includes(d) ? (d as Delimiter) : null;
}
