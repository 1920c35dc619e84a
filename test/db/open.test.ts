/** db/open.ts on real files: permissions, pragmas, migrations, backups, refusal of the future. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeLedger,
  DEFAULT_MIGRATIONS,
  type Ledger,
  NewerDatabaseError,
  openLedger,
  ReadOnlyLedgerError,
} from '../../db/open.ts';
import { tempDir } from '../helpers/backend.ts';

interface Journal {
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}
const journal = (folder = DEFAULT_MIGRATIONS) =>
  JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;

let dir: string;
let file: string;
const open: Ledger[] = [];
const openTracked = (f: string, opts?: Parameters<typeof openLedger>[1]) => {
  const db = openLedger(f, opts);
  open.push(db);
  return db;
};

beforeEach(() => {
  dir = tempDir('incasso-open-');
  file = path.join(dir, 'sub', 'ledger.db');
});
afterEach(() => {
  for (const db of open.splice(0)) closeLedger(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const tables = (db: Ledger) =>
  (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (r) => r.name,
  );
const applied = (db: Ledger) =>
  (db.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('openLedger', () => {
  it.skipIf(process.platform === 'win32')(
    'creates the file (and its folder) readable by the owner only',
    () => {
      openTracked(file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o077).toBe(0);
    },
  );

  it.skipIf(process.platform === 'win32')('tightens the mode of an existing file', () => {
    closeLedger(openLedger(file));
    fs.chmodSync(file, 0o644);
    openTracked(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('turns on WAL, foreign keys and a busy timeout', () => {
    const db = openTracked(file);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.$client.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
  });

  it('applies every committed migration', () => {
    const db = openTracked(file);
    expect(applied(db)).toBe(journal().entries.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['users', 'customers', 'open_items', 'import_batches', 'audit_log', 'settings']),
    );
    // 0001: the audit log is append-only.
    expect(
      (
        db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    ).toEqual(expect.arrayContaining(['audit_log_no_update', 'audit_log_no_delete']));
  });

  it('a second open is a no-op: nothing applied again, no backup', () => {
    const first = openLedger(file);
    first.$client.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
    const migrations = first.$client.prepare('SELECT * FROM __drizzle_migrations ORDER BY id').all();
    closeLedger(first);
    const db = openTracked(file);
    expect(db.$client.prepare('SELECT * FROM __drizzle_migrations ORDER BY id').all()).toEqual(migrations);
    expect(db.$client.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({
      value: '1',
    });
    expect(fs.existsSync(`${file}.pre-migrate`)).toBe(false);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = openLedger(file);
    const future = Math.max(...journal().entries.map((e) => e.when)) + 86_400_000;
    db.$client
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-the-future', future);
    closeLedger(db);
    const before = sha(file);
    const rows = new Database(file, { readonly: true });
    const count = (rows.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    rows.close();

    expect(() => openLedger(file)).toThrow(NewerDatabaseError);
    expect(() => openLedger(file)).toThrow(/newer version/);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}.pre-migrate`)).toBe(false);
    const after = new Database(file, { readonly: true });
    expect((after.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(
      count,
    );
    after.close();
  });

  it('refuses a newer ledger before writing anything, its journal mode included', () => {
    const db = openLedger(file);
    const future = Math.max(...journal().entries.map((e) => e.when)) + 86_400_000;
    db.$client
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-the-future', future);
    // As an older copy of SQLite would have left it: rollback journal, no WAL.
    db.$client.pragma('journal_mode = DELETE');
    closeLedger(db);
    fs.chmodSync(file, 0o640);
    const before = sha(file);
    expect(() => openLedger(file)).toThrow(NewerDatabaseError);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    const probe = new Database(file, { readonly: true });
    expect(probe.pragma('journal_mode', { simple: true })).toBe('delete');
    probe.close();
  });

  it('refuses a read-only ledger without changing its permissions, or opens it read-only when asked', () => {
    closeLedger(openLedger(file));
    fs.chmodSync(file, 0o444);
    const before = sha(file);
    expect(() => openLedger(file)).toThrow(ReadOnlyLedgerError);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(sha(file)).toBe(before);
    const db = openLedger(file, { readonly: true });
    expect(db.$client.readonly).toBe(true);
    expect(db.$client.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
    closeLedger(db);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    fs.chmodSync(file, 0o600);
  });

  describe('with a pending migration', () => {
    let folder: string;
    beforeEach(() => {
      // The committed migrations plus one more, as the next version of the app would ship.
      folder = path.join(dir, 'migrations');
      fs.cpSync(DEFAULT_MIGRATIONS, folder, { recursive: true });
      const j = journal(folder);
      const last = j.entries[j.entries.length - 1]!;
      const tag = `${String(j.entries.length).padStart(4, '0')}_test_extra`;
      j.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
      fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(j, null, 2));
      fs.writeFileSync(
        path.join(folder, `${tag}.sql`),
        'CREATE TABLE `test_extra` (`id` integer PRIMARY KEY);\n',
      );
    });

    it('copies the database to .pre-migrate before migrating', () => {
      const db = openLedger(file);
      db.$client.prepare("INSERT INTO settings (key, value) VALUES ('probe', '\"before\"')").run();
      const count = applied(db);
      closeLedger(db);

      const migrated = openTracked(file, { migrationsFolder: folder });
      expect(applied(migrated)).toBe(count + 1);
      expect(tables(migrated)).toContain('test_extra');

      const backup = `${file}.pre-migrate`;
      expect(fs.existsSync(backup)).toBe(true);
      if (process.platform !== 'win32') expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
      const old = new Database(backup, { readonly: true });
      expect((old.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(
        count,
      );
      expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'test_extra'").get()).toBeUndefined();
      expect(old.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({
        value: '"before"',
      });
      old.close();
    });

    it('makes no backup of a brand-new database', () => {
      openTracked(file, { migrationsFolder: folder });
      expect(fs.existsSync(`${file}.pre-migrate`)).toBe(false);
    });
  });
});
