/**
 * One transaction around an asynchronous body (issue 17, step 1 of docs/team-edition.md).
 *
 * drizzle's better-sqlite3 `transaction()` runs its callback synchronously: an async body would
 * commit at its first `await` and run the rest outside the transaction. So the transaction is
 * opened and closed here, by hand. On SQLite every request shares one connection, and any statement
 * run while a transaction is open is part of it, so three rules keep other work out:
 * - a per-connection queue: no transaction begins until the one before has committed or rolled back;
 * - a transaction begins on a turn of the event loop of its own (after the code that started it, and
 *   the code the previous transaction's end let go on, have run to their next wait), so no other
 *   flow's statement can land between its BEGIN and its COMMIT;
 * - its body must not wait for the event loop (I/O, a timer, a worker): statements only. A body that
 *   does is refused at its end and rolled back, since another request's writes may have joined it.
 * A transaction opened inside another one, while that one is open, is a savepoint (as drizzle's
 * nested transactions are): its failure undoes its own part only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Ledger } from './open.ts';

export interface TransactionConfig {
  behavior?: 'deferred' | 'immediate' | 'exclusive';
}

type Client = Ledger['$client'];

/** One open transaction; `open` turns false at its COMMIT or ROLLBACK. */
interface Open {
  client: Client;
  open: boolean;
}

/** The tail of each connection's queue: resolves when the last transaction queued has finished. */
const tails = new WeakMap<Client, Promise<void>>();
/** The transactions of the current async call chain, innermost last (for nesting). */
const chain = new AsyncLocalStorage<readonly Open[]>();
/** Connections whose queue a transaction currently holds. */
const held = new WeakSet<Client>();
let savepoints = 0;

export class TransactionYieldedError extends Error {
  constructor() {
    super(
      'A ledger transaction waited for the event loop before it ended (I/O, a timer, a worker): on SQLite other requests could have written into it, so it was rolled back. Do that work before or after the transaction.',
    );
    this.name = 'TransactionYieldedError';
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function inTransaction<T>(
  db: Ledger,
  body: (tx: Ledger) => Promise<T> | T,
  config: TransactionConfig = {},
): Promise<T> {
  const client = db.$client;
  // Nested: inside this call chain's own transaction while it is still open, or inside a
  // synchronous transaction opened without the queue (better-sqlite3's own, e.g. a migration).
  const mine = chain.getStore()?.some((t) => t.client === client && t.open) ?? false;
  if (mine || (client.inTransaction && !held.has(client))) return savepoint(db, body);

  const previous = tails.get(client) ?? Promise.resolve();
  let release = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  tails.set(
    client,
    previous.then(() => done),
  );
  await previous;
  await nextTurn();
  held.add(client);
  const open: Open = { client, open: true };
  try {
    client.exec(`BEGIN ${(config.behavior ?? 'deferred').toUpperCase()}`);
    // Set when the event loop turns: a body that lets it turn has waited for something else.
    let turned = false;
    const watch = setImmediate(() => {
      turned = true;
    });
    try {
      const result = await chain.run([...(chain.getStore() ?? []), open], () => body(db));
      if (turned) throw new TransactionYieldedError();
      client.exec('COMMIT');
      return result;
    } catch (err) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw err;
    } finally {
      clearImmediate(watch);
    }
  } finally {
    open.open = false;
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
    // SQLite may already have rolled the whole transaction back (disk full, I/O error): then there is
    // no savepoint left to return to, and the original error is the one to report.
    if (client.inTransaction) {
      try {
        client.exec(`ROLLBACK TO ${name}`);
        client.exec(`RELEASE ${name}`);
      } catch {
        // The original error says more than a missing savepoint.
      }
    }
    throw err;
  }
}
