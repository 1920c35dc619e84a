/**
 * The demo company in its own ledger: a demo start on an empty ledger opens `<ledger>-demo.db`
 * beside it (flagged as the demo), a real import there is refused with the offer to start the
 * user's own ledger, and starting it moves the app to that (empty) ledger, where the import goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { setPasswordHash } from '../../db/queries/users.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { runCli } from '../../electron/backend/cli/run.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { chooseStartLedger } from '../../electron/backend/services/demo-ledger.ts';
import { startWebServer, type WebServer } from '../../electron/web.ts';
import type { ApiResult } from '../../shared/api/errors.ts';
import { tempDir } from '../helpers/backend.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/samples/scadenzario-2026-10-31.xlsx');

let dir: string;
let real: string;
let demo: string;
let server: WebServer | null = null;
type Response = ApiResult<unknown>;
beforeEach(() => {
  dir = tempDir('incasso-demo-ledger-');
  real = path.join(dir, 'ledger.db');
  demo = path.join(dir, 'ledger-demo.db');
});
afterEach(async () => {
  await server?.close();
  server = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function ok<T>(r: Response): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

/** `npm run cli -- …` in-process, on the test's business day. */
/** A write refused in the demo's ledger: CONFLICT, naming the demo and the way out to the real ledger. */
function expectDemoRefusal(r: Response, real: string): void {
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.message).toContain("demo company's ledger");
    expect(r.error.message).toContain('Start my ledger');
    expect(r.error.message).toContain(real);
  }
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--today', '2026-11-23'], {
    out: (t) => {
      stdout += `${t}\n`;
    },
    err: (t) => {
      stderr += `${t}\n`;
    },
  });
  return { code, stdout, stderr };
}

/** A client of browser mode: which user its session holds, as the web transport keeps it. */
function client() {
  let userId: number | null = null;
  return {
    get userId() {
      return userId;
    },
    session: {
      transport: 'browser' as const,
      userId: async () => userId,
      begin: (id: number) => {
        userId = id;
      },
      end: () => {
        userId = null;
      },
    },
  };
}

async function stageAndApply(s: WebServer, extra: Record<string, unknown> = {}): Promise<Response> {
  const staged = ok<{ fileId: string }>(
    await dispatch(s.ctx, {
      method: 'imports.stage',
      input: { fileName: path.basename(SAMPLE), dataBase64: fs.readFileSync(SAMPLE).toString('base64') },
      userId: 1,
    }),
  );
  return dispatch(s.ctx, {
    method: 'imports.apply',
    input: { fileId: staged.fileId, asOf: '2026-10-31', ...extra },
    userId: 1,
  });
}

