/**
 * The ledger's tables (drizzle sqlite-core). Money in integer cents, business dates as
 * `YYYY-MM-DD` text, timestamps as ISO-8601 UTC text. Migrations are generated from this file
 * with `npm run db:generate` and committed in db/migrations/.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ['clerk', 'accountant', 'manager', 'admin'] }).notNull(),
  /** JSON array of the areas a collector covers (used by dunning assignment). */
  areas: text('areas').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
});

export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The customer's code in the accounting system: the import's key. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    vat: text('vat'),
    taxCode: text('tax_code'),
    address: text('address'),
    email: text('email'),
    pec: text('pec'),
    phone: text('phone'),
    area: text('area'),
    salesperson: text('salesperson'),
    paymentMethod: text('payment_method'),
    collectorId: integer('collector_id').references(() => users.id),
    band: text('band', { enum: ['A', 'B', 'C', 'D', 'E'] }),
    creditLimitCents: integer('credit_limit_cents'),
    language: text('language', { enum: ['it', 'en'] })
      .notNull()
      .default('it'),
    orderBlocked: integer('order_blocked', { mode: 'boolean' }).notNull().default(false),
    firstSeenBatchId: integer('first_seen_batch_id'),
    createdAt: createdAt(),
  },
  (t) => [index('customers_name_idx').on(t.name)],
);

export const openItems = sqliteTable(
  'open_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    documentType: text('document_type', { enum: ['invoice', 'credit_note'] }).notNull(),
    documentNumber: text('document_number').notNull(),
    /** '' when the export has no document date: it is part of the natural key. */
    documentDate: text('document_date').notNull(),
    dueDate: text('due_date').notNull(),
    installment: text('installment'),
    amountCents: integer('amount_cents').notNull(),
    residualCents: integer('residual_cents').notNull(),
    paymentMethod: text('payment_method'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedOn: text('closed_on'),
    firstSeenBatchId: integer('first_seen_batch_id'),
    lastSeenBatchId: integer('last_seen_batch_id'),
  },
  (t) => [
    uniqueIndex('open_items_natural_key').on(
      t.customerId,
      t.documentType,
      t.documentNumber,
      t.documentDate,
      t.dueDate,
    ),
    index('open_items_status_due_idx').on(t.status, t.dueDate),
  ],
);

/** What happened to an item: payments detected by imports, credits applied, reopenings. */
export const itemEvents = sqliteTable(
  'item_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => openItems.id),
    batchId: integer('batch_id').references(() => importBatches.id),
    date: text('date').notNull(),
    kind: text('kind', {
      enum: ['payment', 'partial_payment', 'credit_applied', 'reversal', 'increase'],
    }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    residualBeforeCents: integer('residual_before_cents').notNull(),
    residualAfterCents: integer('residual_after_cents').notNull(),
  },
  (t) => [index('item_events_item_idx').on(t.itemId), index('item_events_batch_idx').on(t.batchId)],
);

export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
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
export const batchChanges = sqliteTable(
  'batch_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id),
    entity: text('entity', { enum: ['customer', 'open_item'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    before: text('before'),
  },
  (t) => [index('batch_changes_batch_idx').on(t.batchId)],
);

export const mappingProfiles = sqliteTable('mapping_profiles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** Normalized header list joined with '|': a file with the same headers uses this profile. */
  headerSignature: text('header_signature').notNull(),
  headers: text('headers').notNull(),
  mapping: text('mapping').notNull(),
  createdAt: createdAt(),
});

/** Append-only record of every mutation: who, when, what, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON value. */
  value: text('value').notNull(),
});
