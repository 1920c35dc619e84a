/**
 * Password hashing with scrypt from node:crypto (no dependency; STACK.md). The stored form carries
 * its parameters, so a hash made with other costs still verifies:
 *
 *   scrypt$<N>$<r>$<p>$<salt base64>$<key base64>
 *
 * Defaults follow OWASP's password storage cheat sheet for scrypt (N=2^17, r=8, p=1). The clear
 * password is never stored, logged or audited (the dispatcher strips every `…password` field).
 */
import crypto from 'node:crypto';
import { AppError } from '../../../../shared/api/errors.ts';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD_LENGTH = 8;

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; allow twice that so the default limit (32 MiB) does not refuse it.
  const maxmem = 256 * cost.N * cost.r;
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...cost, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Refuses a password too weak to keep (length only: a pass phrase beats any character rule). */
export function checkPasswordStrength(password: string, field = 'password'): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION', `${field}: at least ${MIN_PASSWORD_LENGTH} characters`, {
      issues: [{ path: field, message: `at least ${MIN_PASSWORD_LENGTH} characters` }],
    });
  }
}

export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || !Number.isInteger(Math.log2(N)) || N > 2 ** 20 || r > 32 || p > 16) return null;
  return {
    cost: { N, r, p },
    salt: Buffer.from(parts[4] ?? '', 'base64'),
    key: Buffer.from(parts[5] ?? '', 'base64'),
  };
}

/** Whether `password` matches the stored hash (constant-time comparison; false on a malformed hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length !== KEY_BYTES) return false;
  const key = await scrypt(password, parsed.salt, parsed.cost);
  return crypto.timingSafeEqual(key, parsed.key);
}

/** A hash that matches nothing, verified when the user does not exist so timing does not tell. */
export async function dummyVerify(password: string, cost: ScryptCost): Promise<false> {
  await scrypt(password, Buffer.alloc(SALT_BYTES), cost);
  return false;
}
