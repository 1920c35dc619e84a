/**
 * The demo company lives in its own ledger file, beside the user's: `npm start` / `npm run web --
 * --demo` open it while the user's ledger is not in use yet, the header says "Demo", and the first
 * import of real data offers to start the user's own ledger instead of mixing it into the demo.
 *
 * Settings of the demo's ledger: `demo.ledger` (set by the demo's fill: this file is the demo),
 * `demo.realLedger` (the user's ledger it stands in for), `demo.importsAllowed` (the user chose to
 * import into the demo anyway). Of the user's ledger: `ledger.started` (started from the demo, so
 * the next start opens it even while it is still empty).
 */
import fs from 'node:fs';
import { writeAudit } from '../../../db/queries/audit.ts';
import { ledgerFileInUse, ledgerFileIsPureDemo } from '../../../db/queries/ledger-choice.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import { credentialState, listUsers } from '../../../db/queries/users.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackendContext, CallContext } from '../context.ts';
import { dataDirFor, demoDbPathFor } from '../paths.ts';
import { DEMO_LEDGER_SETTING, enableDemoSignIn } from './auth/identity.ts';
import { fillDemoCompany } from './demo.ts';
import { acquireLedgerLock } from './safety/lock.ts';

export const REAL_LEDGER_SETTING = 'demo.realLedger';
export const DEMO_IMPORTS_SETTING = 'demo.importsAllowed';
export const LEDGER_STARTED_SETTING = 'ledger.started';

export interface StartLedger {
  dbPath: string;
  /** The demo company's own file (the user's ledger is not in use yet). */
  demo: boolean;
}

/**
 * What a demo start opens: the user's ledger once it is in use (data, a password, or started from
 * the demo), otherwise the demo company's file beside it.
 */
export function chooseStartLedger(realPath: string, nativeBinding?: string): StartLedger {
  if (moveDemoFilledInPlace(realPath, nativeBinding)) return { dbPath: demoDbPathFor(realPath), demo: true };
  if (ledgerFileInUse(realPath, nativeBinding)) return { dbPath: realPath, demo: false };
  return { dbPath: demoDbPathFor(realPath), demo: true };
}

/**
 * Before the demo had its own file, `npm start` filled the user's ledger with it. Such a ledger,
 * with nothing imported since and no password chosen in it, moves beside to the demo's file (with its WAL and its files folder),
 * so the user's ledger starts empty and the demo keeps its history. A ledger open in another app,
 * a demo file already there, or real imports in it: left as it is.
 */
function moveDemoFilledInPlace(realPath: string, nativeBinding?: string): boolean {
  const demoPath = demoDbPathFor(realPath);
  if (fs.existsSync(demoPath) || !ledgerFileIsPureDemo(realPath, nativeBinding)) return false;
  let release: () => void;
  try {
    release = acquireLedgerLock(realPath, 'start');
  } catch {
    return false;
  }
  try {
    fs.renameSync(realPath, demoPath);
    for (const suffix of ['-wal', '-shm'])
      if (fs.existsSync(realPath + suffix)) fs.renameSync(realPath + suffix, demoPath + suffix);
    const files = dataDirFor(realPath);
    if (fs.existsSync(files) && !fs.existsSync(dataDirFor(demoPath)))
      fs.renameSync(files, dataDirFor(demoPath));
    return true;
  } finally {
    release();
  }
}

/**
 * On the demo's file: fills the demo company when empty, records which ledger of the user's it
 * stands in for, and signs clients in as its administrator (no password for demos).
 */
export async function openDemo(ctx: BackendContext, realPath: string | null): Promise<void> {
  if (ctx.health.state !== 'ok') return;
  await inTransaction(ctx.db, async () => {
    await fillDemoCompany(ctx.db, ctx.today());
    if (realPath !== null && (await isDemoLedger(ctx)))
      await setSetting(ctx.db, REAL_LEDGER_SETTING, realPath);
  });
  await enableDemoSignIn(ctx);
}

