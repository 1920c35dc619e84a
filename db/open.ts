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

export function openLedger(file: string, options: OpenOptions = {}): Ledger {
  const folder = options.migrationsFolder ?? DEFAULT_MIGRATIONS;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);

  const client = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    client.pragma('busy_timeout = 10000');
    client.pragma('journal_mode = WAL');
    client.pragma('foreign_keys = ON');
    client.pragma('synchronous = NORMAL');

    const journal = readJournal(folder);
    const known = new Set(journal.map((e) => e.when));
    const applied = appliedMigrations(client);
    if (applied.some((at) => !known.has(at))) throw new NewerDatabaseError(file);
    const pending = journal.filter((e) => !applied.includes(e.when));
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
