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

/**
 * A workbook's ZIP container checked before SheetJS parses it: the sizes its directory declares
 * (checkZipSizes), then every entry inflated — never beyond its declared size — against its CRC-32,
 * so a damaged file is refused instead of read as garbage.
 */
export function checkZip(data: Buffer, fileName: string): void {
  const entries = checkZipSizes(data, fileName);
  if (entries === null) return;
  for (const e of entries) {
    const damaged = () => fileError(fileName, `the file is damaged (its part ${e.name} fails its checksum)`);
    const h = e.localOffset;
    if (h + 30 > data.length || data.readUInt32LE(h) !== 0x04034b50) throw damaged();
    // The local header must tell the same story as the directory (a reader trusting it would inflate
    // whatever it says): same method, and — unless sizes follow the data (flag bit 3) — same sizes.
    const descriptor = (data.readUInt16LE(h + 6) & 8) !== 0;
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
    const raw = zipEntryData(data, e);
    if (raw === null) throw damaged();
    let content: Buffer;
    try {
      if (e.method === 0) content = raw;
      else if (e.method === 8) content = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      else continue; // A method SheetJS may know and we do not: left to it.
    } catch {
      throw damaged();
    }
    if (content.length !== e.size || zlib.crc32(content) >>> 0 !== e.crc >>> 0) throw damaged();
  }
}
