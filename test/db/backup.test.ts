/**
 * Backups on real files: the online backup, its manifest, verify, rotation, restore, pre-migrate,
 * recovery mode, and the command line naming the engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLedger, DEFAULT_MIGRATIONS, openLedger } from '../../db/open.ts';
import { recentAudit } from '../../db/queries/audit.ts';
import { listUsers } from '../../db/queries/users.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import {
  backupsIn,
  createBackup,
  defaultBackupFolder,
  LEDGER_FILE,
  listBackups,
  MANIFEST,
  verifyBackup,
} from '../../electron/backend/services/safety/backup.ts';
import { ensureDailyBackup } from '../../electron/backend/services/safety/daily.ts';
import { restoreBackup } from '../../electron/backend/services/safety/restore.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { corruptMiddle, dumpLedger, integrityOf } from '../helpers/dump.ts';

let dir: string;
let dbPath: string;
let ctx: BackendContext;

async function open(): Promise<BackendContext> {
  return await createBackend({ dbPath, mode: 'cli', today: '2026-11-23' });
}

/** A clock the test moves: backups are named and rotated by their time. */
function clock(c: BackendContext, start: string) {
  let t = Date.parse(start);
  c.now = () => new Date(t).toISOString();
  return {
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function addUser(c: BackendContext, name: string) {
  c.db.$client.prepare("INSERT INTO users (name, role) VALUES (?, 'clerk')").run(name);
}

function writeFile(rel: string, text: string) {
  const f = path.join(ctx.dataDir, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
}

beforeEach(async () => {
  dir = tempDir('incasso-backup-');
  dbPath = path.join(dir, 'ledger.db');
  ctx = await open();
});
afterEach(() => {
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createBackup', () => {
  it('writes the ledger with the online backup API, the files and a manifest of sha256s', async () => {
    addUser(ctx, 'Carla');
    writeFile('attachments/C1/contratto.pdf', 'PDF one');
    writeFile('letters/2026/lettera.pdf', 'PDF two');
    writeFile('staged/abc', 'a staged import: not kept');
    writeFile('secret.key', 'k'.repeat(32));
    writeFile('letters/.batch-x/partial.pdf', 'scratch: not kept');

    const b = await createBackup(ctx, { kind: 'manual', note: 'test' });
    expect(b.folder).toBe(path.join(defaultBackupFolder(dbPath), b.id));
    expect(b.good).toBe(true);
    expect(b.files).toBe(2);
    const manifest = JSON.parse(fs.readFileSync(path.join(b.folder, MANIFEST), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'incasso-backup',
      kind: 'manual',
      method: 'online-backup',
      note: 'test',
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'attachments/C1/contratto.pdf',
      'letters/2026/lettera.pdf',
    ]);
    expect(manifest.ledger.migrations.latest).toMatch(/^\d{4}_/);
    // A standalone file (no WAL) that holds what the ledger held.
    const copy = new Database(path.join(b.folder, LEDGER_FILE), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(
      (copy.prepare('SELECT name FROM users ORDER BY id').all() as { name: string }[]).map((u) => u.name),
    ).toEqual(['admin', 'Carla']);
    copy.close();
    expect(fs.readdirSync(path.dirname(b.folder)).some((n) => n.endsWith('.partial'))).toBe(false);
    expect(verifyBackup(b.folder, DEFAULT_MIGRATIONS)).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses to overwrite an --out folder, and keeps --out backups out of the rotation', async () => {
    const out = path.join(dir, 'elsewhere', 'my-backup');
    fs.mkdirSync(path.dirname(out));
    const b = await createBackup(ctx, { kind: 'manual', out });
    expect(b.folder).toBe(out);
    await expect(createBackup(ctx, { kind: 'manual', out })).rejects.toThrow(/already exists/);
    expect((await listBackups(ctx)).backups).toEqual([]);
  });

  it('goes to the configured folder', async () => {
    const share = path.join(dir, 'share', 'incasso');
    ctx.db.$client
      .prepare("INSERT INTO settings (key, value) VALUES ('backups.folder', ?)")
      .run(JSON.stringify(share));
    const b = await createBackup(ctx, { kind: 'manual' });
    expect(path.dirname(b.folder)).toBe(share);
    expect((await listBackups(ctx)).folder).toBe(share);
  });
});

describe('verify', () => {
  it('finds a changed ledger copy, a changed or missing file, and a ledger from a newer version', async () => {
    writeFile('attachments/a.txt', 'one');
    writeFile('attachments/b.txt', 'two');
    const b = await createBackup(ctx, { kind: 'manual' });
    fs.writeFileSync(path.join(b.folder, 'files', 'attachments', 'a.txt'), 'tampered');
    fs.rmSync(path.join(b.folder, 'files', 'attachments', 'b.txt'));
    const r = verifyBackup(b.folder, DEFAULT_MIGRATIONS);
    expect(r.ok).toBe(false);
    expect(r.files).toEqual({ checked: 2, missing: ['attachments/b.txt'], changed: ['attachments/a.txt'] });

    const c = await createBackup(ctx, { kind: 'manual' });
    const db = new Database(path.join(c.folder, LEDGER_FILE));
    db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)").run();
    db.close();
    const newer = verifyBackup(c.folder, DEFAULT_MIGRATIONS);
    expect(newer.ok).toBe(false);
    expect(newer.migrations.state).toBe('newer');
    expect(newer.problems.join(' ')).toMatch(/differs from its manifest/);
    expect(newer.problems.join(' ')).toMatch(/newer version/);
  });

  it('reports a damaged ledger copy', async () => {
    const b = await createBackup(ctx, { kind: 'manual' });
    corruptMiddle(path.join(b.folder, LEDGER_FILE), 4);
    const r = verifyBackup(b.folder, DEFAULT_MIGRATIONS);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => /integrity_check|cannot open/.test(p))).toBe(true);
  });
});

describe('rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly by default, deleting the others from disk', async () => {
    const t = clock(ctx, '2026-01-01T09:00:00.000Z');
    const made = [];
    for (let day = 0; day < 20; day++) {
      made.push(await createBackup(ctx, { kind: 'daily' }));
      t.advance(86_400_000);
    }
    const kept = (await listBackups(ctx)).backups.map((b) => b.createdAt.slice(0, 10));
    // The last 7 days, plus the newest of the two weeks before (Sunday 11 and Sunday 4 January).
    expect(kept).toEqual([
      '2026-01-20',
      '2026-01-19',
      '2026-01-18',
      '2026-01-17',
      '2026-01-16',
      '2026-01-15',
      '2026-01-14',
      '2026-01-11',
      '2026-01-04',
    ]);
    expect(made.filter((b) => fs.existsSync(b.folder))).toHaveLength(9);
  });

  it('follows the settings', async () => {
    ctx.db.$client
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('backups.keepDaily', '2'), ('backups.keepWeekly', '0'), ('backups.keepMonthly', '0')",
      )
      .run();
    const t = clock(ctx, '2026-01-01T09:00:00.000Z');
    for (let day = 0; day < 10; day++) {
      await createBackup(ctx, { kind: 'daily' });
      t.advance(86_400_000);
    }
    // 2 daily + the 3 newest.
    expect((await listBackups(ctx)).backups.map((b) => b.createdAt.slice(0, 10))).toEqual([
      '2026-01-10',
      '2026-01-09',
      '2026-01-08',
    ]);
  });

  it('only ever touches its own ledger’s backups', async () => {
    const other = path.join(dir, 'other', 'ledger.db');
    const o = await createBackend({ dbPath: other, mode: 'cli' });
    const folder = defaultBackupFolder(dbPath);
    o.db.$client
      .prepare("INSERT INTO settings (key, value) VALUES ('backups.folder', ?)")
      .run(JSON.stringify(folder));
    const foreign = await createBackup(o, { kind: 'manual' });
    o.close();
    const t = clock(ctx, '2026-01-01T09:00:00.000Z');
    for (let i = 0; i < 6; i++) {
      await createBackup(ctx, { kind: 'manual' });
      t.advance(1000);
    }
    expect(fs.existsSync(foreign.folder)).toBe(true);
    expect((await listBackups(ctx)).backups.map((b) => b.id)).not.toContain(foreign.id);
  });
});

