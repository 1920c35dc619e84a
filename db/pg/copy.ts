/**
 * The SQL of `migrate-to` (services/safety/migrate-to.ts): a SQLite ledger copied into an empty
 * PostgreSQL database and checked there, all inside one PostgreSQL transaction that the service
 * opens and commits or rolls back. This module never commits.
 *
 * What differs between the engines, and so what the copy converts (db/pg/schema.ts against
 * db/schema/*.ts): SQLite stores booleans as INTEGER 0/1, PostgreSQL has `boolean`; cents are
 * SQLite integers and PostgreSQL `bigint` (read exactly here: SQLite's integers as BigInt); JSON
 * and timestamps are TEXT on both (ISO text, JSON text), so they travel as they are and the
 * checksums prove they arrived byte for byte. Any other column type in db/pg/schema.ts stops the
 * copy (`columnKind`) rather than guessing a conversion.
 */
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { AGING_BUCKETS, type AgingBucket } from '../../shared/domain/aging.ts';
import { addDays } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import * as pgSchema from './schema.ts';

export const PG_MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** The database side of the copy: one connection, inside the service's transaction. */
export type PgTarget = pg.Client;

type Kind = 'integer' | 'boolean' | 'text';

export interface CopyColumn {
  name: string;
  kind: Kind;
}

export interface CopyTable {
  name: string;
  columns: CopyColumn[];
  /** The identity column whose sequence must move past the copied ids; null without one. */
  identity: string | null;
}

/** Row count and an order-independent checksum of a table's rows, normalised across engines. */
export interface TableSum {
  rows: number;
  checksum: string;
}

function columnKind(table: string, column: string, columnType: string): Kind {
  switch (columnType) {
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgBigInt53':
    case 'PgBigInt64':
      return 'integer';
    case 'PgBoolean':
      return 'boolean';
    case 'PgText':
    case 'PgVarchar':
      return 'text';
    default:
      throw new Error(`migrate-to does not know how to copy ${table}.${column} (${columnType})`);
  }
}

/**
 * Every table of db/pg/schema.ts, parents before children (foreign keys), ties by name so the
 * order is the same on every run. A table's reference to itself does not order it.
 */
