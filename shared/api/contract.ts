/**
 * The one contract between the renderer and the backend. Every method the UI (or the CLI)
 * can call is listed here with its zod input/output schema, the roles allowed to call it,
 * and whether it changes the ledger (mutations are audited by the dispatcher).
 * Types for the client and the handlers are derived from this object.
 */
import { z } from 'zod';
import { policySetSchema } from '../domain/dunning/policy.ts';
import { CASE_STATUSES, TASK_OUTCOMES, TASK_TYPES, USER_ROLES } from '../domain/vocabulary.ts';
import { authContract } from './contracts/auth.ts';
import { bankContract } from './contracts/bank.ts';
import { customersContract } from './contracts/customers.ts';
import { importKindsContract } from './contracts/import-kinds.ts';
import { importsContract } from './contracts/imports.ts';
import { legalContract } from './contracts/legal.ts';
import { lettersContract } from './contracts/letters.ts';
import { notifyContract } from './contracts/notify.ts';
import { ratingContract } from './contracts/rating.ts';
import { reportsContract } from './contracts/reports.ts';
import { safetyContract } from './contracts/safety.ts';
import { settingsContract } from './contracts/settings.ts';
import { cents, isoDate } from './fields.ts';

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

export const agingSchema = z.object({
  notDue: cents,
  d1_30: cents,
  d31_60: cents,
  d61_90: cents,
  d91_180: cents,
  d181_plus: cents,
});

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

const byTypeSchema = z.object({
  email: z.number().int(),
  letter: z.number().int(),
  pec: z.number().int(),
  phone: z.number().int(),
  review: z.number().int(),
  blockOrders: z.number().int(),
  legal: z.number().int(),
  agency: z.number().int(),
  address: z.number().int(),
});

export const runCountsSchema = z.object({
  today: isoDate,
  casesOpened: z.number().int(),
  casesClosed: z.number().int(),
  casesPaused: z.number().int(),
  casesResumed: z.number().int(),
  tasksCreated: z.number().int(),
  tasksCancelled: z.number().int(),
  tasksHeld: z.number().int(),
  tasksReleased: z.number().int(),
  byType: byTypeSchema,
});
export type RunCounts = z.infer<typeof runCountsSchema>;

export const caseSchema = z.object({
  id: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  status: z.enum(CASE_STATUSES),
  policy: z.string(),
  step: z.string().nullable(),
  openedOn: isoDate,
  closedOn: isoDate.nullable(),
  outcome: z.string().nullable(),
  overdueCents: cents,
  pausedReason: z.string().nullable(),
});

export const taskTypeSchema = z.enum(TASK_TYPES);
export const priorityFactorSchema = z.object({
  name: z.string(),
  value: z.union([z.number(), z.string(), z.boolean()]),
  points: z.number(),
});

export const worklistTaskSchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  area: z.string().nullable(),
  salesperson: z.string().nullable(),
  type: taskTypeSchema,
  step: z.string(),
  template: z.string().nullable(),
  dueDate: isoDate,
  lateDays: z.number().int(),
  /** Days past due of the customer's oldest overdue item (as of the task's creation, aged to today). */
  daysOverdue: z.number().int(),
  assigneeId: z.number().int().nullable(),
  assignee: z.string().nullable(),
  priority: z.number().int(),
  priorityFactors: z.array(priorityFactorSchema),
  overdueCents: cents,
  caseStatus: z.string(),
});
export type WorklistTask = z.infer<typeof worklistTaskSchema>;

export const worklistSortSchema = z.enum(['priority', 'customer', 'overdue', 'daysOverdue', 'late']);
export const worklistDimensionSchema = z.enum(['area', 'collector', 'salesperson']);
/** A keyset cursor: the sort values of the last row sent (opaque to callers). */
export const worklistCursorSchema = z
  .array(z.union([z.string(), z.number()]))
  .min(1)
  .max(8);
