/**
 * The ledger's tables for the team edition (drizzle pg-core), kept in step with db/schema.ts
 * (sqlite-core) table by table and column by column: same names, nullability and defaults, so the
 * same queries read the same rows on both engines (test/db/pg-schema-parity.test.ts compares the
 * two migrated databases). What differs is only what SQLite cannot say:
 * - money in cents is `bigint` (amounts up to 9e15 exceed PostgreSQL's 4-byte integer), read back
 *   as a JS number (mode 'number') like SQLite's integers; file sizes too;
 * - ids are identity columns `BY DEFAULT`, so a ledger moved from SQLite keeps its ids;
 * - booleans are `boolean` (SQLite stores 0/1 and drizzle's boolean mode reads them the same);
 * - dates and timestamps stay ISO text, as on SQLite: the product compares them as strings, and the
 *   test cluster's C collation orders text byte by byte like SQLite's BINARY.
 * Migrations are generated from this file with
 * `drizzle-kit generate --config db/pg/drizzle.config.ts` into db/pg/migrations/; the audit log's
 * append-only triggers are a hand-written migration there, as on SQLite.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { BANK_ENTRY_STATUSES } from '../../shared/api/contracts/bank.ts';
import { BANDS } from '../../shared/domain/dunning/policy.ts';
import { COST_KINDS, HANDLERS, LEGAL_PHASES } from '../../shared/domain/legal.ts';
import { ALERT_KINDS, NOTIFY_ROLES } from '../../shared/domain/notify.ts';
import { CONFIDENCE_LEVELS, RATING_CLASSES } from '../../shared/domain/rating.ts';
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
  PAUSE_REASONS,
  PLAN_STATUSES,
  PROMISE_STATUSES,
  TASK_STATUSES,
  TASK_TYPES,
  USER_ROLES,
} from '../../shared/domain/vocabulary.ts';

/** The same text SQLite's strftime('%Y-%m-%dT%H:%M:%fZ','now') writes: UTC, milliseconds, 'Z'. */
const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  /** JSON array of the areas a collector covers (used by dunning assignment). */
  areas: text('areas').notNull().default('[]'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  /** scrypt hash with its parameters (electron/backend/services/auth/password.ts); null: cannot sign in. */
  passwordHash: text('password_hash'),
  /** The OS account whose CLI runs act as this user with no password (set by `init` or an admin). */
  osAccount: text('os_account').unique(),
});

export const customers = pgTable(
  'customers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** The customer's code in the accounting system: the import's key. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    vat: text('vat'),
    taxCode: text('tax_code'),
    /** The postal block letters print (street, ZIP + city + province, country): composed from the parts below. */
    address: text('address'),
    /** Postal address parts, from a customer master-data file or the buyer of an e-invoice. */
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    province: text('province'),
    /** ISO 3166 alpha-2 ("IT"). */
    country: text('country'),
    /** SDI recipient code (codice destinatario) of the customer's e-invoices. */
    sdiCode: text('sdi_code'),
    iban: text('iban'),
    email: text('email'),
    pec: text('pec'),
    phone: text('phone'),
    area: text('area'),
    salesperson: text('salesperson'),
    paymentMethod: text('payment_method'),
    collectorId: integer('collector_id').references(() => users.id),
    band: text('band', { enum: BANDS }),
    creditLimitCents: bigint('credit_limit_cents', { mode: 'number' }),
    language: text('language', { enum: LANGUAGES }).notNull().default('it'),
    orderBlocked: boolean('order_blocked').notNull().default(false),
    keyAccount: boolean('key_account').notNull().default(false),
    /** Local fields (never overwritten by imports): who reminders go to, notes, why orders are blocked. */
    dunningContactName: text('dunning_contact_name'),
    dunningContactEmail: text('dunning_contact_email'),
    phone2: text('phone2'),
    notes: text('notes'),
    orderBlockReason: text('order_block_reason'),
    orderBlockedOn: text('order_blocked_on'),
    /** Manager's dunning-policy override (a policy name; used before the band's policy) and why. */
    policyOverride: text('policy_override'),
    policyOverrideReason: text('policy_override_reason'),
    firstSeenBatchId: integer('first_seen_batch_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('customers_name_idx').on(t.name),
    // The worklist sorted by customer (case folded) reads customers in this order. SQLite's NOCASE
    // folds ASCII letters only, as lower() does under the C locale the cluster is created with.
    index('customers_name_nocase_idx').on(sql`lower(${t.name})`),
  ],
);

