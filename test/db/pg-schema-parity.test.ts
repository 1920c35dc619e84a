/**
 * The team edition's PostgreSQL schema (db/pg/schema.ts, derived from the SQLite tables by
 * db/pg/derive.ts; migrations in db/pg/migrations/) in step with the SQLite ledger's: both are
 * migrated from scratch — SQLite by the app's own openLedger, PostgreSQL by drizzle's migrator on a
 * throw-away cluster — and compared table by table and column by column (name, nullability, type
 * family, default) and index by index. A SQLite schema edit whose PostgreSQL migration was not
 * generated, or that the derivation maps wrongly, fails here, naming the table and the column. Also
 * checks what a user of the team edition relies on beyond the column list: the audit log is
 * append-only, cents up to 9e15 come back exact, booleans are booleans, and timestamps are written as
 * the same ISO text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger, type Ledger, openLedger } from '../../db/open.ts';
import * as pgSchema from '../../db/pg/schema.ts';
import * as sqliteSchema from '../../db/schema.ts';
import { tempDir } from '../helpers/backend.ts';
import { type PgCluster, startPgCluster } from '../helpers/pg-cluster.ts';

const PG_MIGRATIONS = fileURLToPath(new URL('../../db/pg/migrations', import.meta.url));

type Family = 'integer' | 'text' | 'boolean' | 'real' | 'blob' | `other: ${string}`;

interface Column {
  family: Family;
  notNull: boolean;
  /** The default normalised across engines (quotes and casts dropped), null when none. */
  default: string | null;
}
interface Index {
  table: string;
  unique: boolean;
}
interface Shape {
  tables: Map<string, Map<string, Column>>;
  indexes: Map<string, Index>;
}

/** The ISO timestamp both engines write by default ('YYYY-MM-DDTHH:MM:SS.mmmZ', UTC). */
const NOW = '<now as ISO text>';

function sqliteFamily(declared: string): Family {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'real';
  if (t === '' || t.includes('BLOB')) return 'blob';
  return `other: ${declared}`;
}

function pgFamily(dataType: string): Family {
  if (['integer', 'bigint', 'smallint'].includes(dataType)) return 'integer';
  if (['text', 'character varying', 'character'].includes(dataType)) return 'text';
  if (dataType === 'boolean') return 'boolean';
  if (['real', 'double precision', 'numeric'].includes(dataType)) return 'real';
  if (dataType === 'bytea') return 'blob';
  return `other: ${dataType}`;
}

/** `('it')`, `'it'::text`, `'-1'::integer`, `(-1)`, `1` for a boolean… to one spelling. */
function normaliseDefault(raw: string | null, family: Family): string | null {
  if (raw === null) return null;
  // The same text shape, written by each engine's own function (checked on real rows below).
  if (raw.includes("strftime('%Y-%m-%dT%H:%M:%fZ','now')")) return NOW;
  if (/^to_char\(\(now\(\) AT TIME ZONE 'UTC'::text\), 'YYYY-MM-DD"T"HH24:MI:SS\.MS"Z"'::text\)$/.test(raw))
    return NOW;
  let v = raw.trim();
  for (;;) {
    const unwrapped = v.replace(/^\((.*)\)$/s, '$1').replace(/::[a-z ]+$/i, '');
    if (unwrapped === v) break;
    v = unwrapped;
  }
  v = v.replace(/^'(.*)'$/s, '$1').replace(/''/g, "'");
  if (family === 'boolean') {
    if (v === '1' || v.toLowerCase() === 'true') return 'true';
    if (v === '0' || v.toLowerCase() === 'false') return 'false';
  }
  return v;
}

/** Columns db/schema.ts reads as booleans (SQLite stores them as INTEGER 0/1). */
function sqliteBooleans(): Set<string> {
  const out = new Set<string>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = sqliteTableConfig(value);
    for (const c of config.columns) if (c.columnType === 'SQLiteBoolean') out.add(`${config.name}.${c.name}`);
  }
  return out;
}

