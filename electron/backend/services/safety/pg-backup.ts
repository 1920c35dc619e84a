/**
 * Backups of a ledger moved to PostgreSQL (issue 17.5; docs/team-edition.md step 6), with the
 * guarantees of the SQLite backups (backup.ts, restore.ts):
 *
 * - `createPgBackup`: `pg_dump --format=custom` into a new folder (`<id>.partial`, renamed when
 *   complete) with `manifest.json` — engine, server version, database, sha256 and size of the dump,
 *   migration level, and per ledger table the row count and a checksum read in the very snapshot
 *   pg_dump dumps (`--snapshot`), so the manifest describes exactly the dumped rows — signed with
 *   the installation's key as the SQLite backups are.
 * - `verifyPgBackup`: signature, sha256 and size, `pg_restore --list` reads it and lists every
 *   table's data and the audit log's append-only triggers, migration level not newer.
 * - `listPgBackups`: a database's dumps in the `postgres` backups folder, newest first; each new
 *   dump there (not `--out`) rotates that database's dumps by the ledger's policy (backup.ts's
 *   `rotateBackups`: the same days, weeks and months kept as for the SQLite backups).
 * - `restorePgBackup`: into an empty database, or with `confirm` into a non-empty one after a
 *   safety dump of it; `pg_restore --single-transaction --exit-on-error` (a failure changes
 *   nothing); then every table's rows and checksum against the manifest, a `backups.restore`
 *   audit row, and UPDATE/DELETE/TRUNCATE on the audit log still refused.
 *
 * The password never reaches a command line, a manifest or an audit row: the child processes get
 * it as PGPASSWORD in their environment, and every URL written is the URL without it. The SQL is
 * in db/pg/backup.ts; this module runs processes and writes files.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readJournal } from '../../../../db/open.ts';
import {
  AUDIT_TRIGGERS,
  appendAuditRow,
  auditAppendOnlyProblems,
  beginSharedSnapshot,
  connectPg,
  existingRelations,
  ledgerTableSums,
  ledgerTableSumsNow,
  PG_MIGRATIONS,
  type PgTarget,
  pgMigrationLevel,
  serverInfo,
  type TableFigure,
} from '../../../../db/pg/backup.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext } from '../../context.ts';
import {
  backupFolder,
  backupFoldersIn,
  backupStamp,
  entryHead,
  freeBackupId,
  inNewBackupDir,
  MANIFEST,
  newestFirst,
  rotateBackups,
  rotationPolicy,
  sealBackup,
} from './backup.ts';
import { hashFile } from './files.ts';
import { publicTarget } from './migrate-to.ts';
import { signatureProblem, signingKey } from './signing.ts';

export const PG_DUMP_FILE = 'ledger.dump';
const FORMAT = 'incasso-backup';
const DEBIAN_PACKAGE = 'postgresql-client';

export type PgBackupKind = 'manual' | 'pre-restore';

export interface PgBackupManifest {
  format: typeof FORMAT;
  formatVersion: 1;
  engine: 'postgresql';
  id: string;
  createdAt: string;
  kind: PgBackupKind;
  note: string | null;
  appVersion: string;
  /** The database dumped, and the URL without its password. */
  database: string;
  source: string;
  server: { version: string; major: number };
  tool: { name: 'pg_dump'; version: string };
  dump: { file: typeof PG_DUMP_FILE; format: 'custom'; bytes: number; sha256: string };
  migrations: { applied: number; latest: string | null };
  /** Every ledger table in the dump: rows and an order-independent checksum (db/pg/copy.ts). */
  tables: TableFigure[];
}

/** A backup as the backups list shows it: the manifest's facts, the server's version, the dump's size and hash, rows per table. */
export interface PgBackupEntry
  extends Pick<
    PgBackupManifest,
    'engine' | 'id' | 'createdAt' | 'kind' | 'note' | 'appVersion' | 'database' | 'source' | 'migrations'
  > {
  folder: string;
  server: string;
  bytes: number;
  sha256: string;
  rows: Record<string, number>;
  good: true;
}