export const openItems = pgTable(
  'open_items',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }).notNull(),
    documentNumber: text('document_number').notNull(),
    /** '' when the export has no document date: it is part of the natural key. */
    documentDate: text('document_date').notNull(),
    dueDate: text('due_date').notNull(),
    /** '' when the export has no installment column: it is part of the natural key. */
    installment: text('installment'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    residualCents: bigint('residual_cents', { mode: 'number' }).notNull(),
    paymentMethod: text('payment_method'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('open'),
    closedOn: text('closed_on'),
    firstSeenBatchId: integer('first_seen_batch_id'),
    lastSeenBatchId: integer('last_seen_batch_id'),
  },
  (t) => [
    // The installment is part of the key: real exports list two installments of one invoice
    // with the same due date (see README "Importing aged-receivables exports"). Imports store ''
    // when the file has none.
    uniqueIndex('open_items_natural_key').on(
      t.customerId,
      t.documentType,
      t.documentNumber,
      t.documentDate,
      t.dueDate,
      t.installment,
    ),
    // Covers the ledger figures (summary, customer totals): status, due date, customer and residual
    // are all the aggregates read, so they scan the index alone (1M items: ~0.8 s instead of ~4 s
    // of random row lookups).
    index('open_items_status_due_idx').on(t.status, t.dueDate, t.customerId, t.residualCents),
  ],
);

/** What happened to an item: payments detected by imports, credits applied, reopenings. */
export const itemEvents = pgTable(
  'item_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    itemId: integer('item_id')
      .notNull()
      .references(() => openItems.id),
    batchId: integer('batch_id').references(() => importBatches.id),
    date: text('date').notNull(),
    kind: text('kind', {
      enum: ['payment', 'partial_payment', 'credit_applied', 'reversal', 'increase'],
    }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    residualBeforeCents: bigint('residual_before_cents', { mode: 'number' }).notNull(),
    residualAfterCents: bigint('residual_after_cents', { mode: 'number' }).notNull(),
    /** The bank credit (or returned bill) that caused it: its booking date is the event's date. */
    bankEntryId: integer('bank_entry_id'),
  },
  (t) => [
    index('item_events_item_idx').on(t.itemId),
    index('item_events_batch_idx').on(t.batchId),
    index('item_events_bank_entry_idx').on(t.bankEntryId),
  ],
);

export const importBatches = pgTable('import_batches', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  format: text('format').notNull(),
  sheet: text('sheet'),
  headerRow: integer('header_row'),
  asOf: text('as_of').notNull(),
  mode: text('mode', { enum: ['snapshot', 'incremental'] }).notNull(),
  /** JSON of the counts printed by `import --json` (rows, customers, items, payments…). */
  counts: text('counts').notNull(),
  userId: integer('user_id').references(() => users.id),
  createdAt: createdAt(),
  undoneAt: text('undone_at'),
});

/**
 * The before-image of every row an import touched, so the latest batch can be undone exactly.
 * `before` is null for a row the batch created.
 */
export const batchChanges = pgTable(
  'batch_changes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id),
    /** `customer_master`: every column a master-data or e-invoice import fills (db/queries/master-data.ts). */
    entity: text('entity', { enum: ['customer', 'customer_master', 'open_item'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    before: text('before'),
  },
  (t) => [index('batch_changes_batch_idx').on(t.batchId)],
);

export const mappingProfiles = pgTable('mapping_profiles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  /** Normalized header list joined with '|': a file with the same headers uses this profile. */
  headerSignature: text('header_signature').notNull(),
  headers: text('headers').notNull(),
  mapping: text('mapping').notNull(),
  createdAt: createdAt(),
});

/** Append-only record of every mutation: who, when, what, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull(),
    userId: integer('user_id'),
    userName: text('user_name'),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  /** JSON value. */
  value: text('value').notNull(),
});

// ---------------------------------------------------------------------------------------------
// Dunning: policies, cases, tasks, promises, disputes, runs.

