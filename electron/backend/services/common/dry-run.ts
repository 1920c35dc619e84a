/**
 * Dry runs: the work runs for real inside one transaction, then that transaction is rolled back
 * and what the work computed is handed out — so a dry run reports exactly what a real run would
 * do (imports, bank statements, the day's run, a policy set tried on today's ledger).
 */
import type { Ledger } from '../../../../db/open.ts';
import { inTransaction } from '../../../../db/transaction.ts';

class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run: rolled back');
  }
}

/**
 * Runs `work` in one transaction. When `work` calls `rollback(result)`, everything it wrote is
 * undone and `result` is returned; otherwise the transaction commits and `work`'s own return
 * value is returned. Any other error rolls back and propagates as usual.
 */
export async function withDryRun<T>(
  db: Ledger,
  work: (rollback: (result: T) => never) => Promise<T> | T,
  config?: { behavior: 'deferred' | 'immediate' | 'exclusive' },
): Promise<T> {
  const rollback = (result: T): never => {
    throw new DryRunRollback(result);
  };
  try {
    return await inTransaction(db, () => work(rollback), config);
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result as T;
    throw err;
  }
}
