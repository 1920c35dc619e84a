/**
 * Probe inputs generated from the contract's zod schemas: a value of the wrong type per field, the
 * required fields. A probe never runs a handler (validation stops it), so a call with one shows
 * only whether the caller got past the role check.
 */
import { z } from 'zod';

const SKIP = Symbol('skip');

/** A value of the wrong type for a schema (JSON-serialisable, as a transport would send it). */
export function wrongValue(schema: z.ZodType): unknown {
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

export function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = schema.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (def.type === 'pipe' && def.in) return fieldsOf(def.in);
  return null;
}

/** One input per field with that field of the wrong type (the others absent). */
export function badInputs(schema: z.ZodType): { field: string; input: unknown }[] {
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

export function requiredFields(schema: z.ZodType): string[] {
  const fields = fieldsOf(schema);
  if (!fields) return [];
  return Object.entries(fields)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);
}