/** A dunning policy; its steps are kept as validated JSON (shared/domain/dunning/policy.ts). */
export const policies = pgTable('policies', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  isDefault: boolean('is_default').notNull().default(false),
  /** JSON array of bands, e.g. ["B","C"]. */
  bands: text('bands').notNull(),
  minOverdueCents: bigint('min_overdue_cents', { mode: 'number' }).notNull(),
  /** Items with a smaller residual are not chased (0: no per-item minimum). */
  minItemCents: bigint('min_item_cents', { mode: 'number' }).notNull().default(0),
  minGapDays: integer('min_gap_days').notNull(),
  /** JSON array of steps. */
  steps: text('steps').notNull(),
  position: integer('position').notNull().default(0),
  /** Formal notices claim late-payment interest (D.Lgs. 231/2002). */
  claimInterest: boolean('claim_interest').notNull().default(true),
  /** Formal notices claim the €40 flat compensation per invoice (art. 6). */
  claimCompensation: boolean('claim_compensation').notNull().default(true),
});

/** A case ("pratica"): one customer in collection, from opening to exit. */
export const cases = pgTable(
  'cases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
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
    openedOverdueCents: bigint('opened_overdue_cents', { mode: 'number' }).notNull(),
    overdueCents: bigint('overdue_cents', { mode: 'number' }).notNull(),
    /** Days from opening to payment, for the recovery KPIs. */
    recoveryDays: integer('recovery_days'),
  },
  (t) => [
    index('cases_customer_idx').on(t.customerId),
    uniqueIndex('cases_one_open_per_customer').on(t.customerId).where(sql`status <> 'closed'`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
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
    index('tasks_worklist_idx').on(t.status, t.assigneeId, t.priority.desc(), t.dueDate),
    index('tasks_priority_idx').on(t.status, t.priority.desc(), t.dueDate),
    index('tasks_assignee_late_idx').on(t.status, t.assigneeId, t.dueDate, t.priority.desc(), t.type),
    index('tasks_late_idx').on(t.status, t.dueDate, t.priority.desc(), t.type),
    index('tasks_oldest_due_idx').on(
      t.status,
      // The day the customer's oldest overdue fell due (the daysOverdue factor, second of the
      // priority's factors); tasks without one (prescription, returned bill) come after all, tied.
      // SQLite's julianday() has no immutable PostgreSQL twin (a text-to-date cast depends on
      // DateStyle): the day number is built from the ISO text's parts with make_date, which is
      // immutable, so PostgreSQL accepts it in an index. Same order as julianday's (a constant apart).
      sql`coalesce((make_date(substr(${t.createdOn}, 1, 4)::int, substr(${t.createdOn}, 6, 2)::int, substr(${t.createdOn}, 9, 2)::int) - date '2000-01-01') - ((${t.priorityFactors}::jsonb -> 1 ->> 'value')::numeric), 9999999)`,
      t.priority.desc(),
      t.dueDate,
    ),
    index('tasks_case_idx').on(t.caseId),
    // A customer's next action (digests, customer page): open tasks by customer, soonest first.
    index('tasks_customer_idx').on(t.customerId, t.status, t.dueDate),
  ],
);

export const promises = pgTable(
  'promises',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    caseId: integer('case_id').references(() => cases.id),
    date: text('date').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: PROMISE_STATUSES }).notNull().default('open'),
    createdOn: text('created_on').notNull(),
    resolvedOn: text('resolved_on'),
    /** Overdue amount when the promise was made: payments since then count toward it. */
    baselineOverdueCents: bigint('baseline_overdue_cents', { mode: 'number' }).notNull(),
  },
  (t) => [index('promises_customer_idx').on(t.customerId)],
);

export const disputes = pgTable(
  'disputes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => openItems.id),
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

export const dunningRuns = pgTable('dunning_runs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  runDate: text('run_date').notNull(),
  at: text('at').notNull(),
  /** JSON of the counts printed by `run --json`. */
  counts: text('counts').notNull(),
});

// ---------------------------------------------------------------------------------------------
// The collector's tools: contact log, attachments, repayment plans.

/**
 * The reminders each open item appeared in (per-invoice levels): one row per item and reminder
 * sent — e-mail, letter or PEC of a policy step — so a letter can tell each invoice's level and a
 * new invoice is seen to be at its first reminder whatever step the customer's case has reached.
 */
