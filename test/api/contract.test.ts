/** The contract and the dispatcher end to end, on a real temporary ledger. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { listUsers } from '../../db/queries/users.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { handlers } from '../../electron/backend/handlers/index.ts';
import { contract } from '../../shared/api/contract.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

describe('contract <-> handlers', () => {
  it('every contract method has a handler and every handler a method', () => {
    const methods = Object.keys(contract).sort();
    const implemented = Object.keys(handlers).sort();
    expect(
      methods.filter((m) => !implemented.includes(m)),
      'methods without a handler',
    ).toEqual([]);
    expect(
      implemented.filter((h) => !methods.includes(h)),
      'handlers without a method',
    ).toEqual([]);
    for (const m of implemented) expect(typeof (handlers as Record<string, unknown>)[m]).toBe('function');
  });

  it('names methods area.verb and gives each at least one role', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/);
      expect(def.roles.length, name).toBeGreaterThan(0);
    }
  });
});

describe('dispatch', () => {
  let b: TestBackend;
  beforeEach(async () => {
    b = await testBackend();
  });
  afterEach(() => b.close());

  const auditCount = async () => (await recentAudit(b.ctx.db, 1_000_000)).length;
  const addUser = async (name: string, role: string) => {
    const res = await b.call('users.add', { name, role });
    if (!res.ok) throw new Error(res.error.message);
    return (res.data as { id: number }).id;
  };

  it('returns the ok envelope', async () => {
    const res = await b.call('system.info');
    expect(res).toMatchObject({ ok: true, data: { mode: 'cli', today: '2026-11-23' } });
  });

  it('refuses invalid input with VALIDATION naming the field', async () => {
    const res = await b.call('users.add', { name: 'Bruno', role: 'boss' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.details?.issues?.[0]?.path).toBe('role');
    expect(res.error.message).toContain('role');

    const missing = await b.call('users.add', { role: 'clerk' });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'name' }] } },
    });

    const extra = await b.call('users.list', { unexpected: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await listUsers(b.ctx.db)).toHaveLength(1);
  });

  it('refuses an unknown method', async () => {
    expect(await b.call('ledger.dropEverything', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await b.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await b.call('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses a call without a (known) user', async () => {
    expect(await dispatch(b.ctx, { method: 'system.info', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await b.call('system.info', {}, 999)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const before = await auditCount();
    expect(
      await dispatch(b.ctx, { method: 'users.add', input: { name: 'Eve', role: 'admin' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await auditCount()).toBe(before);
    expect((await listUsers(b.ctx.db)).map((u) => u.name)).toEqual(['admin']);
  });

  it('refuses methods above the caller role (FORBIDDEN) and writes nothing', async () => {
    const clerk = await addUser('Carla', 'clerk');
    const before = await auditCount();
    const settingsBefore = await b.call('settings.get', {}, clerk);

    expect(await b.call('users.add', { name: 'Mallory', role: 'admin' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await b.call('settings.set', { values: { 'company.name': 'Hacked S.p.A.' } }, clerk),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await listUsers(b.ctx.db)).map((u) => u.name)).toEqual(['admin', 'Carla']);
    expect(await b.call('settings.get', {}, clerk)).toEqual(settingsBefore);
    expect(await auditCount()).toBe(before);
    // What a clerk may do still works.
    expect(await b.call('users.list', {}, clerk)).toMatchObject({ ok: true });
  });

  it('lets a manager change settings but not add users', async () => {
    const manager = await addUser('Marco', 'manager');
    expect(await b.call('settings.set', { values: { language: 'en' } }, manager)).toMatchObject({
      ok: true,
      data: { language: 'en' },
    });
    expect(await b.call('users.add', { name: 'X', role: 'clerk' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('writes exactly one audit row per mutation, none for reads', async () => {
    const before = await auditCount();
    await b.call('users.list');
    await b.call('settings.get');
    expect(await auditCount()).toBe(before);

    const res = await b.call('users.add', { name: 'Giulia', role: 'accountant', areas: ['Nord'] });
    expect(res.ok).toBe(true);
    expect(await auditCount()).toBe(before + 1);
    const [row] = await recentAudit(b.ctx.db, 1);
    expect(row).toMatchObject({ userId: 1, userName: 'admin', action: 'users.add', entity: 'user' });
    expect(JSON.parse(row?.after ?? 'null')).toMatchObject({ name: 'Giulia', role: 'accountant' });

    await b.call('settings.set', { values: { 'company.name': 'Rossi Forniture S.r.l.' } });
    expect(await auditCount()).toBe(before + 2);
    const [settingsRow] = await recentAudit(b.ctx.db, 1);
    expect(JSON.parse(settingsRow?.before ?? 'null')).toMatchObject({
      'company.name': 'La mia azienda S.r.l.',
    });
    expect(JSON.parse(settingsRow?.after ?? 'null')).toMatchObject({
      'company.name': 'Rossi Forniture S.r.l.',
    });
  });

  it('a failing mutation writes no audit row and no change', async () => {
    const before = await auditCount();
    const users = (await listUsers(b.ctx.db)).length;
    expect(await b.call('users.add', { name: 'admin', role: 'clerk' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await auditCount()).toBe(before);
    expect(await listUsers(b.ctx.db)).toHaveLength(users);
  });

  it('the change and its audit row share one transaction', async () => {
    // If the audit row cannot be written, the change must not stay either.
    b.ctx.db.$client.exec(
      "CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END",
    );
    const log = vi.spyOn(console, 'error').mockImplementation(() => {}); // the dispatcher logs internals
    const res = await b.call('users.add', { name: 'Orfeo', role: 'clerk' });
    log.mockRestore();
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((await listUsers(b.ctx.db)).map((u) => u.name)).not.toContain('Orfeo');
    b.ctx.db.$client.exec('DROP TRIGGER audit_fails');
    expect(await b.call('users.add', { name: 'Orfeo', role: 'clerk' })).toMatchObject({ ok: true });
  });

  it('the audit log refuses UPDATE and DELETE', async () => {
    await b.call('users.add', { name: 'Paola', role: 'clerk' });
    const rows = await recentAudit(b.ctx.db, 1000);
    expect(rows.length).toBeGreaterThan(0);
    const client = b.ctx.db.$client;
    expect(() => client.prepare("UPDATE audit_log SET action = 'nothing happened'").run()).toThrow(
      /append-only/,
    );
    expect(() => client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => client.prepare('DELETE FROM audit_log WHERE id = ?').run(rows[0]?.id)).toThrow(
      /append-only/,
    );
    expect(await recentAudit(b.ctx.db, 1000)).toEqual(rows);
  });
});
