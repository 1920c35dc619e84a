/**
 * Backups of a ledger moved to PostgreSQL (issue 17.5): the demo company's ledger, moved with
 * migrate-to into database A of a throw-away cluster, dumped with pg_dump, checked (a flipped
 * byte fails on its checksum), restored with pg_restore into an empty database B — the same
 * rows, money and audit trail, still append-only, the restore recorded — and into a non-empty one
 * only with --confirm, after a safety dump of what was there. Each dump rotates its database's
 * dumps by the ledger's policy, and `backups --db` lists them. The command line once end to end;
 * the restore is the admin's; a missing ledger is not created; missing or too old client tools
 * are named.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { backupFolder } from '../../electron/backend/services/safety/backup.ts';
import { migrateTo } from '../../electron/backend/services/safety/migrate-to.ts';
import {
  createPgBackup,
  findPgTool,
  type PgBackupEntry,
  type PgBackupManifest,
  restorePgBackup,
  verifyPgBackup,
} from '../../electron/backend/services/safety/pg-backup.ts';
import { signingKey } from '../../electron/backend/services/safety/signing.ts';
import { callOk, type TestBackend, tempDir, testBackend } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { type PgCluster, pgClients, pgMigrationTags, startPgCluster } from '../helpers/pg-cluster.ts';

const TODAY = '2026-11-23';
const MANAGER_PW = 'scadenze-2026';
const SECRET = 'segreta-42';

let cluster: PgCluster;
let b: TestBackend;
let urlA: string;
let work: string;
/** The backup of A every test restores or checks. */
let backupDir: string;
const { connect, endAll } = pgClients();

async function value(client: pg.Client, statement: string): Promise<string> {
  const r = await client.query({ text: statement, rowMode: 'array' });
  return String((r.rows[0] as unknown[])[0]);
}

/** Row count of every table of the public schema. */
async function tableRows(client: pg.Client): Promise<Record<string, number>> {
  const names = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  const out: Record<string, number> = {};
  for (const { name } of names.rows)
    out[name] = Number(await value(client, `SELECT count(*) FROM "${name}"`));
  return out;
}

const env = () => ({ ...process.env });
const admin = { id: 1, name: 'admin (test)' };
const manifestOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PgBackupManifest;
const withPassword = (url: string) => url.replace('incasso@', `incasso:${SECRET}@`);

beforeAll(async () => {
  cluster = await startPgCluster('pg_backup');
  b = await testBackend(TODAY);
  work = tempDir('incasso-pg-backup-');
  await inTransaction(b.ctx.db, async () => await fillDemoCompany(b.ctx.db, TODAY));
  await callOk(b, 'dunning.run', {});
  await callOk(b, 'users.add', { name: 'Marta', role: 'manager', password: MANAGER_PW });
  urlA = await cluster.createDatabase('ledger_a');
  await migrateTo(b.ctx, { url: urlA, user: admin });
  const entry = await createPgBackup(b.ctx, { url: withPassword(urlA), kind: 'manual', env: env() });
  backupDir = entry.folder;
}, 120_000);