export const itemReminders = pgTable(
  'item_reminders',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    itemId: integer('item_id')
      .notNull()
      .references(() => openItems.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').references(() => tasks.id),
    stepIndex: integer('step_index').notNull(),
    template: text('template').notNull(),
    sentOn: text('sent_on').notNull(),
  },
  (t) => [index('item_reminders_item_idx').on(t.itemId)],
);

/** Dunning fees charged to a case when a step with a fee is sent (e.g. the registered letter). */
export const caseFees = pgTable(
  'case_fees',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    taskId: integer('task_id').references(() => tasks.id),
    stepName: text('step_name').notNull(),
    feeCents: bigint('fee_cents', { mode: 'number' }).notNull(),
    chargedOn: text('charged_on').notNull(),
  },
  (t) => [index('case_fees_case_idx').on(t.caseId)],
);

/** The contact log: calls, e-mails, visits, notes, letters sent — everything said to or by a customer. */
export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    caseId: integer('case_id').references(() => cases.id),
    taskId: integer('task_id').references(() => tasks.id),
    date: text('date').notNull(),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    direction: text('direction', { enum: CONTACT_DIRECTIONS }).notNull(),
    person: text('person'),
    outcome: text('outcome'),
    note: text('note'),
    /** A letter, statement or plan agreement archived under the data folder (relative path). */
    documentPath: text('document_path'),
    documentSha256: text('document_sha256'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId, t.date)],
);

/** Documents received or produced, stored in the data folder with their sha256. */
export const attachments = pgTable(
  'attachments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: integer('contact_id').references(() => contacts.id),
    disputeId: integer('dispute_id').references(() => disputes.id),
    fileName: text('file_name').notNull(),
    /** Relative to the data folder. */
    path: text('path').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_customer_idx').on(t.customerId)],
);

/** A repayment plan ("piano di rientro") over selected items. */
export const plans = pgTable(
  'plans',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    caseId: integer('case_id').references(() => cases.id),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('active'),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    interestCents: bigint('interest_cents', { mode: 'number' }).notNull().default(0),
    frequency: text('frequency', { enum: ['weekly', 'monthly'] }).notNull(),
    createdOn: text('created_on').notNull(),
    closedOn: text('closed_on'),
    /** JSON array of the open item ids the plan covers. */
    itemIds: text('item_ids').notNull(),
  },
  (t) => [index('plans_customer_idx').on(t.customerId)],
);

export const planInstallments = pgTable(
  'plan_installments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    seq: integer('seq').notNull(),
    dueDate: text('due_date').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    paidCents: bigint('paid_cents', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: INSTALMENT_STATUSES }).notNull().default('due'),
  },
  (t) => [uniqueIndex('plan_installments_seq').on(t.planId, t.seq)],
);

// ---------------------------------------------------------------------------------------------
// Letters, e-mail and PEC: rate table, templates, the letters archive, the mail outbox.

