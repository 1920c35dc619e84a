/**
 * The ledger's tables (drizzle sqlite-core). Money in integer cents, business dates as
 * `YYYY-MM-DD` text, timestamps as ISO-8601 UTC text. Migrations are generated from this file
 * with `npm run db:generate` and committed in db/migrations/.
 *
 * This file is the one entry point: the tables live in db/schema/, one module per area, and are all
 * re-exported here, so importers (db/open.ts, db/queries/, the tests) and drizzle-kit
 * (db/drizzle.config.ts) see the same set of tables as before the split. The modules import each
 * other downward only (no cycles):
 *   columns.ts       shared column helpers (created_at), imported by the others, not re-exported
 *   safety.ts        users, audit log, settings, customer privacy — below every other area
 *   ledger.ts        customers, open items, item events, import batches and their undo data
 *   dunning.ts       policies, cases, tasks, promises, disputes, plans, runs, item reminders, fees
 *   contacts.ts      the collector's contact log and attachments
 *   letters.ts       interest rates, templates, letter batches and archive, mail outbox, PEC receipts
 *   rating-legal.ts  rating history, legal dossiers with their events, costs and recoveries
 *   kpi.ts           KPI snapshots and their per-customer lines
 *   bank.ts          bank statements, entries, matches, learned IBANs
 *   notify.ts        salespeople, deterioration alerts, notification messages
 * A new table goes in its area's module; a new area gets a module and a line here.
 */
export * from './schema/bank.ts';
export * from './schema/contacts.ts';
export * from './schema/dunning.ts';
export * from './schema/kpi.ts';
export * from './schema/ledger.ts';
export * from './schema/letters.ts';
export * from './schema/notify.ts';
export * from './schema/rating-legal.ts';
export * from './schema/safety.ts';