afterAll(async () => {
  await endAll();
  cluster?.stop();
  b?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and verify of a PostgreSQL ledger', () => {
  it('dumps A into the backups folder with a manifest that describes the dump; the password is nowhere', async () => {
    const a = await connect(urlA);
    expect(path.dirname(backupDir)).toBe(path.join(await backupFolder(b.ctx), 'postgres'));
    expect(fs.readdirSync(backupDir).sort()).toEqual(['ledger.dump', 'manifest.json', 'manifest.sig']);
    const m = manifestOf(backupDir);
    expect(m).toMatchObject({ engine: 'postgresql', database: 'ledger_a', kind: 'manual', source: urlA });
    expect(m.server.major).toBe(
      Number(await value(a, "SELECT current_setting('server_version_num')::int / 10000")),
    );
    const tags = pgMigrationTags();
    expect(m.migrations).toEqual({ applied: tags.length, latest: tags.at(-1) });
    const dump = fs.readFileSync(path.join(backupDir, 'ledger.dump'));
    expect(m.dump.sha256).toBe(crypto.createHash('sha256').update(dump).digest('hex'));
    expect(m.dump.bytes).toBe(dump.length);
    // pg_dump's custom format, and the row counts are A's, table by table.
    expect(dump.subarray(0, 5).toString()).toBe('PGDMP');
    const rows = Object.fromEntries(m.tables.map((t) => [t.name, t.rows]));
    expect(rows).toEqual(await tableRows(a));
    expect(rows.customers).toBe(300);
    for (const file of fs.readdirSync(backupDir))
      expect(fs.readFileSync(path.join(backupDir, file)).includes(SECRET), file).toBe(false);
  });

  it('verify passes the backup, and fails a dump with one flipped byte, naming its checksum', async () => {
    const key = signingKey(b.ctx.dataDir);
    const good = await verifyPgBackup(backupDir, { env: env(), key });
    expect(good.problems).toEqual([]);
    expect(good.ok).toBe(true);
    expect(good.auditTriggers).toEqual([
      'audit_log_no_update',
      'audit_log_no_delete',
      'audit_log_no_truncate',
    ]);
    expect(good.dump.entries).toBeGreaterThan(50);
    expect(good.migrations.state).toBe('current');

    const damaged = path.join(work, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, 'ledger.dump');
    const bytes = fs.readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const bad = await verifyPgBackup(damaged, { env: env(), key });
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(
      /^ledger\.dump: sha256 checksum [0-9a-f]{64} differs from the manifest's/,
    );
  });
});