/** Late-payment rates (D.Lgs. 231/2002) per half-year; seeded from db/seed/interest_rates_231.csv. */
export const interestRates = pgTable('interest_rates', {
  /** First day of the half-year: YYYY-01-01 or YYYY-07-01. */
  fromDate: text('from_date').primaryKey(),
  toDate: text('to_date').notNull(),
  /** ECB main refinancing rate in force on from_date, in basis points. */
  ecbBp: integer('ecb_bp').notNull(),
  moratoryBp: integer('moratory_bp').notNull(),
  source: text('source').notNull(),
  /** 'shipped' rows come with the app; 'user' rows were added with `rates add` or in Settings. */
  origin: text('origin', { enum: ['shipped', 'user'] }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A manager's edit of a shipped template (one row per template and language; none = shipped text). */
export const letterTemplates = pgTable(
  'letter_templates',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    /** JSON of the template texts: subject, body, after, closing, emailSubject, emailBody. */
    texts: text('texts').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('letter_templates_name_language').on(t.name, t.language)],
);

/** A manager's print batch: the day's letter tasks as one merged PDF plus one file per letter. */
export const letterBatches = pgTable('letter_batches', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  date: text('date').notNull(),
  status: text('status', { enum: ['generated', 'confirmed'] }).notNull(),
  letters: integer('letters').notNull(),
  pages: integer('pages').notNull(),
  /** Relative to the data folder. */
  mergedPath: text('merged_path').notNull(),
  mergedSha256: text('merged_sha256').notNull(),
  userId: integer('user_id').references(() => users.id),
  createdAt: createdAt(),
  confirmedAt: text('confirmed_at'),
});

/** The archive: every letter, statement, e-mail or PEC attachment produced, with its sha256. */
export const letters = pgTable(
  'letters',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    caseId: integer('case_id').references(() => cases.id),
    taskId: integer('task_id').references(() => tasks.id),
    batchId: integer('batch_id').references(() => letterBatches.id),
    template: text('template').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    channel: text('channel', { enum: LETTER_CHANNELS }).notNull(),
    date: text('date').notNull(),
    reference: text('reference').notNull(),
    /** Relative to the data folder. */
    path: text('path').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    pages: integer('pages').notNull(),
    overdueCents: bigint('overdue_cents', { mode: 'number' }).notNull(),
    creditsCents: bigint('credits_cents', { mode: 'number' }).notNull(),
    interestCents: bigint('interest_cents', { mode: 'number' }).notNull(),
    compensationCents: bigint('compensation_cents', { mode: 'number' }).notNull(),
    /** What the letter asks for (the QR amount). */
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    /** generated: produced, not yet confirmed printed or accepted by the mail server. */
    status: text('status', { enum: LETTER_STATUSES }).notNull(),
    sentOn: text('sent_on'),
    messageId: text('message_id'),
    contactId: integer('contact_id').references(() => contacts.id),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('letters_customer_idx').on(t.customerId, t.date),
    index('letters_task_idx').on(t.taskId),
    index('letters_batch_idx').on(t.batchId),
  ],
);

/** One e-mail or PEC message of a task: done only once the server accepted it. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    taskId: integer('task_id').references(() => tasks.id),
    letterId: integer('letter_id').references(() => letters.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    account: text('account', { enum: ['smtp', 'pec'] }).notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    messageId: text('message_id'),
    /** The server's reply: its acceptance (sent) or its last refusal (failed). */
    response: text('response'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('mail_outbox_task_idx').on(t.taskId), index('mail_outbox_message_idx').on(t.messageId)],
);

export const mailAttempts = pgTable(
  'mail_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    outboxId: integer('outbox_id')
      .notNull()
      .references(() => mailOutbox.id),
    at: text('at').notNull(),
    ok: boolean('ok').notNull(),
    response: text('response').notNull(),
  },
  (t) => [index('mail_attempts_outbox_idx').on(t.outboxId)],
);

/** PEC receipts (accettazione, avvenuta consegna…) imported as .eml: evidence of delivery. */
export const pecReceipts = pgTable(
  'pec_receipts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    letterId: integer('letter_id').references(() => letters.id),
    outboxId: integer('outbox_id').references(() => mailOutbox.id),
    /** The X-Ricevuta header: accettazione, avvenuta-consegna, non-accettazione, errore-consegna… */
    kind: text('kind').notNull(),
    /** X-Riferimento-Message-ID: the Message-ID of the PEC it refers to. */
    refMessageId: text('ref_message_id'),
    subject: text('subject'),
    receivedAt: text('received_at'),
    fileName: text('file_name').notNull(),
    /** Relative to the data folder. */
    path: text('path').notNull(),
    sha256: text('sha256').notNull(),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('pec_receipts_sha256').on(t.sha256), index('pec_receipts_letter_idx').on(t.letterId)],
);

// ---------------------------------------------------------------------------------------------
// Internal rating and the legal phase.

