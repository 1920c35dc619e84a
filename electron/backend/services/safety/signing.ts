/**
 * Backups are signed: an HMAC-SHA256 of the backup's manifest.json (which holds the sha256 of the
 * ledger copy and of every file) with a key kept in the data folder, never in the backup folder
 * (a name starting with a dot: backups do not copy it, restores do not remove it). A backup edited
 * elsewhere — triggers dropped, audit rows deleted, checksums recomputed — no longer matches its
 * signature, and restore refuses it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SIGNING_KEY_FILE = '.backup-signing.key';
export const SIGNATURE_FILE = 'manifest.sig';
const MANIFEST = 'manifest.json';

/** The installation's signing key; made (32 random bytes, mode 0600) when `create` and missing. */
export function signingKey(dataDir: string, create = false): Buffer | null {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  try {
    const key = fs.readFileSync(file);
    if (key.length === 32) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!create) return null;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  // 'wx': never overwrite a key another process has just written.
  try {
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file);
    throw err;
  }
}

function mac(key: Buffer, manifest: Buffer): string {
  return crypto.createHmac('sha256', key).update(manifest).digest('hex');
}

/** Signs the manifest of a backup folder (after it is written, before the folder is published). */
export function signBackup(dir: string, key: Buffer): void {
  const manifest = fs.readFileSync(path.join(dir, MANIFEST));
  fs.writeFileSync(path.join(dir, SIGNATURE_FILE), `${mac(key, manifest)}\n`, { mode: 0o600 });
}

/** Null when the backup's manifest carries this installation's signature, else what is wrong. */
export function signatureProblem(dir: string, key: Buffer | null): string | null {
  if (!key) return 'this installation has no backup signing key: the backup cannot be trusted';
  let given: string;
  let manifest: Buffer;
  try {
    given = fs.readFileSync(path.join(dir, SIGNATURE_FILE), 'utf8').trim();
    manifest = fs.readFileSync(path.join(dir, MANIFEST));
  } catch {
    return 'not signed (no manifest.sig): made elsewhere or by an older version';
  }
  const want = Buffer.from(mac(key, manifest), 'hex');
  const got = Buffer.from(/^[0-9a-f]{64}$/.test(given) ? given : '', 'hex');
  return got.length === want.length && crypto.timingSafeEqual(got, want)
    ? null
    : 'its signature does not match: the backup was changed after it was made, or made by another installation';
}
