/**
 * Contract of the dunning engine as the users meet it: the day's run, the cases, the worklist
 * (paged, with its counts and the team's progress), completing or skipping a task, and the
 * policies with their dry run. Spread into the contract in contract.ts.
 */
import { z } from 'zod';
import { policySetSchema } from '../../domain/dunning/policy.ts';
import { CASE_STATUSES, TASK_OUTCOMES, TASK_TYPES } from '../../domain/vocabulary.ts';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

const empty = z.object({}).strict();

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

export const dunningContract = {
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
