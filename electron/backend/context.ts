/**
 * What the backend needs to run, built once per process by the transport (IPC, HTTP, CLI).
 * The clock is injected so every test and CLI run can fix "today".
 */

import type { Ledger } from '../../db/open.ts';
import type { UserRecord } from '../../db/queries/users.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import type { IsoDate } from '../../shared/domain/dates.ts';

export type Transport = 'electron' | 'browser' | 'cli';

export interface BackendContext {
  db: Ledger;
  dbPath: string;
  /** Folder beside the ledger for staged files, attachments, archived letters. */
  dataDir: string;
  today: () => IsoDate;
  /** Timestamp for audit rows (ISO-8601 UTC). */
  now: () => string;
  mode: Transport;
  version: string;
  emit: (event: AppEvent) => void;
  jobs: Map<string, AbortController>;
}

export interface AuditDetails {
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
}

/** Per-call context handed to handlers. */
export interface CallContext {
  app: BackendContext;
  user: UserRecord;
  /** Set by a mutation handler to make its audit row say what changed. */
  audit: AuditDetails;
  /** Present for long jobs: cancellation and progress. */
  signal: AbortSignal;
  progress: (phase: string, done: number, total: number) => void;
}
