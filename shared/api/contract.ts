/**
 * The one contract between the renderer and the backend. Every method the UI (or the CLI)
 * can call is listed here with its zod input/output schema, the roles allowed to call it,
 * and whether it changes the ledger (mutations are audited by the dispatcher).
 * Types for the client and the handlers are derived from this object.
 */
import { z } from 'zod';
import { USER_ROLES } from '../domain/vocabulary.ts';
import { authContract } from './contracts/auth.ts';
import { bankContract } from './contracts/bank.ts';
import { customersContract } from './contracts/customers.ts';
import { dunningContract } from './contracts/dunning.ts';
import { importKindsContract } from './contracts/import-kinds.ts';
import { importsContract } from './contracts/imports.ts';
import { legalContract } from './contracts/legal.ts';
import { lettersContract } from './contracts/letters.ts';
import { notifyContract } from './contracts/notify.ts';
import { ratingContract } from './contracts/rating.ts';
import { reportsContract } from './contracts/reports.ts';
import { safetyContract } from './contracts/safety.ts';
import { settingsContract } from './contracts/settings.ts';
import { agingSchema, cents, isoDate } from './fields.ts';

export {
  caseSchema,
  priorityFactorSchema,
  progressRowSchema,
  type RunCounts,
  runCountsSchema,
  taskTypeSchema,
  type WorklistTask,
  worklistCursorSchema,
  worklistDimensionSchema,
  worklistSortSchema,
  worklistTaskSchema,
} from './contracts/dunning.ts';
export {
  type ImportField,
  type ImportMapping,
  type ImportResult,
  importApplySchema,
  importAsOfSourceSchema,
  importBatchSchema,
  importDetectionSchema,
  importFieldSchema,
  importIssueSchema,
  importMappingDetailSchema,
  importMappingSchema,
  importOptionsSchema,
  importPreviewSchema,
  importResultSchema,
} from './contracts/imports.ts';
export { cents, isoDate };

import { method } from './method.ts';
import { ANY_ROLE } from './roles.ts';

const role = z.enum(USER_ROLES);

export { agingSchema };

export const summarySchema = z.object({
  asOf: isoDate,
  customers: z.number().int(),
  items: z.number().int(),
  residualCents: cents,
  overdueCents: cents,
  aging: agingSchema,
});
export type Summary = z.infer<typeof summarySchema>;

export const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role,
  areas: z.array(z.string()),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const customerRowSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  vat: z.string().nullable(),
  area: z.string().nullable(),
  salesperson: z.string().nullable(),
  band: z.string().nullable(),
  orderBlocked: z.boolean(),
  items: z.number().int(),
  residualCents: cents,
  overdueCents: cents,
  oldestDueDate: isoDate.nullable(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const customerSortSchema = z.enum(['name', 'code', 'residual', 'overdue', 'oldestDue']);

const empty = z.object({}).strict();

export const contract = {
  ...importKindsContract,
  ...bankContract,
  ...authContract,
  ...safetyContract,
  ...reportsContract,
  ...ratingContract,
  ...legalContract,
  ...lettersContract,
  ...customersContract,
  ...notifyContract,
  ...settingsContract,
  'system.info': method({
    input: empty,
    output: z.object({
      version: z.string(),
      today: isoDate,
      ledgerAsOf: isoDate.nullable(),
      dbPath: z.string(),
      mode: z.enum(['electron', 'browser', 'cli']),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'users.list': method({ input: empty, output: z.array(userSchema), roles: ANY_ROLE, mutation: false }),
  'users.add': method({
    input: z.object({
      name: z.string().trim().min(1).max(80),
      role,
      areas: z.array(z.string().trim().min(1)).default([]),
      /** The first password (at least 8 characters); without one the user cannot sign in yet. */
      password: z.string().min(1).max(1_000).optional(),
    }),
    output: userSchema,
    roles: ['admin'],
    mutation: true,
    // Hashing the password takes a moment: the handler writes the user and its audit row itself.
    job: true,
  }),

  'summary.get': method({
    input: z.object({ asOf: isoDate.optional() }),
    output: summarySchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  'customers.list': method({
    input: z.object({
      search: z.string().max(200).optional(),
      sort: customerSortSchema.default('name'),
      desc: z.boolean().default(false),
      onlyOpen: z.boolean().default(true),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.object({ total: z.number().int(), asOf: isoDate, rows: z.array(customerRowSchema) }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'demo.fill': method({
    input: empty,
    output: z.object({ customers: z.number().int(), items: z.number().int() }),
    roles: ['admin', 'manager'],
    mutation: true,
  }),
  /** Is the open ledger the demo company's own file (the header's "Demo" badge, the import's offer)? */
  'demo.status': method({
    input: empty,
    output: z.object({
      demo: z.boolean(),
      realLedgerPath: z.string().nullable(),
      importsAllowed: z.boolean(),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  /** Real files may be imported into the demo after all (the user chose it). */
  'demo.allowImports': method({
    input: empty,
    output: z.object({
      demo: z.boolean(),
      realLedgerPath: z.string().nullable(),
      importsAllowed: z.boolean(),
    }),
    roles: ['accountant', 'manager'],
    mutation: true,
  }),
  /** Leaves the demo for the user's own ledger (created when missing); the app goes on there. */
  'demo.startRealLedger': method({
    input: empty,
    output: z.object({ dbPath: z.string(), signedIn: z.boolean() }),
    roles: ['accountant', 'manager'],
    mutation: true,
    // It changes the ledger file itself: the handler writes its audit row in the new ledger.
    job: true,
  }),
  ...importsContract,
  'jobs.cancel': method({
    input: z.object({ job: z.string().min(1) }),
    output: z.object({ cancelled: z.boolean() }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  ...dunningContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** Progress of a long job, streamed as an event while the method call is pending. */
export const jobEventSchema = z.object({
  type: z.literal('job'),
  job: z.string(),
  phase: z.string(),
  done: z.number(),
  total: z.number(),
});
export type JobEvent = z.infer<typeof jobEventSchema>;
/**
 * `ledger-changed`: the ledger as a whole changed (an import, an undo, a restore): every page reads
 * again. `ledger-written`: one user's change went through (a task done, a promise, a run): the
 * other users' worklists read again, keeping their place — a colleague's work shows within a
 * second on every workstation served by the same backend.
 */
export type AppEvent =
  | JobEvent
  | { type: 'ledger-changed'; asOf: string | null }
  | { type: 'ledger-written'; method: MethodName; userId: number };
