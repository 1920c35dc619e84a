/**
 * Crash safety with real processes:
 *   - a CLI import of a generated file and a CLI letter batch are killed (SIGKILL) in the middle;
 *     the ledger reopens exactly as before, passes integrity_check, and the re-run gives the same
 *     result as an uninterrupted run;
 *   - a second app process (browser mode) on the same ledger is refused with a clear message; a
 *     CLI run while another connection writes waits for it (busy timeout) and corrupts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/app.ts';
import { runCli } from '../../electron/backend/cli/run.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { ensureRates } from '../../electron/backend/services/letters/rates.ts';
import { startWebServer } from '../../electron/web.ts';
import { tempDir } from '../helpers/backend.ts';
import { dumpLedger, integrityOf } from '../helpers/dump.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const children = new Set<ChildProcess>();

/** The environment without a ledger or a fixed day of the caller's. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { INCASSO_DB: _db, INCASSO_TODAY: _today, ...env } = process.env;
  return env;
}

function start(script: string, args: string[]): ChildProcess {
  // node itself, not npx/npm: the pid killed is the process that writes.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function finish(child: ChildProcess): Promise<Done> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** The same CLI in this process (no start-up cost): for the runs that are not killed. */
async function cliHere(args: string[]): Promise<Done> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (t) => {
      stdout += `${t}\n`;
    },
    err: (t) => {
      stderr += `${t}\n`;
    },
  });
  return { code, signal: null, stdout, stderr };
}

/** Resolves when a line of stderr/stdout matches (then calls `then`). */
function whenLine(child: ChildProcess, re: RegExp, then: () => void): void {
  let buf = '';
  const on = (d: Buffer) => {
    buf += d.toString();
    if (re.test(buf)) {
      child.stdout?.off('data', on);
      child.stderr?.off('data', on);
      then();
    }
  };
  child.stdout?.on('data', on);
  child.stderr?.on('data', on);
}

/**
 * Resolves once `child` has the ledger open and sits asleep without using the CPU: SQLite's busy
 * handler sleeping on the write lock. Read from /proc (Linux, as CI), giving up after 9 s; elsewhere
 * the fixed 7 s, longer than the CLI's start-up, that this replaces: it was most of the test on a
 * quiet machine and could still be too short on a loaded one.
 */