/** Where pg_dump and pg_restore are looked for; the test's seam for a machine without them. */
export interface PgToolsOptions {
  /** The environment of the command (PATH, PGPASSWORD). */
  env: NodeJS.ProcessEnv;
  /** Debian's versioned installs, `<root>/<major>/bin`: /usr/lib/postgresql unless given. */
  libRoot?: string;
}

// --- the tools ------------------------------------------------------------------------------------

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A PostgreSQL client tool: on PATH, else the newest of /usr/lib/postgresql/<major>/bin. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', opts: PgToolsOptions): string {
  for (const dir of (opts.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, tool))) return path.join(dir, tool);
  }
  const root = opts.libRoot ?? '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && executable(path.join(root, v, 'bin', tool)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin', tool);
  throw new AppError(
    'CONFLICT',
    `${tool} is not installed: backups of a PostgreSQL ledger need PostgreSQL's client tools, of the server's version or newer (Debian/Ubuntu: apt-get install ${DEBIAN_PACKAGE}).`,
  );
}

interface Run {
  stdout: string;
  stderr: string;
}

/** Runs a tool without a shell; its stderr names what went wrong. Never prompts (`--no-password`). */
function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const detail = String(stderr).trim() || err.message;
        reject(new Error(`${path.basename(file)} failed: ${detail.slice(-2000)}`));
      } else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** `pg_dump (PostgreSQL) 15.13 (Debian …)` → "15.13" and 15. */
