/**
 * What the import worker and its parent exchange. Cancel goes through shared memory: the worker
 * runs synchronously (reader, better-sqlite3) and would not see a message until it is done.
 *
 * control[STATE]: READING until the worker opens the ledger (compare-and-swap to WRITING), or
 * CANCELLED when the parent cancelled first — then the parent may stop the thread outright,
 * since nothing of the ledger is open. Once WRITING, the parent raises control[CANCEL] and the
 * worker rolls its transaction back at its next check.
 */
import type { OpenOptions } from '../../../../db/open.ts';
import type { ApiErrorBody } from '../../../../shared/api/errors.ts';
import type { ImportOutcome, ImportRequest } from './run.ts';

export const STATE = 0;
export const CANCEL = 1;
export const READING = 0;
export const WRITING = 1;
export const CANCELLED = 2;

export interface ImportWorkerData {
  dbPath: string;
  /** Sent by a bundled build (createBackend's config.workers.import); from source the defaults are right. */
  openOptions?: OpenOptions;
  stagedPath: string;
  request: ImportRequest;
  /** Int32Array(2) over a SharedArrayBuffer: [STATE, CANCEL]. */
  control: SharedArrayBuffer;
}

export type ImportWorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; outcome: ImportOutcome }
  | { type: 'error'; error: ApiErrorBody };
