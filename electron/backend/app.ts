/** Builds the backend for one process: opens the ledger, makes sure a first admin exists. */
import fs from 'node:fs';
import {
  closeLedger,
  DEFAULT_MIGRATIONS,
  isCorruptionError,
  type Ledger,
  type OpenOptions,
  openLedger,
  openScratchLedger,
} from '../../db/open.ts';
import { writeAudit } from '../../db/queries/audit.ts';
import { openFile, quickCheck } from '../../db/queries/backup.ts';
import { countUsers, insertUser } from '../../db/queries/users.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import { AppError } from '../../shared/api/errors.ts';
import { isIsoDate, todayIn } from '../../shared/domain/dates.ts';
import type { BackendConfig } from './config.ts';
import type { BackendContext, Transport } from './context.ts';
import { dataDirFor } from './paths.ts';
import {
  type AuthOptions,
  createAuthState,
  enableDemoSignIn,
  ensureOsMapping,
} from './services/auth/identity.ts';
import { ensureDefaultPolicies } from './services/dunning/policies.ts';
import { removeOrphanBatches } from './services/letters/archive.ts';
import { SOURCE_LETTER_ASSETS, setLetterAssets } from './services/letters/assets.ts';
import { backupBeforeMigrate, backupFolderFromFile, ensureLedgerId } from './services/safety/backup.ts';
import { startBackupScheduler } from './services/safety/daily.ts';
import type { LedgerHealth } from './services/safety/health.ts';
import { acquireLedgerLock } from './services/safety/lock.ts';
import { VERSION } from './version.ts';

export interface BackendOptions extends OpenOptions {
  dbPath: string;
  mode: Transport;
  /** Fixed business date (`--today`, `INCASSO_TODAY`); otherwise the office's calendar day. */
  today?: string;
  emit?: (event: AppEvent) => void;
  /**
   * Check the ledger at start (PRAGMA quick_check) and, when it is damaged, start in recovery mode
   * instead of failing (see services/safety/health.ts). The desktop app and browser mode always
   * do; the CLI only for `restore` and `verify`.
   */
  recovery?: boolean;
  /** The audit clock; by default real time, or the fixed business day (see resolveNow). */
  now?: () => string;
  /** Sign-in: the operational clock of sessions and the scrypt cost (services/auth/identity.ts). */
  auth?: AuthOptions;
  /**
   * The build's worker files and assets, the secrets' cipher, the demo's sign-in (config.ts);
   * what is left out keeps its default: right from source, the key file, no demo sign-in.
   */
  config?: Partial<BackendConfig>;
}

/** The options' config with its defaults. */
export function resolveConfig(given: Partial<BackendConfig> = {}): BackendConfig {
  return {
    workers: given.workers ?? {},
    letterAssets: given.letterAssets ?? SOURCE_LETTER_ASSETS,
    secretCipher: given.secretCipher ?? null,
    demoSignIn: given.demoSignIn ?? false,
  };
}

export const FIRST_ADMIN = 'admin';

export function resolveToday(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): () => string {
  const fixed = explicit ?? env.INCASSO_TODAY;
  if (fixed !== undefined) {
    if (!isIsoDate(fixed))
      throw new AppError('VALIDATION', `--today must be a date as YYYY-MM-DD, got "${fixed}"`);
    return () => fixed;
  }
  return () => todayIn(new Date());
}

const NOON_UTC_MS = 12 * 60 * 60 * 1000;
const TEN_HOURS_MS = 10 * 60 * 60 * 1000;

/**
 * The audit clock (ISO-8601 UTC instants). Real time normally; when the business date is fixed
 * (`--today`, `INCASSO_TODAY`, tests) the instants fall on that office day, from its noon UTC on and
 * in call order, so a fixed-date run writes the same audit days on any machine whatever its clock.
 */
export function resolveNow(
  fixedToday: string | undefined,
  elapsedMs: () => number = () => performance.now(),
): () => string {
  if (fixedToday === undefined) return () => new Date().toISOString();
  const base = Date.parse(`${fixedToday}T00:00:00.000Z`) + NOON_UTC_MS;
  let last = -1;
  return () => {
    // Strictly increasing (audit order), never past 22:00 UTC: still the same day in Rome.
    last = Math.max(last + 1, Math.min(Math.floor(elapsedMs()), TEN_HOURS_MS));
    return new Date(base + last).toISOString();
  };
}

interface Opened {
  db: Ledger;
  health: LedgerHealth;
}

/** The folder setting of a file that cannot be opened as a ledger, if it can be read at all. */
function folderOfBrokenFile(dbPath: string): string | null {
  try {
    const client = openFile(dbPath, { readonly: true });
    try {
      return backupFolderFromFile(client, dbPath);
    } finally {
      client.close();
    }
  } catch {
    return null;
  }
}

/**
 * Opens the ledger (migrations run after their backup) and, when asked, checks it: a failed
 * check or a file SQLite calls corrupt gives an empty stand-in ledger and the `damaged` state.
 */