async function toolVersion(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<{ version: string; major: number }> {
  const { stdout } = await runTool(file, ['--version'], env);
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
  if (!m) throw new Error(`${file} --version: unexpected answer "${stdout.trim()}"`);
  return { version: `${m[1]}${m[2] !== undefined ? `.${m[2]}` : ''}`, major: Number(m[1]) };
}

// --- the URL and the password -------------------------------------------------------------------

interface PgUrl {
  /** With the password (from the URL, else PGPASSWORD): for this process's own connection only. */
  connect: string;
  /** Without it: what children get on their command line, and what is printed and written. */
  public: string;
  /** The children's environment: PGPASSWORD set when there is a password. */
  childEnv: NodeJS.ProcessEnv;
}

export function isPostgresUrl(value: string | undefined): boolean {
  return value !== undefined && /^postgres(ql)?:\/\//i.test(value);
}

function parsePgUrl(url: string | undefined, command: string, env: NodeJS.ProcessEnv): PgUrl {
  if (!url || !isPostgresUrl(url))
    throw new AppError('VALIDATION', `${command} needs the database: --db postgres://USER@HOST:PORT/DB`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `--db must be a postgres:// URL, got "${publicTargetSafe(url)}"`);
  }
  if (parsed.pathname.replace(/^\//, '') === '')
    throw new AppError('VALIDATION', '--db must name the database: postgres://USER@HOST:PORT/DB');
  const password = parsed.password ? decodeURIComponent(parsed.password) : env.PGPASSWORD;
  const connect = new URL(url);
  if (!connect.password && password) connect.password = encodeURIComponent(password);
  const childEnv: NodeJS.ProcessEnv = { ...env };
  if (password) childEnv.PGPASSWORD = password;
  else delete childEnv.PGPASSWORD;
  return { connect: connect.toString(), public: publicTarget(url), childEnv };
}

function publicTargetSafe(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1@');
}

async function connect(u: PgUrl, purpose: string): Promise<PgTarget> {
  try {
    return await connectPg(u.connect, purpose);
  } catch (err) {
    throw new Error(`Cannot connect to ${u.public}: ${(err as Error).message}`);
  }
}

// --- backup ---------------------------------------------------------------------------------------

/** The PostgreSQL backups: a `postgres` folder inside the SQLite ledger's backups folder. */
export async function pgBackupFolder(app: BackendContext): Promise<string> {
  return path.join(await backupFolder(app), 'postgres');
}

export interface PgBackupOptions extends PgToolsOptions {
  url: string;
  kind: PgBackupKind;
  note?: string;
  /** A new backup folder (`backup --out DIR`), outside the rotation; must not exist. */
  out?: string;
  /** Backup folders the rotation must not delete now (the one a restore is about to read). */
  protect?: readonly string[];
}

export async function createPgBackup(app: BackendContext, opts: PgBackupOptions): Promise<PgBackupEntry> {
  const u = parsePgUrl(opts.url, 'backup', opts.env);
  const pgDump = findPgTool('pg_dump', opts);
  const tool = await toolVersion(pgDump, u.childEnv);
  const client = await connect(u, 'backup');
  try {
    const server = await serverInfo(client);
    // pg_dump refuses a newer server (its catalog queries may not fit): say what to install.
    if (server.major > tool.major)
      throw new AppError(
        'CONFLICT',
        `${u.public} runs PostgreSQL ${server.version}, newer than this pg_dump (${tool.version}, ${pgDump}): install the client tools of PostgreSQL ${server.major} or newer (Debian: apt-get install ${DEBIAN_PACKAGE}-${server.major}).`,
      );
    const level = await pgMigrationLevel(client);
    // A manual backup is of a ledger; the safety dump before a restore takes whatever is there.
    if (opts.kind === 'manual' && level.applied === 0)
      throw new AppError(
        'VALIDATION',
        `${u.public} holds no Incasso ledger (no drizzle.__drizzle_migrations): move one there with migrate-to first.`,
      );
    const createdAt = app.now();
    const { dir, result: manifest } = await inNewBackupDir(
      opts.out,
      async () => await pgBackupFolder(app),
      (folder) => freeBackupId(folder, `${server.database}-${backupStamp(createdAt)}-${opts.kind}`),
      async ({ id, partial }) => {
        const dumpFile = path.join(partial, PG_DUMP_FILE);
        const snapshot = await beginSharedSnapshot(client);
        let tables: TableFigure[];
        try {
          tables = await ledgerTableSums(client);
          await runTool(
            pgDump,
            [
              '--format=custom',
              '--no-password',
              `--snapshot=${snapshot.id}`,
              `--file=${dumpFile}`,
              `--dbname=${u.public}`,
            ],
            u.childEnv,
          );
        } finally {
          await snapshot.end().catch(() => {});
        }
        fs.chmodSync(dumpFile, 0o600);
        const hash = hashFile(dumpFile);
        const manifest: PgBackupManifest = {
          format: FORMAT,
          formatVersion: 1,
          engine: 'postgresql',
          id,
          createdAt,
          kind: opts.kind,
          note: opts.note ?? null,
          appVersion: app.version,
          database: server.database,
          source: u.public,
          server: { version: server.version, major: server.major },
          tool: { name: 'pg_dump', version: tool.version },
          dump: { file: PG_DUMP_FILE, format: 'custom', ...hash },
          migrations: { applied: level.applied, latest: level.latest },
          tables,
        };
        sealBackup(partial, manifest, app.dataDir);
        return manifest;
      },
    );
    if (!opts.out)
      await rotateBackups(app, dir.folder, pgBackupsIn(dir.folder, u.public), opts.protect ?? []);
    return toEntry(dir.finalDir, manifest);
  } finally {
    await client.end().catch(() => {});
  }
}

function toEntry(folder: string, m: PgBackupManifest): PgBackupEntry {
  return {
    engine: 'postgresql',
    ...entryHead(folder, m),
    database: m.database,
    source: m.source,
    server: m.server.version,
    bytes: m.dump.bytes,
    sha256: m.dump.sha256,
    migrations: m.migrations,
    rows: Object.fromEntries(m.tables.map((t) => [t.name, t.rows])),
    good: true,
  };
}

// --- the list -------------------------------------------------------------------------------------

/**
 * Which database a URL names, as the list and the rotation compare them: host (or socket folder),
 * port and database, not the user (any role may dump it). Two spellings of one server (localhost,
 * 127.0.0.1) count as two databases: the rotation never deletes what may be another's dumps.
 */
function databaseKey(url: string): string | null {
  try {
    const u = new URL(url);
    const host = (u.hostname || u.searchParams.get('host') || 'localhost').toLowerCase();
    const port = u.port || u.searchParams.get('port') || '5432';
    return `${host}:${port}/${decodeURIComponent(u.pathname.replace(/^\//, ''))}`;
  } catch {
    return null;
  }
}

/** The finished backups in `folder` of the database `url` names, newest first. */
export function pgBackupsIn(folder: string, url: string): PgBackupEntry[] {
  const key = databaseKey(url);
  return backupFoldersIn(folder, readPgManifest)
    .filter(({ manifest }) => key !== null && databaseKey(manifest.source) === key)
    .map(({ dir, manifest }) => toEntry(dir, manifest))
    .sort(newestFirst);
}

/** `backups --db postgres://…`: the shape of the SQLite list where it applies, and the engine. */
export interface PgBackupList {
  engine: 'postgresql';
  folder: string;
  /** The database listed: its URL without the password. */
  database: string;
  rotation: { daily: number; weekly: number; monthly: number };
  backups: PgBackupEntry[];
}

/** The dumps of one database in the `postgres` backups folder; reads files only, no connection. */
export async function listPgBackups(app: BackendContext, url: string | undefined): Promise<PgBackupList> {
  const u = parsePgUrl(url, 'backups', {});
  const folder = await pgBackupFolder(app);
  const { daily, weekly, monthly } = await rotationPolicy(app);
  return {
    engine: 'postgresql',
    folder,
    database: u.public,
    rotation: { daily, weekly, monthly },
    backups: pgBackupsIn(folder, u.public),
  };
}

// --- verify ---------------------------------------------------------------------------------------

function readPgManifest(dir: string): PgBackupManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Partial<PgBackupManifest>;
    if (
      m.format !== FORMAT ||
      m.engine !== 'postgresql' ||
      typeof m.id !== 'string' ||
      !m.dump ||
      !Array.isArray(m.tables)
    )
      return null;
    return m as PgBackupManifest;
  } catch {
    return null;
  }
}

