/**
 * Safety: who acts, what they did and what the office keeps about people — users (roles, the areas
 * a collector covers, sign-in), the append-only audit log, the settings an admin changes, and each
 * customer's privacy state (GDPR legal hold, anonymisation; docs/PRIVACY.md).
 *
 * Why together: these tables guard the ledger rather than describe it. Nearly every other area's rows
 * name a user (`userId`, `assigneeId`, `collectorId`…), so `users` must sit below all of them: this
 * module imports no other area, and every area can import it without an import cycle (which
 * test/boundaries.ts refuses). Neither the audit log nor the privacy state has a foreign key, so they
 * outlive the rows they describe (undoing an import deletes the customers it created).
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { USER_ROLES } from '../../shared/domain/vocabulary.ts';
import { createdAt, rowId } from './columns.ts';

export const users = sqliteTable('users', {
  id: rowId(),
  name: text('name').notNull().unique(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  /** JSON array of the areas a collector covers (used by dunning assignment). */
  areas: text('areas').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  /** scrypt hash with its parameters (electron/backend/services/auth/password.ts); null: cannot sign in. */
  passwordHash: text('password_hash'),
  /** The OS account whose CLI runs act as this user with no password (set by `init` or an admin). */
  osAccount: text('os_account').unique(),
});

/** Append-only record of every mutation: who, when, what, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: rowId(),
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

/**
 * A customer's privacy state: a legal hold (litigation, a claim, an authority's request) blocks
 * anonymisation; `anonymisedOn` records when the personal data were removed (amounts kept).
 * No foreign key, like the KPI lines: undoing an import deletes the customers it created.
 */
export const customerPrivacy = sqliteTable('customer_privacy', {
  customerId: integer('customer_id').primaryKey(),
  legalHold: integer('legal_hold', { mode: 'boolean' }).notNull().default(false),
  legalHoldReason: text('legal_hold_reason'),
  legalHoldOn: text('legal_hold_on'),
  anonymisedOn: text('anonymised_on'),
});
