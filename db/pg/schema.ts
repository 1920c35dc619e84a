/**
 * The ledger's tables for the team edition (drizzle pg-core), derived from db/schema.ts
 * (sqlite-core) by db/pg/derive.ts: one schema definition, so a column added to a SQLite table is
 * on PostgreSQL too (after `drizzle-kit generate --config db/pg/drizzle.config.ts`), with the same
 * names, nullability and defaults, and the same queries read the same rows on both engines
 * (test/db/pg-schema-parity.test.ts compares the two migrated databases). What differs is only what
 * SQLite cannot say, and is written here:
 * - money in cents is `bigint` (amounts up to 9e15 exceed PostgreSQL's 4-byte integer), read back
 *   as a JS number (mode 'number') like SQLite's integers; file sizes too;
 * - ids (INTEGER PRIMARY KEY AUTOINCREMENT) are identity columns `BY DEFAULT`, so a ledger moved
 *   from SQLite keeps its ids;
 * - booleans are `boolean` (SQLite stores 0/1 and drizzle's boolean mode reads them the same);
 * - dates and timestamps stay ISO text, as on SQLite: the product compares them as strings, and the
 *   test cluster's C collation orders text byte by byte like SQLite's BINARY;
 * - the few SQLite expressions PostgreSQL has no spelling for (`divergences` below).
 * Migrations are generated from this file into db/pg/migrations/; the audit log's append-only
 * triggers are a hand-written migration there, as on SQLite.
 */
import { sql } from 'drizzle-orm';
import * as sqlite from '../schema.ts';
import { type Divergences, derivePgSchema } from './derive.ts';

/** The SQLite INTEGER columns that are `bigint` here: money in cents, and file sizes. */
const BIGINT_COLUMNS = /_cents$|^size_bytes$/;

const divergences: Divergences = {
  bigint: (_table, column) => BIGINT_COLUMNS.test(column),
  sqlDefaults: {
    // created_at: the same text SQLite's strftime writes (UTC, milliseconds, 'Z'), so timestamps
    // written by either engine compare as strings.
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))": sql`(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  },
  indexExpressions: {
    // The worklist sorted by customer (case folded) reads customers in this order. SQLite's NOCASE
    // folds ASCII letters only, as lower() does under the C locale the cluster is created with.
    customers_name_nocase_idx: {
      sqlite: 'name COLLATE NOCASE',
      pg: (c) => sql`lower(${c('name')})`,
    },
    // The day the customer's oldest overdue fell due (the daysOverdue factor, second of the
    // priority's factors). SQLite's julianday() has no immutable PostgreSQL twin (a text-to-date cast
    // depends on DateStyle): the day number is built from the ISO text's parts with make_date, which
    // is immutable, so PostgreSQL accepts it in an index. Same order as julianday's (a constant apart).
    tasks_oldest_due_idx: {
      sqlite: "coalesce(julianday(created_on) - json_extract(priority_factors, '$[1].value'), 9999999)",
      pg: (c) =>
        sql`coalesce((make_date(substr(${c('created_on')}, 1, 4)::int, substr(${c('created_on')}, 6, 2)::int, substr(${c('created_on')}, 9, 2)::int) - date '2000-01-01') - ((${c('priority_factors')}::jsonb -> 1 ->> 'value')::numeric), 9999999)`,
    },
  },
};

const pg = derivePgSchema(sqlite, divergences);

// Exported one by one, under db/schema.ts's names: importers (db/pg/copy.ts, db/pg/backup.ts, the
// tests) and drizzle-kit read the tables from this module's exports.
export const {
  attachments,
  auditLog,
  bankEntries,
  bankMatches,
  bankStatements,
  batchChanges,
  caseFees,
  cases,
  contacts,
  customerIbans,
  customerPrivacy,
  customers,
  disputes,
  dunningRuns,
  importBatches,
  interestRates,
  itemEvents,
  itemReminders,
  kpiSnapshotLines,
  kpiSnapshots,
  legalCosts,
  legalDossiers,
  legalEvents,
  legalRecoveries,
  letterBatches,
  letterTemplates,
  letters,
  mailAttempts,
  mailOutbox,
  mappingProfiles,
  notifyAlerts,
  notifyMessages,
  openItems,
  pecReceipts,
  planInstallments,
  plans,
  policies,
  promises,
  ratings,
  salespeople,
  settings,
  tasks,
  users,
} = pg;