function sqliteShape(db: Ledger): Shape {
  const client = db.$client;
  const booleans = sqliteBooleans();
  const tables = new Map<string, Map<string, Column>>();
  const names = client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
    )
    .all() as { name: string }[];
  for (const { name } of names) {
    const columns = new Map<string, Column>();
    const info = client.prepare(`PRAGMA table_info("${name}")`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    for (const c of info) {
      const family = booleans.has(`${name}.${c.name}`) ? 'boolean' : sqliteFamily(c.type);
      columns.set(c.name, {
        family,
        notNull: c.notnull === 1 || c.pk > 0,
        default: normaliseDefault(c.dflt_value, family),
      });
    }
    tables.set(name, columns);
  }
  const indexes = new Map<string, Index>();
  const rows = client
    .prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string; tbl: string; sql: string }[];
  for (const r of rows) indexes.set(r.name, { table: r.tbl, unique: /^CREATE UNIQUE/i.test(r.sql) });
  return { tables, indexes };
}

async function pgShape(client: pg.Client): Promise<Shape> {
  const tables = new Map<string, Map<string, Column>>();
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const c of columns.rows) {
    const family = pgFamily(c.data_type);
    if (!tables.has(c.table_name)) tables.set(c.table_name, new Map());
    tables.get(c.table_name)?.set(c.column_name, {
      family,
      notNull: c.is_nullable === 'NO',
      // Identity columns have no default in information_schema, as SQLite's rowid aliases have none.
      default: normaliseDefault(c.column_default, family),
    });
  }
  const indexes = new Map<string, Index>();
  const rows = await client.query<{ indexname: string; tablename: string; indexdef: string }>(
    "SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'",
  );
  for (const r of rows.rows) {
    indexes.set(r.indexname, { table: r.tablename, unique: /^CREATE UNIQUE/i.test(r.indexdef) });
  }
  return { tables, indexes };
}

const describeColumn = (c: Column) =>
  `${c.family}, ${c.notNull ? 'NOT NULL' : 'nullable'}, default ${c.default === null ? 'none' : JSON.stringify(c.default)}`;

