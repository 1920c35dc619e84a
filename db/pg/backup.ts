/**
 * The SQL of the PostgreSQL backups (services/safety/pg-backup.ts runs pg_dump and pg_restore;
 * every statement they need is here): the server's version, the migration level drizzle recorded,
 * one snapshot shared with pg_dump so the manifest's row counts and checksums describe exactly the
 * rows in the dump, the restored database's checks (rows, checksums, the audit log still
 * append-only) and the restore's audit row.
 */
import pg from 'pg';
import { type JournalLevel, journalLevel, readJournal } from '../open.ts';
import {
  copyPlan,
  existingRelations,
  PG_MIGRATIONS,
  type PgTarget,
  type TableSum,
  targetTableSum,
} from './copy.ts';

export type { PgTarget } from './copy.ts';
export { existingRelations, PG_MIGRATIONS };

/** The append-only triggers of db/pg/migrations/0001_audit_append_only.sql. */
export const AUDIT_TRIGGERS = [
  'audit_log_no_update',
  'audit_log_no_delete',
  'audit_log_no_truncate',
] as const;

/** One connection (the password in the URL: the service puts PGPASSWORD there when it has none). */
export async function connectPg(url: string, purpose: string): Promise<PgTarget> {
  const client = new pg.Client({ connectionString: url, application_name: `incasso ${purpose}` });
  await client.connect();
  return client;
}

export interface ServerInfo {
  /** e.g. "15.13 (Debian 15.13-0+deb12u1)". */
  version: string;
  /** e.g. 15. */
  major: number;
  database: string;
}

export async function serverInfo(client: PgTarget): Promise<ServerInfo> {
  const r = await client.query<{ version: string; num: string; database: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num, current_database() AS database",
  );
  const row = r.rows[0] as { version: string; num: string; database: string };
  return { version: row.version, major: Math.floor(Number(row.num) / 10000), database: row.database };
}

export type PgMigrationLevel = JournalLevel;

/** What drizzle.__drizzle_migrations says, against this version's db/pg/migrations journal. */
export async function pgMigrationLevel(client: PgTarget, folder = PG_MIGRATIONS): Promise<PgMigrationLevel> {
  const journal = readJournal(folder);
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return { applied: 0, latest: null, known: journal.length, newer: false };
  const r = await client.query<{ at: string }>(
    'SELECT created_at::text AS at FROM drizzle.__drizzle_migrations ORDER BY created_at, id',
  );
  return journalLevel(
    journal,
    r.rows.map((row) => Number(row.at)),
  );
}

/**
 * A read-only REPEATABLE READ transaction whose snapshot pg_dump shares (`--snapshot`): the
 * counts read in it and the dump see the same rows. Stays open until `end` is called.
 */
export async function beginSharedSnapshot(
  client: PgTarget,
): Promise<{ id: string; end: () => Promise<void> }> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const r = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    return {
      id: (r.rows[0] as { id: string }).id,
      end: async () => {
        await client.query('COMMIT');
      },
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

export interface TableFigure extends TableSum {
  name: string;
}

/**
 * Row count and order-independent checksum of every ledger table (db/pg/schema.ts) that the
 * database holds, inside the caller's transaction (the checksum reads through a cursor).
 */
export async function ledgerTableSums(client: PgTarget): Promise<TableFigure[]> {
  const present = new Set(await existingRelations(client));
  const out: TableFigure[] = [];
  for (const table of copyPlan()) {
    if (!present.has(`public.${table.name}`)) continue;
    out.push({ name: table.name, ...(await targetTableSum(client, table)) });
  }
  return out;
}

/** The same, in a transaction of its own (after a restore). */
export async function ledgerTableSumsNow(client: PgTarget): Promise<TableFigure[]> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    return await ledgerTableSums(client);
  } finally {
    await client.query('COMMIT').catch(() => {});
  }
}

export async function sumResidualCents(client: PgTarget): Promise<number> {
  const r = await client.query<{ s: string }>(
    'SELECT COALESCE(SUM(residual_cents), 0)::text AS s FROM open_items',
  );
  return Number(r.rows[0]?.s);
}

/**
 * Whether the audit log still refuses UPDATE, DELETE and TRUNCATE: each tried on its newest row
 * inside a transaction that is rolled back whatever happens. One line per problem; none when the
 * log is append-only. Needs at least one row (the row triggers fire per row).
 */
export async function auditAppendOnlyProblems(client: PgTarget): Promise<string[]> {
  const problems: string[] = [];
  const triggers = await client.query<{ name: string; enabled: string }>(
    "SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger WHERE tgrelid = to_regclass('public.audit_log') AND NOT tgisinternal",
  );
  for (const name of AUDIT_TRIGGERS) {
    const t = triggers.rows.find((r) => r.name === name);
    if (!t) problems.push(`audit_log: trigger ${name} is missing`);
    else if (t.enabled === 'D') problems.push(`audit_log: trigger ${name} is disabled`);
  }
  const attempts = [
    ['UPDATE', "UPDATE audit_log SET action = action || '' WHERE id = (SELECT max(id) FROM audit_log)"],
    ['DELETE', 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ] as const;
  for (const [verb, statement] of attempts) {
    await client.query('BEGIN');
    try {
      const r = await client.query(statement);
      if (verb === 'TRUNCATE' || (r.rowCount ?? 0) > 0) problems.push(`audit_log: ${verb} was allowed`);
    } catch (err) {
      if (!/append-only/.test((err as Error).message))
        problems.push(`audit_log: ${verb} failed otherwise: ${(err as Error).message}`);
    } finally {
      await client.query('ROLLBACK').catch(() => {});
    }
  }
  return problems;
}

/** One row appended to the audit log (by name: the restored database's users may not hold the actor's id). */
export async function appendAuditRow(
  client: PgTarget,
  e: { at: string; userName: string; action: string; entity: string; entityId: string; after: unknown },
): Promise<number> {
  const r = await client.query<{ id: number }>(
    'INSERT INTO audit_log (at, user_id, user_name, action, entity, entity_id, after) VALUES ($1, NULL, $2, $3, $4, $5, $6) RETURNING id',
    [e.at, e.userName, e.action, e.entity, e.entityId, JSON.stringify(e.after)],
  );
  return (r.rows[0] as { id: number }).id;
}
