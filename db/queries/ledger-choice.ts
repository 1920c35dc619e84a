/**
 * Which ledger `npm start` opens: the user's own file once it is in use, the demo company's file
 * beside it until then (electron/backend/services/demo-ledger.ts). Read without opening the ledger
 * through the backend (no migrations, no lock): a read-only look at a file that may not exist yet.
 */
import fs from 'node:fs';
import { openFile } from './backup.ts';

/**
 * True when the file holds a ledger somebody uses: customers or items, a user with a password (the
 * first-run screen), or the mark of a ledger started from the demo. (Every ledger maps its first
 * admin to the OS account that opens it, so that mapping says nothing.)
 */
export function ledgerFileInUse(file: string, nativeBinding?: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const client = openFile(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const tables = new Set(
      (client.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const any = (table: string, where = '1') =>
      tables.has(table) &&
      client.prepare(`SELECT 1 FROM ${table} WHERE ${where} LIMIT 1`).get() !== undefined;
    return (
      any('customers') ||
      any('open_items') ||
      any('users', 'password_hash IS NOT NULL') ||
      any('settings', `key = 'ledger.started'`)
    );
  } finally {
    client.close();
  }
}

/**
 * True when the file is the demo company filled in place (the `demo.ledger` mark), nothing was
 * imported into it since and nobody chose a password in it: a ledger that holds nothing of the user's.
 */
export function ledgerFileIsPureDemo(file: string, nativeBinding?: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const client = openFile(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const has = (table: string) =>
      client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !==
      undefined;
    if (!has('settings')) return false;
    const mark = client.prepare(`SELECT value FROM settings WHERE key = 'demo.ledger'`).get() as
      | { value: string }
      | undefined;
    if (mark?.value !== 'true') return false;
    const none = (table: string, where = '1') =>
      !has(table) || client.prepare(`SELECT 1 FROM ${table} WHERE ${where} LIMIT 1`).get() === undefined;
    return none('import_batches') && none('users', 'password_hash IS NOT NULL');
  } finally {
    client.close();
  }
}
