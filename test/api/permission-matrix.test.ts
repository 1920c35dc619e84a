/**
 * The permission matrix of issue 13: every contract method (read from the contract, so methods
 * added tomorrow are covered) × every role × every transport — the desktop IPC handler, browser
 * mode over HTTP, the CLI — with a user who signed in with a password, and with the request
 * forging another user (an `X-Incasso-User` header, a `userId` in the IPC message or the input).
 * The role that counts is always the signed-in user's: the contract's refusals are FORBIDDEN
 * (403 over HTTP, exit 2 with "not allowed" in the CLI), the allowed roles reach validation (the
 * probe input is deliberately wrong, so nothing runs), and without a session every method but the
 * sign-in screen's is UNAUTHENTICATED (401).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { runCli } from '../../electron/backend/cli/run.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { createIpcApi } from '../../electron/backend/ipc.ts';
import { APP_URL } from '../../electron/security.ts';
import { startWebServer, type WebServer } from '../../electron/web.ts';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { isPublicMethod } from '../../shared/api/contracts/auth.ts';
import type { ApiResult } from '../../shared/api/errors.ts';
import { ROLES, type Role, roleAllows } from '../../shared/api/roles.ts';
import { TEST_SCRYPT, tempDir } from '../helpers/backend.ts';
import { badInputs } from '../helpers/probes.ts';

const methods = (Object.keys(contract) as MethodName[]).filter((m) => !isPublicMethod(m));
const PASSWORD: Record<Role, string> = {
  admin: 'chiave-admin-1',
  manager: 'chiave-manager-1',
  accountant: 'chiave-contabile-1',
  clerk: 'chiave-addetto-1',
};
const NAME: Record<Role, string> = { admin: 'admin', manager: 'Marco', accountant: 'Anna', clerk: 'Carla' };

const probe = (m: MethodName) => {
  const p = badInputs(contract[m].input)[0];
  if (!p) throw new Error(`no probe for ${m}`);
  return p.input;
};
type Outcome = 'FORBIDDEN' | 'VALIDATION' | 'UNAUTHENTICATED' | string;
const expected = (m: MethodName, role: Role): Outcome =>
  roleAllows(contract[m].roles, role) ? 'VALIDATION' : 'FORBIDDEN';

let dir: string;
let server: WebServer;
let origin: string;
const ids = {} as Record<Role, number>;

beforeAll(async () => {
  dir = tempDir('incasso-matrix-');
  server = await startWebServer({
    dbPath: path.join(dir, 'ledger.db'),
    port: 0,
    today: '2026-11-23',
    staticDir: dir,
    auth: { scrypt: TEST_SCRYPT },
  });
  origin = new URL(server.url).origin;
  ids.admin = 1;
  // Set up in process, as an admin already signed in would.
  const setAdmin = await dispatch(server.ctx, {
    method: 'users.setPassword',
    input: { id: 1, password: PASSWORD.admin },
    userId: 1,
  });
  expect(setAdmin.ok).toBe(true);
  for (const role of ['manager', 'accountant', 'clerk'] as const) {
    const r = await dispatch(server.ctx, {
      method: 'users.add',
      input: { name: NAME[role], role, password: PASSWORD[role] },
      userId: 1,
    });
    if (!r.ok) throw new Error(r.error.message);
    ids[role] = (r.data as { id: number }).id;
  }
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function outcome(r: ApiResult<unknown>): Outcome {
  return r.ok ? 'OK' : r.error.code;
}

describe('the desktop IPC handler', () => {
  it('without a session: every method but signing in is UNAUTHENTICATED, whoever the message names', async () => {
    const ipc = createIpcApi(server.ctx);
    const wrong: string[] = [];
    for (const m of methods) {
      const got = outcome(await ipc.handle(APP_URL, { method: m, input: probe(m), userId: ids.admin }));
      if (got !== 'UNAUTHENTICATED') wrong.push(`${m}: ${got}`);
    }
    expect(wrong).toEqual([]);
    expect(outcome(await ipc.handle(APP_URL, { method: 'session.status', input: {} }))).toBe('OK');
  });

  it.each(ROLES)('signed in as %s: the signed-in role decides, a forged userId is ignored', async (role) => {
    const ipc = createIpcApi(server.ctx);
    const signIn = await ipc.handle(APP_URL, {
      method: 'session.signIn',
      input: { name: NAME[role], password: PASSWORD[role] },
    });
    expect(signIn.ok).toBe(true);
    const auditBefore = (await recentAudit(server.ctx.db, 1))[0]?.id;
    const wrong: string[] = [];
    for (const m of methods) {
      const forged = role === 'admin' ? ids.clerk : ids.admin;
      const got = outcome(
        await ipc.handle(APP_URL, { method: m, input: probe(m), userId: forged, job: 'x' }),
      );
      if (got !== expected(m, role)) wrong.push(`${m}: ${got}, expected ${expected(m, role)}`);
    }
    expect(wrong).toEqual([]);
    expect((await recentAudit(server.ctx.db, 1))[0]?.id).toBe(auditBefore);
    // A page that is not ours gets nothing, signed in or not.
    expect(outcome(await ipc.handle('https://evil.example/', { method: 'summary.get', input: {} }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('browser mode over HTTP', () => {
  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
      body: JSON.stringify(body),
    });
  const STATUS: Record<string, number> = { FORBIDDEN: 403, VALIDATION: 400, UNAUTHENTICATED: 401 };

  async function signIn(role: Role): Promise<string> {
    const res = await post('session.signIn', { name: NAME[role], password: PASSWORD[role] });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('incasso_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return (cookie ?? '').split(';')[0] ?? '';
  }

  it('without a session: 401 for every method but signing in, even with X-Incasso-User', async () => {
    const wrong: string[] = [];
    for (const m of methods) {
      for (const headers of <Record<string, string>[]>[
        {},
        { 'x-incasso-user': String(ids.admin) },
        { cookie: 'incasso_session=forged' },
      ]) {
        const res = await post(m, probe(m), headers);
        if (res.status !== 401) wrong.push(`${m} ${JSON.stringify(headers)}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    const status = await post('session.status', {});
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ ok: true, data: { signedIn: false } });
  });

  it.each(ROLES)('signed in as %s: the session’s role decides, X-Incasso-User is ignored', async (role) => {
    const cookie = await signIn(role);
    const forged = String(role === 'admin' ? ids.clerk : ids.admin);
    const wrong: string[] = [];
    for (const m of methods) {
      const res = await post(m, probe(m), { cookie, 'x-incasso-user': forged });
      const want = STATUS[expected(m, role)];
      if (res.status !== want) wrong.push(`${m}: ${res.status}, expected ${want}`);
    }
    expect(wrong).toEqual([]);
    // The review's attack, end to end: a clerk's session cannot add an admin by naming the admin.
    if (role === 'clerk') {
      const res = await post(
        'users.add',
        { name: 'Eve', role: 'admin' },
        { cookie, 'x-incasso-user': forged },
      );
      expect(res.status).toBe(403);
    }
    const out = await post('session.signOut', {}, { cookie });
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await post('summary.get', {}, { cookie })).status).toBe(401);
  });
});

describe('the command line', () => {
  async function cli(role: Role, args: string[]): Promise<{ code: number; error: string }> {
    const out: string[] = [];
    const env: Record<string, string> = role === 'admin' ? {} : { INCASSO_PASSWORD: PASSWORD[role] };
    const user = role === 'admin' ? [] : ['--user', NAME[role]];
    const code = await runCli(
      [...args, ...user, '--db', server.ctx.dbPath, '--today', '2026-11-23', '--json'],
      { out: (t) => out.push(t), err: () => {} },
      env,
    );
    const body = out.length ? (JSON.parse(out.join('\n')) as { error?: string }) : {};
    return { code, error: body.error ?? '' };
  }

  it.each(ROLES)(
    'as %s (the admin by its OS account, the others by password): every method through `call`',
    async (role) => {
      const wrong: string[] = [];
      for (const m of methods) {
        const r = await cli(role, ['call', m, JSON.stringify(probe(m))]);
        const refused = /is not allowed for the role/.test(r.error);
        const want = expected(m, role);
        if (r.code !== 2 || refused !== (want === 'FORBIDDEN')) wrong.push(`${m}: exit ${r.code} ${r.error}`);
      }
      expect(wrong).toEqual([]);
    },
    120_000,
  );

  it('a forged identity gets nowhere: wrong password, no password, an unknown user', async () => {
    const env = { INCASSO_PASSWORD: PASSWORD.clerk };
    for (const [args, e] of [
      [['call', 'users.list', '--user', 'Marco'], env],
      [['call', 'users.list', '--user', 'Marco'], {}],
      [['call', 'users.list', '--user', 'Nessuno'], env],
    ] as const) {
      const out: string[] = [];
      const code = await runCli(
        [...args, '--db', server.ctx.dbPath, '--json'],
        { out: (t) => out.push(t), err: () => {} },
        { ...e },
      );
      expect(code).toBe(2);
      expect(JSON.parse(out.join('\n')).error).toMatch(/Wrong user name or password|INCASSO_PASSWORD/);
    }
  });
});
