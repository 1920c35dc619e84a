/**
 * Limits that keep a hostile or absurd file from exhausting time or memory before it is even
 * parsed: the file's size, and for ZIP containers (XLSX, ODS) the size its entries declare once
 * uncompressed — a "ZIP bomb" of a few hundred kilobytes that inflates to gigabytes is refused
 * from its central directory, without inflating a byte.
 */
import zlib from 'node:zlib';
import { fileError } from './errors.ts';

/** Far above any real aged-receivables export (a million CSV rows is ~55 MB). */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;
/** What the entries of a workbook may add up to once uncompressed (SheetJS needs several times that in memory). */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The size limit, from the bytes or (before reading a file whole) from its size on disk. */
export function checkFileSize(data: Buffer | number, fileName: string): void {
  const size = typeof data === 'number' ? data : data.length;
  if (size > MAX_FILE_BYTES) {
    throw fileError(
      fileName,
      `the file is ${mb(size)}: Incasso imports files up to ${mb(MAX_FILE_BYTES)}. Export fewer rows (e.g. open items only) or split the file.`,
    );
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  localOffset: number;
}

/** The entries a ZIP's central directory lists (null when it is not a readable ZIP). */
export function zipEntries(data: Buffer): ZipEntry[] | null {
  // End of central directory: 22 bytes plus a comment of up to 65,535.
  const from = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= from; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = data.readUInt16LE(p + 28);
    entries.push({
      name: data.toString('latin1', p + 46, p + 46 + nameLength),
      method: data.readUInt16LE(p + 10),
      crc: data.readUInt32LE(p + 16),
      compressed: data.readUInt32LE(p + 20),
      size: data.readUInt32LE(p + 24),
      localOffset: data.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * The compressed bytes of one part, found through its local header (null when the header is not where
 * the directory says, or the bytes run past the end of the file).
 */
export function zipEntryData(data: Buffer, e: ZipEntry): Buffer | null {
  const h = e.localOffset;
  if (h + 30 > data.length || data.readUInt32LE(h) !== 0x04034b50) return null;
  const start = h + 30 + data.readUInt16LE(h + 26) + data.readUInt16LE(h + 28);
  if (start + e.compressed > data.length) return null;
  return data.subarray(start, start + e.compressed);
}

/**
 * The sizes a workbook's ZIP directory declares, checked without inflating a byte: a "ZIP bomb" is
 * refused. Enough for telling what a file is from its first rows (import-kinds/detect.ts); the read
 * that imports it checks every part too (checkZip). Null: not readable as a ZIP (the reader says why).
 */
export function checkZipSizes(data: Buffer, fileName: string): ZipEntry[] | null {
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) return null;
  const entries = zipEntries(data);
  if (entries === null) return null;
  // ZIP64 marks sizes it keeps elsewhere: no export of ours needs it, count it as too big.
  const total = entries.reduce((s, e) => s + (e.size === 0xffffffff ? Number.POSITIVE_INFINITY : e.size), 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw fileError(
      fileName,
      `the workbook would expand to ${Number.isFinite(total) ? mb(total) : 'more than 4 GB'} once uncompressed (at most ${mb(MAX_UNZIPPED_BYTES)}): not a plausible export, refused.`,
    );
  }
  return entries;
}

/** One part of a workbook, inflated and checked against its CRC-32. */
interface CheckedPart {
  entry: ZipEntry;
  /** The general-purpose flags of its local header. */
  flags: number;
  content: Buffer;
}

/** Methods this reader inflates; a part in another is left to SheetJS. */
const KNOWN_METHODS = new Set([0, 8]);

/**
 * Every part of a workbook's ZIP (its directory's `entries`, sizes already checked by checkZipSizes)
 * inflated — never beyond its declared size — and checked against its CRC-32: a damaged file is
 * refused instead of read as garbage. Each part is handed to `visit` and dropped, so at most one is
 * held at a time.
 */
function checkParts(
  data: Buffer,
  fileName: string,
  entries: readonly ZipEntry[],
  visit: (part: CheckedPart) => void = () => {},
): void {
  for (const e of entries) {
    const damaged = () => fileError(fileName, `the file is damaged (its part ${e.name} fails its checksum)`);
    const h = e.localOffset;
    if (h + 30 > data.length || data.readUInt32LE(h) !== 0x04034b50) throw damaged();
    // The local header must tell the same story as the directory (a reader trusting it would inflate
    // whatever it says): same method, and — unless sizes follow the data (flag bit 3) — same sizes.
    const flags = data.readUInt16LE(h + 6);
    const descriptor = (flags & 8) !== 0;
    const local = {
      method: data.readUInt16LE(h + 8),
      compressed: data.readUInt32LE(h + 18),
      size: data.readUInt32LE(h + 22),
    };
    const sizesAgree =
      (local.compressed === e.compressed && local.size === e.size) ||
      (descriptor && local.compressed === 0 && local.size === 0);
    if (local.method !== e.method || !sizesAgree) {
      throw fileError(
        fileName,
        `the file is damaged or forged: its part ${e.name} declares a different ${local.method !== e.method ? 'compression method' : 'size'} in its local header than in the ZIP directory; refused without reading it`,
      );
    }
    if (!KNOWN_METHODS.has(e.method)) continue; // A method SheetJS may know and we do not: left to it.
    const raw = zipEntryData(data, e);
    if (raw === null) throw damaged();
    let content: Buffer;
    try {
      content = e.method === 0 ? raw : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      throw damaged();
    }
    if (content.length !== e.size || zlib.crc32(content) >>> 0 !== e.crc >>> 0) throw damaged();
    visit({ entry: e, flags, content });
  }
}

/** A workbook's ZIP container checked before SheetJS parses it (see checkParts). */
export function checkZip(data: Buffer, fileName: string): void {
  const entries = checkZipSizes(data, fileName);
  if (entries !== null) checkParts(data, fileName, entries);
}

/**
 * The 26 bytes a stored part's local header and its directory entry share, from "version needed": no
 * compression, the checked CRC, the size twice, the name's length (time, date, extra field: zero).
 * Only the UTF-8 name flag is kept: sizes and CRC are in the header now (no data descriptor).
 */
function storedPartFields(out: Buffer, at: number, e: ZipEntry, flags: number, name: Buffer): void {
  out.writeUInt16LE(20, at);
  out.writeUInt16LE(flags & 0x0800, at + 2);
  out.writeUInt16LE(0, at + 4);
  out.writeUInt32LE(e.crc >>> 0, at + 10);
  out.writeUInt32LE(e.size, at + 14);
  out.writeUInt32LE(e.size, at + 18);
  out.writeUInt16LE(name.length, at + 22);
}

/**
 * The workbook checked (checkZip), handed back with its parts stored uncompressed: the parts were just
 * inflated by zlib to check them, and SheetJS would inflate them all again in JavaScript (about a second
 * for a 200k-row export's 140 MB sheet) — it reads a stored part as a view of the buffer instead. The
 * compressed file is no longer needed once this is built. The original bytes when there is nothing to
 * gain (not a ZIP, or a compression only SheetJS knows).
 */
export function storedWorkbook(data: Buffer, fileName: string): Buffer {
  const declared = checkZipSizes(data, fileName);
  if (declared === null) return data; // Not a ZIP: the workbook reader says what it is.
  // Nothing to gain (nothing deflated), or a method only SheetJS knows: checked, then read as it is.
  if (declared.every((e) => e.method === 0) || declared.some((e) => !KNOWN_METHODS.has(e.method))) {
    checkParts(data, fileName, declared);
    return data;
  }
  // Sized from the directory (each part is checked to inflate to exactly its declared size) and
  // filled part by part as each is checked: one inflated part at a time beside the result.
  const names = declared.map((e) => Buffer.from(e.name, 'latin1'));
  const localSize = declared.reduce((n, e, i) => n + 30 + (names[i] as Buffer).length + e.size, 0);
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0);
  const out = Buffer.alloc(localSize + centralSize + 22);
  const offsets: number[] = [];
  const flagsOf: number[] = [];
  let at = 0;
  checkParts(data, fileName, declared, (p) => {
    const name = names[offsets.length] as Buffer;
    offsets.push(at);
    flagsOf.push(p.flags);
    out.writeUInt32LE(0x04034b50, at);
    storedPartFields(out, at + 4, p.entry, p.flags, name);
    name.copy(out, at + 30);
    p.content.copy(out, at + 30 + name.length);
    at += 30 + name.length + p.content.length;
  });
  const central = at;
  declared.forEach((e, i) => {
    const name = names[i] as Buffer;
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(20, at + 4); // made by
    storedPartFields(out, at + 6, e, flagsOf[i] as number, name);
    out.writeUInt32LE(offsets[i] as number, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  });
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(declared.length, at + 8);
  out.writeUInt16LE(declared.length, at + 10);
  out.writeUInt32LE(at - central, at + 12);
  out.writeUInt32LE(central, at + 16);
  return out;
}
