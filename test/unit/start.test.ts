/** `npm start` (electron/start.ts): arguments, Electron detection, and the browser-mode fallback. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary, fetchElectron, parseStartArgs } from '../../electron/start.ts';
import { tempDir } from '../helpers/backend.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('parseStartArgs', () => {
  it('reads --db, --today and --port, with PORT as the fallback port', () => {
    expect(parseStartArgs(['--db', 'x.db', '--today', '2026-01-31', '--port', '8123'], {})).toEqual({
      db: 'x.db',
      today: '2026-01-31',
      port: 8123,
    });
    expect(parseStartArgs([], {})).toEqual({ db: undefined, today: undefined, port: 0 });
    expect(parseStartArgs([], { PORT: '4000' }).port).toBe(4000);
  });

  it('refuses a bad port or an unknown option', () => {
    expect(() => parseStartArgs(['--port', '-1'], {})).toThrow(/--port/);
    expect(() => parseStartArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseStartArgs(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseStartArgs(['--dbb', 'x'], {})).toThrow();
  });
});

describe('electronBinary', () => {
  it('is the path require("electron") returns when the binary exists', () => {
    expect(electronBinary(() => process.execPath)).toBe(process.execPath);
  });

  it('is null when the download was skipped', () => {
    expect(
      electronBinary(() => {
        throw new Error('Electron failed to install correctly');
      }),
    ).toBeNull();
    expect(electronBinary(() => '/nonexistent/electron')).toBeNull();
    expect(electronBinary(() => ({}))).toBeNull();
  });
});

describe('fetchElectron (the download npm install leaves to the first start)', () => {
  it('does not try when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    expect(fetchElectron({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
  });

  it.skipIf(electronBinary() !== null)(
    'reports an unreachable download in words, and waits a day before trying again',
    () => {
      const dir = tempDir('incasso-fetch-');
      try {
        const marker = path.join(dir, 'failed');
        // A closed loopback port stands for a proxy or an offline office.
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          electron_config_cache: dir,
        };
        delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
        // A fixed instant: the failed attempt's marker is dated to it, the retry asked a minute later.
        const t0 = Date.parse('2026-11-23T09:00:00.000Z');
        expect(fetchElectron(env, t0, marker)).toMatch(/could not be reached/);
        expect(fs.existsSync(marker)).toBe(true);
        fs.utimesSync(marker, new Date(t0), new Date(t0));
        expect(fetchElectron(env, t0 + 60_000, marker)).toMatch(/failed earlier today/);
        expect(fetchElectron(env, t0 + 25 * 60 * 60 * 1000, marker)).toMatch(/could not be reached/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('npm start without the Electron binary', () => {
  let dir: string | undefined;
  let pid: number | undefined;
  afterEach(() => {
    if (pid) {
      try {
        process.kill(-pid, 'SIGTERM'); // the whole group: tsx runs start.ts in a child
      } catch {}
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    pid = undefined;
    dir = undefined;
  });

  it.skipIf(electronBinary() !== null || process.platform === 'win32')(
    'says so in one line and serves browser mode on the demo company',
    async () => {
      dir = tempDir('incasso-start-');
      // A stand-in npm: records the build it is asked for (the suite builds the renderer itself).
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      const calls = path.join(dir, 'npm-calls.txt');
      fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "$@" >> '${calls}'\n`, { mode: 0o755 });
      const dbPath = path.join(dir, 'ledger.db');
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          'electron/start.ts',
          '--db',
          dbPath,
          '--today',
          '2026-11-23',
        ],
        {
          cwd: ROOT,
          detached: true,
          env: {
            ...process.env,
            ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
            PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
            PORT: '0',
          },
        },
      );
      pid = child.pid;
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
      });
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no INCASSO_URL; stderr: ${stderr}`)), 60_000);
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const m = /^INCASSO_URL=(\S+)$/m.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
        child.on('exit', (code) => reject(new Error(`start.ts exited with ${code}: ${stderr}`)));
      });

      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /Electron runtime is not installed.*ELECTRON_SKIP_BINARY_DOWNLOAD.*browser mode/,
      );
      expect(fs.readFileSync(calls, 'utf8').trim()).toBe('run build:renderer --silent');

      const u = new URL(url);
      let cookie = '';
      const call = async (method: string) => {
        const res = await fetch(`${u.origin}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${u.searchParams.get('token')}`, cookie },
          body: '{}',
        });
        cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
        return (await res.json()) as { ok: boolean; data: Record<string, unknown> };
      };
      // Nothing answers before the page has a session; on the demo company the sign-in screen's
      // question signs it in as the demo's administrator (no password for demos).
      expect(await call('system.info')).toMatchObject({ ok: false });
      expect(await call('session.status')).toMatchObject({ ok: true });
      expect(cookie).toMatch(/^incasso_session=/);
      expect(await call('system.info')).toMatchObject({
        ok: true,
        // The ledger was empty: the demo company opened in its own file beside it.
        data: { mode: 'browser', dbPath: path.join(dir, 'ledger-demo.db'), today: '2026-11-23' },
      });
      const summary = await call('summary.get');
      expect(summary.data.customers).toBeGreaterThan(100);
    },
    90_000,
  );
});
