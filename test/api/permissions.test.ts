/**
 * Every contract method, generated from the contract (a method added tomorrow is covered too):
 *   - called by each role, the dispatcher refuses exactly the roles the contract does not list
 *     (FORBIDDEN, nothing run), and the roles themselves follow the house rules below;
 *   - called with a wrong-typed value in any field, or without a required field, it refuses with
 *     VALIDATION naming the field, before any handler runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { isPublicMethod } from '../../shared/api/contracts/auth.ts';
import { isAdminOnlySetting, SETTING_KEY_NAMES } from '../../shared/api/contracts/settings-keys.ts';
import { ROLES, type Role, roleAllows } from '../../shared/api/roles.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { badInputs, requiredFields } from '../helpers/probes.ts';

const methods = Object.keys(contract) as MethodName[];
/**
 * Mutations any signed-in user may call: filing a document (anyone who receives one does), one's
 * own password, and the first-run admin password (public: the ledger has no admin password yet).
 */
const OPEN_MUTATIONS: ReadonlySet<string> = new Set([
  'attachments.add',
  'session.changePassword',
  'session.setup',
]);

let b: TestBackend;
const ids: Record<Role, number> = { admin: 1, clerk: 0, accountant: 0, manager: 0 };

beforeAll(async () => {
  b = await testBackend();
  for (const role of ['clerk', 'accountant', 'manager'] as const) {
    const res = await b.call('users.add', { name: `test-${role}`, role });
    if (!res.ok) throw new Error(res.error.message);
    ids[role] = (res.data as { id: number }).id;
  }
});
afterAll(() => b.close());

describe('roles, as the contract says', () => {
  it.each(methods)('%s: refused for the roles not listed, allowed for the others', async (method) => {
    const def = contract[method];
    const probe = badInputs(def.input)[0];
    expect(probe, 'a probe input').toBeDefined();
    const auditBefore = (await recentAudit(b.ctx.db, 1))[0]?.id;
    for (const role of ROLES) {
      const res = await b.call(method, probe?.input, ids[role]);
      expect(res.ok, `${method} as ${role}`).toBe(false);
      if (res.ok) continue;
      if (roleAllows(def.roles, role)) {
        // Allowed: the (deliberately wrong) input is what stops it.
        expect(res.error.code, `${method} as ${role}: ${res.error.message}`).toBe('VALIDATION');
      } else {
        expect(res.error.code, `${method} as ${role}`).toBe('FORBIDDEN');
        expect(res.error.message).toContain(role);
      }
    }
    // Nothing ran: no audit row.
    expect((await recentAudit(b.ctx.db, 1))[0]?.id).toBe(auditBefore);
  });

  it('follows the house rules for sensitive areas', () => {
    const problems: string[] = [];
    const allowedTo = (m: MethodName) => ROLES.filter((r) => roleAllows(contract[m].roles, r));
    const only = (m: MethodName, roles: Role[]) => {
      const extra = allowedTo(m).filter((r) => !roles.includes(r));
      if (extra.length) problems.push(`${m} must not be allowed to ${extra.join(', ')}`);
    };
    for (const m of methods) {
      const def = contract[m];
      if (def.roles.length === 0) problems.push(`${m} lists no role`);
      for (const r of def.roles) if (!ROLES.includes(r)) problems.push(`${m}: unknown role ${r}`);
      // No method that changes the ledger is open to everyone (someone chose who may), except
      // filing a document, which anyone who receives one does.
      if (
        def.mutation &&
        !OPEN_MUTATIONS.has(m) &&
        ['clerk', 'accountant', 'manager'].every((r) => def.roles.includes(r as Role))
      )
        problems.push(`${m} is a mutation open to every role`);
      if (m.startsWith('users.') && def.mutation) only(m, ['admin']);
      if (m.startsWith('settings.') && def.mutation) only(m, ['manager', 'admin']);
      if (m.startsWith('backups.')) only(m, ['manager', 'admin']);
      if (m.startsWith('gdpr.')) only(m, ['manager', 'admin']);
      if (m.startsWith('audit.')) only(m, ['manager', 'accountant', 'admin']);
      if (m.startsWith('policies.') && def.mutation) only(m, ['manager', 'admin']);
    }
    only('backups.restore', ['admin']);
    only('backups.configure', ['admin']);
    only('users.setPassword', ['admin']);
    only('users.mapOsAccount', ['admin']);
    // The sign-in screen's methods are the only public ones and change nothing but the session.
    for (const m of methods.filter(isPublicMethod)) {
      if (!m.startsWith('session.')) problems.push(`${m} is public outside session.*`);
    }
    // Where backups go, how many are kept and how long sessions last: the admin's settings.
    for (const key of [
      'backups.folder',
      'backups.keepDaily',
      'backups.keepWeekly',
      'backups.keepMonthly',
      'auth.idleMinutes',
    ] as const) {
      if (!isAdminOnlySetting(key)) problems.push(`setting ${key} must be admin-only`);
    }
    expect(SETTING_KEY_NAMES.filter(isAdminOnlySetting).every((k) => /^(backups|auth)\./.test(k))).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe('bad input', () => {
  it.each(methods)('%s: a wrong type in any field is refused, naming the field', async (method) => {
    for (const { field, input } of badInputs(contract[method].input)) {
      const res = await b.call(method, input, 1);
      expect(res.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (res.ok) continue;
      expect(res.error.code, `${method} ${field}: ${res.error.message}`).toBe('VALIDATION');
      const paths = (res.error.details?.issues ?? []).map((i) => i.path ?? '');
      expect(
        paths.some(
          (p) => p === field || p.startsWith(`${field}.`) || (field === 'unexpected' && p === '(input)'),
        ),
        `${method}: ${field} not named in ${JSON.stringify(paths)}`,
      ).toBe(true);
      expect(res.error.message).toContain(field === 'unexpected' ? 'unexpected' : field);
    }
  });

  it.each(methods.filter((m) => requiredFields(contract[m].input).length > 0))(
    '%s: each missing required field is named',
    async (method) => {
      const res = await b.call(method, {}, 1);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('VALIDATION');
      const paths = (res.error.details?.issues ?? []).map((i) => i.path);
      for (const f of requiredFields(contract[method].input)) expect(paths, method).toContain(f);
    },
  );

  it('a non-object input is refused by every method', async () => {
    for (const method of methods) {
      for (const input of ['text', 42, [1, 2], true]) {
        const res = await b.call(method, input, 1);
        expect(res, `${method} ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION' },
        });
      }
    }
  });
});
