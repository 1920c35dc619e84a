/**
 * Reports and KPIs: snapshots of the ledger's key figures as each import and dunning run left them,
 * with per-customer lines for the breakdowns of past periods (shared/domain/kpi.ts, README "Reports
 * and KPIs"), so trends and past periods stay known after items are closed.
 *
 * Why together, and on their own: the lines belong to their snapshot (deleted with it), and neither
 * has a foreign key into the ledger — undoing an import deletes the customers it created, and a
 * snapshot must not block that — so this module imports no other area.
 */
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { requiredRef, rowId } from './columns.ts';

/** One per as-of date of the ledger; a later run on the same as-of date replaces it. */
export const kpiSnapshots = sqliteTable('kpi_snapshots', {
  id: rowId(),
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
export const kpiSnapshotLines = sqliteTable(
  'kpi_snapshot_lines',
  {
    snapshotId: requiredRef('snapshot_id', () => kpiSnapshots.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id').notNull(),
    receivablesCents: integer('receivables_cents').notNull(),
    creditsCents: integer('credits_cents').notNull(),
    notDueCents: integer('not_due_cents').notNull(),
    d1To30Cents: integer('d1_30_cents').notNull(),
    d31To60Cents: integer('d31_60_cents').notNull(),
    d61To90Cents: integer('d61_90_cents').notNull(),
    d91To180Cents: integer('d91_180_cents').notNull(),
    d181PlusCents: integer('d181_plus_cents').notNull(),
    openCases: integer('open_cases').notNull(),
    inCollectionCents: integer('in_collection_cents').notNull(),
  },
  (t) => [uniqueIndex('kpi_snapshot_lines_key').on(t.snapshotId, t.customerId)],
);
