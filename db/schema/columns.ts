/**
 * Column helpers shared by every area's tables. They live here once, and each module under
 * db/schema/ imports them rather than keeping its own copy: the helper decides the column's SQL
 * (type, default), so a copy edited in one area would silently give that area's tables a different
 * column than the others and a migration nobody asked for. Not re-exported by db/schema.ts: the
 * entry point exports tables only, as it always did.
 */
import { sql } from 'drizzle-orm';
import { integer, type ReferenceConfig, text } from 'drizzle-orm/sqlite-core';

/** When the row was written: ISO-8601 UTC text with milliseconds, stamped by SQLite at insert. */
export const createdAt = () =>
  text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** A table's own id: INTEGER PRIMARY KEY AUTOINCREMENT (SQLite never hands a deleted row's id out again). */
export const rowId = () => integer('id').primaryKey({ autoIncrement: true });

/**
 * A row's required link to a row of another table (e.g. `customer_id` to customers.id): NOT NULL,
 * with its foreign key. The target is a function, as drizzle's `references` takes it, so a table may
 * name one defined after it.
 */
export const requiredRef = <N extends string>(
  name: N,
  target: ReferenceConfig['ref'],
  actions?: ReferenceConfig['actions'],
) => integer(name).notNull().references(target, actions);
