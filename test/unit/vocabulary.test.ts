/**
 * One vocabulary (shared/domain/vocabulary.ts): the contract, the schema's enum columns, the
 * services' tables and the renderer's labels all speak the same lists. Each test fails when a
 * layer keeps a copy of its own that diverges — a task type added to the schema but not to the
 * contract, a status the Italian or English UI has no word for.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as schema from '../../db/schema.ts';
import en from '../../renderer/src/i18n/en.json';
import it_ from '../../renderer/src/i18n/it.json';
import { OUTCOMES, TASK_TYPES as WORKLIST_TASK_TYPES } from '../../renderer/src/pages/worklist/taskTypes.ts';
import { contract } from '../../shared/api/contract.ts';
import { ROLES } from '../../shared/api/roles.ts';
import { CHANNELS } from '../../shared/domain/dunning/policy.ts';
import {
  CASE_OUTCOMES,
  CASE_STATUSES,
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  DISPUTE_STATUSES,
  DOCUMENT_TYPES,
  INSTALMENT_STATUSES,
  ITEM_STATUSES,
  LANGUAGES,
  LETTER_CHANNELS,
  LETTER_STATUSES,
  LOGGED_CONTACT_CHANNELS,
  OUTCOMES_BY_TASK_TYPE,
  PAUSE_REASONS,
  PLAN_STATUSES,
  PROMISE_STATUSES,
  STEP_CHANNELS,
  TASK_OUTCOMES,
  TASK_STATUSES,
  TASK_TYPES,
  USER_ROLES,
} from '../../shared/domain/vocabulary.ts';

type Tree = { [key: string]: string | Tree };

/** Every z.enum reachable from a schema, with the path it sits at. */
function enumsIn(
  schema: unknown,
  path: string,
  out: { path: string; options: string[] }[],
  seen = new Set(),
) {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const zod = (schema as { _zod?: { def?: Record<string, unknown> } })._zod;
  if (!zod?.def) return;
  const def = zod.def;
  if (def.type === 'enum') {
    out.push({ path, options: [...(schema as z.ZodEnum).options].map(String) });
    return;
  }
  for (const [key, value] of Object.entries(def)) {
    if (key === 'type' || key === 'checks') continue;
    const children = Array.isArray(value)
      ? value
      : value && typeof value === 'object' && !('_zod' in value)
        ? Object.entries(value)
        : [[key, value]];
    for (const child of children) {
      const [name, node] = Array.isArray(child) ? child : [key, child];
      enumsIn(node, `${path}.${String(name)}`, out, seen);
    }
  }
}

const contractEnums = (() => {
  const out: { path: string; options: string[] }[] = [];
  for (const [name, m] of Object.entries(contract)) {
    enumsIn(m.input, `${name} input`, out);
    enumsIn(m.output, `${name} output`, out);
  }
  return out;
})();

function labels(tree: Tree, prefix: string): Record<string, unknown> {
  let node: unknown = tree;
  for (const part of prefix.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node ?? {}) as Record<string, unknown>;
}

