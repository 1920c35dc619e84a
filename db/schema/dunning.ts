/**
 * Dunning: the policies and the cases they open ("pratiche"), the tasks of the worklist, what pauses
 * or settles a case — promises to pay, disputes, repayment plans and their installments — the day's
 * runs, the reminders each open item appeared in (its dunning level) and the fees a step charged.
 *
 * Why together: the dunning run reads and writes them as one (db/queries/dunning.ts): a case's next
 * step depends on its tasks, promises, disputes and plans taken together, and a new invoice's first
 * reminder on the reminders its item already appeared in. They stand on the ledger (customers, open
 * items) and name users; the contact log (contacts.ts), letters and legal dossiers build on them.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  CASE_OUTCOMES,
  CASE_STATUSES,
  DISPUTE_STATUSES,
  INSTALMENT_STATUSES,
  PAUSE_REASONS,
  PLAN_STATUSES,
  PROMISE_STATUSES,
  TASK_STATUSES,
  TASK_TYPES,
} from '../../shared/domain/vocabulary.ts';
import { requiredRef, rowId } from './columns.ts';
import { customers, openItems } from './ledger.ts';
import { users } from './safety.ts';

/** A dunning policy; its steps are kept as validated JSON (shared/domain/dunning/policy.ts). */
export const policies = sqliteTable('policies', {
  id: rowId(),
  name: text('name').notNull().unique(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** JSON array of bands, e.g. ["B","C"]. */
  bands: text('bands').notNull(),
  minOverdueCents: integer('min_overdue_cents').notNull(),
  /** Items with a smaller residual are not chased (0: no per-item minimum). */
  minItemCents: integer('min_item_cents').notNull().default(0),
  minGapDays: integer('min_gap_days').notNull(),
  /** JSON array of steps. */
  steps: text('steps').notNull(),
  position: integer('position').notNull().default(0),
  /** Formal notices claim late-payment interest (D.Lgs. 231/2002). */
  claimInterest: integer('claim_interest', { mode: 'boolean' }).notNull().default(true),
  /** Formal notices claim the €40 flat compensation per invoice (art. 6). */
  claimCompensation: integer('claim_compensation', { mode: 'boolean' }).notNull().default(true),
});

/** A case ("pratica"): one customer in collection, from opening to exit. */
export const cases = sqliteTable(
  'cases',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    policyName: text('policy_name').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    outcome: text('outcome', { enum: CASE_OUTCOMES }),
    /** Index of the step whose task was created last (-1: none yet). */
    lastStepIndex: integer('last_step_index').notNull().default(-1),
    /** When that step's task was done or skipped (null while open). */
    lastStepClosedOn: text('last_step_closed_on'),
    pausedReason: text('paused_reason', { enum: PAUSE_REASONS }),
    openedOverdueCents: integer('opened_overdue_cents').notNull(),
    overdueCents: integer('overdue_cents').notNull(),
    /** Days from opening to payment, for the recovery KPIs. */
    recoveryDays: integer('recovery_days'),
  },
  (t) => [
    index('cases_customer_idx').on(t.customerId),
    // The worklist sorted by the case's overdue walks the cases in this order, each case's tasks
    // beside it (db/queries/worklist.ts): a page is a short range, not a sort of every open task.
    index('cases_overdue_idx').on(t.overdueCents),
    uniqueIndex('cases_one_open_per_customer').on(t.customerId).where(sql`status <> 'closed'`),
  ],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: rowId(),
    caseId: requiredRef('case_id', () => cases.id),
    customerId: requiredRef('customer_id', () => customers.id),
    /** The policy step that created it; null for tasks not from a step (e.g. promise broken). */
    stepIndex: integer('step_index'),
    stepName: text('step_name').notNull(),
    type: text('type', { enum: TASK_TYPES }).notNull(),
    template: text('template'),
    dueDate: text('due_date').notNull(),
    createdOn: text('created_on').notNull(),
    assigneeId: integer('assignee_id').references(() => users.id),
    priority: integer('priority').notNull(),
    /** JSON: [{ name, value, points }]. */
    priorityFactors: text('priority_factors').notNull(),
    /** on_hold: the case is paused (dispute, promise, plan); back to open, re-dated, when it resumes. */
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    outcome: text('outcome'),
    note: text('note'),
    closedOn: text('closed_on'),
    closedBy: integer('closed_by').references(() => users.id),
    /**
     * JSON array of the open items a first reminder for new invoices is about (a case beyond its
     * first step gives invoices never reminded their own first reminder); null: a step of the
     * case, about all its items at that level.
     */
    itemIds: text('item_ids'),
  },
  (t) => [
    // A run creates each step's task once per case, however often it runs (new invoices' first
    // reminders aside: one per batch of new invoices).
    uniqueIndex('tasks_once_per_step')
      .on(t.caseId, t.stepIndex, t.type)
      .where(sql`step_index IS NOT NULL AND item_ids IS NULL`),
    // The worklist reads open tasks a page at a time in the order the user chose, a keyset
    // cursor starting each page where the last ended (db/queries/worklist.ts): by priority (ties:
    // the oldest due date, then the id), by days late (with the type, for the counts), by the
    // customer's oldest overdue; a collector's and everyone's.
    // Partial (open tasks only): the list never shows done ones, and a ledger's years of closed
    // tasks would otherwise make every index the run writes to and the list reads from bigger.
    index('tasks_worklist_idx')
      .on(t.status, t.assigneeId, sql`priority DESC`, t.dueDate)
      .where(sql`status = 'open'`),
    index('tasks_priority_idx').on(t.status, sql`priority DESC`, t.dueDate).where(sql`status = 'open'`),
    index('tasks_assignee_late_idx')
      .on(t.status, t.assigneeId, t.dueDate, sql`priority DESC`, t.type)
      .where(sql`status = 'open'`),
    index('tasks_late_idx').on(t.status, t.dueDate, sql`priority DESC`, t.type).where(sql`status = 'open'`),
    index('tasks_oldest_due_idx')
      .on(
        t.status,
        // The day the customer's oldest overdue fell due (the daysOverdue factor, second of the
        // priority's factors); tasks without one (prescription, returned bill) come after all, tied.
        sql`coalesce(julianday(created_on) - json_extract(priority_factors, '$[1].value'), 9999999)`,
        sql`priority DESC`,
        t.dueDate,
      )
      .where(sql`status = 'open'`),
    index('tasks_case_idx').on(t.caseId),
    // A customer's next action (digests, customer page): open tasks by customer, soonest first.
    index('tasks_customer_idx').on(t.customerId, t.status, t.dueDate),
  ],
);

