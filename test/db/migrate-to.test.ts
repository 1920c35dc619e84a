/**
 * `migrate-to --db postgres://…` (issue 17.6, moving an office): the demo company's ledger, with a
 * dunning run's cases, tasks and audit rows, copied into an empty database of a throw-away
 * PostgreSQL cluster and checked there by SQL: the same rows, ids and money, booleans as booleans,
 * JSON that PostgreSQL parses, identity counters that continue after the copied ids, and the move
 * recorded in the copied audit log. A non-empty target is refused and left alone; a copy that does
 * not match the ledger is rolled back and leaves the target empty; an older ledger is refused
 * before it is opened; only the admin may move the ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../db/pg/copy.ts';
import { inTransaction } from '../../db/transaction.ts';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { migrateTo } from '../../electron/backend/services/safety/migrate-to.ts';
import { AppError } from '../../shared/api/errors.ts';
import { callOk, type TestBackend, tempDir, testBackend } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { type PgCluster, pgClients, pgMigrationTags, startPgCluster } from '../helpers/pg-cluster.ts';

const TODAY = '2026-11-23';
const MANAGER_PW = 'scadenze-2026';

let cluster: PgCluster;
let b: TestBackend;
const { connect, endAll } = pgClients();

/** The SQLite ledger's answer to a statement (the source side of the checks). */
const sqliteValue = (statement: string): unknown =>
  b.ctx.db.$client.prepare(statement).pluck().safeIntegers(false).get();

async function pgValue(client: pg.Client, statement: string): Promise<unknown> {
  const r = await client.query({ text: statement, rowMode: 'array' });
  return (r.rows[0] as unknown[] | undefined)?.[0];
}

/** Every relation of the database outside PostgreSQL's own schemas. */
async function relations(client: pg.Client): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
  );
  return r.rows.map((row) => row.name);
}

const admin = { id: 1, name: 'admin (test)' };

beforeAll(async () => {
  cluster = await startPgCluster('migrate_to');
  b = await testBackend(TODAY);
  await inTransaction(b.ctx.db, async () => await fillDemoCompany(b.ctx.db, TODAY));
  // Cases, tasks, letters' audit rows: what a ledger in use holds besides customers and items.
  await callOk(b, 'dunning.run', {});
  // Booleans both ways: a few blocked customers and key accounts, an inactive user.
  b.ctx.db.$client.exec(
    "UPDATE customers SET order_blocked = 1 WHERE id % 7 = 0; UPDATE customers SET key_account = 1 WHERE id % 11 = 0; INSERT INTO users (name, role, active) VALUES ('ex-collaboratore', 'clerk', 0)",
  );
  await callOk(b, 'users.add', { name: 'Marta', role: 'manager', password: MANAGER_PW });
}, 120_000);

afterAll(async () => {
  await endAll();
  cluster?.stop();
  b?.close();
});