/**
 * Rating history: a row each time a customer's score or class changes (the chart and the
 * "rating changed" list). The latest row per customer is the current rating; when only the
 * explanation moves (factors, confidence) it is refreshed in place and `computedOn` advances.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    score: integer('score').notNull(),
    class: text('class', { enum: RATING_CLASSES }).notNull(),
    confidence: text('confidence', { enum: CONFIDENCE_LEVELS }).notNull(),
    /** JSON: [{ name, value, points }] (shared/domain/rating.ts). */
    factors: text('factors').notNull(),
    /** The score and class before this change (null for a customer's first rating). */
    previousScore: integer('previous_score'),
    previousClass: text('previous_class', { enum: RATING_CLASSES }),
    /** The day the score or class took this value. */
    changedOn: text('changed_on').notNull(),
    /** The last recompute that refreshed this row. */
    computedOn: text('computed_on').notNull(),
  },
  (t) => [index('ratings_customer_idx').on(t.customerId, t.id), index('ratings_changed_idx').on(t.changedOn)],
);

/** A legal dossier: one per case escalated to a lawyer or an agency. */
export const legalDossiers = pgTable(
  'legal_dossiers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    handler: text('handler', { enum: HANDLERS }).notNull(),
    handlerName: text('handler_name').notNull(),
    /** The lawyer's or agency's file reference. */
    reference: text('reference'),
    phase: text('phase', { enum: LEGAL_PHASES }).notNull(),
    phaseOn: text('phase_on').notNull(),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    /** The manager's own figures for the evaluation (null: the defaults per phase and class). */
    probabilityPercent: integer('probability_percent'),
    furtherCostsCents: bigint('further_costs_cents', { mode: 'number' }),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('legal_dossiers_case').on(t.caseId),
    index('legal_dossiers_customer_idx').on(t.customerId),
  ],
);

/** What happened in a dossier: phases, notes, documents, interruptive acts (for prescription). */
export const legalEvents = pgTable(
  'legal_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dossierId: integer('dossier_id')
      .notNull()
      .references(() => legalDossiers.id),
    date: text('date').notNull(),
    kind: text('kind', {
      enum: [
        'opened',
        'phase',
        'note',
        'document',
        'notice_delivered',
        'acknowledgment',
        'judicial_act',
        'hearing',
        'export',
      ],
    }).notNull(),
    phase: text('phase'),
    description: text('description').notNull(),
    /** A written demand delivered, an acknowledgment or a judicial act: restarts prescription. */
    interruptive: boolean('interruptive').notNull().default(false),
    attachmentId: integer('attachment_id').references(() => attachments.id),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_events_dossier_idx').on(t.dossierId, t.date)],
);

export const legalCosts = pgTable(
  'legal_costs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dossierId: integer('dossier_id')
      .notNull()
      .references(() => legalDossiers.id),
    date: text('date').notNull(),
    kind: text('kind', {
      enum: COST_KINDS,
    }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_costs_dossier_idx').on(t.dossierId)],
);

/** Amounts the lawyer or agency recovered (the ledger sees them when accounting books them). */
export const legalRecoveries = pgTable(
  'legal_recoveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dossierId: integer('dossier_id')
      .notNull()
      .references(() => legalDossiers.id),
    date: text('date').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_recoveries_dossier_idx').on(t.dossierId)],
);

// ---------------------------------------------------------------------------------------------
// KPI snapshots: the ledger's key figures as each import and dunning run left them, so trends and
// past periods stay known after items are closed (shared/domain/kpi.ts, README "Reports and KPIs").

/** One per as-of date of the ledger; a later run on the same as-of date replaces it. */
export const kpiSnapshots = pgTable('kpi_snapshots', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** The ledger's as-of date the figures describe (today when nothing was imported yet). */
  date: text('date').notNull().unique(),
  /** The business day of the run that stored it. */
  takenOn: text('taken_on').notNull(),
  /** JSON totals: customers, items, receivablesCents, creditsCents, overdueCents, aging, openCases, inCollectionCents. */
  figures: text('figures').notNull(),
});

/**
 * Per-customer lines of a snapshot (customers owing something or with an open case), for the
 * breakdowns of past periods. Lines are kept for the last weeks and for each month's last
 * snapshot; older daily lines are thinned out (the totals stay). No foreign key to customers:
 * undoing an import deletes the customers it created, and a snapshot must not block that.
 */
