/**
 * A ledger's whole content as comparable text (every table, every row in rowid order, the schema
 * too), for "exactly as before" checks after a crash or a restore; its integrity check; and a way to
 * damage it.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

export function dumpLedger(file: string): string {
  // Read-write: after a crash SQLite may have to recover the WAL first (which changes no row).
  const db = new Database(file, { fileMustExist: true });
  try {
    const schema = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as { type: string; name: string; sql: string | null }[];
    const out: string[] = schema.map((s) => `${s.type} ${s.name}: ${s.sql ?? ''}`);
    for (const t of schema.filter((s) => s.type === 'table')) {
      const rows = db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all();
      out.push(`-- ${t.name} (${rows.length})`, ...rows.map((r) => JSON.stringify(r)));
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

export function integrityOf(file: string): string[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

/**
 * Overwrites `pages` pages of 4 KiB in the middle of a file with garbage (0xa5), on a page boundary:
 * SQLite's checks must notice.
 */
export function corruptMiddle(file: string, pages: number): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  const garbage = Buffer.alloc(4096 * pages, 0xa5);
  fs.writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}