describe('migrate-to: the SQLite ledger into an empty PostgreSQL database', () => {
  it('copies every table with its ids, money, booleans and JSON, verified; the identity counters continue', async () => {
    const url = await cluster.createDatabase('copied');
    const result = await migrateTo(b.ctx, { url, user: admin });
    const client = await connect(url);

    expect(result.verified).toBe(true);
    expect(result.target).toBe(url);
    // The demo: 300 customers, with open items, cases and open tasks from the run.
    expect(result.figures.customers).toBe(300);
    expect(result.figures.openItems).toBeGreaterThan(1000);
    expect(result.figures.openCases).toBeGreaterThan(0);
    expect(result.figures.openTasks).toBeGreaterThan(0);
    expect(result.figures.auditRows).toBe(Number(sqliteValue('SELECT count(*) FROM audit_log')));
    // The `summary` command's overdue is the figure the move verified.
    const summary = await callOk(b, 'summary.get', { asOf: TODAY });
    expect(result.figures.overdueCents.open).toBe(summary.overdueCents);
    // And the Reports page's KPIs of the month, as the page shows them, computed again from the copy.
    const month = await callOk(b, 'kpi.get', { period: '2026-11' });
    expect(result.figures.kpis).toMatchObject({
      receivablesCents: month.receivablesCents,
      overdueCents: month.overdueCents,
      creditsCents: month.creditsCents,
      openCases: month.openCases,
      inCollectionCents: month.inCollectionCents,
      creditSalesCents: month.creditSalesCents,
      dso: month.dso,
      'aging.d181_plus': month.aging?.d181_plus,
    });
    expect(month.receivablesCents).toBeGreaterThan(0);
    expect(month.creditSalesCents).toBeGreaterThan(0);

    // Every table: the same number of rows on both sides, and the reported count is that number.
    const sqliteTables = (
      b.ctx.db.$client
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
        )
        .pluck()
        .all() as string[]
    ).sort();
    expect(result.tables.map((t) => t.name).sort()).toEqual(sqliteTables);
    for (const t of result.tables) {
      const sqliteRows = Number(sqliteValue(`SELECT count(*) FROM "${t.name}"`));
      const expectedPg = t.name === 'audit_log' ? sqliteRows + 1 : sqliteRows;
      expect(Number(await pgValue(client, `SELECT count(*) FROM "${t.name}"`)), t.name).toBe(expectedPg);
      expect(t.rows, t.name).toBe(sqliteRows);
    }
    // Money and ids, exactly.
    for (const statement of [
      'SELECT sum(residual_cents) FROM open_items',
      "SELECT sum(residual_cents) FROM open_items WHERE status = 'open'",
      'SELECT sum(amount_cents) FROM open_items',
      'SELECT sum(id) FROM customers',
      'SELECT sum(customer_id * 7 + id) FROM open_items',
      'SELECT max(id) FROM tasks',
    ]) {
      expect(Number(await pgValue(client, statement)), statement).toBe(Number(sqliteValue(statement)));
    }
    // Booleans are booleans, with the same trues and falses.
    expect(
      await pgValue(
        client,
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'order_blocked'",
      ),
    ).toBe('boolean');
    for (const [table, column] of [
      ['customers', 'order_blocked'],
      ['customers', 'key_account'],
      ['users', 'active'],
      ['policies', 'is_default'],
    ] as const) {
      const trues = Number(sqliteValue(`SELECT count(*) FROM ${table} WHERE ${column} = 1`));
      const falses = Number(sqliteValue(`SELECT count(*) FROM ${table} WHERE ${column} = 0`));
      expect(trues + falses).toBeGreaterThan(0);
      expect(Number(await pgValue(client, `SELECT count(*) FROM ${table} WHERE ${column}`)), column).toBe(
        trues,
      );
      expect(Number(await pgValue(client, `SELECT count(*) FROM ${table} WHERE NOT ${column}`)), column).toBe(
        falses,
      );
    }
    expect(await pgValue(client, "SELECT active FROM users WHERE name = 'ex-collaboratore'")).toBe(false);
    // JSON text arrives byte for byte and PostgreSQL reads it as JSON.
    const task = b.ctx.db.$client
      .prepare('SELECT id, priority_factors AS factors FROM tasks ORDER BY id LIMIT 1')
      .get() as { id: number; factors: string };
    const pgTask = await client.query<{ factors: string; parsed: unknown }>(
      'SELECT priority_factors AS factors, priority_factors::jsonb AS parsed FROM tasks WHERE id = $1',
      [task.id],
    );
    expect(pgTask.rows[0]?.factors).toBe(task.factors);
    expect(pgTask.rows[0]?.parsed).toEqual(JSON.parse(task.factors));
    // Timestamps: the same ISO text.
    expect(await pgValue(client, 'SELECT min(created_at) FROM customers')).toBe(
      sqliteValue('SELECT min(created_at) FROM customers'),
    );

    // The identity counters continue after the copied ids.
    const maxCustomer = Number(sqliteValue('SELECT max(id) FROM customers'));
    const inserted = await client.query<{ id: number }>(
      "INSERT INTO customers (code, name) VALUES ('NUOVO-1', 'Cliente nuovo S.r.l.') RETURNING id",
    );
    expect(inserted.rows[0]?.id).toBe(maxCustomer + 1);
    const maxTask = Number(sqliteValue('SELECT max(id) FROM tasks'));
    const nextTask = await pgValue(client, "SELECT nextval(pg_get_serial_sequence('tasks', 'id'))");
    expect(Number(nextTask)).toBe(maxTask + 1);

    // The move is the last row of the copied audit trail, after the copied ids.
    const audit = await client.query<{ id: number; action: string; user_name: string; at: string }>(
      'SELECT id, action, user_name, at FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(audit.rows[0]).toMatchObject({ action: 'ledger.migrate', user_name: 'admin (test)' });
    expect(audit.rows[0]?.id).toBe(Number(sqliteValue('SELECT max(id) FROM audit_log')) + 1);
    expect(result.audit.id).toBe(audit.rows[0]?.id);
    expect(audit.rows[0]?.at.slice(0, 10)).toBe(TODAY);
    // Still append-only after the copy.
    await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);

    // drizzle's migrator sees the schema as current: it applies nothing more.
    const migrations = Number(await pgValue(client, 'SELECT count(*) FROM drizzle.__drizzle_migrations'));
    const journal = JSON.parse(
      fs.readFileSync(path.join(PG_MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
    ) as {
      entries: unknown[];
    };
    expect(migrations).toBe(journal.entries.length);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS });
    } finally {
      await pool.end();
    }
    expect(Number(await pgValue(client, 'SELECT count(*) FROM drizzle.__drizzle_migrations'))).toBe(
      pgMigrationTags().length,
    );
  }, 120_000);

  it('refuses a database that already has tables, and writes nothing to it', async () => {
    const url = await cluster.createDatabase('not_empty');
    await migrateTo(b.ctx, { url, user: admin });
    const client = await connect(url);
    const before = {
      relations: await relations(client),
      audit: await pgValue(client, 'SELECT count(*) FROM audit_log'),
      customers: await pgValue(client, 'SELECT count(*) FROM customers'),
    };
    const second = migrateTo(b.ctx, { url, user: admin });
    await expect(second).rejects.toThrow(/is not empty .*Nothing was written/);
    await expect(second).rejects.toMatchObject({ code: 'VALIDATION' });
    expect({
      relations: await relations(client),
      audit: await pgValue(client, 'SELECT count(*) FROM audit_log'),
      customers: await pgValue(client, 'SELECT count(*) FROM customers'),
    }).toEqual(before);

    // Any table at all, not only a ledger's, makes the database someone else's.
    const otherUrl = await cluster.createDatabase('other_use');
    const other = await connect(otherUrl);
    await other.query('CREATE TABLE fatture (id integer)');
    await expect(migrateTo(b.ctx, { url: otherUrl, user: admin })).rejects.toThrow(/is not empty/);
    expect(await relations(other)).toEqual(['public.fatture']);
  }, 120_000);

  it('rolls everything back when the copy does not match the ledger, naming the table and the figure', async () => {
    const url = await cluster.createDatabase('mismatch');
    let seamRan = false;
    const attempt = migrateTo(b.ctx, {
      url,
      user: admin,
      // The verifier's seam: one cent more on one overdue open item in PostgreSQL, after the copy.
      beforeVerify: async (target) => {
        seamRan = true;
        await target.query(
          "UPDATE open_items SET residual_cents = residual_cents + 1 WHERE id = (SELECT min(id) FROM open_items WHERE status = 'open' AND due_date < '2026-11-23' AND residual_cents > 0)",
        );
      },
    });
    const err = await attempt.catch((e: unknown) => e);
    expect(seamRan).toBe(true);
    expect(err).toBeInstanceOf(AppError);
    const issues = ((err as AppError).details?.issues ?? []).map((i) => i.path);
    // The cent shows in the table's checksum, the ledger's figures and the Reports page's KPIs (the
    // ratios, rounded, do not move for one cent).
    expect(issues).toEqual([
      'open_items',
      'figures.residualCents.open',
      'figures.overdueCents.open',
      'figures.kpis.receivablesCents',
      'figures.kpis.overdueCents',
      'figures.kpis.aging.d31_60',
    ]);
    expect((err as AppError).message).toMatch(/rolled back, nothing was committed/);
    expect((err as AppError).message).toMatch(/open_items: the rows differ/);
    // Nothing is left: no table, no schema of the migrator.
    const client = await connect(url);
    expect(await relations(client)).toEqual([]);
    expect(await pgValue(client, "SELECT count(*) FROM pg_namespace WHERE nspname = 'drizzle'")).toBe('0');
  }, 120_000);
});