async function blockedOn(child: ChildProcess, db: string): Promise<void> {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const proc = `/proc/${child.pid}`;
  const file = fs.realpathSync(db);
  if (child.pid === undefined || !fs.existsSync(`${proc}/fd`)) return sleep(7000);
  const hasOpen = () => {
    try {
      return fs.readdirSync(`${proc}/fd`).some((fd) => {
        try {
          return fs.readlinkSync(`${proc}/fd/${fd}`) === file;
        } catch {
          return false; // closed meanwhile
        }
      });
    } catch {
      return false;
    }
  };
  /** State and CPU ticks (fields 3, 14 and 15 of /proc/PID/stat, after the command's parentheses). */
  const stat = () => {
    try {
      const fields = fs.readFileSync(`${proc}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return { state: fields[0], ticks: Number(fields[11]) + Number(fields[12]) };
    } catch {
      return null;
    }
  };
  // Elapsed time on the monotonic clock (not the date): the wait gives up after 9 s.
  const end = performance.now() + 9000;
  let still = 0;
  let last = stat();
  while (performance.now() < end) {
    await sleep(100);
    const now = stat();
    if (now === null) return; // exited: the assertions after say so
    const asleep = now.state === 'S' && last !== null && now.ticks === last.ticks;
    // Five samples in a row (half a second) asleep with no CPU used, the ledger open.
    still = asleep && hasOpen() ? still + 1 : 0;
    if (still >= 5) return;
    last = now;
  }
  // Not seen asleep in 9 s: as long as the fixed wait was, and the assertions decide.
}

/** An aged-receivables CSV: `rows` invoices over 5,000 customers. */
function generateCsv(file: string, rows: number, seed = 0): void {
  const lines = ['Cod. Cliente;Ragione Sociale;P.IVA;Tipo;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo'];
  const due = ['30/09/2026', '31/10/2026', '30/11/2026', '31/12/2026'];
  for (let i = 0; i < rows; i++) {
    const c = `C${String(i % 5000).padStart(5, '0')}`;
    const amount = (((i * 37 + seed) % 500_000) + 1000) / 100;
    const residual = i % 9 === 0 ? amount / 2 : amount;
    const eur = (v: number) => v.toFixed(2).replace('.', ',');
    lines.push(
      `${c};Cliente ${c} S.r.l.;${String(10_000_000_000 + (i % 5000))};FT;2026/${String(i).padStart(7, '0')};01/09/2026;${due[i % 4]};${eur(amount)};${eur(residual)}`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function copyLedger(from: string, to: string): void {
  // A closed ledger is one file (its WAL checkpointed on close).
  fs.copyFileSync(from, to);
}

let dir: string;
beforeAll(() => {
  dir = tempDir('incasso-crash-');
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of a large import', () => {
  it('leaves the ledger exactly as before; the re-run gives the uninterrupted result', async () => {
    const base = path.join(dir, 'import-base.db');
    const small = path.join(dir, 'small.csv');
    const big = path.join(dir, 'big.csv');
    generateCsv(small, 3000, 11);
    generateCsv(big, 30_000);
    // Not the run killed: in this process (a spawned CLI costs seconds of start-up).
    const first = await cliHere([
      'import',
      small,
      '--as-of',
      '2026-11-10',
      '--db',
      base,
      '--today',
      '2026-11-10',
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);

    const killed = path.join(dir, 'import-killed.db');
    const reference = path.join(dir, 'import-reference.db');
    copyLedger(base, killed);
    copyLedger(base, reference);
    const before = dumpLedger(killed);
    const importArgs = (db: string) => [
      'import',
      big,
      '--as-of',
      '2026-11-20',
      '--db',
      db,
      '--today',
      '2026-11-20',
      '--json',
    ];

    // Killed as soon as the import starts writing its batch (progress on stderr).
    const child = start('electron/backend/cli.ts', [...importArgs(killed), '--progress']);
    const done = finish(child);
    let sawWrite = false;
    whenLine(child, /progress: write \d+\/\d+/, () => {
      sawWrite = true;
      child.kill('SIGKILL');
    });
    const k = await done;
    expect(sawWrite, k.stderr).toBe(true);
    expect(k.signal).toBe('SIGKILL');
    expect(fs.existsSync(`${killed}-wal`) || fs.statSync(killed).size > 0).toBe(true);

    // Reopened: exactly as before, and sound.
    expect(integrityOf(killed)).toEqual(['ok']);
    expect(dumpLedger(killed)).toBe(before);

    const rerun = await cliHere(importArgs(killed));
    const uninterrupted = await cliHere(importArgs(reference));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toEqual(JSON.parse(uninterrupted.stdout));
    expect(JSON.parse(rerun.stdout)).toMatchObject({ batch: 2, rows: { read: 30_000, imported: 30_000 } });
    expect(integrityOf(killed)).toEqual(['ok']);
  }, 180_000);
});

describe('SIGKILL in the middle of a letter batch', () => {
  it('archives nothing, changes no task; the re-run prints the same letters', async () => {
    const base = path.join(dir, 'letters-base.db');
    // Three weeks into dunning: completed reminders have made letter tasks due.
    let ctx = await createBackend({ dbPath: base, mode: 'cli', today: '2026-11-23' });
    const call = async (method: string, input: unknown) => {
      const r = await dispatch(ctx, { method, input, userId: 1 });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data;
    };
    await call('demo.fill', {});
    await call('dunning.run', {});
    const wl = (await call('worklist.list', { all: true })) as { rows: { id: number; type: string }[] };
    for (const t of wl.rows) {
      await call('tasks.complete', {
        id: t.id,
        outcome: t.type === 'phone' ? 'not_reached' : t.type === 'review' ? 'done' : 'sent',
      });
    }
    ctx.close();
    ctx = await createBackend({ dbPath: base, mode: 'cli', today: '2026-12-10' });
    await call('dunning.run', {});
    // The rate table is seeded on first use, in its own transaction: seed it now, so the ledger
    // "before the batch" is the one the batch starts from.
    await ensureRates(ctx.db);
    const letters = ctx.db.$client
      .prepare("SELECT id FROM tasks WHERE type = 'letter' AND status = 'open' ORDER BY id LIMIT 24")
      .all() as { id: number }[];
    ctx.close();
    expect(letters.length).toBeGreaterThanOrEqual(12);
    const ids = letters.map((l) => l.id).join(',');

    const killed = path.join(dir, 'letters-killed.db');
    const reference = path.join(dir, 'letters-reference.db');
    copyLedger(base, killed);
    copyLedger(base, reference);
    const before = dumpLedger(killed);
    const args = (db: string, out: string) => [
      'letters',
      '--out',
      out,
      '--task-ids',
      ids,
      '--db',
      db,
      '--today',
      '2026-12-10',
      '--json',
    ];

    const child = start('electron/backend/cli.ts', [
      ...args(killed, path.join(dir, 'out-killed')),
      '--progress',
    ]);
    const done = finish(child);
    let sawLetters = false;
    whenLine(child, /progress: letters [2-9]\d*\/\d+/, () => {
      sawLetters = true;
      child.kill('SIGKILL');
    });
    const k = await done;
    expect(sawLetters, k.stderr).toBe(true);
    expect(k.signal).toBe('SIGKILL');

    expect(integrityOf(killed)).toEqual(['ok']);
    expect(dumpLedger(killed)).toBe(before);
    // Nothing was archived: at most a scratch folder of the interrupted batch.
    const archived = fs
      .readdirSync(path.join(dir, 'letters-killed-files'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.pdf') && !f.split(path.sep).some((p) => p.startsWith('.')));
    expect(archived).toEqual([]);

    const rerun = await cliHere(args(killed, path.join(dir, 'out-rerun')));
    const uninterrupted = await cliHere(args(reference, path.join(dir, 'out-reference')));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    type Batch = {
      batchId: number;
      letters: number;
      pages: number;
      files: { taskId: number; customerCode: string; template: string; pages: number; totalCents: number }[];
      skipped: unknown[];
    };
    const shape = (b: Batch) => ({
      batchId: b.batchId,
      letters: b.letters,
      pages: b.pages,
      files: b.files.map((f) => [f.taskId, f.customerCode, f.template, f.pages, f.totalCents]),
      skipped: b.skipped,
    });
    const r = JSON.parse(rerun.stdout) as Batch;
    expect(r.letters).toBeGreaterThan(0);
    expect(shape(r)).toEqual(shape(JSON.parse(uninterrupted.stdout) as Batch));
    expect(integrityOf(killed)).toEqual(['ok']);
  }, 240_000);
});

describe('two processes on one ledger', () => {
  it('a second browser-mode process refuses the ledger with a clear message; a stale lock is taken over', async () => {
    const db = path.join(dir, 'shared.db');
    const first = start('electron/web.ts', ['--db', db, '--port', '0']);
    const ready = new Promise<void>((resolve) => whenLine(first, /INCASSO_URL=/, resolve));
    const firstDone = finish(first);
    await ready;
    const second = await finish(start('electron/web.ts', ['--db', db, '--port', '0']));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already open in Incasso \(browser, pid \d+/);
    expect(second.stderr).toContain(`${db}.lock`);

    // The CLI works beside the open app (no lock of its own).
    const cliRun = await cliHere(['users', 'add', 'Zeno', '--role', 'clerk', '--db', db, '--json']);
    expect(cliRun.code, cliRun.stderr).toBe(0);

    // The app dies without cleaning up: its lock stays, and the next start takes it over.
    first.kill('SIGKILL');
    await firstDone;
    expect(fs.existsSync(`${db}.lock`)).toBe(true);
    const third = await startWebServer({ dbPath: db, port: 0 });
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({
      pid: process.pid,
      mode: 'browser',
    });
    await third.close();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    expect(integrityOf(db)).toEqual(['ok']);
  }, 120_000);

  it('a CLI run while another connection writes waits for it and corrupts nothing', async () => {
    const db = path.join(dir, 'busy.db');
    const init = await cliHere(['init', '--db', db]);
    expect(init.code, init.stderr).toBe(0);
    // The "app": a long write transaction on its own connection.
    const app = new Database(db);
    app.pragma('busy_timeout = 10000');
    app.exec('BEGIN IMMEDIATE');
    app.prepare("INSERT INTO users (name, role) VALUES ('Dall app', 'clerk')").run();
    const child = start('electron/backend/cli.ts', [
      'users',
      'add',
      'Dal CLI',
      '--role',
      'clerk',
      '--db',
      db,
      '--json',
    ]);
    let exitedAt = 0;
    child.once('exit', () => {
      exitedAt = performance.now();
    });
    const done = finish(child);
    // Hold the write lock until the CLI is waiting on it (it waits up to 10 s), then commit.
    await blockedOn(child, db);
    expect(exitedAt, 'the CLI must still be waiting').toBe(0);
    const committedAt = performance.now();
    app.exec('COMMIT');
    app.close();
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    expect(exitedAt).toBeGreaterThanOrEqual(committedAt);
    const check = new Database(db, { readonly: true });
    const names = (check.prepare('SELECT name FROM users ORDER BY id').all() as { name: string }[]).map(
      (u) => u.name,
    );
    check.close();
    expect(names).toEqual(['admin', 'Dall app', 'Dal CLI']);
    expect(integrityOf(db)).toEqual(['ok']);
  }, 120_000);
});