function openChecked(opts: BackendOptions, check: boolean, dataDir: string, now: () => string): Opened {
  const migrationsFolder = opts.migrationsFolder ?? DEFAULT_MIGRATIONS;
  const damaged = (problems: string[], backupFolder: string | null): Opened => ({
    db: openScratchLedger(opts),
    health: { state: 'damaged', problems, backupFolder, checkedAt: now() },
  });
  let db: Ledger;
  try {
    db = openLedger(opts.dbPath, {
      ...opts,
      beforeMigrate: (client, pending) => {
        backupBeforeMigrate(
          client,
          {
            dbPath: opts.dbPath,
            dataDir,
            migrationsFolder,
            version: VERSION,
            nativeBinding: opts.nativeBinding,
            now: now(),
          },
          pending,
        );
      },
    });
  } catch (err) {
    if (!check || !isCorruptionError(err)) throw err;
    return damaged([(err as Error).message], folderOfBrokenFile(opts.dbPath));
  }
  if (!check) return { db, health: { state: 'ok' } };
  let problems: string[];
  try {
    problems = quickCheck(db.$client);
  } catch (err) {
    if (!isCorruptionError(err)) {
      closeLedger(db);
      throw err;
    }
    problems = [(err as Error).message];
  }
  if (problems.length === 1 && problems[0] === 'ok') return { db, health: { state: 'ok' } };
  const folder = backupFolderFromFile(db.$client, opts.dbPath);
  closeLedger(db);
  return damaged(problems, folder);
}

/**
 * The backend of one process. The desktop app and browser mode hold the ledger's lock file (one
 * app process per ledger), check the ledger at start and make the daily backup; the CLI does
 * neither and waits on SQLite's busy timeout when the app is writing.
 */
export async function createBackend(opts: BackendOptions): Promise<BackendContext> {
  const today = resolveToday(opts.today);
  const appMode = opts.mode !== 'cli';
  let release = appMode ? acquireLedgerLock(opts.dbPath, opts.mode) : () => {};
  // The ledger file in use: `switchLedger` (the demo's "start my own ledger") points it elsewhere.
  let current: BackendOptions = opts;
  try {
    let dataDir = dataDirFor(opts.dbPath);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const now = opts.now ?? resolveNow(opts.today ?? process.env.INCASSO_TODAY);
    const check = appMode || opts.recovery === true;
    const first = openChecked(opts, check, dataDir, now);
    let stopTimers: () => void = () => {};
    const config = resolveConfig(opts.config);
    // This thread's PDF engine and rate table read the fonts and the table from here (assets.ts).
    setLetterAssets(config.letterAssets);
    const ctx: BackendContext = {
      db: first.db,
      dbPath: opts.dbPath,
      dataDir,
      today,
      now,
      mode: opts.mode,
      version: VERSION,
      emit: opts.emit ?? (() => {}),
      jobs: new Map(),
      health: first.health,
      migrationsFolder: opts.migrationsFolder ?? DEFAULT_MIGRATIONS,
      nativeBinding: opts.nativeBinding,
      auth: createAuthState(() => ctx, opts.auth),
      config,
      reopen: async () => {
        closeLedger(ctx.db);
        // After a restore the file must be checked whatever the mode.
        const next = openChecked(current, true, dataDir, ctx.now);
        ctx.db = next.db;
        ctx.health = next.health;
        await prepareLedger(ctx);
      },
      switchLedger: async (dbPath) => {
        // The new file's lock first: if another app holds it, nothing changes.
        const nextRelease = appMode ? acquireLedgerLock(dbPath, opts.mode) : () => {};
        stopTimers();
        closeLedger(ctx.db);
        release();
        release = nextRelease;
        current = { ...current, dbPath };
        dataDir = dataDirFor(dbPath);
        fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        const next = openChecked(current, check, dataDir, ctx.now);
        Object.assign(ctx, { db: next.db, health: next.health, dbPath, dataDir });
        await prepareLedger(ctx);
        if (appMode) stopTimers = startBackupScheduler(ctx);
      },
      close: () => {
        stopTimers();
        closeLedger(ctx.db);
        release();
      },
    };
    await prepareLedger(ctx);
    // The demo's own ledger opens signed in as its admin (no password for demos).
    if (config.demoSignIn) await enableDemoSignIn(ctx);
    if (appMode) {
      // Letters of a batch killed before it committed: personal data the ledger does not know of.
      // Operational time (file ages), not a business date.
      removeOrphanBatches(dataDir, Date.now());
      stopTimers = startBackupScheduler(ctx);
    }
    return ctx;
  } catch (err) {
    release();
    throw err;
  }
}

async function prepareLedger(ctx: BackendContext): Promise<void> {
  ensureLedgerId(ctx.db.$client);
  await ensureFirstAdmin(ctx);
  if (ctx.health.state === 'ok') await ensureOsMapping(ctx);
  await inTransaction(ctx.db, async () => await ensureDefaultPolicies(ctx.db));
}

/** A new ledger gets one admin so somebody can create the other users. */
export async function ensureFirstAdmin(ctx: BackendContext): Promise<void> {
  await inTransaction(ctx.db, async () => {
    if ((await countUsers(ctx.db)) > 0) return;
    const admin = await insertUser(ctx.db, FIRST_ADMIN, 'admin');
    await writeAudit(ctx.db, {
      at: ctx.now(),
      userId: null,
      userName: 'system',
      action: 'users.firstRunAdmin',
      entity: 'user',
      entityId: admin.id,
      after: admin,
    });
  });
}