describe('migrate-to from the command line', () => {
  it('moves the ledger with --json: the target without its password, every table, the figures, verified', async () => {
    const url = await cluster.createDatabase('from_cli');
    const withPassword = url.replace('incasso@', 'incasso:segreta@');
    const run = await runCliInProcess([
      'migrate-to',
      '--db',
      withPassword,
      '--source',
      b.dbPath,
      '--today',
      TODAY,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      target: string;
      tables: { name: string; rows: number }[];
      figures: Record<string, unknown>;
      verified: boolean;
    };
    expect(out.target).toBe(url);
    expect(run.stdout).not.toContain('segreta');
    expect(out.verified).toBe(true);
    expect(out.tables.find((t) => t.name === 'customers')?.rows).toBe(300);
    expect(out.figures).toMatchObject({ today: TODAY, customers: 300 });
    const client = await connect(url);
    expect(Number(await pgValue(client, 'SELECT count(*) FROM customers'))).toBe(300);
    const audit = await client.query<{ user_name: string }>(
      "SELECT user_name FROM audit_log WHERE action = 'ledger.migrate'",
    );
    expect(audit.rows).toEqual([{ user_name: 'admin (CLI)' }]);
  }, 120_000);

  it('is the admin’s: a manager is refused (exit 2) and the target stays empty', async () => {
    const url = await cluster.createDatabase('by_manager');
    const run = await runCliInProcess(
      ['migrate-to', '--db', url, '--source', b.dbPath, '--user', 'Marta', '--json'],
      { INCASSO_PASSWORD: MANAGER_PW },
    );
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toBe(
      'migrate-to is the admin’s: it moves the whole ledger, as restoring a backup does (the role manager may not).',
    );
    expect(await relations(await connect(url))).toEqual([]);
  }, 60_000);

  it('refuses a ledger at an older migration before opening it (which would migrate it), and a missing one', async () => {
    const dir = tempDir('incasso-migrate-old-');
    try {
      const old = path.join(dir, 'old.db');
      b.ctx.db.$client.prepare('VACUUM INTO ?').run(old);
      const oldClient = new Database(old);
      oldClient.exec(
        'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
      );
      oldClient.close();
      const bytes = fs.readFileSync(old);
      const url = await cluster.createDatabase('from_old');
      const run = await runCliInProcess(['migrate-to', '--db', url, '--source', old, '--json']);
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stdout).error).toMatch(/is at migration .* open it once with this version/);
      expect(fs.readFileSync(old).equals(bytes)).toBe(true);
      expect(fs.existsSync(path.join(dir, 'old-files'))).toBe(false);

      const missing = path.join(dir, 'nessuno.db');
      const none = await runCliInProcess(['migrate-to', '--db', url, '--source', missing, '--json']);
      expect(none.code).toBe(2);
      expect(JSON.parse(none.stdout).error).toMatch(/No ledger to move/);
      expect(fs.existsSync(missing)).toBe(false);
      expect(await relations(await connect(url))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
