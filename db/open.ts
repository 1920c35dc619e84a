/**
 * Opens the ledger: creates the file with mode 0600, refuses a database written by a newer
 * version, backs the file up before applying pending migrations, then applies them
 * (WAL, foreign keys and a busy timeout so a CLI run waits for the app instead of failing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Ledger = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export class NewerDatabaseError extends Error {
  constructor(file: string) {
    super(
      `The ledger ${file} was written by a newer version of Incasso. Install the newer version: this one will not touch it.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export interface OpenOptions {
  migrationsFolder?: string;
  readonly?: boolean;
  /** The Electron build of better-sqlite3 (its ABI differs from Node's); see electron/start.ts. */
  nativeBinding?: string;
  /**
   * Makes the backup before pending migrations are applied to an existing ledger (the backend
   * puts it in the backups folder, see services/safety/backup.ts); without it the file is copied
   * to `<file>.pre-migrate`. Throwing stops the opening: no migration runs without its backup.
   */
  beforeMigrate?: (client: Database.Database, pending: readonly string[]) => void;
}

export const DEFAULT_MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(folder: string): JournalEntry[] {
  const raw = fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

/** Where a database stands against a migrations journal (SQLite's here, PostgreSQL's in db/pg/). */
export interface JournalLevel {
  applied: number;
  /** The tag of the newest applied migration this version knows; `unknown (<millis>)` otherwise. */
  latest: string | null;
  known: number;
  /** A migration this version does not know: written by a newer Incasso. */
  newer: boolean;
}

/** The level of a database whose applied migrations have these creation times (in order). */
export function journalLevel(journal: readonly JournalEntry[], applied: readonly number[]): JournalLevel {
  const byWhen = new Map(journal.map((e) => [e.when, e.tag]));
  const last = applied.at(-1);
  return {
    applied: applied.length,
    latest: last === undefined ? null : (byWhen.get(last) ?? `unknown (${last})`),
    known: journal.length,
    newer: applied.some((t) => !byWhen.has(t)),
  };
}

/** Creation times of the migrations already applied to this database (empty for a new one). */
function appliedMigrations(client: Database.Database): number[] {
  const table = client
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!table) return [];
  return (client.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map(
    (r) => Number(r.at),
  );
}

export class ReadOnlyLedgerError extends Error {
  constructor(file: string) {
    super(
      `The ledger ${file} is read-only: Incasso needs to write to it and will not change its permissions. Make it writable, or work on a copy.`,
    );
    this.name = 'ReadOnlyLedgerError';
  }
}

function writable(file: string): boolean {
  // The owner's write bit first: even root (who may write anyway) must respect a file marked read-only.
  if ((fs.statSync(file).mode & 0o200) === 0) return false;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks at an existing ledger without writing a byte (read-only, no journal-mode change): a ledger
 * from a newer version is refused before anything touches it.
 */
function refuseNewer(file: string, journal: readonly JournalEntry[], options: OpenOptions): void {
  const probe = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const known = new Set(journal.map((e) => e.when));
    if (appliedMigrations(probe).some((at) => !known.has(at))) throw new NewerDatabaseError(file);
  } finally {
    probe.close();
  }
}

export function openLedger(file: string, options: OpenOptions = {}): Ledger {
  const folder = options.migrationsFolder ?? DEFAULT_MIGRATIONS;
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (existed) {
    refuseNewer(file, readJournal(folder), options);
    // Never silently chmod a file the user made read-only: refuse it (or open it read-only when asked).
    if (!options.readonly && !writable(file)) throw new ReadOnlyLedgerError(file);
    // A writable ledger is kept private to its user (group and others lose their access).
    if (!options.readonly) fs.chmodSync(file, 0o600);
  } else if (!options.readonly) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // A new ledger is private to its user (0600 whatever the umask).
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
    fs.chmodSync(file, 0o600);
  }

  const client = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    client.pragma('busy_timeout = 10000');
    if (!options.readonly) client.pragma('journal_mode = WAL');
    client.pragma('foreign_keys = ON');
    if (!options.readonly) client.pragma('synchronous = NORMAL');

    const journal = readJournal(folder);
    const known = new Set(journal.map((e) => e.when));
    const applied = appliedMigrations(client);
    if (applied.some((at) => !known.has(at))) throw new NewerDatabaseError(file);
    const pending = journal.filter((e) => !applied.includes(e.when));
    if (pending.length > 0 && options.readonly) throw new ReadOnlyLedgerError(file);
    if (pending.length > 0 && existed && applied.length > 0 && options.beforeMigrate) {
      options.beforeMigrate(
        client,
        pending.map((e) => e.tag),
      );
    } else if (pending.length > 0 && existed && applied.length > 0) {
      // A consistent copy (WAL included) before the schema changes.
      const backup = `${file}.pre-migrate`;
      fs.rmSync(backup, { force: true });
      client.prepare('VACUUM INTO ?').run(backup);
      fs.chmodSync(backup, 0o600);
    }
    const db = drizzle(client, { schema }) as Ledger;
    if (pending.length > 0) migrate(db, { migrationsFolder: folder });
    return db;
  } catch (err) {
    client.close();
    throw err;
  }
}

/**
 * An empty ledger in memory, migrated: what the backend runs on while the real ledger is damaged
 * (recovery mode: only the backup methods answer; see services/safety/health.ts).
 */
export function openScratchLedger(
  options: Pick<OpenOptions, 'migrationsFolder' | 'nativeBinding'> = {},
): Ledger {
  const client = new Database(
    ':memory:',
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  client.pragma('foreign_keys = ON');
  const db = drizzle(client, { schema }) as Ledger;
  migrate(db, { migrationsFolder: options.migrationsFolder ?? DEFAULT_MIGRATIONS });
  return db;
}

/** SQLite's answer for a file that is damaged or not a database at all. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

export function closeLedger(db: Ledger): void {
  if (db.$client.open) db.$client.close();
}