/** The folder of a PostgreSQL backup (given as the folder, its manifest or its dump), else null. */
export function pgBackupDir(target: string): string | null {
  const abs = path.resolve(target);
  let dir: string;
  try {
    dir = fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  } catch {
    return null;
  }
  if (dir !== abs && ![MANIFEST, PG_DUMP_FILE].includes(path.basename(abs))) return null;
  return readPgManifest(dir) ? dir : null;
}

export interface PgVerifyReport {
  ok: boolean;
  engine: 'postgresql';
  path: string;
  kind: 'backup';
  id: string;
  createdAt: string;
  backupKind: PgBackupKind;
  database: string;
  server: string;
  dump: { file: string; bytes: number; sha256: string; entries: number };
  auditTriggers: string[];
  migrations: { applied: number; latest: string | null; known: number; state: 'current' | 'older' | 'newer' };
  problems: string[];
}

export interface PgVerifyOptions extends PgToolsOptions {
  /** This installation's signing key: given, the signature is checked too (as verifyBackup does). */
  key?: Buffer | null;
}

export async function verifyPgBackup(target: string, opts: PgVerifyOptions): Promise<PgVerifyReport> {
  const dir = pgBackupDir(target);
  const m = dir ? readPgManifest(dir) : null;
  if (!dir || !m)
    throw new AppError('VALIDATION', `${path.resolve(target)} is not a PostgreSQL backup of Incasso.`);
  const problems: string[] = [];
  if (opts.key !== undefined) {
    const unsigned = signatureProblem(dir, opts.key);
    if (unsigned) problems.push(unsigned);
  }
  const dumpFile = path.join(dir, PG_DUMP_FILE);
  let entries = 0;
  let auditTriggers: string[] = [];
  if (!fs.existsSync(dumpFile)) problems.push(`${PG_DUMP_FILE} is missing`);
  else {
    const h = hashFile(dumpFile);
    if (h.sha256 !== m.dump.sha256)
      problems.push(
        `${PG_DUMP_FILE}: sha256 checksum ${h.sha256} differs from the manifest's ${m.dump.sha256}: the dump was changed or damaged`,
      );
    else if (h.bytes !== m.dump.bytes)
      problems.push(`${PG_DUMP_FILE}: ${h.bytes} bytes, the manifest says ${m.dump.bytes}`);
    try {
      const pgRestore = findPgTool('pg_restore', opts);
      const { stdout } = await runTool(pgRestore, ['--list', dumpFile], opts.env);
      const lines = stdout.split('\n').filter((l) => /^\d+;/.test(l));
      entries = lines.length;
      auditTriggers = AUDIT_TRIGGERS.filter((t) =>
        lines.some((l) => l.includes(` TRIGGER public audit_log ${t} `)),
      );
      const missing = AUDIT_TRIGGERS.filter((t) => !auditTriggers.includes(t));
      if (missing.length)
        problems.push(`the dump lacks the audit log's append-only trigger(s) ${missing.join(', ')}`);
      const noData = m.tables
        .map((t) => t.name)
        .filter((t) => !lines.some((l) => l.includes(` TABLE DATA public ${t} `)));
      if (noData.length) problems.push(`the dump has no data for ${noData.slice(0, 5).join(', ')}`);
    } catch (err) {
      if (err instanceof AppError) problems.push(err.message);
      else problems.push(`pg_restore cannot read ${PG_DUMP_FILE}: ${(err as Error).message}`);
    }
  }
  const journal = readJournal(PG_MIGRATIONS);
  const known = journal.map((e) => e.tag);
  const state =
    m.migrations.applied > journal.length ||
    (m.migrations.latest !== null && !known.includes(m.migrations.latest))
      ? 'newer'
      : m.migrations.applied < journal.length
        ? 'older'
        : 'current';
  if (state === 'newer')
    problems.push('written by a newer version of Incasso: this version cannot restore it');
  return {
    ok: problems.length === 0,
    engine: 'postgresql',
    path: dir,
    kind: 'backup',
    id: m.id,
    createdAt: m.createdAt,
    backupKind: m.kind,
    database: m.database,
    server: m.server.version,
    dump: { file: dumpFile, bytes: m.dump.bytes, sha256: m.dump.sha256, entries },
    auditTriggers,
    migrations: { ...m.migrations, known: journal.length, state },
    problems,
  };
}

