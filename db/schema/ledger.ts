/**
 * The ledger: customers, their open items (one per installment of a document) and what happened to
 * each (item events), with the imports that brought them in — import batches, the before-image of
 * every row a batch touched (so the latest batch can be undone exactly) and the column mapping
 * profiles of known layouts.
 *
 * Why together: an import writes all of them in one transaction and an undo restores them together;
 * they are the receivables as accounting exported them. Every other area hangs off a customer or an
 * open item defined here, so this module imports only `users` (safety.ts) and no area above it.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BANDS } from '../../shared/domain/dunning/policy.ts';
import { DOCUMENT_TYPES, ITEM_STATUSES, LANGUAGES } from '../../shared/domain/vocabulary.ts';
import { createdAt, requiredRef, rowId } from './columns.ts';
import { users } from './safety.ts';

export const customers = sqliteTable(
  'customers',
  {
    id: rowId(),
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
    creditLimitCents: integer('credit_limit_cents'),
    language: text('language', { enum: LANGUAGES }).notNull().default('it'),
    orderBlocked: integer('order_blocked', { mode: 'boolean' }).notNull().default(false),
    keyAccount: integer('key_account', { mode: 'boolean' }).notNull().default(false),
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
    // The worklist sorted by customer (case folded) reads customers in this order.
    index('customers_name_nocase_idx').on(sql`name COLLATE NOCASE`),
  ],
);

export const openItems = sqliteTable(
  'open_items',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }).notNull(),
    documentNumber: text('document_number').notNull(),
    /** '' when the export has no document date: it is part of the natural key. */
    documentDate: text('document_date').notNull(),
    dueDate: text('due_date').notNull(),
    /** '' when the export has no installment column: it is part of the natural key. */
    installment: text('installment'),
    amountCents: integer('amount_cents').notNull(),
    residualCents: integer('residual_cents').notNull(),
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
export const itemEvents = sqliteTable(
  'item_events',
  {
    id: rowId(),
    itemId: requiredRef('item_id', () => openItems.id),
    batchId: integer('batch_id').references(() => importBatches.id),
    date: text('date').notNull(),
    kind: text('kind', {
      enum: ['payment', 'partial_payment', 'credit_applied', 'reversal', 'increase'],
    }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    residualBeforeCents: integer('residual_before_cents').notNull(),
    residualAfterCents: integer('residual_after_cents').notNull(),
    /** The bank credit (or returned bill) that caused it: its booking date is the event's date. */
    bankEntryId: integer('bank_entry_id'),
  },
  (t) => [
    index('item_events_item_idx').on(t.itemId),
    index('item_events_batch_idx').on(t.batchId),
    index('item_events_bank_entry_idx').on(t.bankEntryId),
  ],
);

export const importBatches = sqliteTable('import_batches', {
  id: rowId(),
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
    id: rowId(),
    batchId: requiredRef('batch_id', () => importBatches.id),
    /** `customer_master`: every column a master-data or e-invoice import fills (db/queries/master-data.ts). */
    entity: text('entity', { enum: ['customer', 'customer_master', 'open_item'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    before: text('before'),
  },
  (t) => [index('batch_changes_batch_idx').on(t.batchId)],
);

export const mappingProfiles = sqliteTable('mapping_profiles', {
  id: rowId(),
  name: text('name').notNull().unique(),
  /** Normalized header list joined with '|': a file with the same headers uses this profile. */
  headerSignature: text('header_signature').notNull(),
  headers: text('headers').notNull(),
  mapping: text('mapping').notNull(),
  createdAt: createdAt(),
});
