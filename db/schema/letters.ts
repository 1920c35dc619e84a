/**
 * Letters, e-mail and PEC: the late-payment rate table (D.Lgs. 231/2002) the letters' interest is
 * computed from, the managers' template edits, print batches, the archive of every letter produced,
 * the mail outbox with its attempts, and the PEC receipts that prove delivery.
 *
 * Why together: producing and sending a reminder, statement or formal notice touches all of them —
 * the rate for the claim, the template for the text, the archive for the file, the outbox for the
 * sending and the receipts for the proof. A letter is the document of a dunning task and is logged
 * as a contact, so this module builds on dunning.ts and contacts.ts.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LANGUAGES, LETTER_CHANNELS, LETTER_STATUSES } from '../../shared/domain/vocabulary.ts';
import { createdAt, requiredRef, rowId } from './columns.ts';
import { contacts } from './contacts.ts';
import { cases, tasks } from './dunning.ts';
import { customers } from './ledger.ts';
import { users } from './safety.ts';

/** Late-payment rates (D.Lgs. 231/2002) per half-year; seeded from db/seed/interest_rates_231.csv. */
export const interestRates = sqliteTable('interest_rates', {
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
export const letterTemplates = sqliteTable(
  'letter_templates',
  {
    id: rowId(),
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
export const letterBatches = sqliteTable('letter_batches', {
  id: rowId(),
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
export const letters = sqliteTable(
  'letters',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
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
    sizeBytes: integer('size_bytes').notNull(),
    pages: integer('pages').notNull(),
    overdueCents: integer('overdue_cents').notNull(),
    creditsCents: integer('credits_cents').notNull(),
    interestCents: integer('interest_cents').notNull(),
    compensationCents: integer('compensation_cents').notNull(),
    /** What the letter asks for (the QR amount). */
    totalCents: integer('total_cents').notNull(),
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
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: rowId(),
    taskId: integer('task_id').references(() => tasks.id),
    letterId: integer('letter_id').references(() => letters.id),
    customerId: requiredRef('customer_id', () => customers.id),
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

export const mailAttempts = sqliteTable(
  'mail_attempts',
  {
    id: rowId(),
    outboxId: requiredRef('outbox_id', () => mailOutbox.id),
    at: text('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    response: text('response').notNull(),
  },
  (t) => [index('mail_attempts_outbox_idx').on(t.outboxId)],
);

/** PEC receipts (accettazione, avvenuta consegna…) imported as .eml: evidence of delivery. */
export const pecReceipts = sqliteTable(
  'pec_receipts',
  {
    id: rowId(),
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