/** Every difference as one line naming the table (and column or index): empty when in step. */
function differences(sqlite: Shape, postgres: Shape): string[] {
  const out: string[] = [];
  for (const table of new Set([...sqlite.tables.keys(), ...postgres.tables.keys()])) {
    const s = sqlite.tables.get(table);
    const p = postgres.tables.get(table);
    if (!s || !p) {
      out.push(`table ${table}: only on ${s ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    for (const column of new Set([...s.keys(), ...p.keys()])) {
      const sc = s.get(column);
      const pc = p.get(column);
      if (!sc || !pc) {
        out.push(`${table}.${column}: only on ${sc ? 'SQLite' : 'PostgreSQL'}`);
        continue;
      }
      if (sc.family !== pc.family || sc.notNull !== pc.notNull || sc.default !== pc.default) {
        out.push(`${table}.${column}: SQLite ${describeColumn(sc)}; PostgreSQL ${describeColumn(pc)}`);
      }
    }
  }
  for (const name of new Set([...sqlite.indexes.keys(), ...postgres.indexes.keys()])) {
    const s = sqlite.indexes.get(name);
    const p = postgres.indexes.get(name);
    if (!s || !p) {
      const only = (s ?? p) as Index;
      out.push(`index ${name} on ${only.table}: only on ${s ? 'SQLite' : 'PostgreSQL'}`);
    } else if (s.table !== p.table || s.unique !== p.unique) {
      out.push(
        `index ${name}: SQLite ${s.unique ? 'unique ' : ''}on ${s.table}; PostgreSQL ${p.unique ? 'unique ' : ''}on ${p.table}`,
      );
    }
  }
  return out.sort();
}

let cluster: PgCluster | undefined;
let client: pg.Client;
let pool: pg.Pool;
let pgDb: NodePgDatabase<typeof pgSchema>;
let ledger: Ledger;
let dir: string;

beforeAll(async () => {
  dir = tempDir('incasso-pg-parity-');
  ledger = openLedger(path.join(dir, 'ledger.db'));
  cluster = await startPgCluster('parity');
  pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  pgDb = drizzle(pool, { schema: pgSchema });
  await migrate(pgDb, { migrationsFolder: PG_MIGRATIONS });
  client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await pool?.end();
  cluster?.stop();
  if (ledger) closeLedger(ledger);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL schema parity with the SQLite ledger', () => {
  it('has the same tables, columns (nullability, type family, default) and indexes as the migrated SQLite ledger', async () => {
    const sqlite = sqliteShape(ledger);
    const postgres = await pgShape(client);
    // Not vacuous: the ledger's main tables are there on both sides.
    for (const table of ['customers', 'open_items', 'tasks', 'audit_log', 'bank_entries']) {
      expect(sqlite.tables.has(table), table).toBe(true);
    }
    expect(sqlite.tables.size).toBeGreaterThan(30);
    expect(differences(sqlite, postgres)).toEqual([]);
  });

  it('db/pg/schema.ts and its generated migrations agree (no schema edit left ungenerated)', async () => {
    const postgres = await pgShape(client);
    const missing: string[] = [];
    for (const value of Object.values(pgSchema)) {
      if (!is(value, PgTable)) continue;
      const config = pgTableConfig(value);
      const migrated = postgres.tables.get(config.name);
      for (const c of config.columns) {
        const m = migrated?.get(c.name);
        if (!m) missing.push(`${config.name}.${c.name}: in db/pg/schema.ts, not in db/pg/migrations`);
        else if (m.notNull !== c.notNull) missing.push(`${config.name}.${c.name}: nullability differs`);
      }
      for (const name of migrated?.keys() ?? []) {
        if (!config.columns.some((c) => c.name === name)) {
          missing.push(`${config.name}.${name}: in db/pg/migrations, not in db/pg/schema.ts`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('refuses to update, delete or truncate audit rows, and still appends', async () => {
    await client.query(
      "INSERT INTO audit_log (at, user_name, action, entity, entity_id, after) VALUES ('2026-12-07T09:00:00.000Z', 'anna', 'tasks.complete', 'task', '7', '{}')",
    );
    await expect(client.query("UPDATE audit_log SET user_name = 'mallory'")).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/audit_log is append-only/);
    await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/audit_log is append-only/);
    await client.query(
      "INSERT INTO audit_log (at, action) VALUES ('2026-12-07T09:01:00.000Z', 'customers.update')",
    );
    const rows = await client.query<{ user_name: string | null; action: string }>(
      'SELECT user_name, action FROM audit_log ORDER BY id',
    );
    expect(rows.rows).toEqual([
      { user_name: 'anna', action: 'tasks.complete' },
      { user_name: null, action: 'customers.update' },
    ]);
  });

  it('keeps cents up to 9e15 exact, reads booleans as booleans and stamps created_at as SQLite does', async () => {
    const [user] = await pgDb.insert(pgSchema.users).values({ name: 'anna', role: 'clerk' }).returning({
      id: pgSchema.users.id,
      active: pgSchema.users.active,
      createdAt: pgSchema.users.createdAt,
    });
    expect(user?.active).toBe(true);
    const [customer] = await pgDb
      .insert(pgSchema.customers)
      .values({ code: 'C001', name: 'Rossi S.p.A.', collectorId: user?.id })
      .returning({ id: pgSchema.customers.id });
    const big = 9_000_000_000_000_001;
    await pgDb.insert(pgSchema.openItems).values({
      customerId: customer?.id as number,
      documentType: 'invoice',
      documentNumber: 'FT-1',
      documentDate: '2026-01-31',
      dueDate: '2026-03-31',
      installment: '',
      amountCents: big,
      residualCents: big - 1,
    });
    const [item] = await pgDb
      .select({ amount: pgSchema.openItems.amountCents, residual: pgSchema.openItems.residualCents })
      .from(pgSchema.openItems);
    expect(item).toEqual({ amount: big, residual: big - 1 });

    // Both engines write the default timestamp as the same text shape, so the two compare as strings.
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    expect(user?.createdAt).toMatch(iso);
    ledger.insert(sqliteSchema.users).values({ name: 'anna', role: 'clerk' }).run();
    const sqliteUser = ledger
      .select({ createdAt: sqliteSchema.users.createdAt })
      .from(sqliteSchema.users)
      .get();
    expect(sqliteUser?.createdAt).toMatch(iso);
  });
});