describe('the vocabulary', () => {
  it('every enum of the contract that lists task types, languages or roles lists all of them', () => {
    // A list is "of task types" if it holds a value only task types have; subsets that are
    // meant (a step's channels, the channels a contact is logged by) come from the vocabulary too.
    const families = [
      { name: 'task types', marker: 'blockOrders', full: TASK_TYPES },
      { name: 'languages', marker: 'en', full: LANGUAGES },
      { name: 'user roles', marker: 'accountant', full: USER_ROLES },
      { name: 'task statuses', marker: 'on_hold', full: TASK_STATUSES },
      { name: 'case statuses', marker: 'paused', full: CASE_STATUSES },
    ];
    let checked = 0;
    for (const e of contractEnums) {
      for (const f of families) {
        if (!e.options.includes(f.marker)) continue;
        checked++;
        expect(e.options, `${e.path}: ${f.name}`).toEqual([...f.full]);
      }
    }
    // The contract does name these lists (tasks, users, languages): the walk found them.
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('the contract takes its lists from the vocabulary', () => {
    const options = (s: unknown) => [...(s as z.ZodEnum).options];
    const shape = (m: { input: unknown }) => (m.input as z.ZodObject).shape;
    expect(options(shape(contract['tasks.complete']).outcome)).toEqual([...TASK_OUTCOMES]);
    expect(options(shape(contract['contacts.add']).channel)).toEqual([...LOGGED_CONTACT_CHANNELS]);
    const profile = (contract['customers.get'].output as z.ZodObject).shape;
    const element = (s: unknown) => (s as z.ZodArray<z.ZodObject>).element.shape;
    expect(options(element(profile.promises).status)).toEqual([...PROMISE_STATUSES]);
    expect(options(element(profile.plans).status)).toEqual([...PLAN_STATUSES]);
    expect(options(element(element(profile.plans).installments).status)).toEqual([...INSTALMENT_STATUSES]);
    expect(options(element(profile.disputes).status)).toEqual([...DISPUTE_STATUSES]);
    expect(options(element(profile.items).documentType)).toEqual([...DOCUMENT_TYPES]);
    expect(ROLES).toEqual(USER_ROLES);
    expect(CHANNELS).toEqual(STEP_CHANNELS);
  });

  it("the schema's enum columns are the vocabulary's lists", () => {
    const columns: [{ enumValues?: readonly string[] }, readonly string[]][] = [
      [schema.users.role, USER_ROLES],
      [schema.customers.language, LANGUAGES],
      [schema.salespeople.language, LANGUAGES],
      [schema.letterTemplates.language, LANGUAGES],
      [schema.letters.language, LANGUAGES],
      [schema.openItems.documentType, DOCUMENT_TYPES],
      [schema.openItems.status, ITEM_STATUSES],
      [schema.cases.status, CASE_STATUSES],
      [schema.cases.outcome, CASE_OUTCOMES],
      [schema.cases.pausedReason, PAUSE_REASONS],
      [schema.tasks.type, TASK_TYPES],
      [schema.tasks.status, TASK_STATUSES],
      [schema.promises.status, PROMISE_STATUSES],
      [schema.plans.status, PLAN_STATUSES],
      [schema.planInstallments.status, INSTALMENT_STATUSES],
      [schema.disputes.status, DISPUTE_STATUSES],
      [schema.contacts.channel, CONTACT_CHANNELS],
      [schema.contacts.direction, CONTACT_DIRECTIONS],
      [schema.letters.channel, LETTER_CHANNELS],
      [schema.letters.status, LETTER_STATUSES],
    ];
    for (const [column, list] of columns) expect(column.enumValues).toEqual([...list]);
  });

  it('the worklist offers every task type, each with the outcomes the backend accepts', () => {
    expect(WORKLIST_TASK_TYPES).toEqual(TASK_TYPES);
    expect(OUTCOMES).toBe(OUTCOMES_BY_TASK_TYPE);
    for (const type of TASK_TYPES) expect(OUTCOMES_BY_TASK_TYPE[type].length).toBeGreaterThan(0);
  });

  for (const [language, tree] of [
    ['Italian', it_],
    ['English', en],
  ] as const) {
    it(`the ${language} UI has a word for every task type, status, channel and role`, () => {
      const wants: [string, readonly string[]][] = [
        ['tasks.types', TASK_TYPES],
        ['tasks.typesShort', TASK_TYPES],
        ['tasks.outcomes', TASK_OUTCOMES],
        ['customer.case.status', CASE_STATUSES],
        ['customer.status.promise', PROMISE_STATUSES],
        ['customer.status.plan', PLAN_STATUSES],
        ['customer.status.installment', INSTALMENT_STATUSES],
        ['customer.status.dispute', DISPUTE_STATUSES],
        ['customer.channels', CONTACT_CHANNELS],
        ['reports.activity.channels', CONTACT_CHANNELS],
        ['letters.channel', LETTER_CHANNELS],
        ['policies.channels', STEP_CHANNELS],
        ['roles', USER_ROLES],
        ['worklist.promiseStatus', PROMISE_STATUSES],
      ];
      const missing: string[] = [];
      for (const [prefix, list] of wants) {
        const words = labels(tree as Tree, prefix);
        for (const value of list) if (typeof words[value] !== 'string') missing.push(`${prefix}.${value}`);
      }
      expect(missing).toEqual([]);
    });
  }
});
