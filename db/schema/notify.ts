/**
 * Notify (issue 21): salespeople as recipients, the deterioration alerts the day's run raises, and
 * every digest or urgent alert e-mail sent or failed.
 *
 * Why together: the notify step of the run writes the alerts, picks the recipients (salespeople by
 * the name the exports give them, users by role) and records the messages it sent, which the
 * "nothing new" check and the retries read back. They meet the ledger only through customers.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ALERT_KINDS, NOTIFY_ROLES } from '../../shared/domain/notify.ts';
import { LANGUAGES } from '../../shared/domain/vocabulary.ts';
import { createdAt, requiredRef, rowId } from './columns.ts';
import { customers } from './ledger.ts';
import { users } from './safety.ts';

/** The customers' sales agents as the exports name them; an e-mail makes them a digest recipient. */
export const salespeople = sqliteTable('salespeople', {
  id: rowId(),
  /** Exactly as `customers.salesperson` spells it. */
  name: text('name').notNull().unique(),
  email: text('email'),
  language: text('language', { enum: LANGUAGES }).notNull().default('it'),
  createdAt: createdAt(),
});

/** A deterioration seen by the day's run: listed in the app until acknowledged, sent by digest or at once. */
export const notifyAlerts = sqliteTable(
  'notify_alerts',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    /** What the alert is about (`promise:12`, `overLimit:4:2026-12-01`): one alert per fact. */
    key: text('key').notNull(),
    date: text('date').notNull(),
    /** JSON of the figures the reason is worded from (classes, cents, dates, document numbers). */
    params: text('params').notNull().default('{}'),
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
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
export const notifyMessages = sqliteTable(
  'notify_messages',
  {
    id: rowId(),
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
