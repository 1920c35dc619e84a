/**
 * One transaction around an asynchronous body (issue 17, step 1 of docs/team-edition.md).
 *
 * drizzle's better-sqlite3 `transaction()` runs its callback synchronously: an async body would
 * commit at its first `await` and run the rest outside the transaction. So the transaction is
 * opened and closed here, by hand, and a per-ledger queue makes sure that no other transaction
 * starts on the same connection until this one has committed or rolled back. A transaction opened
 * inside another one (the same async call chain) becomes a savepoint, as drizzle's nested
 * transactions do: its failure undoes its own part only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Ledger } from './open.ts';

export interface TransactionConfig {
  behavior?: 'deferred' | 'immediate' | 'exclusive';
}

type Client = Ledger['$client'];

/** The tail of each connection's queue: resolves when the last transaction queued has finished. */
const tails = new WeakMap<Client, Promise<void>>();
/** Transactions opened by the current async call chain (for nesting). */
const open = new AsyncLocalStorage<ReadonlySet<Client>>();
/** Connections whose queue a transaction currently holds. */
const held = new WeakSet<Client>();
let savepoints = 0;

export async function inTransaction<T>(
  db: Ledger,
  body: (tx: Ledger) => Promise<T> | T,
  config: TransactionConfig = {},
): Promise<T> {
  const client = db.$client;
  // Nested: inside this call chain's own transaction, or inside a synchronous transaction opened
  // without the queue (better-sqlite3's own, e.g. a migration): a savepoint.
  if (open.getStore()?.has(client) || (client.inTransaction && !held.has(client))) return savepoint(db, body);

  const previous = tails.get(client) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  tails.set(
    client,
    previous.then(() => mine),
  );
  await previous;
  held.add(client);
  try {
    client.exec(`BEGIN ${(config.behavior ?? 'deferred').toUpperCase()}`);
    const chain = new Set(open.getStore() ?? []);
    chain.add(client);
    try {
      const result = await open.run(chain, () => body(db));
      client.exec('COMMIT');
      return result;
    } catch (err) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw err;
    }
  } finally {
    held.delete(client);
    release();
  }
}

async function savepoint<T>(db: Ledger, body: (tx: Ledger) => Promise<T> | T): Promise<T> {
  const client = db.$client;
  const name = `incasso_sp_${++savepoints}`;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await body(db);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (err) {
    client.exec(`ROLLBACK TO ${name}`);
    client.exec(`RELEASE ${name}`);
    throw err;
  }
}
