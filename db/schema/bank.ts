/**
 * Bank statements (issue 15): the camt.053/054 and CBI files imported, their entries (credits,
 * debits, returned bills), what each credit paid or each return reopened (bank matches), and the
 * IBANs learned from matched credits.
 *
 * Why together: a statement import writes the statement and its entries, matching writes the matches
 * and learns the IBANs, and undoing a match reads them all back; they meet the ledger only through
 * customers and open items, so this module builds on ledger.ts alone (and `users`).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BANK_ENTRY_STATUSES } from '../../shared/api/contracts/bank.ts';
import { createdAt, requiredRef, rowId } from './columns.ts';
import { customers, openItems } from './ledger.ts';
import { users } from './safety.ts';

/** One imported statement file; the same file (sha256) is never imported twice. */
export const bankStatements = sqliteTable('bank_statements', {
  id: rowId(),
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
export const bankEntries = sqliteTable(
  'bank_entries',
  {
    id: rowId(),
    statementId: requiredRef('statement_id', () => bankStatements.id),
    /** Where the entry is in its file ("Ntry 3", "line 7 (record 62 002)"). */
    position: text('position').notNull(),
    account: text('account').notNull(),
    bookingDate: text('booking_date').notNull(),
    valueDate: text('value_date'),
    /** Positive cents; the direction says which way. */
    amountCents: integer('amount_cents').notNull(),
    direction: text('direction', { enum: ['credit', 'debit'] }).notNull(),
    isReturn: integer('is_return', { mode: 'boolean' }).notNull().default(false),
    counterpartyName: text('counterparty_name'),
    counterpartyIban: text('counterparty_iban'),
    /** Unstructured remittance lines joined with newlines. */
    remittance: text('remittance').notNull().default(''),
    /** Structured creditor references joined with spaces. */
    reference: text('reference'),
    endToEndId: text('end_to_end_id'),
    bankReference: text('bank_reference'),
    bankCode: text('bank_code'),
    chargesCents: integer('charges_cents').notNull().default(0),
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
export const bankMatches = sqliteTable(
  'bank_matches',
  {
    id: rowId(),
    entryId: requiredRef('entry_id', () => bankEntries.id),
    customerId: requiredRef('customer_id', () => customers.id),
    itemId: integer('item_id').references(() => openItems.id),
    kind: text('kind', { enum: ['payment', 'credit', 'return'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    eventId: integer('event_id'),
    residualBeforeCents: integer('residual_before_cents'),
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
export const customerIbans = sqliteTable(
  'customer_ibans',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    iban: text('iban').notNull(),
    learnedOn: text('learned_on').notNull(),
    /** The credit it was learned from (undoing that match forgets it). */
    entryId: integer('entry_id'),
  },
  (t) => [uniqueIndex('customer_ibans_key').on(t.iban, t.customerId)],
);