export async function isDemoLedger(ctx: BackendContext): Promise<boolean> {
  return (await getSetting<boolean>(ctx.db, DEMO_LEDGER_SETTING, false)) === true;
}

export interface DemoStatus {
  demo: boolean;
  /** The user's own ledger the demo stands in for (null: not known, e.g. the demo opened by --db). */
  realLedgerPath: string | null;
  /** The user chose to import real files into the demo anyway. */
  importsAllowed: boolean;
}

export async function demoStatus(ctx: BackendContext): Promise<DemoStatus> {
  const demo = await isDemoLedger(ctx);
  return {
    demo,
    realLedgerPath: demo ? await getSetting<string | null>(ctx.db, REAL_LEDGER_SETTING, null) : null,
    importsAllowed: demo && (await getSetting<boolean>(ctx.db, DEMO_IMPORTS_SETTING, false)) === true,
  };
}

/**
 * Imports that write stop on the demo's ledger until the user chooses: real data would mix with
 * the demo's customers (a snapshot would even close every demo item as paid).
 */
export async function refuseImportIntoDemo(ctx: BackendContext, dryRun = false): Promise<void> {
  if (dryRun) return;
  const s = await demoStatus(ctx);
  if (!s.demo || s.importsAllowed) return;
  throw new AppError(
    'CONFLICT',
    `This is the demo company's ledger (${ctx.dbPath}): a real file imported here would mix with the demo's customers and items. ` +
      (s.realLedgerPath
        ? `Start your own ledger and import there: in the app, choose "Start my ledger" on the Imports page; on the command line, import into ${s.realLedgerPath} (npm run cli -- import FILE --db ${s.realLedgerPath}). `
        : 'Import into your own ledger (--db PATH). ') +
      'To import into the demo anyway, pass --into-demo (CLI) or choose it on the Imports page.',
  );
}

/**
 * The user chose to import real files into the demo anyway (its audit row is the dispatcher's);
 * nothing to allow on a ledger of the user's own.
 */
export async function allowDemoImports(ctx: BackendContext): Promise<DemoStatus> {
  if (await isDemoLedger(ctx)) await setSetting(ctx.db, DEMO_IMPORTS_SETTING, true);
  return await demoStatus(ctx);
}

/**
 * "Start my ledger": the app leaves the demo's file for the user's own (created when missing),
 * marks it started (the next start opens it, even still empty) and goes on there. The client that
 * asked stays signed in as the new ledger's first administrator while that one has no password
 * yet (a new ledger's first-run state, where anyone at the app chooses it); otherwise it signs in.
 */
export async function startRealLedger(call: CallContext): Promise<{ dbPath: string; signedIn: boolean }> {
  const { app } = call;
  const s = await demoStatus(app);
  if (!s.demo) throw new AppError('CONFLICT', 'This ledger is not the demo company: it is already your own.');
  if (s.realLedgerPath === null || s.realLedgerPath === app.dbPath)
    throw new AppError(
      'CONFLICT',
      'The demo company was opened without a ledger of your own beside it: open your ledger with --db PATH.',
    );
  const demoUsers = (await listUsers(app.db)).map((u) => u.id);
  const from = app.dbPath;
  await app.switchLedger(s.realLedgerPath);
  app.auth.demoUserId = null;
  for (const id of demoUsers) app.auth.sessions.endUser(id);
  const at = app.now();
  await inTransaction(app.db, async () => {
    await setSetting(app.db, LEDGER_STARTED_SETTING, true);
    await writeAudit(app.db, {
      at,
      userId: null,
      userName: call.user.name,
      action: 'demo.startRealLedger',
      entity: 'ledger',
      after: { from, to: s.realLedgerPath },
    });
  });
  const admin = (await listUsers(app.db)).find((u) => u.role === 'admin' && u.active) ?? null;
  const open = admin !== null && !(await credentialState(app.db)).adminWithPassword;
  if (open && admin && call.session) call.session.begin(admin.id);
  app.emit({ type: 'ledger-changed', asOf: null });
  return { dbPath: s.realLedgerPath, signedIn: open && call.session !== undefined };
}
