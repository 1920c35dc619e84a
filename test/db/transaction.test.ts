/**
 * inTransaction (db/transaction.ts): one transaction around an asynchronous body. What a clerk would
 * lose without it: a change half written when the body awaits (drizzle's own transaction commits at
 * the first await), two users' changes interleaved, or a failed part of a change left behind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, TransactionYieldedError } from '../../db/transaction.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(() => b.close());

const count = (code: string): number =>
  Number(b.ctx.db.$client.prepare('SELECT count(*) FROM customers WHERE code = ?').pluck().get(code));
const add = (code: string): void => {
  b.ctx.db.$client.prepare("INSERT INTO customers (code, name) VALUES (?, 'Cliente')").run(code);
};
/** A real wait: other work (timers, I/O, other requests) runs meanwhile. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a ledger call is on SQLite: a promise already resolved, no turn of the event loop. */
const statement = () => Promise.resolve();

describe('inTransaction', () => {
  it('commits when the body has finished, not at its first await', async () => {
    let seenFromOutside: number | null = null;
    const other = (await import('better-sqlite3')).default(b.dbPath, { readonly: true });
    try {
      await inTransaction(b.ctx.db, async () => {
        add('T1');
        await statement();
        // Another connection (a CLI, another workstation) does not see the half-done change.
        seenFromOutside = Number(
          other.prepare("SELECT count(*) FROM customers WHERE code = 'T1'").pluck().get(),
        );
        add('T2');
      });
      expect(seenFromOutside).toBe(0);
      expect(
        Number(other.prepare("SELECT count(*) FROM customers WHERE code IN ('T1','T2')").pluck().get()),
      ).toBe(2);
    } finally {
      other.close();
    }
  });

  it('rolls everything back when the body fails after an await', async () => {
    await expect(
      inTransaction(b.ctx.db, async () => {
        add('R1');
        await statement();
        add('R2');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(count('R1') + count('R2')).toBe(0);
    expect(b.ctx.db.$client.inTransaction).toBe(false);
  });

  it('runs two transactions one after the other, never interleaved', async () => {
    const order: string[] = [];
    const first = inTransaction(b.ctx.db, async () => {
      order.push('first begins');
      add('A1');
      await statement();
      await statement();
      order.push('first ends');
    });
    const second = inTransaction(b.ctx.db, async () => {
      order.push('second begins');
      add('B1');
      order.push('second ends');
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
    expect(count('A1') + count('B1')).toBe(2);
  });

  it('a failed transaction does not block the next one', async () => {
    const failed = inTransaction(b.ctx.db, async () => {
      await statement();
      throw new Error('no');
    });
    const next = inTransaction(b.ctx.db, async () => add('N1'));
    await expect(failed).rejects.toThrow('no');
    await next;
    expect(count('N1')).toBe(1);
  });

  it('a nested transaction is a savepoint: its failure undoes its own part only', async () => {
    await inTransaction(b.ctx.db, async () => {
      add('O1');
      await expect(
        inTransaction(b.ctx.db, async () => {
          add('I1');
          await statement();
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await inTransaction(b.ctx.db, async () => add('I2'));
      add('O2');
    });
    expect([count('O1'), count('I1'), count('I2'), count('O2')]).toEqual([1, 0, 1, 1]);
  });

  it('takes the write lock first when asked (immediate), so a writer elsewhere waits for it', async () => {
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(b.dbPath, { timeout: 0 });
    try {
      await inTransaction(
        b.ctx.db,
        async () => {
          await statement();
          // Nothing written yet by this body, but the lock is held: the other writer is refused.
          expect(() => other.prepare("INSERT INTO customers (code, name) VALUES ('X', 'x')").run()).toThrow(
            /locked|busy/i,
          );
        },
        { behavior: 'immediate' },
      );
    } finally {
      other.close();
    }
  });

  it('refuses and rolls back a body that waits for the event loop (another request could have written into it)', async () => {
    await expect(
      inTransaction(b.ctx.db, async () => {
        add('W1');
        await pause(5);
        add('W2');
      }),
    ).rejects.toThrow(TransactionYieldedError);
    expect(count('W1') + count('W2')).toBe(0);
    await inTransaction(b.ctx.db, async () => add('W3'));
    expect(count('W3')).toBe(1);
  });

  it("a transaction started without waiting for it does not take in the starter's own writes", async () => {
    // A flow starts some work in a transaction of its own and carries on writing meanwhile (as the
    // run starts the day's notices): its writes are not part of that transaction, which rolls back.
    const started = inTransaction(b.ctx.db, async () => {
      add('S1');
      await statement();
      throw new Error('refused');
    });
    add('C1');
    await statement();
    add('C2');
    await expect(started).rejects.toThrow('refused');
    expect([count('S1'), count('C1'), count('C2')]).toEqual([0, 1, 1]);
  });
});
