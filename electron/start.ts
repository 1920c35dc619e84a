/**
 * `npm start [-- --db PATH] [--today YYYY-MM-DD] [--port N]`: opens the desktop app on the demo
 * company when the ledger is empty.
 *
 * - Electron binary installed: prepares better-sqlite3 for Electron's ABI in its own folder the
 *   first time (see build/build-electron.ts: @electron/rebuild into
 *   node_modules/.cache/incasso-electron-native/, shipped as build/electron/native/better_sqlite3.node
 *   and loaded through better-sqlite3's `nativeBinding` option, so the Node build that tests, CLI
 *   and browser mode use is never overwritten), builds (renderer + Electron bundle), then runs
 *   Electron on the project with --demo.
 * - Binary absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed): says
 *   so in one line and starts browser mode instead, printing `INCASSO_URL=…` like `npm run web`.
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
  const bin = electronBinary();
  if (!bin) {
    await startBrowserMode(
      opts,
      'The Electron runtime is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD)',
    );
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
