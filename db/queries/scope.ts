/**
 * A list of customers a query is limited to (the run after an import: the customers its batch
 * touched). Sent as one JSON parameter, never one bound variable per id: SQLite takes at most
 * 32,766 variables in one statement, and an import can touch more customers than that.
 */
import { type Column, type SQL, sql } from 'drizzle-orm';

/** The customers a query is limited to, or undefined for all. */
export type CustomerScope = readonly number[] | undefined;

/** `column IN (the scope)`, or no condition without a scope. */
export function inScope(column: Column, scope: CustomerScope): SQL | undefined {
  return scope ? sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(scope)}))` : undefined;
}

/** The same condition for a hand-written statement, naming its column as SQL text (`1` without a scope). */
export function inScopeSql(column: string, scope: CustomerScope): SQL {
  return scope ? sql`${sql.raw(column)} IN (SELECT value FROM json_each(${JSON.stringify(scope)}))` : sql`1`;
}