// --- restore --------------------------------------------------------------------------------------

export interface PgRestoreOptions extends PgToolsOptions {
  url: string;
  /** Into a non-empty database (after a safety dump of it), and a backup this installation did not sign. */
  confirm: boolean;
  /** Who restores, as the audit row names them. */
  actor: { name: string };
}

export interface PgRestoreResult {
  engine: 'postgresql';
  restored: { id: string; path: string; createdAt: string };
  target: string;
  /** The safety dump of the database before it was replaced (null: it was empty). */
  safetyBackup: string | null;
  tables: { name: string; rows: number }[];
  audit: { id: number; action: 'backups.restore' };
  /** Relations the database held besides the backup's (kept: pg_restore --clean drops only its own). */
  otherRelations: string[];
  unsigned: boolean;
  verified: true;
}

/** Every difference between the restored tables and the manifest, one line per table. */
function tableProblems(want: readonly TableFigure[], got: readonly TableFigure[]): string[] {
  const problems: string[] = [];
  for (const w of want) {
    const g = got.find((t) => t.name === w.name);
    if (!g) problems.push(`${w.name}: missing after the restore`);
    else if (g.rows !== w.rows) problems.push(`${w.name}: ${g.rows} rows restored, the backup has ${w.rows}`);
    else if (g.checksum !== w.checksum)
      problems.push(`${w.name}: the rows differ from the backup's (checksum)`);
  }
  return problems;
}

