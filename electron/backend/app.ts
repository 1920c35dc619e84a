/** Builds the backend for one process: opens the ledger, makes sure a first admin exists. */
import fs from 'node:fs';
import { type OpenOptions, openLedger } from '../../db/open.ts';
import { writeAudit } from '../../db/queries/audit.ts';
import { countUsers, insertUser, listUsers } from '../../db/queries/users.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import { AppError } from '../../shared/api/errors.ts';
import { isIsoDate, todayIn } from '../../shared/domain/dates.ts';
import type { BackendContext, Transport } from './context.ts';
import { dataDirFor } from './paths.ts';
import { ensureDefaultPolicies } from './services/dunning/policies.ts';
import { VERSION } from './version.ts';

export interface BackendOptions extends OpenOptions {
  dbPath: string;
  mode: Transport;
  /** Fixed business date (`--today`, `INCASSO_TODAY`); otherwise the office's calendar day. */
  today?: string;
  emit?: (event: AppEvent) => void;
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

export function createBackend(opts: BackendOptions): BackendContext {
  const today = resolveToday(opts.today);
  const db = openLedger(opts.dbPath, opts);
  const dataDir = dataDirFor(opts.dbPath);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const ctx: BackendContext = {
    db,
    dbPath: opts.dbPath,
    dataDir,
    today,
    now: () => new Date().toISOString(),
    mode: opts.mode,
    version: VERSION,
    emit: opts.emit ?? (() => {}),
    jobs: new Map(),
  };
  ensureFirstAdmin(ctx);
  ctx.db.transaction(() => ensureDefaultPolicies(ctx.db));
  return ctx;
}

/** A new ledger gets one admin so somebody can create the other users. */
export function ensureFirstAdmin(ctx: BackendContext): void {
  ctx.db.transaction(() => {
    if (countUsers(ctx.db) > 0) return;
    const admin = insertUser(ctx.db, FIRST_ADMIN, 'admin');
    writeAudit(ctx.db, {
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

export function defaultUserId(ctx: BackendContext): number {
  const admin = listUsers(ctx.db).find((u) => u.role === 'admin' && u.active);
  if (!admin) throw new AppError('UNAUTHENTICATED', 'The ledger has no active admin.');
  return admin.id;
}
