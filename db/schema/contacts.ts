/**
 * The collector's contact log and attachments: every call, e-mail, visit, note or letter sent to or
 * by a customer, and the documents received or produced (stored in the data folder with their
 * sha256).
 *
 * Why together, and apart from dunning: they are the customer's history as the collector records
 * it, about a case, a task or a dispute but outliving them; an attachment belongs to a contact or a
 * dispute. Letters (letters.ts) log each letter sent as a contact and legal events (rating-legal.ts)
 * point at attachments, so this module sits between dunning and those two.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CONTACT_CHANNELS, CONTACT_DIRECTIONS } from '../../shared/domain/vocabulary.ts';
import { createdAt, requiredRef, rowId } from './columns.ts';
import { cases, disputes, tasks } from './dunning.ts';
import { customers } from './ledger.ts';
import { users } from './safety.ts';

/** The contact log: calls, e-mails, visits, notes, letters sent — everything said to or by a customer. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
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
export const attachments = sqliteTable(
  'attachments',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    contactId: integer('contact_id').references(() => contacts.id),
    disputeId: integer('dispute_id').references(() => disputes.id),
    fileName: text('file_name').notNull(),
    /** Relative to the data folder. */
    path: text('path').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mime: text('mime').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_customer_idx').on(t.customerId)],
);
