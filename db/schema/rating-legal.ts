/**
 * Internal rating and the legal phase: each customer's rating history (score, class, the factors
 * that explain it), and the legal dossiers of cases escalated to a lawyer or an agency with their
 * events (phases, documents, acts that interrupt prescription), costs and recoveries.
 *
 * Why together: they are what happens beyond routine dunning, added together (migration
 * 0008_rating_legal); a dossier's recovery evaluation uses the customer's rating class. A
 * dossier continues a dunning case and its events point at the collector's attachments, so this
 * module builds on dunning.ts and contacts.ts.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COST_KINDS, HANDLERS, LEGAL_EVENT_KINDS, LEGAL_PHASES } from '../../shared/domain/legal.ts';
import { CONFIDENCE_LEVELS, RATING_CLASSES } from '../../shared/domain/rating.ts';
import { createdAt, requiredRef, rowId } from './columns.ts';
import { attachments } from './contacts.ts';
import { cases } from './dunning.ts';
import { customers } from './ledger.ts';
import { users } from './safety.ts';

/**
 * Rating history: a row each time a customer's score or class changes (the chart and the
 * "rating changed" list). The latest row per customer is the current rating; when only the
 * explanation moves (factors, confidence) it is refreshed in place and `computedOn` advances.
 */
export const ratings = sqliteTable(
  'ratings',
  {
    id: rowId(),
    customerId: requiredRef('customer_id', () => customers.id),
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
export const legalDossiers = sqliteTable(
  'legal_dossiers',
  {
    id: rowId(),
    caseId: requiredRef('case_id', () => cases.id),
    customerId: requiredRef('customer_id', () => customers.id),
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
    furtherCostsCents: integer('further_costs_cents'),
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
export const legalEvents = sqliteTable(
  'legal_events',
  {
    id: rowId(),
    dossierId: requiredRef('dossier_id', () => legalDossiers.id),
    date: text('date').notNull(),
    kind: text('kind', { enum: LEGAL_EVENT_KINDS }).notNull(),
    phase: text('phase'),
    description: text('description').notNull(),
    /** A written demand delivered, an acknowledgment or a judicial act: restarts prescription. */
    interruptive: integer('interruptive', { mode: 'boolean' }).notNull().default(false),
    attachmentId: integer('attachment_id').references(() => attachments.id),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_events_dossier_idx').on(t.dossierId, t.date)],
);

export const legalCosts = sqliteTable(
  'legal_costs',
  {
    id: rowId(),
    dossierId: requiredRef('dossier_id', () => legalDossiers.id),
    date: text('date').notNull(),
    kind: text('kind', {
      enum: COST_KINDS,
    }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_costs_dossier_idx').on(t.dossierId)],
);

/** Amounts the lawyer or agency recovered (the ledger sees them when accounting books them). */
export const legalRecoveries = sqliteTable(
  'legal_recoveries',
  {
    id: rowId(),
    dossierId: requiredRef('dossier_id', () => legalDossiers.id),
    date: text('date').notNull(),
    amountCents: integer('amount_cents').notNull(),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_recoveries_dossier_idx').on(t.dossierId)],
);
