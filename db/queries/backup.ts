/**
 * The SQL of backups, restores and integrity checks. These work on a raw better-sqlite3
 * connection (a backup file, a ledger before migration, a damaged ledger), not on the drizzle
 * schema: the file in hand may be older, newer or broken. SQLite-specific by nature (PRAGMAs,
 * VACUUM INTO); the PostgreSQL edition will have its own.
 */
import Database from 'better-sqlite3';

export type Client = Database.Database;

/** Opens a file that must exist, for checks: read-only unless told otherwise. */
export function openFile(file: string, opts: { readonly?: boolean; nativeBinding?: string } = {}): Client {
  const client = new Database(file, {
    readonly: opts.readonly ?? true,
    fileMustExist: true,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  client.pragma('busy_timeout = 10000');
  return client;
}

/** `PRAGMA quick_check`: ['ok'] or the problems found (at most `max`). */
export function quickCheck(client: Client, max = 20): string[] {
  return (client.pragma(`quick_check(${Math.max(1, Math.floor(max))})`) as { quick_check: string }[]).map(
    (r) => r.quick_check,
  );
}

/** `PRAGMA integrity_check` (thorough: indexes against tables too): ['ok'] or the problems found. */
export function integrityCheck(client: Client, max = 50): string[] {
  return (
    client.pragma(`integrity_check(${Math.max(1, Math.floor(max))})`) as { integrity_check: string }[]
  ).map((r) => r.integrity_check);
}

/** Rows whose foreign keys point nowhere (empty when consistent). */
export function foreignKeyProblems(client: Client, max = 20): string[] {
  const rows = client.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  return rows.slice(0, max).map((r) => `${r.table} row ${r.rowid} points to a missing ${r.parent}`);
}

/** The schema SQLite keeps (tables, indexes, triggers, views): type, name and creating SQL. */
export function schemaObjects(client: Client): { type: string; name: string; sql: string }[] {
  return client
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL")
    .all() as { type: string; name: string; sql: string }[];
}

/** Creation times of the migrations applied to this database; null when it is not a ledger at all. */
export function appliedMigrationTimes(client: Client): number[] | null {
  const table = client
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!table) return null;
  return (
    client.prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at').all() as {
      at: number;
    }[]
  ).map((r) => Number(r.at));
}

function hasSettings(client: Client): boolean {
  return (
    client.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='settings'").get() !==
    undefined
  );
}

/** A setting read straight from the file (JSON value), or undefined; never throws on a broken file. */
export function readRawSetting(client: Client, key: string): unknown {
  try {
    if (!hasSettings(client)) return undefined;
    const row = client.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export function writeRawSetting(client: Client, key: string, value: unknown): void {
  client
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(key, JSON.stringify(value));
}

/** A consistent copy of the whole database in one statement (synchronous; used before migrations). */
export function vacuumInto(client: Client, target: string): void {
  client.prepare('VACUUM INTO ?').run(target);
}

/**
 * Turns a freshly written backup file into a self-contained one: rollback journal instead of WAL,
 * so it opens read-only anywhere (a network share, a read-only medium) without `-wal`/`-shm` files.
 */
export function makeStandalone(file: string, nativeBinding?: string): void {
  const client = openFile(file, { readonly: false, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    client.pragma('journal_mode = DELETE');
  } finally {
    client.close();
  }
}

/** Checkpoints the WAL into the main file (after a restore wrote through it). */
export function checkpoint(client: Client): void {
  client.pragma('wal_checkpoint(TRUNCATE)');
}
