/**
 * A change another process commits to the open ledger — an accountant's scheduled `incasso import`
 * on the same file, a worker — reaches the open pages as `ledger-changed`, within the watch's poll;
 * the app's own writes (already announced by what made them) do not set it off.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLedger, openLedger } from '../../db/open.ts';
import { watchLedger } from '../../electron/backend/services/common/ledger-watch.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
let events: AppEvent[];
let stop: () => void;
beforeEach(async () => {
  b = await testBackend('2026-11-23');
  events = [];
  b.ctx.emit = (e) => events.push(e);
  stop = await watchLedger(b.ctx, 20);
});
afterEach(() => {
  stop();
  b.close();
});

const changed = () => events.filter((e) => e.type === 'ledger-changed');

async function waitFor(ok: () => boolean, ms = 2000): Promise<void> {
  const from = performance.now();
  while (!ok()) {
    if (performance.now() - from > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One statement committed by another connection to the same ledger (another process, a worker). */
function commitElsewhere(statement: string): void {
  const other = openLedger(b.dbPath);
  try {
    other.$client.prepare(statement).run();
  } finally {
    closeLedger(other);
  }
}

/** What a command-line import leaves: a batch whose as-of date is 20 November. */
const IMPORT_AS_OF_20_NOVEMBER =
  "INSERT INTO import_batches (file_name, sha256, format, as_of, mode, counts, created_at) VALUES ('x.csv', 'x', 'csv', '2026-11-20', 'snapshot', '{}', '2026-11-23T09:00:00.000Z')";

describe('the ledger watch', () => {
  it("announces another process's commit once, with the ledger's as-of date", async () => {
    commitElsewhere(IMPORT_AS_OF_20_NOVEMBER);
    await waitFor(() => changed().length > 0);
    expect(changed()).toEqual([{ type: 'ledger-changed', asOf: '2026-11-20' }]);
    // Nothing more moved: no second announcement.
    await new Promise((r) => setTimeout(r, 100));
    expect(changed()).toHaveLength(1);
  });

  it("a job's worker commit that the job announces itself (ledger-changed) is not announced twice", async () => {
    commitElsewhere("INSERT INTO users (name, role, areas) VALUES ('Lavoro', 'clerk', '[]')");
    // As the imports handler does once its worker has committed.
    b.ctx.emit({ type: 'ledger-changed', asOf: null });
    await new Promise((r) => setTimeout(r, 150));
    expect(changed()).toEqual([{ type: 'ledger-changed', asOf: null }]);
  });

  it("another process's commit is announced even when a clerk saves something just after it", async () => {
    commitElsewhere(IMPORT_AS_OF_20_NOVEMBER);
    // A clerk's ordinary call, committed on the app's own connection, announced as ledger-written.
    expect((await b.call('users.add', { name: 'Giulia Rossi', role: 'clerk' })).ok).toBe(true);
    await waitFor(() => changed().length > 0);
    expect(changed()).toEqual([{ type: 'ledger-changed', asOf: '2026-11-20' }]);
  });

  it("stays quiet for the app's own writes", async () => {
    const r = await b.call('users.add', { name: 'Giulia Rossi', role: 'clerk' });
    expect(r.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(changed()).toEqual([]);
  });
});
