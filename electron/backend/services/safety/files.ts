/**
 * The ledger's files (attachments, archived letters, PEC receipts, letterhead images) as a backup
 * holds them: copied under `files/` with a sha256 each, and put back on restore. Staged imports,
 * exports, scratch folders (names starting with a dot) and the mail-password key are left out:
 * the first three are temporary or can be made again; the key must not travel to a backup share
 * beside the passwords it opens.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/api/errors.ts';
import { KEY_FILE } from '../settings/secrets.ts';

export interface FileEntry {
  /** Relative to the data folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

const SKIPPED_TOP = new Set(['staged', 'exports', KEY_FILE]);

/** sha256 and size of a file, read in chunks (ledgers and archives can be hundreds of MB). */
export function hashFile(file: string): { sha256: string; bytes: number } {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

function included(rel: string): boolean {
  const parts = rel.split('/');
  if (SKIPPED_TOP.has(parts[0] ?? '')) return false;
  return !parts.some((p) => p.startsWith('.'));
}

/** Every file of the data folder a backup holds (relative paths, sorted). */
export function dataFiles(dataDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!included(r)) continue;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(dataDir, '');
  return out.sort();
}

/** A manifest path is relative, inside its folder, and not one of the skipped names. */
export function safeRelative(rel: string): boolean {
  if (rel === '' || rel.includes('\\') || rel.includes('\0') || path.posix.isAbsolute(rel)) return false;
  const parts = rel.split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..') && included(rel);
}

/** Copies the data folder's files into `target` and returns the manifest entries. */
export function copyDataFiles(dataDir: string, target: string): FileEntry[] {
  const entries: FileEntry[] = [];
  for (const rel of dataFiles(dataDir)) {
    const dest = path.join(target, ...rel.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
    try {
      fs.copyFileSync(path.join(dataDir, ...rel.split('/')), dest, fs.constants.COPYFILE_EXCL);
    } catch (err) {
      // Removed while we walked (a cancelled letter batch): nothing to keep.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    entries.push({ path: rel, ...hashFile(dest) });
  }
  return entries;
}

/** Checks the copies in `filesDir` against the manifest: the missing and the changed. */
export function checkFiles(
  filesDir: string,
  files: readonly FileEntry[],
): { missing: string[]; changed: string[]; unsafe: string[] } {
  const missing: string[] = [];
  const changed: string[] = [];
  const unsafe: string[] = [];
  for (const f of files) {
    if (!safeRelative(f.path)) {
      unsafe.push(f.path);
      continue;
    }
    const file = path.join(filesDir, ...f.path.split('/'));
    if (!fs.existsSync(file)) {
      missing.push(f.path);
      continue;
    }
    const h = hashFile(file);
    if (h.sha256 !== f.sha256 || h.bytes !== f.bytes) changed.push(f.path);
  }
  return { missing, changed, unsafe };
}

/**
 * Makes the data folder hold exactly the backup's files: missing or different ones copied back,
 * extra ones removed (they are in the safety backup made before the restore). Skipped names
 * (staged files, exports, the key) are left alone.
 */
export function restoreDataFiles(filesDir: string, files: readonly FileEntry[], dataDir: string): void {
  const wanted = new Map<string, FileEntry>();
  for (const f of files) {
    if (!safeRelative(f.path))
      throw new AppError('VALIDATION', `The backup names an unsafe file path: ${f.path}`);
    wanted.set(f.path, f);
  }
  for (const rel of dataFiles(dataDir)) {
    if (!wanted.has(rel)) fs.rmSync(path.join(dataDir, ...rel.split('/')), { force: true });
  }
  for (const f of wanted.values()) {
    const dest = path.join(dataDir, ...f.path.split('/'));
    if (fs.existsSync(dest) && hashFile(dest).sha256 === f.sha256) continue;
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
    const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.restoring`);
    fs.copyFileSync(path.join(filesDir, ...f.path.split('/')), tmp);
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, dest);
  }
}