describe('daily backup', () => {
  it('is made at the first start of a day, once', async () => {
    const t = clock(ctx, '2026-11-23T07:00:00.000Z');
    expect(await ensureDailyBackup(ctx)).toMatchObject({ kind: 'daily' });
    t.advance(3_600_000);
    expect(await ensureDailyBackup(ctx)).toBeNull();
    t.advance(24 * 3_600_000);
    expect(await ensureDailyBackup(ctx)).toMatchObject({ kind: 'daily' });
    expect((await listBackups(ctx)).backups).toHaveLength(2);
  });
});

describe('restore', () => {
  it('puts the ledger and its files back, after backing up the current state', async () => {
    addUser(ctx, 'Carla');
    writeFile('attachments/a.txt', 'original');
    const b = await createBackup(ctx, { kind: 'manual' });
    const before = dumpLedger(path.join(b.folder, LEDGER_FILE));

    addUser(ctx, 'Dario');
    writeFile('attachments/a.txt', 'changed after the backup');
    writeFile('attachments/new.txt', 'added after the backup');
    writeFile('staged/s1', 'staged: left alone');

    const r = await restoreBackup(ctx, b.folder, { name: 'admin' });
    expect(r.restored.id).toBe(b.id);
    expect(r.safetyBackup).not.toBeNull();
    expect((await listUsers(ctx.db)).map((u) => u.name)).toEqual(['admin', 'Carla']);
    expect(fs.readFileSync(path.join(ctx.dataDir, 'attachments', 'a.txt'), 'utf8')).toBe('original');
    expect(fs.existsSync(path.join(ctx.dataDir, 'attachments', 'new.txt'))).toBe(false);
    expect(fs.existsSync(path.join(ctx.dataDir, 'staged', 's1'))).toBe(true);
    expect(ctx.health).toEqual({ state: 'ok' });

    // The restored ledger is the backup plus one audit row saying so.
    const [row] = await recentAudit(ctx.db, 1);
    expect(row).toMatchObject({ action: 'backups.restore', entityId: b.id, userName: 'admin' });
    ctx.close();
    const after = dumpLedger(dbPath);
    expect(after.split('\n').filter((l) => !before.includes(l))).toHaveLength(2); // the audit row and the table count line
    expect(integrityOf(dbPath)).toEqual(['ok']);
    ctx = await open();

    // The safety backup holds Dario and the changed files: the restore itself can be undone.
    const safety = (await listBackups(ctx)).backups.find((x) => x.id === r.safetyBackup);
    expect(safety?.kind).toBe('pre-restore');
    await restoreBackup(ctx, safety?.folder ?? '', { name: 'admin' });
    expect((await listUsers(ctx.db)).map((u) => u.name)).toEqual(['admin', 'Carla', 'Dario']);
    expect(fs.readFileSync(path.join(ctx.dataDir, 'attachments', 'new.txt'), 'utf8')).toBe(
      'added after the backup',
    );
  });

  it('refuses a backup that fails verification and leaves the ledger as it was', async () => {
    const b = await createBackup(ctx, { kind: 'manual' });
    addUser(ctx, 'Dario');
    fs.appendFileSync(path.join(b.folder, LEDGER_FILE), Buffer.alloc(10));
    await expect(restoreBackup(ctx, b.folder, { name: 'admin' })).rejects.toThrow(/cannot be restored/);
    expect((await listUsers(ctx.db)).map((u) => u.name)).toEqual(['admin', 'Dario']);
    expect((await listBackups(ctx)).backups).toHaveLength(1);
  });

  it('refuses while a job runs', async () => {
    const b = await createBackup(ctx, { kind: 'manual' });
    ctx.jobs.set('import-1', new AbortController());
    await expect(restoreBackup(ctx, b.folder, { name: 'admin' })).rejects.toThrow(/running jobs/);
  });

  it('restores an older backup and migrates it forward', async () => {
    const journal = JSON.parse(
      fs.readFileSync(path.join(DEFAULT_MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
    );
    const b = await createBackup(ctx, { kind: 'manual' });
    // Pretend the backup was made before the last migration: drop its record and its effect.
    const last = journal.entries.at(-1);
    const copy = new Database(path.join(b.folder, LEDGER_FILE));
    copy.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(last.when);
    copy.close();
    const manifest = JSON.parse(fs.readFileSync(path.join(b.folder, MANIFEST), 'utf8'));
    const { hashFile } = await import('../../electron/backend/services/safety/files.ts');
    manifest.ledger = { ...manifest.ledger, ...hashFile(path.join(b.folder, LEDGER_FILE)) };
    fs.writeFileSync(path.join(b.folder, MANIFEST), JSON.stringify(manifest));
    expect(verifyBackup(b.folder, DEFAULT_MIGRATIONS).migrations.state).toBe('older');
    // The migration must be re-runnable on the copy: only possible for additive ones, so drop its
    // tables, its indexes (they may name its columns) and the columns it added.
    const lastSql = fs.readFileSync(path.join(DEFAULT_MIGRATIONS, `${last.tag}.sql`), 'utf8');
    const c2 = new Database(path.join(b.folder, LEDGER_FILE));
    for (const stmt of lastSql.matchAll(/CREATE (?:UNIQUE )?INDEX `([a-z_]+)`/g))
      c2.prepare(`DROP INDEX IF EXISTS ${stmt[1]}`).run();
    for (const stmt of lastSql.matchAll(/CREATE TABLE `([a-z_]+)`/g))
      c2.prepare(`DROP TABLE IF EXISTS ${stmt[1]}`).run();
    for (const stmt of lastSql.matchAll(/ALTER TABLE `([a-z_]+)` ADD `([a-z_]+)`/g))
      c2.prepare(`ALTER TABLE ${stmt[1]} DROP COLUMN ${stmt[2]}`).run();
    c2.close();
    manifest.ledger = { ...manifest.ledger, ...hashFile(path.join(b.folder, LEDGER_FILE)) };
    fs.writeFileSync(path.join(b.folder, MANIFEST), JSON.stringify(manifest));
    // As this installation would have signed a backup made before that migration.
    const { signBackup, signingKey } = await import('../../electron/backend/services/safety/signing.ts');
    signBackup(b.folder, signingKey(ctx.dataDir) as Buffer);

    await restoreBackup(ctx, b.folder, { name: 'admin' });
    const applied = ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as {
      n: number;
    };
    expect(applied.n).toBe(journal.entries.length);
    // The copy is migrated in staging before the swap (services/safety/restore.ts): the backup itself
    // is left as it was, and the ledger replaced was backed up first.
    expect((await listBackups(ctx)).backups.map((x) => x.kind)).toContain('pre-restore');
    expect(verifyBackup(b.folder, DEFAULT_MIGRATIONS).migrations.state).toBe('older');
  });
});

describe('before a migration', () => {
  it('backs up into the backups folder (VACUUM INTO) when migrations are pending', async () => {
    ctx.close();
    const journal = JSON.parse(
      fs.readFileSync(path.join(DEFAULT_MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
    );
    // A ledger one migration behind: an older version's migrations folder.
    const older = path.join(dir, 'older-migrations');
    fs.cpSync(DEFAULT_MIGRATIONS, older, { recursive: true });
    const last = journal.entries.at(-1);
    fs.writeFileSync(
      path.join(older, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }),
    );
    fs.rmSync(dbPath);
    closeLedger(openLedger(dbPath, { migrationsFolder: older }));
    ctx = await open();
    const b = (await listBackups(ctx)).backups;
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({
      kind: 'pre-migrate',
      good: true,
      migrations: { applied: journal.entries.length - 1 },
    });
    expect(b[0]?.note).toContain(last.tag);
    expect(fs.existsSync(`${dbPath}.pre-migrate`)).toBe(false);
    expect(verifyBackup(b[0]?.folder ?? '', DEFAULT_MIGRATIONS)).toMatchObject({
      ok: true,
      migrations: { state: 'older' },
    });
  });
});

describe('a damaged ledger at start', () => {
  it('starts in recovery mode, offers the latest good backup and restores it', async () => {
    const { dispatch } = await import('../../electron/backend/dispatch.ts');
    const { fillDemoCompany } = await import('../../electron/backend/services/demo.ts');
    await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
    const good = await createBackup(ctx, { kind: 'daily' });
    ctx.close();
    corruptMiddle(dbPath, 4);

    ctx = await createBackend({ dbPath, mode: 'browser', today: '2026-11-23' });
    expect(ctx.health.state).toBe('damaged');
    const denied = await dispatch(ctx, { method: 'users.list', input: {}, userId: 7 });
    expect(denied).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { ledgerDamaged: true } },
    });
    const list = await dispatch(ctx, { method: 'backups.list', input: { latestGood: true }, userId: 7 });
    expect(list).toMatchObject({
      ok: true,
      data: { health: { state: 'damaged' }, latestGood: { id: good.id }, backups: [{ id: good.id }] },
    });
    const restored = await dispatch(ctx, {
      method: 'backups.restore',
      input: { id: good.id, confirm: true },
      userId: 7,
    });
    expect(restored).toMatchObject({ ok: true, data: { safetyBackup: null } });
    if (!restored.ok) return;
    const aside = (restored.data as { damagedFileKeptAs: string }).damagedFileKeptAs;
    expect(fs.existsSync(aside)).toBe(true);
    expect(ctx.health).toEqual({ state: 'ok' });
    expect(await dispatch(ctx, { method: 'summary.get', input: {}, userId: 1 })).toMatchObject({
      ok: true,
      data: { customers: 300 },
    });
    const [row] = await recentAudit(ctx.db, 1);
    expect(row).toMatchObject({ action: 'backups.restore', userName: 'admin (recovery)' });
  });

  it('the CLI refuses to work on it, except verify and restore', async () => {
    ctx.close();
    corruptMiddle(dbPath, 4);
    fs.writeFileSync(
      dbPath,
      Buffer.concat([Buffer.from('not a database at all'), fs.readFileSync(dbPath).subarray(21)]),
    );
    await expect((async () => await open())()).rejects.toThrow();
    ctx = await createBackend({ dbPath, mode: 'cli', recovery: true });
    expect(ctx.health.state).toBe('damaged');
  });
});

