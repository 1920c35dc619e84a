import { sql } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { customers, openItems } from '../schema.ts';

export type NewCustomer = typeof customers.$inferInsert;
export type NewOpenItem = typeof openItems.$inferInsert;

export function isLedgerEmpty(db: Ledger): boolean {
  const one = (t: typeof customers | typeof openItems) =>
    db.select({ x: sql<number>`1` }).from(t).limit(1).get();
  return !one(customers) && !one(openItems);
}

/** Inserts customers and returns their ids in order (for small batches: demo, tests). */
export function insertCustomers(db: Ledger, rows: NewCustomer[]): number[] {
  return rows.map((r) => db.insert(customers).values(r).returning({ id: customers.id }).get().id);
}

export async function insertOpenItems(db: Ledger, rows: NewOpenItem[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    db.insert(openItems)
      .values(rows.slice(i, i + 500))
      .run();
}

export async function countOpenItems(db: Ledger): Promise<number> {
  return db.select({ n: sql<number>`COUNT(*)` }).from(openItems).get()?.n ?? 0;
}

/**
 * SQLite's data version of this connection: it moves when another connection (another process, a
 * worker) commits a change, never for this connection's own writes.
 */
export function otherConnectionsVersion(db: Ledger): number {
  return Number(db.$client.pragma('data_version', { simple: true }));
}