export const kpiSnapshotLines = pgTable(
  'kpi_snapshot_lines',
  {
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => kpiSnapshots.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id').notNull(),
    receivablesCents: bigint('receivables_cents', { mode: 'number' }).notNull(),
    creditsCents: bigint('credits_cents', { mode: 'number' }).notNull(),
    notDueCents: bigint('not_due_cents', { mode: 'number' }).notNull(),
    d1To30Cents: bigint('d1_30_cents', { mode: 'number' }).notNull(),
    d31To60Cents: bigint('d31_60_cents', { mode: 'number' }).notNull(),
    d61To90Cents: bigint('d61_90_cents', { mode: 'number' }).notNull(),
    d91To180Cents: bigint('d91_180_cents', { mode: 'number' }).notNull(),
    d181PlusCents: bigint('d181_plus_cents', { mode: 'number' }).notNull(),
    openCases: integer('open_cases').notNull(),
    inCollectionCents: bigint('in_collection_cents', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('kpi_snapshot_lines_key').on(t.snapshotId, t.customerId)],
);

// ---------------------------------------------------------------------------------------------
// Safety: GDPR state of a customer (docs/PRIVACY.md).

/**
 * A customer's privacy state: a legal hold (litigation, a claim, an authority's request) blocks
 * anonymisation; `anonymisedOn` records when the personal data were removed (amounts kept).
 * No foreign key, like the KPI lines: undoing an import deletes the customers it created.
 */
export const customerPrivacy = pgTable('customer_privacy', {
  customerId: integer('customer_id').primaryKey(),
  legalHold: boolean('legal_hold').notNull().default(false),
  legalHoldReason: text('legal_hold_reason'),
  legalHoldOn: text('legal_hold_on'),
  anonymisedOn: text('anonymised_on'),
});

// ---------------------------------------------------------------------------------------------
// Bank statements (issue 15): camt.053/054 and CBI files, their entries, and what each credit paid.

/** One imported statement file; the same file (sha256) is never imported twice. */
export const bankStatements = pgTable('bank_statements', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull().unique(),
  /** camt.053, camt.054, cbi-rh, cbi-xml (the first statement's, for a ZIP of several). */
  format: text('format').notNull(),
  /** The account IBAN (several joined with ', ' for a file covering more accounts). */
  account: text('account').notNull(),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date').notNull(),
  /** JSON of the counts printed by `bank import --json`. */
  counts: text('counts').notNull(),
  userId: integer('user_id').references(() => users.id),
  createdAt: createdAt(),
});

/** A booked movement of a statement: credits are matched, debits listed, returns reopen items. */
export const bankEntries = pgTable(
  'bank_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => bankStatements.id),
    /** Where the entry is in its file ("Ntry 3", "line 7 (record 62 002)"). */
    position: text('position').notNull(),
    account: text('account').notNull(),
    bookingDate: text('booking_date').notNull(),
    valueDate: text('value_date'),
    /** Positive cents; the direction says which way. */
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    direction: text('direction', { enum: ['credit', 'debit'] }).notNull(),
    isReturn: boolean('is_return').notNull().default(false),
    counterpartyName: text('counterparty_name'),
    counterpartyIban: text('counterparty_iban'),
    /** Unstructured remittance lines joined with newlines. */
    remittance: text('remittance').notNull().default(''),
    /** Structured creditor references joined with spaces. */
    reference: text('reference'),
    endToEndId: text('end_to_end_id'),
    bankReference: text('bank_reference'),
    bankCode: text('bank_code'),
    chargesCents: bigint('charges_cents', { mode: 'number' }).notNull().default(0),
    returnReason: text('return_reason'),
    /** The same movement reported again (a camt.054 then the day's camt.053) is recognised by this key. */
    fingerprint: text('fingerprint').notNull(),
    status: text('status', { enum: BANK_ENTRY_STATUSES }).notNull(),
    /** The customer matched or suggested. */
    customerId: integer('customer_id').references(() => customers.id),
    /** JSON of the suggested allocation: { allocations: [{ itemId, amountCents }], creditCents }. */
    suggestion: text('suggestion'),
    reason: text('reason'),
    /** JSON array of the evidence: reference, invoice, iban, name, amount. */
    evidence: text('evidence').notNull().default('[]'),
  },
  (t) => [
    uniqueIndex('bank_entries_fingerprint').on(t.fingerprint),
    index('bank_entries_statement_idx').on(t.statementId),
    index('bank_entries_status_idx').on(t.status, t.bookingDate),
    index('bank_entries_customer_idx').on(t.customerId),
  ],
);

