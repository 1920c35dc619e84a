/**
 * What the backend needs to run, built once per process by the transport (IPC, HTTP, CLI).
 * The clock is injected so every test and CLI run can fix "today".
 */

import type { Ledger } from '../../db/open.ts';
import type { UserRecord } from '../../db/queries/users.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { BackendConfig } from './config.ts';
import type { AuthState, SessionBinding, Transport } from './services/auth/sessions.ts';
import type { LedgerHealth } from './services/safety/health.ts';

export type { Transport };

export interface BackendContext {
  /** The open ledger; replaced by `reopen` (after a restore): read it at call time, never keep it. */
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
  /** `ok`, or `damaged` (start-up check failed: recovery mode) / `restoring` (services/safety/health.ts). */
  health: LedgerHealth;
  /** The migrations this version knows (backups compare a copy's level against them). */
  migrationsFolder: string;
  /** The Electron build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string | undefined;
  /** Closes the ledger connection and opens the file at `dbPath` again, checked (after a restore). */
  reopen: () => Promise<void>;
  /**
   * Closes this ledger (and frees its lock) and opens another file as the ledger from now on:
   * the demo company's "start my own ledger" (services/demo-ledger.ts). Sessions are the caller's.
   */
  switchLedger: (dbPath: string) => Promise<void>;
  /** Sessions, the wrong-password limiter and the hashing cost (services/auth/). */
  auth: AuthState;
  /** What the starting process said of its build and host: worker files, assets, secrets' cipher. */
  config: BackendConfig;
  /** Stops the backend's timers, closes the ledger and releases the app lock. */
  close: () => void;
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
  /** The transport's session (browser mode, desktop); absent for the CLI and in-process callers. */
  session?: SessionBinding | undefined;
  /** Set by a mutation handler to make its audit row say what changed. */
  audit: AuditDetails;
  /** Present for long jobs: cancellation and progress. */
  signal: AbortSignal;
  progress: (phase: string, done: number, total: number) => void;
}

/** What the sign-in methods get: perhaps nobody is signed in yet. */
export interface PublicCallContext {
  app: BackendContext;
  user: UserRecord | null;
  session?: SessionBinding | undefined;
  transport: Transport;
}
