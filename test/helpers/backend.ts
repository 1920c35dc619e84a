/** A backend on a fresh temporary ledger, for db/api tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch, type Request } from '../../electron/backend/dispatch.ts';

export const TEST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

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

export function testBackend(
  today = '2026-11-23',
  opts: { clock?: { nowMs: () => number } } = {},
): TestBackend {
  const dir = tempDir();
  const dbPath = path.join(dir, 'ledger.db');
  // A cheaper scrypt cost keeps tests quick; the product's default is checked in test/api/auth.test.ts.
  const ctx = createBackend({
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
    close: () => {
      closeLedger(ctx.db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The data of a call that must succeed; a refused call throws with its code and message. */
export async function callOk<T>(tb: Pick<TestBackend, 'call'>, method: string, input?: unknown): Promise<T> {
  const r = await tb.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