/** The worklist's filters, applied by the backend (the list and its counts take the same). */
const worklistFilterShape = {
  type: taskTypeSchema.optional(),
  /** Part of the customer's name or code. */
  search: z.string().max(200).optional(),
  /** One collector's, area's or salesperson's tasks (key null: those without one). */
  drill: z.object({ by: worklistDimensionSchema, key: z.string().nullable() }).optional(),
  /** Grouped: rows come group by group (by name, the ones without a value last). */
  groupBy: worklistDimensionSchema.optional(),
};

export const progressRowSchema = z.object({
  key: z.string(),
  /** The collector's user id when grouped by collector. */
  assigneeId: z.number().int().nullable(),
  openTasks: z.number().int(),
  doneToday: z.number().int(),
  lateTasks: z.number().int(),
  openCases: z.number().int(),
  inCollectionCents: cents,
});

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
  'dunning.run': method({
    input: z.object({ dryRun: z.boolean().default(false) }),
    output: runCountsSchema,
    roles: ['manager', 'accountant'],
    mutation: true,
  }),
  'cases.list': method({
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }),
    output: z.array(caseSchema),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'worklist.list': method({
    input: z.object({
      /** Whose tasks: a user id; omitted = the caller's own; `all` = everyone's (managers). */
      assigneeId: z.number().int().optional(),
      all: z.boolean().default(false),
      ...worklistFilterShape,
      /** The order: highest priority first by default; ties by priority, then the oldest due. */
      sort: worklistSortSchema.default('priority'),
      desc: z.boolean().default(true),
      /** A page of the list: the page shows 200 rows at a time and asks the next as it scrolls. */
      limit: z.number().int().min(1).max(200_000).default(5000),
      /** The `next` of the page before: the rows after it, in the same order and filters. */
      after: worklistCursorSchema.optional(),
    }),
    output: z.object({
      today: isoDate,
      rows: z.array(worklistTaskSchema),
      /** More rows follow: pass it as `after`; null at the end of the list. */
      next: worklistCursorSchema.nullable(),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'worklist.counts': method({
    input: z.object({
      assigneeId: z.number().int().optional(),
      all: z.boolean().default(false),
      ...worklistFilterShape,
    }),
    output: z.object({
      today: isoDate,
      /** Open tasks due of the person (or the team), and how many of them are late. */
      total: z.number().int(),
      late: z.number().int(),
      byType: z.array(z.object({ type: taskTypeSchema, count: z.number().int() })),
      /** With the filters. */
      matching: z.number().int(),
      /** With the filters, per group (when grouped), in the list's order; key null: none. */
      groups: z.array(z.object({ key: z.string().nullable(), count: z.number().int(), overdueCents: cents })),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'worklist.progress': method({
    input: z.object({ by: z.enum(['collector', 'area', 'salesperson']).default('collector') }),
    output: z.object({ today: isoDate, rows: z.array(progressRowSchema) }),
    roles: ['manager'],
    mutation: false,
  }),
  'tasks.complete': method({
    input: z.object({
      id: z.number().int(),
      outcome: z.enum(TASK_OUTCOMES),
      note: z.string().max(2000).optional(),
      promiseDate: isoDate.optional(),
      promiseCents: cents.optional(),
      callbackDate: isoDate.optional(),
    }),
    output: z.object({
      id: z.number().int(),
      status: z.literal('done'),
      outcome: z.string(),
      promiseId: z.number().int().nullable(),
      followUpId: z.number().int().nullable(),
    }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'tasks.skip': method({
    input: z.object({ id: z.number().int(), reason: z.string().trim().min(1).max(500) }),
    output: z.object({ id: z.number().int(), status: z.literal('skipped') }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'policies.get': method({ input: empty, output: policySetSchema, roles: ANY_ROLE, mutation: false }),
  'policies.save': method({
    input: policySetSchema,
    output: policySetSchema,
    roles: ['manager'],
    mutation: true,
  }),
  'policies.dryRun': method({
    input: policySetSchema,
    output: z.object({ counts: runCountsSchema, tasks: z.array(worklistTaskSchema) }),
    roles: ['manager'],
    mutation: false,
  }),
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
export type AppEvent = JobEvent | { type: 'ledger-changed'; asOf: string | null };