describe('the demo company in its own ledger', { timeout: 120_000 }, () => {
  it('opens beside an empty ledger, refuses a real import and moves to the real ledger to import there', async () => {
    expect(chooseStartLedger(real)).toEqual({ dbPath: demo, demo: true });
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    const ctx = server.ctx;
    expect(ctx.dbPath).toBe(demo);
    // The user's ledger was not even created: the demo lives in its own file.
    expect(fs.existsSync(real)).toBe(false);
    expect(ok(await dispatch(ctx, { method: 'demo.status', userId: 1 }))).toEqual({
      demo: true,
      realLedgerPath: real,
      importsAllowed: false,
    });
    const demoSummary = ok<{ customers: number }>(await dispatch(ctx, { method: 'summary.get', userId: 1 }));
    expect(demoSummary.customers).toBe(300);

    // A real export into the demo: refused, with the way out named; nothing written.
    const refused = await stageAndApply(server);
    expectDemoRefusal(refused, real);
    expect(ok(await dispatch(ctx, { method: 'imports.list', userId: 1 }))).toEqual([]);
    // A dry run writes nothing and is allowed: it shows the mixing (every demo item closed as paid).
    const dry = ok<{ batch: number | null; items: { closed: number } }>(
      await stageAndApply(server, { dryRun: true, confirmClosures: true }),
    );
    expect(dry.batch).toBeNull();
    expect(dry.items.closed).toBeGreaterThan(1000);
    expect(ok(await dispatch(ctx, { method: 'imports.list', userId: 1 }))).toEqual([]);

    // "Start my ledger": the app goes on in the user's (new, empty) ledger, this client signed in
    // as its first administrator (who has no password yet: the first-run state of a new ledger).
    const c = client();
    c.session.begin(1);
    const started = ok<{ dbPath: string; signedIn: boolean }>(
      await dispatch(ctx, { method: 'demo.startRealLedger', session: c.session }),
    );
    expect(started).toEqual({ dbPath: real, signedIn: true });
    expect(ctx.dbPath).toBe(real);
    expect(fs.existsSync(real)).toBe(true);
    expect(ok(await dispatch(ctx, { method: 'demo.status', session: c.session }))).toMatchObject({
      demo: false,
    });
    expect(
      ok<{ customers: number }>(await dispatch(ctx, { method: 'summary.get', userId: 1 })).customers,
    ).toBe(0);
    // Started, the user's ledger is what the next start opens, even while still empty.
    expect(chooseStartLedger(real)).toEqual({ dbPath: real, demo: false });

    // The import goes on there.
    const applied = ok<{ batch: number | null; totals: { customers: number } }>(await stageAndApply(server));
    expect(applied.batch).toBe(1);
    expect(applied.totals.customers).toBeGreaterThan(0);
    expect(applied.totals.customers).toBeLessThan(300);
    await server.close();
    server = null;

    // The demo's file kept the demo and nothing else.
    const d = await createBackend({ dbPath: demo, mode: 'cli', today: '2026-11-23' });
    try {
      expect(ok(await dispatch(d, { method: 'imports.list', userId: 1 }))).toEqual([]);
      expect(
        ok<{ customers: number }>(await dispatch(d, { method: 'summary.get', userId: 1 })).customers,
      ).toBe(300);
    } finally {
      closeLedger(d.db);
    }
  });

  it('the CLI refuses to import into the demo unless --into-demo, and names the ledger to use', async () => {
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    await server.close();
    server = null;
    const no = await cli(['import', SAMPLE, '--db', demo]);
    expect(no.code).toBe(1);
    expect(no.stderr).toContain("demo company's ledger");
    expect(no.stderr).toContain(`--db ${real}`);
    expect(no.stderr).toContain('--into-demo');
    const yes = await cli(['import', SAMPLE, '--db', demo, '--into-demo', '--mode', 'incremental', '--json']);
    expect(yes.code).toBe(0);
    expect(JSON.parse(yes.stdout).batch).toBe(1);
    // On the user's own ledger nothing is asked.
    const own = await cli(['import', SAMPLE, '--db', real, '--json']);
    expect(own.code).toBe(0);
  });

  it('a ledger in use opens as it is: no demo beside it', async () => {
    const ctx = await createBackend({ dbPath: real, mode: 'cli', today: '2026-11-23' });
    closeLedger(ctx.db);
    // Created but unused (no data, no password): still the demo.
    expect(chooseStartLedger(real).demo).toBe(true);
    const r = await cli(['import', SAMPLE, '--db', real]);
    expect(r.code).toBe(0);
    expect(chooseStartLedger(real)).toEqual({ dbPath: real, demo: false });
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    expect(server.ctx.dbPath).toBe(real);
    expect(ok(await dispatch(server.ctx, { method: 'demo.status', userId: 1 }))).toMatchObject({
      demo: false,
    });
    expect(fs.existsSync(demo)).toBe(false);
  });

  it("a ledger an earlier start filled with the demo moves beside it, so the user's ledger starts empty", async () => {
    const ctx = await createBackend({ dbPath: real, mode: 'cli', today: '2026-11-23' });
    await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
    closeLedger(ctx.db);
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    expect(server.ctx.dbPath).toBe(demo);
    expect(fs.existsSync(real)).toBe(false);
    expect(ok(await dispatch(server.ctx, { method: 'demo.status', userId: 1 }))).toEqual({
      demo: true,
      realLedgerPath: real,
      importsAllowed: false,
    });
    expect(
      ok<{ customers: number }>(await dispatch(server.ctx, { method: 'summary.get', userId: 1 })).customers,
    ).toBe(300);
  });

  it('a demo filled in place that already took real imports stays where it is', async () => {
    const ctx = await createBackend({ dbPath: real, mode: 'cli', today: '2026-11-23' });
    await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
    closeLedger(ctx.db);
    expect((await cli(['import', SAMPLE, '--db', real, '--into-demo', '--mode', 'incremental'])).code).toBe(
      0,
    );
    expect(chooseStartLedger(real)).toEqual({ dbPath: real, demo: false });
    expect(fs.existsSync(demo)).toBe(false);
  });

  it('refuses a real bank statement into the demo, naming the way out; a dry run is allowed', async () => {
    // Fails before the fix: bank.import wrote the statement into the demo without the question.
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    const ctx = server.ctx;
    expect(ctx.dbPath).toBe(demo);
    const statement = fs.readFileSync(
      path.resolve(import.meta.dirname, '../fixtures/bank/camt053-v02-bankA.xml'),
    );
    const input = { fileName: 'camt053.xml', dataBase64: statement.toString('base64') };
    const refused = await dispatch(ctx, { method: 'bank.import', input, userId: 1 });
    expectDemoRefusal(refused, real);
    const none = ok<unknown[]>(await dispatch(ctx, { method: 'bank.list', input: {}, userId: 1 }));
    const dry = ok<{ entries: number }>(
      await dispatch(ctx, { method: 'bank.import', input: { ...input, dryRun: true }, userId: 1 }),
    );
    expect(dry.entries).toBeGreaterThan(0);
    expect(ok<unknown[]>(await dispatch(ctx, { method: 'bank.list', input: {}, userId: 1 }))).toHaveLength(
      none.length,
    );
    // The user chose to import into the demo anyway: the statement goes in.
    ok(await dispatch(ctx, { method: 'demo.allowImports', userId: 1 }));
    const applied = ok<{ entries: number }>(await dispatch(ctx, { method: 'bank.import', input, userId: 1 }));
    expect(applied.entries).toBe(dry.entries);
    expect(
      ok<unknown[]>(await dispatch(ctx, { method: 'bank.list', input: {}, userId: 1 })).length,
    ).toBeGreaterThan(none.length);
  });

  /** `session.status` as a browser with the token and no session cookie asks it. */
  async function statusOverHttp(s: WebServer): Promise<{ signedIn: boolean }> {
    const res = await fetch(`${new URL(s.url).origin}/api/session.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
      body: '{}',
    });
    return ok<{ signedIn: boolean }>((await res.json()) as Response);
  }

  it("signs a browser in as the demo's admin only while no administrator has a password", async () => {
    // Fails before the fix: the demo filled in place, then secured, opened password-less.
    const ctx = await createBackend({ dbPath: real, mode: 'cli', today: '2026-11-23' });
    await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
    await setPasswordHash(ctx.db, 1, 'scrypt$stand-in');
    closeLedger(ctx.db);
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    expect(server.ctx.dbPath).toBe(real);
    expect((await statusOverHttp(server)).signedIn).toBe(false);
    await server.close();
    server = null;
    fs.rmSync(real, { force: true });

    // The demo's own file, no password: signed in as its admin.
    server = await startWebServer({ dbPath: real, port: 0, demo: true, today: '2026-11-23' });
    expect(server.ctx.dbPath).toBe(demo);
    expect((await statusOverHttp(server)).signedIn).toBe(true);
    // A password chosen during the session: new sessions must sign in.
    ok(
      await dispatch(server.ctx, {
        method: 'users.setPassword',
        input: { id: 1, password: 'una-chiave-lunga-1' },
        userId: 1,
      }),
    );
    expect((await statusOverHttp(server)).signedIn).toBe(false);
  });

  it('a demo filled in place where somebody chose a password stays where it is', async () => {
    const ctx = await createBackend({ dbPath: real, mode: 'cli', today: '2026-11-23' });
    await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
    await setPasswordHash(ctx.db, 1, 'scrypt$stand-in');
    closeLedger(ctx.db);
    expect(chooseStartLedger(real)).toEqual({ dbPath: real, demo: false });
    expect(fs.existsSync(demo)).toBe(false);
  });
});
