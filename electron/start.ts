/**
 * `npm start [-- --db PATH] [--today YYYY-MM-DD] [--port N]`: opens the desktop app on the ledger,
 * or, while the ledger is not in use yet, on the demo company in its own file beside it
 * (services/demo-ledger.ts).
 *
 * - Electron binary installed: prepares better-sqlite3 for Electron's ABI in its own folder the
 *   first time (see build/build-electron.ts: @electron/rebuild into
 *   node_modules/.cache/incasso-electron-native/, shipped as build/electron/native/better_sqlite3.node
 *   and loaded through better-sqlite3's `nativeBinding` option, so the Node build that tests, CLI
 *   and browser mode use is never overwritten), builds (renderer + Electron bundle), then runs
 *   Electron on the project with --demo.
 * - Binary absent: `npm install` never downloads it (package.json `allowScripts` keeps Electron's
 *   install script from running, so an install behind a proxy or offline still succeeds). The first
 *   `npm start` tries the download once (Electron's own install.js, bounded in time); when it cannot
 *   be reached, says so in one line and starts browser mode instead, printing `INCASSO_URL=…` like
 *   `npm run web`. A failed download is retried at most once a day, so an offline office does not
 *   wait at every start.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDbPath } from './backend/paths.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StartOptions {
  db: string | undefined;
  today: string | undefined;
  port: number;
}

export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, today: { type: 'string' }, port: { type: 'string' } },
  });
  const rawPort = values.port ?? env.PORT ?? '0';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new Error(`--port must be 0-65535, got ${rawPort}`);
  return { db: values.db, today: values.today, port };
}

/**
 * The Electron executable, or null when only the npm package (types) is installed.
 * `require('electron')` from Node returns the binary's path when it was downloaded, and throws
 * when the download was skipped.
 */
export function electronBinary(
  load: () => unknown = () => createRequire(import.meta.url)('electron'),
): string | null {
  try {
    const bin = load();
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const FETCH_MARKER = path.join(ROOT, 'node_modules', '.cache', 'incasso-electron-fetch-failed');
const FETCH_TIMEOUT_MS = 120_000;
const FETCH_RETRY_MS = 24 * 60 * 60 * 1000;

/**
 * Tries to download the Electron binary with Electron's own installer (the step `allowScripts`
 * keeps out of `npm install`). Returns why it could not, or null when it did.
 */
export function fetchElectron(
  env: NodeJS.ProcessEnv = process.env,
  now: number = Date.now(),
  marker: string = FETCH_MARKER,
): string | null {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  const installer = path.join(ROOT, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return 'the electron package is not installed';
  try {
    // Operational back-off, not a business date: the injected clock does not apply here.
    if (now - fs.statSync(marker).mtimeMs < FETCH_RETRY_MS) {
      return 'its download failed earlier today';
    }
  } catch {
    // no earlier failure
  }
  process.stderr.write('Downloading the Electron runtime (once)…\n');
  const run = spawnSync(process.execPath, [installer], {
    cwd: path.dirname(installer),
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: FETCH_TIMEOUT_MS,
    env,
  });
  if (run.status === 0 && electronBinary() !== null) {
    fs.rmSync(marker, { force: true });
    return null;
  }
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, String(run.stderr ?? ''));
  const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET/.exec(String(run.stderr ?? ''));
  return `its download could not be reached${reason ? ` (${reason[0]})` : run.error ? ' (timed out)' : ''}`;
}

function npmRun(script: string): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', script, '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) throw new Error(`npm run ${script} failed`);
}

/** Builds better-sqlite3 for Electron once (cached); false when that is impossible here. */
async function prepareNative(): Promise<boolean> {
  const { prepareElectronSqlite } = await import('../build/build-electron.ts');
  try {
    await prepareElectronSqlite(ROOT, (line) => process.stderr.write(`${line}\n`));
    return true;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return false;
  }
}

async function startElectron(bin: string, opts: StartOptions): Promise<number> {
  npmRun('build');
  const env = { ...process.env };
  // Would turn Electron into plain Node (the packaged app has the runAsNode fuse off anyway).
  delete env.ELECTRON_RUN_AS_NODE;
  const args = [ROOT, '--demo'];
  if (opts.db) args.push(`--db=${path.resolve(opts.db)}`);
  if (opts.today) args.push(`--today=${opts.today}`);
  const child = spawn(bin, args, { cwd: ROOT, stdio: 'inherit', env });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function startBrowserMode(opts: StartOptions, why: string): Promise<void> {
  process.stderr.write(`${why}: starting browser mode instead.\n`);
  npmRun('build:renderer');
  const { startWebServer } = await import('./web.ts');
  const server = await startWebServer({
    dbPath: path.resolve(opts.db ?? defaultDbPath()),
    port: opts.port,
    demo: true,
    ...(opts.today ? { today: opts.today } : {}),
  });
  process.stdout.write(`INCASSO_URL=${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const opts = parseStartArgs(process.argv.slice(2));
  let bin = electronBinary();
  const missing = bin ? null : fetchElectron();
  if (!bin && missing === null) bin = electronBinary();
  if (!bin) {
    await startBrowserMode(opts, `The Electron runtime is not installed here: ${missing ?? 'unknown'}`);
  } else if (!(await prepareNative())) {
    await startBrowserMode(opts, 'better-sqlite3 could not be built for Electron here');
  } else {
    process.exitCode = await startElectron(bin, opts);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
