import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDbPath, userDataDir } from '../../electron/backend/paths.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';

const dir = tempDir('incasso-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * The real entry point, `npm run cli` = `node build/cli.mjs` (the CLI's bundle, built when a source is
 * newer): a process, its exit code and streams. Each start costs a second or more, so only these checks
 * spawn one.
 */
function spawnCli(args: string[]) {
  const res = spawnSync(process.execPath, ['build/cli.mjs', ...args], {
    encoding: 'utf8',
    env: process.env,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
/** The same `runCli` in-process: what each command does, without a process start per command. */
const cli = runCliInProcess;

describe('CLI foundation commands', () => {
  const db = path.join(dir, 'ledger.db');

  it('--help prints the usage on stdout and exits 0; no command at all exits 2', async () => {
    // The process itself: exit status and which stream the usage goes to.
    const help = spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run cli');
    expect(help.stdout).toContain('summary');
    const none = spawnCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: npm run cli');
    for (const args of [['-h'], ['summary', '--help']]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: npm run cli');
    }
  }, 120_000);

  it('init creates the ledger with mode 0600', () => {
    const r = spawnCli(['init', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ db });
    expect(fs.statSync(db).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('demo then summary --json prints the documented shape, agreeing with the as-of date', async () => {
    expect((await cli(['demo', '--db', db, '--today', '2026-11-23', '--json'])).code).toBe(0);
    const r = await cli(['summary', '--db', db, '--json'], { INCASSO_TODAY: '2026-11-23' });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(['asOf', 'customers', 'items', 'residualCents', 'overdueCents', 'aging']);
    expect(Object.keys(s.aging)).toEqual(['notDue', 'd1_30', 'd31_60', 'd61_90', 'd91_180', 'd181_plus']);
    expect(s.asOf).toBe('2026-11-23');
    expect(s.customers).toBe(300);
    const agingTotal = Object.values(s.aging as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(s.overdueCents).toBe(agingTotal - s.aging.notDue);
    const earlier = JSON.parse(
      (await cli(['summary', '--db', db, '--json', '--as-of', '2026-06-30'])).stdout,
    );
    expect(earlier.asOf).toBe('2026-06-30');
    expect(earlier.overdueCents).toBeLessThan(s.overdueCents);
  });

  it('users add creates a user and refuses an unknown role with exit code 2 naming the field', async () => {
    const ok = await cli([
      'users',
      'add',
      'Giulia',
      '--role',
      'clerk',
      '--areas',
      'Nord-Est,Centro',
      '--db',
      db,
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      name: 'Giulia',
      role: 'clerk',
      areas: ['Nord-Est', 'Centro'],
    });
    const bad = await cli(['users', 'add', 'Marco', '--role', 'boss', '--db', db, '--json']);
    expect(bad.code).toBe(2);
    const body = JSON.parse(bad.stdout);
    expect(body.errors[0].column).toBe('role');
    // Giulia has no password yet: nobody can act as her.
    const nobody = await cli(
      ['users', 'add', 'Paolo', '--role', 'clerk', '--user', 'Giulia', '--db', db, '--json'],
      {
        INCASSO_PASSWORD: 'qualsiasi-cosa',
      },
    );
    expect(nobody.code).toBe(2);
    expect(JSON.parse(nobody.stdout).error).toBe('Wrong user name or password.');
    expect(
      (await cli(['users', 'passwd', 'Giulia', '--db', db], { INCASSO_NEW_PASSWORD: 'chiave-giulia' })).code,
    ).toBe(0);
    // Role refusals exit 2.
    const clerk = await cli(
      ['users', 'add', 'Paolo', '--role', 'clerk', '--user', 'Giulia', '--db', db, '--json'],
      {
        INCASSO_PASSWORD: 'chiave-giulia',
      },
    );
    expect(clerk.code).toBe(2);
    expect(JSON.parse(clerk.stdout).error).toMatch(/not allowed/);
  }, 120_000);

  it('refuses a malformed --today and an unknown command with exit code 2', async () => {
    expect((await cli(['summary', '--db', db, '--today', '23/11/2026', '--json'])).code).toBe(2);
    expect((await cli(['frobnicate', '--db', db])).code).toBe(2);
  });
});

describe('default ledger path', () => {
  it('is the per-user folder Electron uses, overridable with INCASSO_DB', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/Incasso');
    expect(defaultDbPath({ XDG_CONFIG_HOME: '/x/cfg' })).toBe(
      process.platform === 'linux'
        ? '/x/cfg/Incasso/incasso.db'
        : defaultDbPath({ XDG_CONFIG_HOME: '/x/cfg' }),
    );
    expect(defaultDbPath({ INCASSO_DB: '/data/l.db' })).toBe('/data/l.db');
  });
});