/**
 * What a credit paid (one row per item, plus one `credit` row for an overpayment kept on the
 * customer's account) and what a returned bill reopened; with the item's state before, so every
 * match can be undone exactly.
 */
export const bankMatches = pgTable(
  'bank_matches',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    entryId: integer('entry_id')
      .notNull()
      .references(() => bankEntries.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    itemId: integer('item_id').references(() => openItems.id),
    kind: text('kind', { enum: ['payment', 'credit', 'return'] }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    eventId: integer('event_id'),
    residualBeforeCents: bigint('residual_before_cents', { mode: 'number' }),
    statusBefore: text('status_before'),
    closedOnBefore: text('closed_on_before'),
    /** auto (exact match at import) or confirmed (a clerk's decision). */
    origin: text('origin', { enum: ['auto', 'confirmed'] }).notNull(),
    userId: integer('user_id').references(() => users.id),
    at: text('at').notNull(),
    undoneAt: text('undone_at'),
    undoneBy: integer('undone_by').references(() => users.id),
    /**
     * The snapshot import that first reflected this payment (listed the item at or below the bank's
     * residual, or no longer listed it closed): from then on the export is not lagging behind it, and
     * a higher residual is a change in the accounts. Cleared when that import is undone.
     */
    reflectedBatchId: integer('reflected_batch_id'),
  },
  (t) => [index('bank_matches_entry_idx').on(t.entryId), index('bank_matches_item_idx').on(t.itemId)],
);

/** IBANs a customer paid from, learned from matched credits: the next credit from them names the customer. */
export const customerIbans = pgTable(
  'customer_ibans',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    iban: text('iban').notNull(),
    learnedOn: text('learned_on').notNull(),
    /** The credit it was learned from (undoing that match forgets it). */
    entryId: integer('entry_id'),
  },
  (t) => [uniqueIndex('customer_ibans_key').on(t.iban, t.customerId)],
);

// ---------------------------------------------------------------------------------------------
// Notify (issue 21): salespeople as recipients, deterioration alerts, the digests and alerts sent.

/** The customers' sales agents as the exports name them; an e-mail makes them a digest recipient. */
export const salespeople = pgTable('salespeople', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Exactly as `customers.salesperson` spells it. */
  name: text('name').notNull().unique(),
  email: text('email'),
  language: text('language', { enum: LANGUAGES }).notNull().default('it'),
  createdAt: createdAt(),
});

/** A deterioration seen by the day's run: listed in the app until acknowledged, sent by digest or at once. */
export const notifyAlerts = pgTable(
  'notify_alerts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    /** What the alert is about (`promise:12`, `overLimit:4:2026-12-01`): one alert per fact. */
    key: text('key').notNull(),
    date: text('date').notNull(),
    /** JSON of the figures the reason is worded from (classes, cents, dates, document numbers). */
    params: text('params').notNull().default('{}'),
    urgent: boolean('urgent').notNull().default(false),
    /** An urgent alert's e-mails went out (all its recipients); null: not yet, or not urgent. */
    sentAt: text('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    /** The condition ended (exposure back under the limit). */
    resolvedOn: text('resolved_on'),
  },
  (t) => [uniqueIndex('notify_alerts_key').on(t.key), index('notify_alerts_customer_idx').on(t.customerId)],
);

/** Every digest or urgent alert e-mail, sent or failed: the "nothing new" check and the retries read it. */
export const notifyMessages = pgTable(
  'notify_messages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    date: text('date').notNull(),
    at: text('at').notNull(),
    kind: text('kind', { enum: ['digest', 'urgent'] }).notNull(),
    recipient: text('recipient').notNull(),
    role: text('role', { enum: NOTIFY_ROLES }).notNull(),
    email: text('email').notNull(),
    status: text('status', { enum: ['sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    messageId: text('message_id'),
    error: text('error'),
    /** Hash of what the digest said: the same content is not sent twice. */
    fingerprint: text('fingerprint').notNull(),
    customers: integer('customers').notNull(),
    /** JSON array of the alert ids it carried. */
    alertIds: text('alert_ids').notNull().default('[]'),
  },
  (t) => [index('notify_messages_recipient_idx').on(t.role, t.recipient, t.id)],
);
