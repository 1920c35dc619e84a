/**
 * Trust (issue 13): users sign in; the caller's role comes from the session, never the request.
 * Passwords (scrypt), first run, sessions and their idle end, slowed-down wrong passwords, the
 * CLI's identity, admin-only settings with a per-field audit, and mail passwords that do not
 * follow a changed server. The attacks of the security review are here as regression tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { getOsAccount, getPasswordHash } from '../../db/queries/users.ts';
import { runCli } from '../../electron/backend/cli/run.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { currentOsAccount, resolveCliUser } from '../../electron/backend/services/auth/identity.ts';
import {
  checkPasswordStrength,
  DEFAULT_SCRYPT_COST,
  hashPassword,
  verifyPassword,
} from '../../electron/backend/services/auth/password.ts';
import { heldSession, type SessionBinding } from '../../electron/backend/services/auth/sessions.ts';
import { isLoopbackHost } from '../../electron/backend/services/letters/mail.ts';
import { hasSecret } from '../../electron/backend/services/settings/secrets.ts';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { isPublicMethod, PUBLIC_METHODS } from '../../shared/api/contracts/auth.ts';
import { manualClock, TEST_SCRYPT, type TestBackend, testBackend } from '../helpers/backend.ts';

const ADMIN_PW = 'amministra-2026';
const CLERK_PW = 'sollecito-77';
const MANAGER_PW = 'direzione-99';

let b: TestBackend;
let clock: ReturnType<typeof manualClock>;
let ids: { clerk: number; manager: number };

async function ok<T = unknown>(p: ReturnType<typeof dispatch>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

const via = (session: SessionBinding, method: string, input: unknown = {}) =>
  dispatch(b.ctx, { method, input, session });

beforeEach(async () => {
  clock = manualClock();
  b = await testBackend('2026-11-23', { clock });
  const clerk = await ok<{ id: number }>(
    b.call('users.add', { name: 'Carla', role: 'clerk', password: CLERK_PW }),
  );
  const manager = await ok<{ id: number }>(
    b.call('users.add', { name: 'Marco', role: 'manager', password: MANAGER_PW }),
  );
  ids = { clerk: clerk.id, manager: manager.id };
});
afterEach(() => b.close());

describe('passwords', () => {
  it('are hashed with scrypt at the OWASP cost by default, salted, and verified in constant time', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const [h1, h2] = [
      await hashPassword('una frase lunga', TEST_SCRYPT),
      await hashPassword('una frase lunga', TEST_SCRYPT),
    ];
    expect(h1).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT.N}\\$8\\$1\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`));
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain('una frase');
    expect(await verifyPassword('una frase lunga', h1)).toBe(true);
    expect(await verifyPassword('una frase lungA', h1)).toBe(false);
    expect(await verifyPassword('una frase lunga', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99$8$1$AAAA$AAAA')).toBe(false);
  });

  it('refuse fewer than 8 characters, naming the field', () => {
    expect(() => checkPasswordStrength('corta')).toThrow(/at least 8/);
    expect(() => checkPasswordStrength('abbastanza')).not.toThrow();
  });

  it('never land in clear in the audit trail or the ledger file', async () => {
    const s = heldSession(b.ctx.auth, 'browser');
    await ok(via(s, 'session.setup', { name: 'admin', password: ADMIN_PW }));
    await via(s, 'session.signIn', { name: 'Carla', password: 'sbagliata-1' });
    await ok(via(s, 'session.signIn', { name: 'Carla', password: CLERK_PW }));
    await ok(via(s, 'session.changePassword', { currentPassword: CLERK_PW, newPassword: 'nuova-chiave-1' }));
    await ok(b.call('users.setPassword', { id: ids.manager, password: 'nuova-chiave-2' }));
    const audit = JSON.stringify(await recentAudit(b.ctx.db, 1000));
    for (const pw of [ADMIN_PW, CLERK_PW, MANAGER_PW, 'sbagliata-1', 'nuova-chiave-1', 'nuova-chiave-2']) {
      expect(audit).not.toContain(pw);
    }
    expect(audit).toContain('session.signInFailed');
    b.ctx.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(b.dbPath).toString('latin1');
    for (const pw of [ADMIN_PW, CLERK_PW, 'nuova-chiave-1']) expect(bytes).not.toContain(pw);
  });
});

describe('without a session', () => {
  it('every method except the sign-in screen’s answers UNAUTHENTICATED, whatever the input says', async () => {
    const s = heldSession(b.ctx.auth, 'browser');
    const methods = Object.keys(contract) as MethodName[];
    expect(methods.filter(isPublicMethod).sort()).toEqual([...PUBLIC_METHODS].sort());
    const auditBefore = (await recentAudit(b.ctx.db, 1))[0]?.id;
    for (const method of methods.filter((m) => !isPublicMethod(m))) {
      const res = await via(s, method, { userId: 1, user: 'admin', role: 'admin' });
      expect(res.ok, method).toBe(false);
      if (!res.ok) expect(res.error.code, method).toBe('UNAUTHENTICATED');
    }
    expect((await recentAudit(b.ctx.db, 1))[0]?.id).toBe(auditBefore);
    expect(await ok(via(s, 'session.status'))).toMatchObject({ signedIn: false, user: null, firstRun: true });
  });
});

describe('first run', () => {
  it('creates the admin’s password once, then only signing in works', async () => {
    const s = heldSession(b.ctx.auth, 'electron');
    expect(await ok(via(s, 'session.status'))).toMatchObject({ firstRun: true, firstAdminName: 'admin' });
    const weak = await via(s, 'session.setup', { name: 'admin', password: 'corta' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const done = await ok(via(s, 'session.setup', { name: 'Anna', password: ADMIN_PW }));
    expect(done).toMatchObject({ signedIn: true, firstRun: false, user: { name: 'Anna', role: 'admin' } });
    expect(await getPasswordHash(b.ctx.db, 1)).toMatch(/^scrypt\$/);
    // A second "first run" (an attacker with the token) cannot take the admin over.
    const other = heldSession(b.ctx.auth, 'browser');
    const again = await via(other, 'session.setup', { name: 'Eve', password: 'prendo-tutto' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await ok(via(other, 'session.status'))).toMatchObject({ signedIn: false });
    expect((await via(other, 'users.add', { name: 'Eve', role: 'admin' })).ok).toBe(false);
  });
});

describe('sessions', () => {
  it('sign in with the right password, act with that user’s role, sign out', async () => {
    const s = heldSession(b.ctx.auth, 'browser');
    const wrong = await via(s, 'session.signIn', { name: 'Carla', password: 'non-la-so' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Wrong user name or password.' },
    });
    const unknown = await via(s, 'session.signIn', { name: 'Nessuno', password: 'non-la-so' });
    expect(unknown).toMatchObject({ ok: false, error: { message: 'Wrong user name or password.' } });
    expect(await ok(via(s, 'session.signIn', { name: 'Carla', password: CLERK_PW }))).toMatchObject({
      signedIn: true,
      user: { name: 'Carla', role: 'clerk' },
    });
    expect((await via(s, 'summary.get')).ok).toBe(true);
    // The review's attack: a clerk adds an admin. Refused, and the audit does not name anyone else.
    const forged = await via(s, 'users.add', { name: 'Eve', role: 'admin', userId: 1 });
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(via(s, 'session.signOut'));
    expect(await via(s, 'summary.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const actions = (await recentAudit(b.ctx.db, 10)).map((a) => `${a.action}:${a.userName}`);
    expect(actions).toEqual(expect.arrayContaining(['session.signIn:Carla', 'session.signOut:Carla']));
  });

  it('end after the configured inactivity; activity keeps them alive', async () => {
    const s = heldSession(b.ctx.auth, 'browser');
    await ok(via(s, 'session.signIn', { name: 'Marco', password: MANAGER_PW }));
    clock.advance(29 * 60_000);
    expect((await via(s, 'summary.get')).ok).toBe(true);
    clock.advance(29 * 60_000);
    expect((await via(s, 'summary.get')).ok).toBe(true);
    clock.advance(30 * 60_000 + 1);
    expect(await via(s, 'summary.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // The admin shortens it; a manager may not.
    const refused = await b.call('settings.set', { values: { 'auth.idleMinutes': 1 } }, ids.manager);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(b.call('settings.set', { values: { 'auth.idleMinutes': 5 } }));
    await ok(via(s, 'session.signIn', { name: 'Marco', password: MANAGER_PW }));
    clock.advance(5 * 60_000 + 1);
    expect(await via(s, 'summary.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('slow down wrong passwords per user and transport, doubling the wait', async () => {
    const s = heldSession(b.ctx.auth, 'browser');
    const attempt = (password: string, session = s, name = 'Carla') =>
      via(session, 'session.signIn', { name, password });
    for (let i = 0; i < 3; i++) {
      expect(await attempt('tentativo-x')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await attempt('tentativo-x')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Now even the right password waits (without being checked): 1 s.
    const waiting = await attempt(CLERK_PW);
    expect(waiting).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } },
    });
    // Another user, and the same user on another transport, are not held up.
    expect((await attempt(MANAGER_PW, heldSession(b.ctx.auth, 'browser'), 'Marco')).ok).toBe(true);
    expect((await attempt(CLERK_PW, heldSession(b.ctx.auth, 'electron'))).ok).toBe(true);
    clock.advance(1000);
    expect(await attempt('tentativo-y')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await attempt(CLERK_PW)).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 2 } },
    });
    clock.advance(2000);
    expect((await attempt(CLERK_PW)).ok).toBe(true);
    // Success clears the count.
    expect(await attempt('tentativo-z')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await attempt(CLERK_PW)).ok).toBe(true);
  });

  it('a password change needs the current one and ends the user’s other sessions', async () => {
    const phone = heldSession(b.ctx.auth, 'browser');
    const desk = heldSession(b.ctx.auth, 'electron');
    await ok(via(phone, 'session.signIn', { name: 'Carla', password: CLERK_PW }));
    await ok(via(desk, 'session.signIn', { name: 'Carla', password: CLERK_PW }));
    const bad = await via(desk, 'session.changePassword', {
      currentPassword: 'non-la-so',
      newPassword: 'nuova-chiave',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await ok(via(desk, 'session.changePassword', { currentPassword: CLERK_PW, newPassword: 'nuova-chiave' }));
    expect((await via(desk, 'summary.get')).ok).toBe(true);
    expect(await via(phone, 'summary.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // The admin resets it: every session of that user ends.
    await ok(b.call('users.setPassword', { id: ids.clerk, password: 'reimpostata-1' }));
    expect(await via(desk, 'summary.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await via(desk, 'session.signIn', { name: 'Carla', password: 'reimpostata-1' })).ok).toBe(true);
  });
});

describe('the command line', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  };
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const o = io();
    const code = await runCli([...args, '--db', b.dbPath, '--today', '2026-11-23', '--json'], o.io, env);
    return { code, json: o.out.length ? JSON.parse(o.out.join('\n')) : null, stderr: o.err.join('\n') };
  };

  it('acts as the OS account’s mapped user, which a new ledger’s admin is', async () => {
    const account = currentOsAccount();
    expect(account).toBeTruthy();
    expect(await getOsAccount(b.ctx.db, 1)).toBe(account);
    expect((await resolveCliUser(b.ctx, {})).name).toBe('admin');
    const r = await cli(['users']);
    expect(r.code).toBe(0);
    // Another OS account has no user: it must name one, with its password.
    await expect(resolveCliUser(b.ctx, { osAccount: 'qualcun-altro' })).rejects.toThrow(/pass --user NAME/);
  });

  it('acts as --user NAME only with that user’s password; never prompts without a terminal', async () => {
    const none = await cli(['summary', '--user', 'Carla']);
    expect(none.code).toBe(2);
    expect(none.json.error).toMatch(/INCASSO_PASSWORD/);
    const wrong = await cli(['summary', '--user', 'Carla'], { INCASSO_PASSWORD: 'non-la-so' });
    expect(wrong.code).toBe(2);
    expect(wrong.json.error).toBe('Wrong user name or password.');
    const right = await cli(['summary', '--user', 'Carla'], { INCASSO_PASSWORD: CLERK_PW });
    expect(right.code).toBe(0);
    const prompted = io();
    const asked: string[] = [];
    const code = await runCli(
      ['summary', '--user', 'Carla', '--db', b.dbPath, '--json'],
      {
        ...prompted.io,
        askPassword: async (q) => {
          asked.push(q);
          return CLERK_PW;
        },
      },
      {},
    );
    expect(code).toBe(0);
    expect(asked).toEqual(['Password for Carla: ']);
    // The role is the named user's: the review's forged clerk-as-admin is refused with exit 2.
    const add = await cli(['users', 'add', 'Eve', '--role', 'admin', '--user', 'Carla'], {
      INCASSO_PASSWORD: CLERK_PW,
    });
    expect(add.code).toBe(2);
    expect(add.json.error).toMatch(/not allowed for the role clerk/);
  });

  it('restore, backup --out, verify and audit --csv check the role like every other command', async () => {
    const backups = path.join(b.dir, 'copie');
    const made = await cli(['backup', '--out', backups]);
    expect(made.code).toBe(0);
    const clerk = { INCASSO_PASSWORD: CLERK_PW };
    const before = (await recentAudit(b.ctx.db, 1))[0]?.id;
    for (const args of [
      ['restore', made.json.folder],
      ['backup', '--out', path.join(b.dir, 'altre')],
      ['verify', made.json.folder],
      ['verify'],
      ['audit', '--csv'],
    ]) {
      const r = await cli([...args, '--user', 'Carla'], clerk);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.json.error, args.join(' ')).toMatch(/not allowed for the role clerk/);
    }
    expect(fs.existsSync(path.join(b.dir, 'altre'))).toBe(false);
    expect((await recentAudit(b.ctx.db, 1))[0]?.id).toBe(before);
    // The manager may back up and verify, not restore; the audit names who backed up.
    const manager = { INCASSO_PASSWORD: MANAGER_PW };
    expect((await cli(['verify', made.json.folder, '--user', 'Marco'], manager)).code).toBe(0);
    const csv = path.join(b.dir, 'audit.csv');
    expect((await cli(['audit', '--csv', '--out', csv, '--user', 'Marco'], manager)).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain('backups.create');
    expect((await cli(['restore', made.json.folder, '--user', 'Marco'], manager)).code).toBe(2);
    expect((await cli(['backup', '--out', path.join(b.dir, 'sue'), '--user', 'Marco'], manager)).code).toBe(
      0,
    );
    expect((await recentAudit(b.ctx.db, 1))[0]).toMatchObject({
      action: 'backups.create',
      userName: 'Marco (CLI)',
    });
  });

  it('users passwd and map manage passwords and OS accounts (admin only)', async () => {
    const set = await cli(['users', 'passwd', 'Carla'], { INCASSO_NEW_PASSWORD: 'dalla-riga-1' });
    expect(set).toMatchObject({ code: 0, json: { id: ids.clerk, hasPassword: true } });
    expect((await cli(['summary', '--user', 'Carla'], { INCASSO_PASSWORD: 'dalla-riga-1' })).code).toBe(0);
    expect((await cli(['users', 'passwd', 'Carla'])).code).toBe(2); // no terminal, no variable
    expect((await cli(['users', 'map', 'Marco', 'marco-os'])).json).toEqual({
      id: ids.manager,
      osAccount: 'marco-os',
    });
    expect((await resolveCliUser(b.ctx, { osAccount: 'marco-os' })).name).toBe('Marco');
    const taken = await cli(['users', 'map', 'Carla', 'marco-os']);
    expect(taken.code).toBe(1);
    expect((await cli(['users', 'unmap', 'Marco'])).json).toEqual({ id: ids.manager, osAccount: null });
  });
});

describe('settings by role, audited field by field', () => {
  it('a manager cannot move backups or shrink their retention; the admin can, and the audit shows it', async () => {
    const folder = path.join(b.dir, 'altrove');
    fs.mkdirSync(folder);
    const before = (await recentAudit(b.ctx.db, 1))[0]?.id;
    for (const values of [
      { 'backups.folder': folder },
      { 'backups.keepDaily': 1, 'backups.keepWeekly': 0, 'backups.keepMonthly': 0 },
      { 'company.name': 'Nuova S.r.l.', 'backups.keepDaily': 1 },
    ]) {
      const r = await b.call('settings.set', { values }, ids.manager);
      expect(r, JSON.stringify(values)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await recentAudit(b.ctx.db, 1))[0]?.id).toBe(before);
    expect((await ok<{ company: { name: string } }>(b.call('settings.get'))).company.name).not.toBe(
      'Nuova S.r.l.',
    );
    // The manager keeps the letterhead.
    await ok(
      b.call(
        'settings.set',
        { values: { 'company.name': 'Nuova S.r.l.', 'letters.termDays': 15 } },
        ids.manager,
      ),
    );
    const row = (await recentAudit(b.ctx.db, 1))[0];
    expect(row).toMatchObject({ action: 'settings.set', userName: 'Marco', entityId: 'company.name' });
    expect(JSON.parse(row?.before ?? '{}')).toEqual({ 'company.name': 'La mia azienda S.r.l.' });
    expect(JSON.parse(row?.after ?? '{}')).toEqual({ 'company.name': 'Nuova S.r.l.' });
    await ok(b.call('settings.set', { values: { 'backups.folder': folder, 'backups.keepDaily': 3 } }));
    const admin = (await recentAudit(b.ctx.db, 1))[0];
    expect(JSON.parse(admin?.before ?? '{}')).toEqual({ 'backups.folder': '', 'backups.keepDaily': 7 });
    expect(JSON.parse(admin?.after ?? '{}')).toEqual({ 'backups.folder': folder, 'backups.keepDaily': 3 });
  });
});

describe('mail secrets', () => {
  const configure = (values: Record<string, string | number | boolean>, userId = 1) =>
    b.call('settings.set', { values }, userId);

  it('pointing an account at another host, port or user discards its stored password', async () => {
    await ok(configure({ 'smtp.host': 'smtp.fornitore.it', 'smtp.port': 587, 'smtp.user': 'crediti' }));
    for (const [key, value] of [
      ['smtp.host', 'ascolto.mio.example'],
      ['smtp.port', 2525],
      ['smtp.user', 'altro'],
    ] as const) {
      await ok(b.call('settings.setPassword', { account: 'smtp', password: 'posta-segreta' }));
      expect(await hasSecret(b.ctx.db, 'smtp.password')).toBe(true);
      await ok(configure({ [key]: value }, ids.manager));
      expect(await hasSecret(b.ctx.db, 'smtp.password'), key).toBe(false);
      const row = (await recentAudit(b.ctx.db, 1))[0];
      expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ [key]: value, 'smtp.password': 'discarded' });
    }
    // The sender address, or a value set again unchanged, keeps it; PEC is its own account.
    await ok(b.call('settings.setPassword', { account: 'smtp', password: 'posta-segreta' }));
    await ok(
      configure(
        { 'smtp.from': 'crediti@fornitore.it', 'smtp.user': 'altro', 'pec.host': 'pec.example.it' },
        ids.manager,
      ),
    );
    expect(await hasSecret(b.ctx.db, 'smtp.password')).toBe(true);
  });

  it('knows a loopback test server by its name', () => {
    expect(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['192.0.2.2', 'smtp.example.com', '127.0.0.1.nip.io', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });

  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(!lan)(
    'a server without STARTTLS never receives the password (the review’s listener)',
    async () => {
      const auths: string[] = [];
      const server = new SMTPServer({
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        onAuth: (auth, _session, cb) => {
          auths.push(`${auth.username}:${auth.password}`);
          cb(null, { user: auth.username });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
      const port = (server.server.address() as { port: number }).port;
      const pointAt = async (host: string) => {
        const values = { 'smtp.host': host, 'smtp.port': port, 'smtp.secure': false, 'smtp.user': 'crediti' };
        await ok(configure({ ...values, 'smtp.from': 'a@b.it' }));
        await ok(b.call('settings.setPassword', { account: 'smtp', password: 'posta-segreta' }));
        return ok<{ ok: boolean; message: string }>(b.call('mail.verify', { account: 'smtp' }, ids.manager));
      };
      try {
        const res = await pointAt(lan as string);
        expect(res.ok).toBe(false);
        expect(auths).toEqual([]);
        // The same server named as a loopback test server gets it: the refusal above was the TLS rule.
        expect((await pointAt('127.0.0.1')).ok).toBe(true);
        expect(auths).toEqual(['crediti:posta-segreta']);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  );
});

describe('the command line’s wrong passwords', () => {
  it('cost a second each, since every CLI run starts its count again', async () => {
    const t0 = performance.now();
    await expect(resolveCliUser(b.ctx, { name: 'Carla', password: 'non-la-so' })).rejects.toThrow(
      /Wrong user/,
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });
});