export function copyPlan(): CopyTable[] {
  const tables = new Map<string, { table: CopyTable; parents: Set<string> }>();
  for (const value of Object.values(pgSchema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const parents = new Set<string>();
    for (const fk of config.foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name;
      if (parent !== config.name) parents.add(parent);
    }
    tables.set(config.name, {
      parents,
      table: {
        name: config.name,
        columns: config.columns.map((c) => ({
          name: c.name,
          kind: columnKind(config.name, c.name, c.columnType),
        })),
        identity: config.columns.find((c) => c.generatedIdentity !== undefined)?.name ?? null,
      },
    });
  }
  const ordered: CopyTable[] = [];
  const done = new Set<string>();
  while (done.size < tables.size) {
    const ready = [...tables.entries()]
      .filter(([name, t]) => !done.has(name) && [...t.parents].every((p) => done.has(p)))
      .map(([name]) => name)
      .sort();
    if (ready.length === 0) {
      const left = [...tables.keys()].filter((n) => !done.has(n));
      throw new Error(`The foreign keys of ${left.join(', ')} form a cycle: no copy order exists`);
    }
    for (const name of ready) {
      done.add(name);
      ordered.push((tables.get(name) as { table: CopyTable }).table);
    }
  }
  return ordered;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const columnList = (t: CopyTable) => t.columns.map((c) => ident(c.name)).join(', ');

// --- the source: the SQLite ledger ------------------------------------------------------------

/**
 * Tables or columns of the SQLite ledger that db/pg/schema.ts does not have, and the reverse: the
 * copy would drop (or invent) data, so it refuses. The parity test keeps this empty; this is the
 * check at the moment of the move, on the ledger actually being moved.
 */
export function schemaDifferences(ledger: Ledger, plan: readonly CopyTable[]): string[] {
  const source = ledger.$client;
  const out: string[] = [];
  const names = (
    source
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  const byName = new Map(plan.map((t) => [t.name, t]));
  for (const name of names) {
    const table = byName.get(name);
    if (!table) {
      out.push(`table ${name}: in the SQLite ledger, not in db/pg/schema.ts`);
      continue;
    }
    const columns = (source.prepare(`PRAGMA table_info(${ident(name)})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    for (const c of columns)
      if (!table.columns.some((t) => t.name === c)) out.push(`${name}.${c}: only in the SQLite ledger`);
    for (const c of table.columns)
      if (!columns.includes(c.name)) out.push(`${name}.${c.name}: only in db/pg/schema.ts`);
  }
  for (const t of plan) if (!names.includes(t.name)) out.push(`table ${t.name}: not in the SQLite ledger`);
  return out;
}

/** A consistent snapshot of the SQLite ledger for the whole copy (WAL: writers go on meanwhile). */
export function beginSourceSnapshot(ledger: Ledger): () => void {
  const source = ledger.$client;
  source.prepare('BEGIN').run();
  // The snapshot is taken at the first read, not at BEGIN: read now.
  source.prepare('SELECT count(*) FROM sqlite_master').get();
  return () => {
    if (source.inTransaction) source.prepare('COMMIT').run();
  };
}

// --- the checksum -----------------------------------------------------------------------------

type Canonical = string | boolean | null;

/** A value as SQLite returned it (integers as BigInt), in the form both engines agree on. */
function fromSqlite(value: unknown, kind: Kind): Canonical {
  if (value === null) return null;
  if (kind === 'boolean') {
    if (value === 1n) return true;
    if (value === 0n) return false;
  } else if (kind === 'integer') {
    if (typeof value === 'bigint') return value.toString();
  } else if (typeof value === 'string') {
    return value;
  }
  // Anything else (a REAL in an integer column, a 2 in a boolean one, a blob) cannot equal what
  // PostgreSQL returns: marked, so the checksum differs and the move is refused.
  return `?${typeof value}:${String(value)}`;
}

/** A value as node-postgres returned it (int4 as number, int8 as text, bool as boolean). */
function fromPg(value: unknown, kind: Kind): Canonical {
  if (value === null) return null;
  if (kind === 'boolean' && typeof value === 'boolean') return value;
  if (kind === 'integer' && (typeof value === 'number' || typeof value === 'bigint')) return String(value);
  if (kind === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value)) return value;
  if (kind === 'text' && typeof value === 'string') return value;
  return `?${typeof value}:${String(value)}`;
}

const MASK = (1n << 128n) - 1n;

/** Sum of the rows' sha-256 prefixes mod 2^128: independent of row order, sensitive to duplicates. */
class Checksum {
  rows = 0;
  private sum = 0n;
  add(row: Canonical[]): void {
    const digest = crypto.createHash('sha256').update(JSON.stringify(row)).digest();
    this.sum = (this.sum + BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)) & MASK;
    this.rows++;
  }
  result(): TableSum {
    return { rows: this.rows, checksum: this.sum.toString(16).padStart(32, '0') };
  }
}

// --- the target: PostgreSQL -------------------------------------------------------------------

export async function connectTarget(url: string): Promise<PgTarget> {
  const client = new pg.Client({ connectionString: url, application_name: 'incasso migrate-to' });
  await client.connect();
  return client;
}

/** Tables, views and sequences a database already holds outside PostgreSQL's own schemas. */
export async function existingRelations(target: PgTarget): Promise<string[]> {
  const r = await target.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
      ORDER BY 1`,
  );
  return r.rows.map((row) => row.name);
}

/**
 * The team edition's schema from db/pg/migrations, in journal order, inside the caller's
 * transaction — drizzle's own migrator would commit on its own. Records each migration in
 * drizzle.__drizzle_migrations exactly as that migrator does, so it finds them applied later.
 */
export async function createSchema(target: PgTarget, folder = PG_MIGRATIONS): Promise<string[]> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  await target.query('CREATE SCHEMA IF NOT EXISTS "drizzle"');
  await target.query(
    'CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
  );
  for (const m of migrations) {
    for (const statement of m.sql) if (statement.trim()) await target.query(statement);
    await target.query(
      'INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at") VALUES ($1, $2)',
      [m.hash, m.folderMillis],
    );
  }
  return migrations.map((m) => m.hash);
}

/** Rows per INSERT: a few thousand, and never past PostgreSQL's 65,535 parameters. */
function batchRows(table: CopyTable): number {
  return Math.max(1, Math.min(2000, Math.floor(60_000 / table.columns.length)));
}

/** A SQLite value as the PostgreSQL column takes it: 0/1 become booleans, the rest as it is. */
function toPg(value: unknown, kind: Kind): unknown {
  if (kind === 'boolean' && (value === 0n || value === 1n)) return value === 1n;
  return value;
}

async function insertBatch(target: PgTarget, table: CopyTable, rows: unknown[][]): Promise<void> {
  const width = table.columns.length;
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const marks: string[] = [];
    for (let i = 0; i < width; i++) {
      params.push(toPg(row[i], (table.columns[i] as CopyColumn).kind));
      marks.push(`$${params.length}`);
    }
    tuples.push(`(${marks.join(', ')})`);
  }
  await target.query(
    `INSERT INTO ${ident(table.name)} (${columnList(table)}) VALUES ${tuples.join(', ')}`,
    params,
  );
}

/**
 * Copies one table (ids kept) and returns the checksum of its rows as SQLite returned them.
 * The SQLite statement stays open across the awaits: nothing else uses that connection meanwhile.
 */
export async function copyTable(ledger: Ledger, target: PgTarget, table: CopyTable): Promise<TableSum> {
  const sum = new Checksum();
  const size = batchRows(table);
  const statement = ledger.$client
    .prepare(`SELECT ${columnList(table)} FROM ${ident(table.name)}`)
    .raw(true)
    .safeIntegers(true);
  let batch: unknown[][] = [];
  try {
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      sum.add(row.map((v, i) => fromSqlite(v, (table.columns[i] as CopyColumn).kind)));
      batch.push(row);
      if (batch.length >= size) {
        await insertBatch(target, table, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await insertBatch(target, table, batch);
  } catch (err) {
    throw new Error(`Copying ${table.name} failed: ${(err as Error).message}`, { cause: err });
  }
  return sum.result();
}

/** The checksum of a table's rows as PostgreSQL returns them, read through a cursor. */
export async function targetTableSum(target: PgTarget, table: CopyTable): Promise<TableSum> {
  const sum = new Checksum();
  await target.query(
    `DECLARE incasso_verify NO SCROLL CURSOR FOR SELECT ${columnList(table)} FROM ${ident(table.name)}`,
  );
  try {
    for (;;) {
      const page = await target.query<unknown[]>({
        text: 'FETCH FORWARD 5000 FROM incasso_verify',
        rowMode: 'array',
      });
      for (const row of page.rows)
        sum.add(row.map((v, i) => fromPg(v, (table.columns[i] as CopyColumn).kind)));
      if (page.rows.length < 5000) break;
    }
  } finally {
    await target.query('CLOSE incasso_verify');
  }
  return sum.result();
}

/** Moves an identity column's counter past the copied ids: the next row gets max(id) + 1. */
export async function resetIdentity(target: PgTarget, table: CopyTable): Promise<void> {
  if (table.identity === null) return;
  const t = ident(table.name);
  const c = ident(table.identity);
  await target.query(
    `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${c}) FROM ${t}), 0) + 1, false)`,
    [t, table.identity],
  );
}

// --- the ledger's figures, on both engines ----------------------------------------------------

/** What the office checks after the move: the same on both sides or nothing is committed. */
export interface LedgerFigures {
  today: string;
  customers: number;
  openItems: number;
  /** SUM(residual_cents) per item status. */
  residualCents: Record<string, number>;
  /** Positive residual due before today, per item status (the `summary` command's overdue). */
  overdueCents: Record<string, number>;
  openCases: number;
  openTasks: number;
  auditRows: number;
  /**
   * The Reports page's figures of the month of `today` that the position and the month's sales give
   * (receivables, credits, overdue, aging, open cases, in collection, credit sales, DSO, best
   * possible DSO, overdue ratio), with the ledger's as-of date; added by the move when the month is
   * measured on the live ledger (services/safety/migrate-to.ts).
   */
  kpis?: Record<string, number | string | null>;
}

interface FigureRows {
  counts: {
    customers: unknown;
    open_items: unknown;
    open_cases: unknown;
    open_tasks: unknown;
    audit_rows: unknown;
  };
  items: { status: string; residual: unknown; overdue: unknown }[];
}

// The same statements on both engines; only the placeholder is spelled differently.
const COUNTS = `SELECT (SELECT count(*) FROM customers) AS customers,
  (SELECT count(*) FROM open_items WHERE status = 'open') AS open_items,
  (SELECT count(*) FROM cases WHERE status = 'open') AS open_cases,
  (SELECT count(*) FROM tasks WHERE status = 'open') AS open_tasks,
  (SELECT count(*) FROM audit_log) AS audit_rows`;
const itemsByStatus = (today: string) => `SELECT status,
  COALESCE(SUM(residual_cents), 0) AS residual,
  COALESCE(SUM(CASE WHEN due_date < ${today} AND residual_cents > 0 THEN residual_cents ELSE 0 END), 0) AS overdue
  FROM open_items GROUP BY status ORDER BY status`;

/** Numbers as either engine returns them (SQLite BigInt, PostgreSQL text for bigint and numeric). */
function exact(value: unknown, what: string): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new Error(`${what}: not a whole number (${value})`);
  return n;
}

function figuresOf(today: string, r: FigureRows): LedgerFigures {
  const residualCents: Record<string, number> = {};
  const overdueCents: Record<string, number> = {};
  for (const row of r.items) {
    residualCents[row.status] = exact(row.residual, `residual of ${row.status} items`);
    overdueCents[row.status] = exact(row.overdue, `overdue of ${row.status} items`);
  }
  return {
    today,
    customers: exact(r.counts.customers, 'customers'),
    openItems: exact(r.counts.open_items, 'open items'),
    residualCents,
    overdueCents,
    openCases: exact(r.counts.open_cases, 'open cases'),
    openTasks: exact(r.counts.open_tasks, 'open tasks'),
    auditRows: exact(r.counts.audit_rows, 'audit rows'),
  };
}

export function sourceFigures(ledger: Ledger, today: string): LedgerFigures {
  const source = ledger.$client;
  return figuresOf(today, {
    counts: source.prepare(COUNTS).safeIntegers(true).get() as FigureRows['counts'],
    items: source.prepare(itemsByStatus('?')).safeIntegers(true).all(today) as FigureRows['items'],
  });
}

export async function targetFigures(target: PgTarget, today: string): Promise<LedgerFigures> {
  const counts = await target.query<FigureRows['counts']>(COUNTS);
  const items = await target.query<FigureRows['items'][number]>(itemsByStatus('$1'), [today]);
  return figuresOf(today, { counts: counts.rows[0] as FigureRows['counts'], items: items.rows });
}

// --- the Reports page's position figures, read from the copied rows ------------------------------

/**
 * What the KPIs of a period are computed from, as of the point of measurement: the open position
 * (positive and negative residuals, positive ones by days past due in the buckets of
 * db/queries/kpi.ts's livePositions), the open cases and what they chase, and the credit sales from
 * the period's start (invoices by document date, else their import's as-of date, imports not undone:
 * db/queries/kpi.ts's creditSales). Portable SQL, read on the PostgreSQL copy; the SQLite side is the
 * Reports page's own computation (services/safety/migrate-to.ts compares the two).
 */
export interface PositionFigures {
  ledgerAsOf: string | null;
  receivablesCents: number;
  creditsCents: number;
  aging: Record<AgingBucket, number>;
  openCases: number;
  inCollectionCents: number;
  creditSalesCents: number;
}

const LEDGER_AS_OF = 'SELECT as_of FROM import_batches WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1';

/** $1 = the point of measurement, $2..$5 = 30, 60, 90 and 180 days before it. */
const POSITION = `SELECT
  COALESCE(SUM(CASE WHEN residual_cents > 0 THEN residual_cents ELSE 0 END), 0) AS receivables,
  COALESCE(SUM(CASE WHEN residual_cents < 0 THEN residual_cents ELSE 0 END), 0) AS credits,
  COALESCE(SUM(CASE WHEN residual_cents > 0 AND due_date >= $1 THEN residual_cents ELSE 0 END), 0) AS "notDue",
  COALESCE(SUM(CASE WHEN residual_cents > 0 AND due_date >= $2 AND due_date < $1 THEN residual_cents ELSE 0 END), 0) AS d1_30,
  COALESCE(SUM(CASE WHEN residual_cents > 0 AND due_date >= $3 AND due_date < $2 THEN residual_cents ELSE 0 END), 0) AS d31_60,
  COALESCE(SUM(CASE WHEN residual_cents > 0 AND due_date >= $4 AND due_date < $3 THEN residual_cents ELSE 0 END), 0) AS d61_90,
  COALESCE(SUM(CASE WHEN residual_cents > 0 AND due_date >= $5 AND due_date < $4 THEN residual_cents ELSE 0 END), 0) AS d91_180,
  COALESCE(SUM(CASE WHEN residual_cents > 0 AND due_date < $5 THEN residual_cents ELSE 0 END), 0) AS d181_plus
  FROM open_items WHERE status = 'open' AND residual_cents <> 0`;

const OPEN_CASES = `SELECT count(*) AS cases, COALESCE(SUM(overdue_cents), 0) AS chased
  FROM cases WHERE status <> 'closed'`;

/** $1..$2: the period's start and the point of measurement. */
const CREDIT_SALES = `SELECT COALESCE(SUM(o.amount_cents), 0) AS sales
  FROM open_items o LEFT JOIN import_batches b ON b.id = o.first_seen_batch_id
  WHERE o.document_type = 'invoice' AND o.amount_cents > 0 AND b.undone_at IS NULL
    AND (CASE WHEN o.document_date <> '' THEN o.document_date ELSE b.as_of END) >= $1
    AND (CASE WHEN o.document_date <> '' THEN o.document_date ELSE b.as_of END) <= $2`;

export async function targetPositionFigures(
  target: PgTarget,
  periodFrom: string,
  point: string,
): Promise<PositionFigures> {
  const asOf = await target.query<{ as_of: string }>(LEDGER_AS_OF);
  const bounds = [point, ...[30, 60, 90, 180].map((d) => addDays(point, -d))];
  const position = (await target.query<Record<string, unknown>>(POSITION, bounds)).rows[0] ?? {};
  const cases = (await target.query<{ cases: unknown; chased: unknown }>(OPEN_CASES)).rows[0];
  const sales = (await target.query<{ sales: unknown }>(CREDIT_SALES, [periodFrom, point])).rows[0];
  const aging = Object.fromEntries(
    AGING_BUCKETS.map((b) => [b, exact(position[b], `${b} of the position`)]),
  ) as Record<AgingBucket, number>;
  return {
    ledgerAsOf: asOf.rows[0]?.as_of ?? null,
    receivablesCents: exact(position.receivables, 'receivables'),
    creditsCents: exact(position.credits, 'credits'),
    aging,
    openCases: exact(cases?.cases, 'open cases'),
    inCollectionCents: exact(cases?.chased, 'in collection'),
    creditSalesCents: exact(sales?.sales, 'credit sales'),
  };
}

/** One row appended to the copied audit log (after the copy: its id follows the copied ones). */
export async function appendAudit(
  target: PgTarget,
  e: { at: string; userId: number; userName: string; action: string; entity: string; after: unknown },
): Promise<number> {
  const r = await target.query<{ id: number }>(
    'INSERT INTO audit_log (at, user_id, user_name, action, entity, after) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [e.at, e.userId, e.userName, e.action, e.entity, JSON.stringify(e.after)],
  );
  return (r.rows[0] as { id: number }).id;
}

/**
 * Runs `body` in one PostgreSQL transaction: committed when it returns, rolled back when it
 * throws (schema, rows and audit row together, so a refused move leaves the database empty).
 */
export async function inTargetTransaction<T>(target: PgTarget, body: () => Promise<T>): Promise<T> {
  await target.query('BEGIN');
  try {
    const result = await body();
    await target.query('COMMIT');
    return result;
  } catch (err) {
    await target.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