export const promises = sqliteTable(
  'promises',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    caseId: integer('case_id').references(() => cases.id),
    date: text('date').notNull(),
    amountCents: integer('amount_cents').notNull(),
    status: text('status', { enum: PROMISE_STATUSES }).notNull().default('open'),
    createdOn: text('created_on').notNull(),
    resolvedOn: text('resolved_on'),
    /** Overdue amount when the promise was made: payments since then count toward it. */
    baselineOverdueCents: integer('baseline_overdue_cents').notNull(),
  },
  (t) => [index('promises_customer_idx').on(t.customerId)],
);

export const disputes = sqliteTable(
  'disputes',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    itemId: requiredRef('item_id', () => openItems.id),
    /** quality, quantity, price, not_received, already_paid, other — or free text from a call. */
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull().default('open'),
    openedOn: text('opened_on').notNull(),
    resolvedOn: text('resolved_on'),
    outcome: text('outcome'),
  },
  (t) => [index('disputes_item_idx').on(t.itemId)],
);

export const dunningRuns = sqliteTable('dunning_runs', {
  id: rowId(),
  runDate: text('run_date').notNull(),
  at: text('at').notNull(),
  /** JSON of the counts printed by `run --json`. */
  counts: text('counts').notNull(),
});

/**
 * The reminders each open item appeared in (per-invoice levels): one row per item and reminder
 * sent — e-mail, letter or PEC of a policy step — so a letter can tell each invoice's level and a
 * new invoice is seen to be at its first reminder whatever step the customer's case has reached.
 */
export const itemReminders = sqliteTable(
  'item_reminders',
  {
    id: rowId(),
    itemId: requiredRef('item_id', () => openItems.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').references(() => tasks.id),
    stepIndex: integer('step_index').notNull(),
    template: text('template').notNull(),
    sentOn: text('sent_on').notNull(),
  },
  (t) => [index('item_reminders_item_idx').on(t.itemId)],
);

/** Dunning fees charged to a case when a step with a fee is sent (e.g. the registered letter). */
export const caseFees = sqliteTable(
  'case_fees',
  {
    id: rowId(),
    caseId: requiredRef('case_id', () => cases.id),
    customerId: requiredRef('customer_id', () => customers.id),
    taskId: integer('task_id').references(() => tasks.id),
    stepName: text('step_name').notNull(),
    feeCents: integer('fee_cents').notNull(),
    chargedOn: text('charged_on').notNull(),
  },
  (t) => [index('case_fees_case_idx').on(t.caseId)],
);

/** A repayment plan ("piano di rientro") over selected items. */
export const plans = sqliteTable(
  'plans',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    caseId: integer('case_id').references(() => cases.id),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('active'),
    totalCents: integer('total_cents').notNull(),
    interestCents: integer('interest_cents').notNull().default(0),
    frequency: text('frequency', { enum: ['weekly', 'monthly'] }).notNull(),
    createdOn: text('created_on').notNull(),
    closedOn: text('closed_on'),
    /** JSON array of the open item ids the plan covers. */
    itemIds: text('item_ids').notNull(),
  },
  (t) => [index('plans_customer_idx').on(t.customerId)],
);

export const planInstallments = sqliteTable(
  'plan_installments',
  {
    id: rowId(),
    planId: requiredRef('plan_id', () => plans.id),
    seq: integer('seq').notNull(),
    dueDate: text('due_date').notNull(),
    amountCents: integer('amount_cents').notNull(),
    paidCents: integer('paid_cents').notNull().default(0),
    status: text('status', { enum: INSTALMENT_STATUSES }).notNull().default('due'),
  },
  (t) => [uniqueIndex('plan_installments_seq').on(t.planId, t.seq)],
);
