/**
 * Every contract method, generated from the contract (a method added tomorrow is covered too):
 *   - called by each role, the dispatcher refuses exactly the roles the contract does not list
 *     (FORBIDDEN, nothing run), and the roles themselves follow the house rules below;
 *   - called with a wrong-typed value in any field, or without a required field, it refuses with
 *     VALIDATION naming the field, before any handler runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recentAudit } from '../../db/queries/audit.ts';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { ROLES, type Role, roleAllows } from '../../shared/api/roles.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

const SKIP = Symbol('skip');

/** A value of the wrong type for a schema (JSON-serialisable, as a transport would send it). */
function wrongValue(schema: z.ZodType): unknown {
  const def = schema.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return def.innerType ? wrongValue(def.innerType) : SKIP;
    case 'pipe':
      return def.in ? wrongValue(def.in) : SKIP;
    case 'string':
    case 'enum':
    case 'literal':
    case 'template_literal':
      return 12345;
    case 'number':
    case 'int':
    case 'bigint':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
    case 'tuple':
    case 'set':
      return 'not a list';
    case 'object':
    case 'record':
    case 'map':
      return 'not an object';
    case 'union':
    case 'discriminated_union':
      return [[['not any of the options']]];
    case 'any':
    case 'unknown':
      return SKIP;
    default:
      return [[['unexpected']]];
  }
}

function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = schema.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (def.type === 'pipe' && def.in) return fieldsOf(def.in);
  return null;
}

/** One input per field with that field of the wrong type (the others absent). */
function badInputs(schema: z.ZodType): { field: string; input: unknown }[] {
  const fields = fieldsOf(schema);
  if (!fields) return [{ field: '(input)', input: 'not an object' }];
  const out: { field: string; input: unknown }[] = [];
  for (const [field, s] of Object.entries(fields)) {
    const v = wrongValue(s);
    if (v !== SKIP) out.push({ field, input: { [field]: v } });
  }
  // An empty strict object: any field at all is wrong.
  if (Object.keys(fields).length === 0) out.push({ field: 'unexpected', input: { unexpected: 1 } });
  return out;
}

function requiredFields(schema: z.ZodType): string[] {
  const fields = fieldsOf(schema);
  if (!fields) return [];
  return Object.entries(fields)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);
}

const methods = Object.keys(contract) as MethodName[];
const OPEN_MUTATIONS: ReadonlySet<string> = new Set(['attachments.add']);

let b: TestBackend;
const ids: Record<Role, number> = { admin: 1, clerk: 0, accountant: 0, manager: 0 };

beforeAll(async () => {
  b = testBackend();
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
    const auditBefore = recentAudit(b.ctx.db, 1)[0]?.id;
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
    expect(recentAudit(b.ctx.db, 1)[0]?.id).toBe(auditBefore);
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
      if (m.startsWith('audit.') && m !== 'audit.customer') only(m, ['manager', 'accountant', 'admin']);
      if (m.startsWith('policies.') && def.mutation) only(m, ['manager', 'admin']);
    }
    only('backups.restore', ['admin']);
    only('backups.configure', ['admin']);
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
