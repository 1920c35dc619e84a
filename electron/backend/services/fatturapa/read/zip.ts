/**
 * A ZIP of e-invoices (what the Agenzia delle Entrate portal and most intermediaries download)
 * -> its entries' bytes. The central directory is read first (zipEntries) and every entry is
 * inflated with a hard output limit — its declared size, itself capped — whatever its local header
 * claims, then checked against its size and CRC-32: a ZIP bomb or a damaged archive is refused
 * without ever holding more than the limits in memory. node:zlib does the inflating.
 */
import zlib from 'node:zlib';
import { zipEntries } from '../../import/read/guards.ts';

export const ZIP_LIMITS = {
  entries: 20_000,
  /** An SDI file is at most 5 MB; attachments inside the XML can make a few of them bigger. */
  entryBytes: 32 * 1024 * 1024,
  totalBytes: 512 * 1024 * 1024,
};

export interface ZipFile {
  name: string;
  data: Buffer;
}

export class ZipError extends Error {}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
}

/** Every file of the archive (folders left out), in directory order. */
export function unzip(data: Buffer, limits = ZIP_LIMITS): ZipFile[] {
  const entries = zipEntries(data);
  if (entries === null) throw new ZipError('the ZIP archive is damaged (its directory cannot be read)');
  const files = entries.filter((e) => !e.name.endsWith('/'));
  if (files.length > limits.entries) {
    throw new ZipError(`the ZIP archive holds ${files.length} files (at most ${limits.entries}): split it`);
  }
  let total = 0;
  for (const e of files) {
    if (e.size === 0xffffffff || e.size > limits.entryBytes) {
      throw new ZipError(
        `${e.name} in the ZIP archive would expand to more than ${mb(limits.entryBytes)}: not an e-invoice, refused`,
      );
    }
    total += e.size;
  }
  if (total > limits.totalBytes) {
    throw new ZipError(
      `the ZIP archive would expand to ${mb(total)} (at most ${mb(limits.totalBytes)}): split it`,
    );
  }
  return files.map((e) => {
    const damaged = () => new ZipError(`the ZIP archive is damaged (${e.name} fails its checksum)`);
    const h = e.localOffset;
    if (h + 30 > data.length || data.readUInt32LE(h) !== 0x04034b50) throw damaged();
    const start = h + 30 + data.readUInt16LE(h + 26) + data.readUInt16LE(h + 28);
    if (start + e.compressed > data.length) throw damaged();
    const raw = data.subarray(start, start + e.compressed);
    let content: Buffer;
    try {
      if (e.method === 0) content = Buffer.from(raw);
      else if (e.method === 8) content = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      else throw new ZipError(`${e.name} in the ZIP archive uses a compression method Incasso does not read`);
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw damaged();
    }
    if (content.length !== e.size || zlib.crc32(content) >>> 0 !== e.crc >>> 0) throw damaged();
    return { name: e.name, data: content };
  });
}
