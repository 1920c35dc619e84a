/** A backend on a fresh temporary ledger, for db/api tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeLedger, openLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch, type Request } from '../../electron/backend/dispatch.ts';
import { type Call, typedClient } from '../../shared/api/client.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';

/**
 * The scrypt cost of test users: 2^10 (about 3 ms a hash here) instead of 2^12 (11 ms), which
 * mattered where a test signs in hundreds of times (the permission matrix's CLI runs verify the
 * password once per method and role). The product's default is checked in test/api/auth.test.ts.
 */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export function tempDir(prefix = 'incasso-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestBackend {
  ctx: BackendContext;
  dir: string;
  dbPath: string;
  /**
   * Calls the dispatcher as the first admin unless another user id is given: an in-process call
   * with a session already established for that user (the transports never take a user id).
   */
  call: (method: string, input?: unknown, userId?: number) => ReturnType<typeof dispatch>;
  /**
   * The typed client (shared/api/client.ts) as the first admin: a method's output typed from the
   * contract; a refusal throws an ApiError with its code.
   */
  api: Call;
  close: () => void;
}

/** The sign-in clock of a test: operational milliseconds moved by hand. */
export function manualClock(start = 1_800_000_000_000): {
  nowMs: () => number;
  advance: (ms: number) => void;
} {
  let now = start;
  return { nowMs: () => now, advance: (ms) => (now += ms) };
}

/** This process's migrated empty ledger (see `freshLedger`), made on first use. */
let template: string | null = null;

/**
 * Puts a new ledger at `dbPath`: a copy of one migrated once per test process, instead of running
 * every migration again for each test (about a tenth of a second each, hundreds of tests). The copy
 * has the schema and nothing else — no ledger id, no admin, no policies: `createBackend` adds those
 * to it as to a new file, so each test's ledger is still its own.
 */
export function freshLedger(dbPath: string): void {
  if (template === null || !fs.existsSync(template)) {
    const dir = tempDir('incasso-template-');
    const file = path.join(dir, 'migrated.db');
    closeLedger(openLedger(file));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    template = file;
  }
  // Closed, the template is one file (SQLite checkpoints and removes the WAL on close).
  fs.copyFileSync(template, dbPath);
}

export async function testBackend(
  today = '2026-11-23',
  opts: { clock?: { nowMs: () => number } } = {},
): Promise<TestBackend> {
  const dir = tempDir();
  const dbPath = path.join(dir, 'ledger.db');
  freshLedger(dbPath);
  // A cheaper scrypt cost keeps tests quick; the product's default is checked in test/api/auth.test.ts.
  const ctx = await createBackend({
    dbPath,
    mode: 'cli',
    today,
    auth: { scrypt: TEST_SCRYPT, ...(opts.clock ? { clock: opts.clock } : {}) },
  });
  return {
    ctx,
    dir,
    dbPath,
    call: (method, input = {}, userId = 1) => dispatch(ctx, { method, input, userId } satisfies Request),
    api: typedClient((method, input) => dispatch(ctx, { method, input, userId: 1 })),
    close: () => {
      closeLedger(ctx.db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The data of a call that must succeed, of the type the caller names (for tests that call methods by
 * name strings); a refused call throws with its method, code and message.
 */
export async function callData<T>(
  tb: Pick<TestBackend, 'call'>,
  method: string,
  input: unknown,
  userId?: number,
): Promise<T> {
  const r = await tb.call(method, input, userId);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/**
 * The data of a call that must succeed, typed from the contract (the typed client over `tb.call`);
 * a refused call throws with its method, code and message.
 */
export function callOk<M extends MethodName>(
  tb: Pick<TestBackend, 'call'>,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const call = typedClient((m, i) => tb.call(m, i), {
    refused: (error, m) => new Error(`${m}: ${error.code} ${error.message}`),
  });
  return call(method, input);
}
