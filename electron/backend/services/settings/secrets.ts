/**
 * Mail passwords, stored encrypted in the ledger's settings. How they are encrypted is a
 * `SecretCipher`: under plain Node (CLI, browser mode, tests) AES-256-GCM with a random key kept
 * in a key file beside the ledger, readable by the user only; the Electron main process can
 * give createBackend one backed by `safeStorage` (the OS keychain, `config.secretCipher`), since
 * the backend itself never imports 'electron'. Each stored secret records its scheme, so a password saved by
 * one cipher is never silently misread by another.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import { deleteSetting, getSetting, setSetting } from '../../../../db/queries/settings.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { SecretCipher } from '../../config.ts';
import type { BackendContext } from '../../context.ts';

export type { SecretCipher };

/** Where a secret's key is: the cipher the shell gave the backend, else the ledger's key file. */
export type SecretKeys = Pick<BackendContext, 'dataDir' | 'config'>;

interface StoredSecret {
  scheme: string;
  data: string;
}

export const KEY_FILE = 'secret.key';

function readKey(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  // Only the user may read the key (a copied folder can come back with wider rights).
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = fs.readFileSync(file);
  if (key.length !== 32) throw new AppError('INTERNAL', `The key file ${file} is damaged.`);
  return key;
}

/** AES-256-GCM with a 32-byte key in `<data folder>/secret.key` (mode 0600). */
export function keyFileCipher(dataDir: string): SecretCipher {
  const file = path.join(dataDir, KEY_FILE);
  return {
    scheme: 'keyfile-aes-256-gcm',
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', readKey(file), iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]).toString('base64');
    },
    decrypt(data) {
      const raw = Buffer.from(data, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', readKey(file), raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

export function secretCipher(keys: SecretKeys): SecretCipher {
  return keys.config.secretCipher ?? keyFileCipher(keys.dataDir);
}

const settingKey = (name: string) => `secret.${name}`;

export async function storeSecret(
  db: Ledger,
  keys: SecretKeys,
  name: string,
  plain: string | null,
): Promise<void> {
  if (plain === null || plain === '') {
    await deleteSetting(db, settingKey(name));
    return;
  }
  const cipher = secretCipher(keys);
  await setSetting(db, settingKey(name), {
    scheme: cipher.scheme,
    data: cipher.encrypt(plain),
  } satisfies StoredSecret);
}

/** Forgets a stored secret (a mail account pointed elsewhere must not take the old password along). */
export async function deleteSecret(db: Ledger, name: string): Promise<void> {
  await deleteSetting(db, settingKey(name));
}

export async function hasSecret(db: Ledger, name: string): Promise<boolean> {
  return (await getSetting<StoredSecret | null>(db, settingKey(name), null)) !== null;
}

export async function readSecret(db: Ledger, keys: SecretKeys, name: string): Promise<string | null> {
  const stored = await getSetting<StoredSecret | null>(db, settingKey(name), null);
  if (!stored) return null;
  const cipher = secretCipher(keys);
  if (stored.scheme !== cipher.scheme) {
    throw new AppError(
      'CONFLICT',
      `The ${name} was saved by another installation (${stored.scheme}): set it again (\`settings set-password\`).`,
    );
  }
  try {
    return cipher.decrypt(stored.data);
  } catch {
    throw new AppError('CONFLICT', `The ${name} cannot be decrypted (key file changed?): set it again.`);
  }
}
