/**
 * Backups cannot be used to rewrite history (issue 13, point 5): a backup edited to drop the audit
 * triggers and delete audit rows, with its checksums recomputed, fails `verify` and is not
 * restored (signature); even signed, a schema without the triggers is refused; the restore's audit
 * row survives a SIGKILL right after the copy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { LEDGER_FILE, MANIFEST } from '../../electron/backend/services/safety/backup.ts';
import { hashFile } from '../../electron/backend/services/safety/files.ts';
import { SIGNING_KEY_FILE, signBackup, signingKey } from '../../electron/backend/services/safety/signing.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let b: TestBackend;

beforeEach(async () => {
  b = await testBackend();
});
afterEach(() => b.close());

async function ok<T>(p: ReturnType<TestBackend['call']>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

/** What the review did: edit the copy, then make the manifest agree with it again. */
function tamper(folder: string, sql: string): void {
  const copy = new Database(path.join(folder, LEDGER_FILE));
  copy.exec(sql);
  copy.close();
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST), 'utf8'));
  manifest.ledger = { ...manifest.ledger, ...hashFile(path.join(folder, LEDGER_FILE)) };
  fs.writeFileSync(path.join(folder, MANIFEST), JSON.stringify(manifest, null, 2));
}

const DROP_AND_DELETE = `
  DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
  DELETE FROM audit_log WHERE action = 'users.add';`;

describe('signed backups', () => {
  it('are signed with a key that stays in the data folder, out of every backup', async () => {
    const made = await ok<{ id: string; folder: string }>(b.call('backups.create', {}));
    expect(fs.readFileSync(path.join(made.folder, 'manifest.sig'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.statSync(path.join(b.ctx.dataDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const inBackup = fs.readdirSync(made.folder, { recursive: true }).map(String);
    expect(inBackup.some((f) => f.includes(SIGNING_KEY_FILE))).toBe(false);
    expect(await ok(b.call('backups.verify', { id: made.id }))).toMatchObject({ ok: true, problems: [] });
  });

  it('an edited backup with recomputed checksums fails verify and is not restored', async () => {
    await ok(b.call('users.add', { name: 'Testimone', role: 'clerk' }));
    const made = await ok<{ id: string; folder: string }>(b.call('backups.create', {}));
    const trail = (await recentAudit(b.ctx.db, 1000)).length;
    tamper(made.folder, DROP_AND_DELETE);
    const report = await ok<{ ok: boolean; problems: string[] }>(b.call('backups.verify', { id: made.id }));
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toMatch(/signature does not match/);
    const restore = await b.call('backups.restore', { id: made.id, confirm: true });
    expect(restore).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Nothing happened: the trail is whole, the triggers are there.
    expect((await recentAudit(b.ctx.db, 1000)).length).toBeGreaterThanOrEqual(trail);
    expect(() => b.ctx.db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(fs.existsSync(`${b.dbPath}.restoring`)).toBe(false);
  });

  it('even signed (by someone holding the key), a backup without the audit triggers is refused', async () => {
    const made = await ok<{ id: string; folder: string }>(b.call('backups.create', {}));
    tamper(made.folder, DROP_AND_DELETE);
    signBackup(made.folder, signingKey(b.ctx.dataDir) as Buffer);
    const restore = await b.call('backups.restore', { id: made.id, confirm: true });
    expect(restore).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!restore.ok) expect(restore.error.message).toMatch(/missing trigger audit_log_no_update/);
    expect(() => b.ctx.db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('a backup from elsewhere (unsigned) needs the admin’s --confirm on the CLI, and says so in the trail', async () => {
    const made = await ok<{ id: string; folder: string }>(b.call('backups.create', {}));
    fs.rmSync(path.join(made.folder, 'manifest.sig'));
    expect(await b.call('backups.restore', { id: made.id, confirm: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not signed/) },
    });
    const { runCli } = await import('../../electron/backend/cli/run.ts');
    const out: string[] = [];
    b.ctx.db.$client.close();
    const code = await runCli(
      ['restore', made.id, '--confirm', '--db', b.dbPath, '--today', '2026-11-23', '--json'],
      { out: (t) => out.push(t), err: () => {} },
      {},
    );
    expect(code, out.join('\n')).toBe(0);
    await b.ctx.reopen();
    const row = (await recentAudit(b.ctx.db, 5)).find((r) => r.action === 'backups.restore');
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ unsigned: true });
  });
});

describe('the restore’s audit row', () => {
  const children = new Set<ChildProcess>();
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  it('is in the restored ledger whenever the restored data is, even after a SIGKILL right after the copy', async () => {
    const made = await ok<{ id: string }>(b.call('backups.create', {}));
    let restoredSeen = 0;
    for (let round = 0; round < 2; round++) {
      // After the backup: a user the backup does not have. Its absence means the copy landed.
      await ok(b.call('users.add', { name: `dopo-${round}`, role: 'clerk' }));
      b.ctx.db.$client.close();
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'electron/backend/cli.ts',
          'restore',
          made.id,
          '--db',
          b.dbPath,
          '--today',
          '2026-11-23',
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.add(child);
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const probe = () => {
        const db = new Database(b.dbPath, { readonly: true, fileMustExist: true });
        try {
          return db.prepare('SELECT COUNT(*) AS n FROM users WHERE name = ?').get(`dopo-${round}`) as {
            n: number;
          };
        } finally {
          db.close();
        }
      };
      let done = false;
      void exited.then(() => {
        done = true;
      });
      while (!done) {
        try {
          if (probe().n === 0) {
            child.kill('SIGKILL');
            break;
          }
        } catch {
          // the file is being replaced: look again
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      await exited;
      children.delete(child);
      const after = new Database(b.dbPath, { readonly: true });
      const restored =
        (
          after.prepare('SELECT COUNT(*) AS n FROM users WHERE name = ?').get(`dopo-${round}`) as {
            n: number;
          }
        ).n === 0;
      const rows = (
        after.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'backups.restore'").get() as {
          n: number;
        }
      ).n;
      after.close();
      if (restored) {
        restoredSeen++;
        expect(rows, `round ${round}`).toBeGreaterThan(0);
      }
      await b.ctx.reopen();
    }
    expect(restoredSeen).toBeGreaterThan(0);
  }, 120_000);
});