describe('restore of a PostgreSQL backup', () => {
  it('into an empty database: the same rows and money as A, the audit log still append-only, the restore recorded', async () => {
    const urlB = await cluster.createDatabase('restored_b');
    const result = await restorePgBackup(b.ctx, backupDir, {
      url: urlB,
      confirm: false,
      actor: { name: 'admin (test)' },
      env: env(),
    });
    expect(result).toMatchObject({
      engine: 'postgresql',
      safetyBackup: null,
      verified: true,
      unsigned: false,
    });
    const a = await connect(urlA);
    const bDb = await connect(urlB);
    const rowsA = await tableRows(a);
    const rowsB = await tableRows(bDb);
    expect(rowsB).toEqual({ ...rowsA, audit_log: (rowsA.audit_log as number) + 1 });
    const sum = 'SELECT SUM(residual_cents) FROM open_items';
    expect(await value(bDb, sum)).toBe(await value(a, sum));
    expect(Number(await value(bDb, sum))).toBeGreaterThan(0);
    await expect(bDb.query('UPDATE audit_log SET action = action')).rejects.toThrow(/append-only/);
    await expect(bDb.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const last = await bDb.query<{ id: number; action: string; user_name: string; entity_id: string }>(
      'SELECT id, action, user_name, entity_id FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(last.rows[0]).toMatchObject({
      action: 'backups.restore',
      user_name: 'admin (test)',
      entity_id: manifestOf(backupDir).id,
    });
    expect(result.audit.id).toBe(last.rows[0]?.id);
    // Identity counters came with the dump: a new customer gets the next id.
    const next = await bDb.query<{ id: number }>(
      "INSERT INTO customers (code, name) VALUES ('NUOVO-B', 'Nuovo') RETURNING id",
    );
    expect(next.rows[0]?.id).toBe(Number(await value(a, 'SELECT max(id) FROM customers')) + 1);
  }, 60_000);

  it('into a non-empty database: refused without --confirm (nothing written); with it, a safety dump first, then the backup', async () => {
    const urlB = await cluster.createDatabase('busy_b');
    await migrateTo(b.ctx, { url: urlB, user: admin });
    const bDb = await connect(urlB);
    await bDb.query("INSERT INTO customers (code, name) VALUES ('SOLO-B', 'Solo in B')");
    const before = await tableRows(bDb);

    const refused = restorePgBackup(b.ctx, backupDir, {
      url: urlB,
      confirm: false,
      actor: { name: 'admin (test)' },
      env: env(),
    });
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(refused).rejects.toThrow(/is not empty .*add --confirm.*Nothing was written/);
    expect(await tableRows(bDb)).toEqual(before);

    const result = await restorePgBackup(b.ctx, backupDir, {
      url: urlB,
      confirm: true,
      actor: { name: 'admin (test)' },
      env: env(),
    });
    // The safety dump holds B as it was, and passes verify.
    expect(result.safetyBackup).not.toBeNull();
    const safety = result.safetyBackup as string;
    expect(path.dirname(safety)).toBe(path.join(await backupFolder(b.ctx), 'postgres'));
    expect(manifestOf(safety)).toMatchObject({ kind: 'pre-restore', database: 'busy_b' });
    expect(Object.fromEntries(manifestOf(safety).tables.map((t) => [t.name, t.rows]))).toEqual(before);
    expect((await verifyPgBackup(safety, { env: env(), key: signingKey(b.ctx.dataDir) })).ok).toBe(true);
    // B is the backup now: its rows (plus the restore's audit row), without B's own customer.
    const wanted = Object.fromEntries(manifestOf(backupDir).tables.map((t) => [t.name, t.rows]));
    expect(await tableRows(bDb)).toEqual({ ...wanted, audit_log: (wanted.audit_log as number) + 1 });
    expect(await value(bDb, "SELECT count(*) FROM customers WHERE code = 'SOLO-B'")).toBe('0');
    expect(result.otherRelations).toEqual([]);
    await expect(bDb.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  }, 60_000);
});

describe('restore checks what it restored', () => {
  it('an edited manifest is refused as unsigned; accepted with --confirm, the restore still checks the rows against it', async () => {
    const edited = path.join(work, 'edited');
    fs.cpSync(backupDir, edited, { recursive: true });
    const m = manifestOf(edited);
    const customers = m.tables.find((t) => t.name === 'customers') as { rows: number };
    customers.rows -= 1;
    fs.writeFileSync(path.join(edited, 'manifest.json'), JSON.stringify(m, null, 2));
    const url = await cluster.createDatabase('edited_target');
    const opts = { url, actor: { name: 'admin (test)' }, env: env() };

    const unsigned = restorePgBackup(b.ctx, edited, { ...opts, confirm: false });
    await expect(unsigned).rejects.toThrow(/its signature does not match.*--confirm restores a backup/);
    const client = await connect(url);
    expect(await value(client, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).toBe('0');

    const checked = await restorePgBackup(b.ctx, edited, { ...opts, confirm: true }).catch((e: unknown) => e);
    expect((checked as Error).message).toMatch(
      /was restored from .* but did not pass its check: customers: 300 rows restored, the backup has 299/,
    );
    // The restore is on record, as made from an unsigned backup.
    const audit = await client.query<{ after: string }>(
      "SELECT after FROM audit_log WHERE action = 'backups.restore'",
    );
    expect(JSON.parse(audit.rows[0]?.after ?? '{}')).toMatchObject({ unsigned: true, restored: m.id });
  }, 60_000);
});

describe('backup, verify and restore on PostgreSQL from the command line', () => {
  it('end to end with --json, the password only in PGPASSWORD', async () => {
    // pg_dump and pg_restore through a wrapper first on PATH that logs what each child was given.
    const spy = path.join(work, 'spy-bin');
    const log = path.join(work, 'spy.log');
    fs.mkdirSync(spy);
    for (const tool of ['pg_dump', 'pg_restore']) {
      const real = findPgTool(tool as 'pg_dump', { env: process.env });
      fs.writeFileSync(
        path.join(spy, tool),
        `#!/bin/sh\necho "${tool} args: $*" >> '${log}'\necho "${tool} PGPASSWORD=$PGPASSWORD" >> '${log}'\nexec '${real}' "$@"\n`,
        { mode: 0o755 },
      );
    }
    const spyEnv = { PGPASSWORD: SECRET, PATH: `${spy}${path.delimiter}${process.env.PATH ?? ''}` };
    const out = path.join(work, 'from-cli');
    const backup = await runCliInProcess(
      ['backup', '--db', withPassword(urlA), '--out', out, '--source', b.dbPath, '--today', TODAY, '--json'],
      spyEnv,
    );
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).not.toContain(SECRET);
    const entry = JSON.parse(backup.stdout) as {
      engine: string;
      folder: string;
      rows: Record<string, number>;
    };
    expect(entry).toMatchObject({ engine: 'postgresql', folder: out, database: 'ledger_a', good: true });
    expect(entry.rows.customers).toBe(300);
    // Recorded in the ledger of the user who ran it.
    const audit = b.ctx.db.$client
      .prepare("SELECT action, user_name AS userName FROM audit_log WHERE entity_id = 'from-cli'")
      .all();
    expect(audit).toEqual([{ action: 'backups.create', userName: 'admin (CLI)' }]);

    const verify = await runCliInProcess(['verify', out, '--db', b.dbPath, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, engine: 'postgresql', problems: [] });

    const urlC = await cluster.createDatabase('from_cli_c');
    const restore = await runCliInProcess(
      ['restore', out, '--db', urlC, '--source', b.dbPath, '--today', TODAY, '--json'],
      spyEnv,
    );
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    // Each child had the password in its environment, none on its command line.
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    const args = lines.filter((l) => / args: /.test(l));
    expect(args.some((l) => l.startsWith('pg_dump args: --format=custom'))).toBe(true);
    expect(args.some((l) => l.startsWith('pg_restore args: --single-transaction'))).toBe(true);
    for (const l of args) expect(l).not.toContain(SECRET);
    expect(lines.filter((l) => l.includes(' PGPASSWORD=')).every((l) => l.endsWith(`=${SECRET}`))).toBe(true);
    const restored = JSON.parse(restore.stdout) as { engine: string; target: string; verified: boolean };
    expect(restored).toMatchObject({
      engine: 'postgresql',
      target: urlC,
      verified: true,
      safetyBackup: null,
    });
    const c = await connect(urlC);
    expect(await value(c, 'SELECT count(*) FROM customers')).toBe('300');
    expect(await value(c, "SELECT user_name FROM audit_log WHERE action = 'backups.restore'")).toBe(
      'admin (CLI)',
    );
    // Restoring again into the now non-empty C without --confirm: exit 2.
    const again = await runCliInProcess(['restore', out, '--db', urlC, '--source', b.dbPath, '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error).toMatch(/is not empty/);
  }, 60_000);

  it('restore is the admin’s: a manager is refused (exit 2) and the database stays empty', async () => {
    const url = await cluster.createDatabase('by_manager');
    const run = await runCliInProcess(
      ['restore', backupDir, '--db', url, '--source', b.dbPath, '--user', 'Marta', '--json'],
      { INCASSO_PASSWORD: MANAGER_PW },
    );
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatch(/manager/);
    const client = await connect(url);
    expect(
      await value(
        client,
        "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
      ),
    ).toBe('0');
  });

  it('does not create a SQLite ledger to check who runs it; other commands still refuse a PostgreSQL URL', async () => {
    const missing = path.join(work, 'nessuno.db');
    const run = await runCliInProcess(['backup', '--db', urlA, '--source', missing, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatch(/^No ledger at .*nessuno\.db/);
    expect(fs.existsSync(missing)).toBe(false);
    const summary = await runCliInProcess(['summary', '--db', urlA, '--json']);
    expect(summary.code).toBe(2);
    expect(JSON.parse(summary.stdout).error).toMatch(/keeps the ledger in SQLite/);
  });
});

describe('the list and the rotation of PostgreSQL backups', () => {
  it('each backup rotates its database’s dumps by the ledger’s policy, never another database’s nor the one being restored; `backups --db` lists them newest first, naming the engine', async () => {
    // A ledger of its own: its backups folder holds only this test's dumps, its policy is small.
    const r = await testBackend(TODAY);
    try {
      await callOk(r, 'backups.configure', { daily: 2, weekly: 2, monthly: 0 });
      const url = await cluster.createDatabase('rotated');
      const other = await cluster.createDatabase('rotated_other');
      await migrateTo(r.ctx, { url, user: admin });
      await migrateTo(r.ctx, { url: other, user: admin });
      let t = Date.parse('2025-12-01T09:00:00.000Z');
      r.ctx.now = () => new Date(t).toISOString();
      // The other database's dump is the oldest of the folder: the rotation of `rotated` keeps it.
      const foreign = await createPgBackup(r.ctx, { url: other, kind: 'manual', env: env() });
      t = Date.parse('2026-01-01T09:00:00.000Z');
      const made: PgBackupEntry[] = [];
      for (let day = 0; day < 10; day++) {
        made.push(await createPgBackup(r.ctx, { url, kind: 'manual', env: env() }));
        t += 86_400_000;
      }
      // The 3 newest (2 days among them), and the newest of the week before (Sunday 4 January).
      const kept = ['2026-01-10', '2026-01-09', '2026-01-08', '2026-01-04'];
      const onDisk = made.filter((e) => fs.existsSync(e.folder));
      expect(onDisk.map((e) => e.createdAt.slice(0, 10)).reverse()).toEqual(kept);
      expect(fs.existsSync(foreign.folder)).toBe(true);

      const json = await runCliInProcess([
        'backups',
        '--db',
        url,
        '--source',
        r.dbPath,
        '--today',
        TODAY,
        '--json',
      ]);
      expect(json.stderr).toBe('');
      const list = JSON.parse(json.stdout) as { folder: string; backups: PgBackupEntry[] };
      expect(list).toMatchObject({
        engine: 'postgresql',
        folder: path.join(await backupFolder(r.ctx), 'postgres'),
        database: url,
        rotation: { daily: 2, weekly: 2, monthly: 0 },
      });
      expect(list.backups.map((e) => [e.engine, e.createdAt.slice(0, 10), e.kind, e.database])).toEqual(
        kept.map((day) => ['postgresql', day, 'manual', 'rotated']),
      );
      expect(list.backups.map((e) => e.id)).toEqual(onDisk.map((e) => e.id).reverse());
      const text = await runCliInProcess(['backups', '--db', url, '--source', r.dbPath, '--today', TODAY]);
      expect(text.code).toBe(0);
      const lines = text.stderr.trim().split('\n');
      expect(lines[0]).toBe(
        `PostgreSQL backups of ${url} in ${list.folder} (keeps 2 daily, 2 weekly, 0 monthly)`,
      );
      expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(list.backups.map((e) => e.id));

      // A restore's safety dump rotates too, but not the backup it restores from (8 January,
      // which the policy no longer keeps once the safety dump is the newest).
      const from = list.backups[2] as PgBackupEntry;
      const restored = await restorePgBackup(r.ctx, from.folder, {
        url,
        confirm: true,
        actor: { name: 'admin (test)' },
        env: env(),
      });
      expect(restored.safetyBackup).not.toBeNull();
      expect(fs.existsSync(from.folder)).toBe(true);
      const after = JSON.parse(
        (await runCliInProcess(['backups', '--db', url, '--source', r.dbPath, '--today', TODAY, '--json']))
          .stdout,
      ) as { backups: PgBackupEntry[] };
      expect(after.backups.map((e) => [e.createdAt.slice(0, 10), e.kind])).toEqual([
        [new Date(t).toISOString().slice(0, 10), 'pre-restore'],
        ['2026-01-10', 'manual'],
        ['2026-01-09', 'manual'],
        ['2026-01-08', 'manual'],
        ['2026-01-04', 'manual'],
      ]);
    } finally {
      r.close();
    }
  }, 120_000);
});

describe('the client tools', () => {
  it('a missing pg_dump names the Debian package; one older than the server is refused before dumping', async () => {
    expect(() => findPgTool('pg_dump', { env: { PATH: '' }, libRoot: path.join(work, 'none') })).toThrow(
      /pg_dump is not installed.*apt-get install postgresql-client/,
    );
    // A pg_dump of PostgreSQL 9.6 first on PATH.
    const bin = path.join(work, 'old-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', {
      mode: 0o755,
    });
    const out = path.join(work, 'too-old');
    const attempt = createPgBackup(b.ctx, {
      url: urlA,
      kind: 'manual',
      out,
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    await expect(attempt).rejects.toThrow(/runs PostgreSQL .*newer than this pg_dump \(9\.6,/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });
});