describe('the app lock', () => {
  it('refuses a second app process on the same ledger and takes over a stale lock', async () => {
    const { LedgerLockedError } = await import('../../electron/backend/services/safety/lock.ts');
    const app = await createBackend({ dbPath, mode: 'browser' });
    try {
      await expect((async () => await createBackend({ dbPath, mode: 'electron' }))()).rejects.toThrow(
        LedgerLockedError,
      );
      await expect((async () => await createBackend({ dbPath, mode: 'browser' }))()).rejects.toThrow(
        /already open in Incasso \(browser, pid/,
      );
      // The CLI takes no lock: it works beside the app.
      const cli = await open();
      cli.close();
    } finally {
      app.close();
    }
    expect(fs.existsSync(`${dbPath}.lock`)).toBe(false);
    // A lock left by a process that no longer runs.
    fs.writeFileSync(
      `${dbPath}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import('node:os')).hostname(),
        mode: 'browser',
        startedAt: 'x',
      }),
    );
    const again = await createBackend({ dbPath, mode: 'browser' });
    again.close();
  });
});

describe('backupsIn', () => {
  it('ignores folders without a manifest and interrupted (.partial) backups', async () => {
    const folder = defaultBackupFolder(dbPath);
    await createBackup(ctx, { kind: 'manual' });
    fs.mkdirSync(path.join(folder, 'random-folder'));
    fs.mkdirSync(path.join(folder, 'ledger-20260101T000000000Z-daily.partial'));
    fs.writeFileSync(path.join(folder, 'ledger-20260101T000000000Z-daily.partial', MANIFEST), '{}');
    expect(backupsIn(folder, { id: null, name: 'ledger.db' })).toHaveLength(1);
  });
});

describe('the command line', () => {
  it('backup, backups and verify name the engine, SQLite, in their text and their JSON', async () => {
    clock(ctx, '2026-11-23T08:00:00.000Z');
    const daily = await createBackup(ctx, { kind: 'daily' });
    const cli = (...args: string[]) => runCliInProcess([...args, '--db', dbPath, '--today', '2026-11-23']);
    const json = async <T>(...args: string[]): Promise<T> => {
      const run = await cli(...args, '--json');
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as T;
    };

    const made = await json<{ engine: string; id: string; kind: string }>('backup');
    expect(made).toMatchObject({ engine: 'sqlite', kind: 'manual' });
    expect((await cli('backup')).stderr).toMatch(
      /^SQLite backup .*: [\d.]+ MB, \d+ file\(s\) besides the ledger\n$/,
    );

    const list = await json<{ engine: string; folder: string; backups: { engine: string; id: string }[] }>(
      'backups',
    );
    expect(list.engine).toBe('sqlite');
    expect(list.folder).toBe(defaultBackupFolder(dbPath));
    expect(list.backups.map((b) => b.engine)).toEqual(['sqlite', 'sqlite', 'sqlite']);
    expect(list.backups.slice(1).map((b) => b.id)).toEqual([made.id, daily.id]);
    const text = (await cli('backups')).stderr.split('\n');
    expect(text[0]).toBe(`SQLite ledger's backups in ${list.folder} (keeps 7 daily, 4 weekly, 12 monthly)`);
    expect(text[3]).toMatch(new RegExp(`^ {2}${daily.id} {2}${daily.createdAt} {2}daily `));

    expect(await json('verify', made.id)).toMatchObject({ engine: 'sqlite', ok: true, id: made.id });
    expect((await cli('verify', made.id)).stderr).toMatch(/^OK: .* \(SQLite, manual, 2026-11-23T12:/);
    expect(await json('verify')).toMatchObject({ engine: 'sqlite', ok: true, kind: 'file' });
  });
});
