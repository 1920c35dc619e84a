/**
 * What the import worker and its parent exchange. Cancel goes through shared memory: the worker
 * runs synchronously (reader, better-sqlite3) and would not see a message until it is done.
 *
 * control[SLOT.STATE]: STATE.READING until the worker opens the ledger (compare-and-swap to
 * STATE.WRITING), or STATE.CANCELLED when the parent cancelled first — then the parent may stop the
 * thread outright, since nothing of the ledger is open. Once writing, the parent raises
 * control[SLOT.CANCEL] and the worker rolls its transaction back at its next check.
 */
import type { OpenOptions } from '../../../../db/open.ts';
import type { ApiErrorBody } from '../../../../shared/api/errors.ts';
import type { ImportOutcome, ImportRequest } from './run.ts';

/** The control array's two slots. */
export const SLOT = { STATE: 0, CANCEL: 1 } as const;
/** The values of its STATE slot. */
export const STATE = { READING: 0, WRITING: 1, CANCELLED: 2 } as const;

export interface ImportWorkerData {
  dbPath: string;
  /** Sent by a bundled build (createBackend's config.workers.import); from source the defaults are right. */
  openOptions?: OpenOptions;
  stagedPath: string;
  request: ImportRequest;
  /** Int32Array(2) over a SharedArrayBuffer: [SLOT.STATE, SLOT.CANCEL]. */
  control: SharedArrayBuffer;
}

export type ImportWorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; outcome: ImportOutcome }
  | { type: 'error'; error: ApiErrorBody };
