/** One contract method: zod input/output, the roles allowed, and whether it changes the ledger. */
import type { z } from 'zod';
import type { Role } from './roles.ts';

export interface MethodDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  roles: readonly Role[];
  /** Changes the ledger: the dispatcher runs it in one transaction with its audit row. */
  mutation: boolean;
  /** A long job that manages its own transaction and audit (runs in a worker, reports progress). */
  job?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