export async function restorePgBackup(
  app: BackendContext,
  target: string,
  opts: PgRestoreOptions,
): Promise<PgRestoreResult> {
  const u = parsePgUrl(opts.url, 'restore', opts.env);
  const report = await verifyPgBackup(target, { ...opts, key: signingKey(app.dataDir) });
  const signature = signatureProblem(report.path, signingKey(app.dataDir));
  // --confirm restores a backup another installation made, on the admin's word (as on SQLite).
  const blocking = report.problems.filter((p) => !(opts.confirm && p === signature));
  if (blocking.length > 0)
    throw new AppError(
      'VALIDATION',
      `The backup cannot be restored: ${blocking.join('; ')}${signature && !opts.confirm ? ' (--confirm restores a backup this installation did not sign)' : ''}`,
      { issues: blocking.map((message) => ({ message })) },
    );
  const manifest = readPgManifest(report.path) as PgBackupManifest;
  const pgRestore = findPgTool('pg_restore', opts);
  const client = await connect(u, 'restore');
  try {
    const before = await existingRelations(client);
    if (before.length > 0 && !opts.confirm)
      throw new AppError(
        'VALIDATION',
        `${u.public} is not empty (${before.length} table(s) or sequence(s), e.g. ${before.slice(0, 3).join(', ')}): add --confirm to replace it (a safety dump of it is taken first). Nothing was written.`,
      );
    const safety =
      before.length > 0
        ? await createPgBackup(app, {
            ...opts,
            url: opts.url,
            kind: 'pre-restore',
            note: `before restoring ${manifest.id}`,
            protect: [report.path],
          })
        : null;
    // One transaction: an error leaves the database as it was. --clean drops the backup's own
    // objects first (only into a non-empty database); owners and grants are this server's users'.
    const args = [
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      '--no-password',
      ...(before.length > 0 ? ['--clean', '--if-exists'] : []),
      `--dbname=${u.public}`,
      path.join(report.path, PG_DUMP_FILE),
    ];
    try {
      await runTool(pgRestore, args, u.childEnv);
    } catch (err) {
      throw new AppError(
        'INTERNAL',
        `${(err as Error).message} — nothing was changed in ${u.public} (one transaction)${safety ? `; its safety dump is ${safety.folder}` : ''}.`,
      );
    }
    const restored = await ledgerTableSumsNow(client);
    const problems = tableProblems(manifest.tables, restored);
    const inBackup = new Set(manifest.tables.map((t) => `public.${t.name}`));
    const otherRelations = (await existingRelations(client)).filter(
      (r) => !inBackup.has(r) && !r.startsWith('drizzle.') && !/^public\..*_seq$/.test(r),
    );
    const auditId = await appendAuditRow(client, {
      at: app.now(),
      userName: opts.actor.name,
      action: 'backups.restore',
      entity: 'backup',
      entityId: manifest.id,
      after: {
        restored: manifest.id,
        createdAt: manifest.createdAt,
        target: u.public,
        safetyBackup: safety?.id ?? null,
        ...(signature ? { unsigned: true, signature } : {}),
      },
    });
    problems.push(...(await auditAppendOnlyProblems(client)));
    if (problems.length > 0)
      throw new AppError(
        'INTERNAL',
        `${u.public} was restored from ${manifest.id} but did not pass its check: ${problems.join('; ')}${safety ? ` (the state before is in ${safety.folder})` : ''}`,
        { issues: problems.map((message) => ({ message })) },
      );
    return {
      engine: 'postgresql',
      restored: { id: manifest.id, path: report.path, createdAt: manifest.createdAt },
      target: u.public,
      safetyBackup: safety?.folder ?? null,
      tables: restored.map((t) => ({ name: t.name, rows: t.rows })),
      audit: { id: auditId, action: 'backups.restore' },
      otherRelations,
      unsigned: signature !== null,
      verified: true,
    };
  } finally {
    await client.end().catch(() => {});
  }
}
