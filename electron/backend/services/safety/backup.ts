/**
 * Backups of the ledger: a folder per backup holding `ledger.db` (written with SQLite's online
 * backup API while the app keeps working), `files/` (attachments, archived letters, receipts,
 * letterhead images) and `manifest.json` with the sha256 of every file, the migration level and
 * the integrity check of the copy. Folders are written as `<id>.partial` and renamed when
 * complete, so a crash mid-backup never leaves something that looks like a backup.
 *
 * When: at the first start of each day (daily.ts), before every import (imports handler), before
 * every migration (app.ts, synchronously with VACUUM INTO: opening the ledger is synchronous),
 * before every restore, and on demand. Kept by rotation (7 daily, 4 weekly, 12 monthly by
 * default, see shared/domain/backup-rotation.ts) in a configurable folder, e.g. a network share.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { journalLevel, readJournal } from '../../../../db/open.ts';
import {
  appliedMigrationTimes,
  type Client,
  foreignKeyProblems,
  integrityCheck,
  makeStandalone,
  openFile,
  quickCheck,
  readRawSetting,
  vacuumInto,
  writeRawSetting,
} from '../../../../db/queries/backup.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import {
  backupsToKeep,
  DEFAULT_ROTATION,
  type RotationPolicy,
} from '../../../../shared/domain/backup-rotation.ts';
import { todayIn } from '../../../../shared/domain/dates.ts';
import type { BackendContext } from '../../context.ts';
import { readSetting } from '../settings/store.ts';
import { checkFiles, copyDataFiles, type FileEntry, hashFile } from './files.ts';
import { signatureProblem, signBackup, signingKey } from './signing.ts';

export const BACKUP_KINDS = ['daily', 'manual', 'pre-import', 'pre-migrate', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const MANIFEST = 'manifest.json';
export const LEDGER_FILE = 'ledger.db';
export const FILES_DIR = 'files';
const FORMAT = 'incasso-backup';

export interface MigrationLevel {
  applied: number;
  latest: string | null;
}

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: 1;
  id: string;
  /** Random id of the ledger (setting `ledger.id`): rotation only ever touches its own backups. */
  ledgerId: string;
  /** The ledger's file name, e.g. incasso.db. */
  ledgerName: string;
  createdAt: string;
  kind: BackupKind;
  note: string | null;
  appVersion: string;
  /** `online-backup`: SQLite's backup API; `vacuum-into`: VACUUM INTO (before migrations). */
  method: 'online-backup' | 'vacuum-into';
  ledger: {
    file: typeof LEDGER_FILE;
    bytes: number;
    sha256: string;
    migrations: MigrationLevel;
    /** PRAGMA quick_check of the copy when it was made: ['ok'] for a good backup. */
    check: string[];
  };
  files: FileEntry[];
}

export interface BackupEntry {
  id: string;
  folder: string;
  createdAt: string;
  kind: BackupKind;
  note: string | null;
  appVersion: string;
  /** The ledger file plus every file copied. */
  bytes: number;
  ledgerBytes: number;
  files: number;
  migrations: MigrationLevel;
  /** The copy passed its integrity check when it was made. */
  good: boolean;
}

/** Where the ledger's backups go unless the settings say otherwise: `<name>-backups` beside it. */
export function defaultBackupFolder(dbPath: string): string {
  const parsed = path.parse(dbPath);
  return path.join(parsed.dir, `${parsed.name}-backups`);
}

function resolveFolder(dbPath: string, setting: string): string {
  const s = setting.trim();
  if (s === '') return defaultBackupFolder(dbPath);
  return path.resolve(path.dirname(dbPath), s);
}

export async function backupFolder(app: BackendContext): Promise<string> {
  if (app.health.state === 'damaged') return app.health.backupFolder ?? defaultBackupFolder(app.dbPath);
  return resolveFolder(app.dbPath, String(await readSetting(app.db, 'backups.folder')));
}

export async function rotationPolicy(app: BackendContext): Promise<RotationPolicy> {
  if (app.health.state !== 'ok') return DEFAULT_ROTATION;
  return {
    daily: Number(await readSetting(app.db, 'backups.keepDaily')),
    weekly: Number(await readSetting(app.db, 'backups.keepWeekly')),
    monthly: Number(await readSetting(app.db, 'backups.keepMonthly')),
    recent: DEFAULT_ROTATION.recent,
  };
}

/** The folder setting read straight from a (possibly damaged) file, for recovery mode. */
export function backupFolderFromFile(client: Client, dbPath: string): string {
  const v = readRawSetting(client, 'backups.folder');
  return resolveFolder(dbPath, typeof v === 'string' ? v : '');
}

/** The ledger's random id, created with the ledger (app.ts) so that backups never write to it. */
export function ensureLedgerId(client: Client): string {
  const existing = readRawSetting(client, 'ledger.id');
  if (typeof existing === 'string' && existing !== '') return existing;
  const id = crypto.randomUUID();
  writeRawSetting(client, 'ledger.id', id);
  return id;
}

export function ledgerIdOf(app: BackendContext): string | null {
  if (app.health.state !== 'ok') return null;
  const v = readRawSetting(app.db.$client, 'ledger.id');
  return typeof v === 'string' ? v : null;
}

/** The migration level of a database against this version's journal. */
export function migrationLevel(
  client: Client,
  migrationsFolder: string,
): MigrationLevel & { known: number; newer: boolean; isLedger: boolean } {
  const journal = readJournal(migrationsFolder);
  const times = appliedMigrationTimes(client);
  if (times === null)
    return { applied: 0, latest: null, known: journal.length, newer: false, isLedger: false };
  return { ...journalLevel(journal, times), isLedger: true };
}

/** A timestamp for a backup's name: 20261207T164512123Z. */
export const backupStamp = (at: string) => at.replace(/[-:]/g, '').replace('.', '');

/** `base`, or `base-2`, `base-3`… : the first name no backup (finished or partial) in `folder` has. */
export function freeBackupId(folder: string, base: string): string {
  let id = base;
  for (
    let n = 2;
    fs.existsSync(path.join(folder, id)) || fs.existsSync(path.join(folder, `${id}.partial`));
    n++
  )
    id = `${base}-${n}`;
  return id;
}

function newBackupId(folder: string, ledgerName: string, at: string, kind: BackupKind): string {
  return freeBackupId(folder, `${path.parse(ledgerName).name}-${backupStamp(at)}-${kind}`);
}

/** The backups folder exists (private to the user) and can be written, or a CONFLICT that says so. */
export function ensureBackupFolder(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (err) {
    throw new AppError(
      'CONFLICT',
      `The backups folder ${folder} cannot be written: ${(err as Error).message}. Choose another folder in Settings.`,
    );
  }
}

interface WriteContext {
  dbPath: string;
  dataDir: string;
  migrationsFolder: string;
  version: string;
  nativeBinding?: string | undefined;
}

/** After the ledger copy is in `partial/ledger.db`: standalone, checked, files copied, manifest written. */
function completeBackup(
  w: WriteContext,
  partial: string,
  head: Pick<BackupManifest, 'id' | 'ledgerId' | 'createdAt' | 'kind' | 'note' | 'method'>,
): BackupManifest {
  const ledgerFile = path.join(partial, LEDGER_FILE);
  makeStandalone(ledgerFile, w.nativeBinding);
  fs.chmodSync(ledgerFile, 0o600);
  const copy = openFile(ledgerFile, {
    readonly: true,
    ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}),
  });
  let check: string[];
  let level: MigrationLevel;
  try {
    check = quickCheck(copy);
    const l = migrationLevel(copy, w.migrationsFolder);
    level = { applied: l.applied, latest: l.latest };
  } finally {
    copy.close();
  }
  const files = copyDataFiles(w.dataDir, path.join(partial, FILES_DIR));
  const manifest: BackupManifest = {
    format: FORMAT,
    formatVersion: 1,
    ...head,
    ledgerName: path.basename(w.dbPath),
    appVersion: w.version,
    ledger: { file: LEDGER_FILE, ...hashFile(ledgerFile), migrations: level, check },
    files,
  };
  sealBackup(partial, manifest, w.dataDir);
  return manifest;
}

/**
 * Writes the manifest into the backup being made and signs the folder with the key in the data
 * folder (signing.ts): an edited copy no longer restores.
 */
export function sealBackup(partial: string, manifest: object, dataDir: string): void {
  fs.writeFileSync(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  signBackup(partial, signingKey(dataDir, true) as Buffer);
}

/** What an entry of the backups list starts with: the manifest's id, date, kind, note and app version, and the folder. */
export function entryHead<K extends string>(
  folder: string,
  m: { id: string; createdAt: string; kind: K; note: string | null; appVersion: string },
) {
  return { id: m.id, folder, createdAt: m.createdAt, kind: m.kind, note: m.note, appVersion: m.appVersion };
}

function toEntry(folder: string, m: BackupManifest): BackupEntry {
  return {
    ...entryHead(folder, m),
    bytes: m.ledger.bytes + m.files.reduce((s, f) => s + f.bytes, 0),
    ledgerBytes: m.ledger.bytes,
    files: m.files.length,
    migrations: m.ledger.migrations,
    good: m.ledger.check.length === 1 && m.ledger.check[0] === 'ok',
  };
}

function writeContext(app: BackendContext): WriteContext {
  return {
    dbPath: app.dbPath,
    dataDir: app.dataDir,
    migrationsFolder: app.migrationsFolder,
    version: app.version,
    nativeBinding: app.nativeBinding,
  };
}

export interface CreateOptions {
  kind: BackupKind;
  note?: string;
  /** A backup folder to create outside the rotation (`backup --out DIR`); must not exist. */
  out?: string;
  /** Another folder than the configured one (the fallback of automatic backups). */
  folder?: string;
  /** Backup folders the rotation must not delete now (the one a restore is about to copy from). */
  protect?: readonly string[];
}

/** One backup with the online backup API; the app keeps answering while pages are copied. */
export async function createBackup(app: BackendContext, opts: CreateOptions): Promise<BackupEntry> {
  if (app.health.state !== 'ok') {
    throw new AppError(
      'CONFLICT',
      'The ledger is not in a state to be backed up (damaged or being restored).',
    );
  }
  const client = app.db.$client;
  const ledgerId = ensureLedgerId(client);
  const createdAt = app.now();
  const { dir, result: manifest } = await inNewBackupDir(
    opts.out,
    async () => opts.folder ?? (await backupFolder(app)),
    (folder) => newBackupId(folder, path.basename(app.dbPath), createdAt, opts.kind),
    async ({ id, partial }) => {
      // Bigger steps than the default 100 pages: a 300 MB ledger in ~40 steps, still yielding between them.
      await client.backup(path.join(partial, LEDGER_FILE), { progress: () => 2000 });
      return completeBackup(writeContext(app), partial, {
        id,
        ledgerId,
        createdAt,
        kind: opts.kind,
        note: opts.note ?? null,
        method: 'online-backup',
      });
    },
  );
  if (!opts.out) await rotate(app, dir.folder, ledgerId, opts.protect ?? []);
  return toEntry(dir.finalDir, manifest);
}

/** A new backup's folder: where it goes, its id (its folder's name), its final path and the one it is written in. */
export interface NewBackupDir {
  folder: string;
  id: string;
  finalDir: string;
  partial: string;
}

/**
 * Makes a backup folder safely: `out` itself (`backup --out DIR`) or a new id (`newId`) in
 * `folder()`, refused when it exists. `write` fills a fresh `.partial` folder, which becomes the
 * backup only once it succeeded and is removed when it failed.
 */
export async function inNewBackupDir<T>(
  out: string | undefined,
  folder: () => Promise<string> | string,
  newId: (folder: string) => string,
  write: (dir: NewBackupDir) => Promise<T>,
): Promise<{ dir: NewBackupDir; result: T }> {
  const into = out ? path.dirname(path.resolve(out)) : await folder();
  ensureBackupFolder(into);
  const id = out ? path.basename(path.resolve(out)) : newId(into);
  const finalDir = path.join(into, id);
  if (fs.existsSync(finalDir))
    throw new AppError('VALIDATION', `${finalDir} already exists: choose a new folder name.`);
  const partial = `${finalDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  const dir: NewBackupDir = { folder: into, id, finalDir, partial };
  try {
    const result = await write(dir);
    fs.renameSync(partial, finalDir);
    return { dir, result };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/**
 * An automatic backup (daily, before an import): in the configured folder, or beside the ledger
 * when that folder cannot be written (an unplugged share must not stop the work, nor go unbacked).
 */
export async function automaticBackup(
  app: BackendContext,
  kind: BackupKind,
  note?: string,
): Promise<BackupEntry> {
  const configured = await backupFolder(app);
  try {
    return await createBackup(app, { kind, ...(note ? { note } : {}) });
  } catch (err) {
    const fallback = defaultBackupFolder(app.dbPath);
    if (path.resolve(configured) === path.resolve(fallback) || app.health.state !== 'ok') throw err;
    console.warn(`Backup to ${configured} failed (${(err as Error).message}); writing it to ${fallback}.`);
    return createBackup(app, {
      kind,
      folder: fallback,
      note: `${note ?? ''} (configured folder unavailable)`.trim(),
    });
  }
}

/**
 * The backup before pending migrations: synchronous (opening the ledger is), so VACUUM INTO, which
 * also writes one consistent copy. Called by openLedger's `beforeMigrate` hook.
 */
export function backupBeforeMigrate(
  client: Client,
  w: WriteContext & { now: string },
  pending: readonly string[],
): BackupEntry {
  const ledgerId = ensureLedgerId(client);
  let folder = backupFolderFromFile(client, w.dbPath);
  try {
    ensureBackupFolder(folder);
  } catch {
    folder = defaultBackupFolder(w.dbPath);
    ensureBackupFolder(folder);
  }
  const id = newBackupId(folder, path.basename(w.dbPath), w.now, 'pre-migrate');
  const finalDir = path.join(folder, id);
  const partial = `${finalDir}.partial`;
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    vacuumInto(client, path.join(partial, LEDGER_FILE));
    const manifest = completeBackup(w, partial, {
      id,
      ledgerId,
      createdAt: w.now,
      kind: 'pre-migrate',
      note: `before ${pending.join(', ')}`,
      method: 'vacuum-into',
    });
    fs.renameSync(partial, finalDir);
    return toEntry(finalDir, manifest);
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

function readManifest(dir: string): BackupManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Partial<BackupManifest>;
    if (m.format !== FORMAT || typeof m.id !== 'string' || !m.ledger || !Array.isArray(m.files)) return null;
    return m as BackupManifest;
  } catch {
    return null;
  }
}

/** The finished backups in `folder` (not `.partial` ones) whose manifest `read` accepts, either engine's. */
export function backupFoldersIn<M>(
  folder: string,
  read: (dir: string) => M | null,
): { dir: string; manifest: M }[] {
  const out: { dir: string; manifest: M }[] = [];
  for (const name of safeReaddir(folder)) {
    if (name.endsWith('.partial')) continue;
    const dir = path.join(folder, name);
    const manifest = read(dir);
    if (manifest) out.push({ dir, manifest });
  }
  return out;
}

/** The order of every backup list. */
export const newestFirst = (a: { createdAt: string }, b: { createdAt: string }): number =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;

/** The backups of one ledger in a folder, newest first. */
export function backupsIn(folder: string, ledger: { id: string | null; name: string }): BackupEntry[] {
  return backupFoldersIn(folder, readManifest)
    .filter(({ manifest: m }) =>
      ledger.id !== null ? m.ledgerId === ledger.id : m.ledgerName === ledger.name,
    )
    .map(({ dir, manifest }) => toEntry(dir, manifest))
    .sort(newestFirst);
}

export async function listBackups(app: BackendContext): Promise<BackupList> {
  const folder = await backupFolder(app);
  return { folder, backups: backupsIn(folder, { id: ledgerIdOf(app), name: path.basename(app.dbPath) }) };
}
export interface BackupList {
  folder: string;
  backups: BackupEntry[];
}

const officeDay = (at: string) => todayIn(new Date(at));

/** Deletes this ledger's backups the rotation no longer keeps, and leftovers of interrupted ones. */
export async function rotate(
  app: BackendContext,
  folder: string,
  ledgerId: string,
  protect: readonly string[] = [],
): Promise<string[]> {
  return await rotateBackups(
    app,
    folder,
    backupsIn(folder, { id: ledgerId, name: path.basename(app.dbPath) }),
    protect,
  );
}

/** What the rotation reads of a backup, whichever engine it is of. */
export interface RotatedFolder {
  id: string;
  createdAt: string;
  folder: string;
}

/**
 * The rotation of the backups of one ledger or database (`all`, chosen by the caller: a SQLite
 * ledger's by its id, a PostgreSQL database's by its URL, pg-backup.ts): deletes those the
 * settings' policy no longer keeps, except the folders in `protect`, and the leftovers of
 * interrupted backups in `folder`. Returns the ids deleted.
 */
export async function rotateBackups(
  app: BackendContext,
  folder: string,
  all: readonly RotatedFolder[],
  protect: readonly string[] = [],
): Promise<string[]> {
  const kept = new Set(protect.map((p) => path.resolve(p)));
  const keep = backupsToKeep(
    all.map((b) => ({ id: b.id, createdAt: b.createdAt, day: officeDay(b.createdAt) })),
    await rotationPolicy(app),
  );
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b.id) || kept.has(path.resolve(b.folder))) continue;
    fs.rmSync(b.folder, { recursive: true, force: true });
    removed.push(b.id);
  }
  // A `.partial` older than a day belongs to a backup that was interrupted.
  const cutoff = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of safeReaddir(folder)) {
    if (!name.endsWith('.partial')) continue;
    const dir = path.join(folder, name);
    try {
      if (fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone already.
    }
  }
  return removed;
}

function safeReaddir(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

// --- verify -------------------------------------------------------------------------------------

export interface VerifyReport {
  ok: boolean;
  path: string;
  /** A backup folder with its manifest, or a bare ledger file (e.g. a `.pre-migrate` copy). */
  kind: 'backup' | 'file';
  id: string | null;
  createdAt: string | null;
  backupKind: string | null;
  integrity: string[];
  migrations: MigrationLevel & { known: number; state: 'current' | 'older' | 'newer' | 'not-a-ledger' };
  files: { checked: number; missing: string[]; changed: string[] };
  problems: string[];
}

export interface BackupSource {
  /** The backup folder, when the target is one. */
  dir: string | null;
  manifest: BackupManifest | null;
  ledgerFile: string;
}

/** A backup folder, its manifest.json or its ledger.db, or a bare ledger file. */
export function resolveSource(target: string): BackupSource {
  const abs = path.resolve(target);
  if (!fs.existsSync(abs)) throw new AppError('NOT_FOUND', `No backup at ${abs}.`);
  let dir: string | null = null;
  if (fs.statSync(abs).isDirectory()) dir = abs;
  else if (path.basename(abs) === MANIFEST) dir = path.dirname(abs);
  else if (path.basename(abs) === LEDGER_FILE && fs.existsSync(path.join(path.dirname(abs), MANIFEST)))
    dir = path.dirname(abs);
  if (dir === null) return { dir: null, manifest: null, ledgerFile: abs };
  const manifest = readManifest(dir);
  if (!manifest)
    throw new AppError(
      'VALIDATION',
      `${dir} is not an Incasso backup: its manifest.json is missing or unreadable.`,
    );
  return { dir, manifest, ledgerFile: path.join(dir, LEDGER_FILE) };
}

/**
 * The full check of a backup: every sha256 of the manifest, PRAGMA integrity_check and foreign keys
 * of the ledger copy, and its migration level against this version (a newer one cannot be restored).
 */
export function verifyBackup(
  target: string,
  migrationsFolder: string,
  nativeBinding?: string,
  /** This installation's signing key (signing.ts): given, the signature is checked too. */
  key?: Buffer | null,
): VerifyReport {
  const src = resolveSource(target);
  const problems: string[] = [];
  if (key !== undefined) {
    const unsigned = src.dir ? signatureProblem(src.dir, key) : 'a bare ledger file carries no signature';
    if (unsigned) problems.push(unsigned);
  }
  const files = { checked: 0, missing: [] as string[], changed: [] as string[] };
  if (src.manifest && src.dir) {
    const m = src.manifest;
    if (!fs.existsSync(src.ledgerFile)) problems.push(`${LEDGER_FILE} is missing`);
    else {
      const h = hashFile(src.ledgerFile);
      if (h.sha256 !== m.ledger.sha256 || h.bytes !== m.ledger.bytes)
        problems.push(`${LEDGER_FILE} differs from its manifest (sha256 or size)`);
    }
    const r = checkFiles(path.join(src.dir, FILES_DIR), m.files);
    files.checked = m.files.length;
    files.missing = r.missing;
    files.changed = r.changed;
    if (r.missing.length)
      problems.push(`${r.missing.length} file(s) missing: ${r.missing.slice(0, 5).join(', ')}`);
    if (r.changed.length)
      problems.push(`${r.changed.length} file(s) changed: ${r.changed.slice(0, 5).join(', ')}`);
    if (r.unsafe.length) problems.push(`unsafe paths in the manifest: ${r.unsafe.slice(0, 5).join(', ')}`);
  }
  let integrity: string[] = [];
  let level: VerifyReport['migrations'] = { applied: 0, latest: null, known: 0, state: 'not-a-ledger' };
  if (fs.existsSync(src.ledgerFile)) {
    let client: Client | null = null;
    try {
      client = openFile(src.ledgerFile, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
      integrity = integrityCheck(client);
      if (integrity.length !== 1 || integrity[0] !== 'ok')
        problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
      else {
        const fk = foreignKeyProblems(client);
        if (fk.length) problems.push(`foreign keys: ${fk.join('; ')}`);
      }
      const l = migrationLevel(client, migrationsFolder);
      const state = !l.isLedger
        ? 'not-a-ledger'
        : l.newer
          ? 'newer'
          : l.applied < l.known
            ? 'older'
            : 'current';
      level = { applied: l.applied, latest: l.latest, known: l.known, state };
      if (state === 'newer')
        problems.push('written by a newer version of Incasso: this version cannot restore it');
      if (state === 'not-a-ledger') problems.push('not an Incasso ledger');
    } catch (err) {
      integrity = [(err as Error).message];
      problems.push(`cannot open the ledger copy: ${(err as Error).message}`);
    } finally {
      client?.close();
    }
  }
  return {
    ok: problems.length === 0,
    path: src.dir ?? src.ledgerFile,
    kind: src.manifest ? 'backup' : 'file',
    id: src.manifest?.id ?? null,
    createdAt: src.manifest?.createdAt ?? null,
    backupKind: src.manifest?.kind ?? null,
    integrity,
    migrations: level,
    files,
    problems,
  };
}

/** The newest backup that passes the full check (what the damaged-ledger screen offers). */
export async function latestGoodBackup(
  app: BackendContext,
): Promise<{ id: string; createdAt: string } | null> {
  for (const b of (await listBackups(app)).backups) {
    if (!b.good) continue;
    const r = verifyBackup(b.folder, app.migrationsFolder, app.nativeBinding, signingKey(app.dataDir));
    if (r.ok) return { id: b.id, createdAt: b.createdAt };
  }
  return null;
}

/** A backup of this ledger by id (its folder name), for the UI and `restore ID`. */
export async function findBackup(app: BackendContext, id: string): Promise<BackupEntry> {
  if (!/^[A-Za-z0-9._-]+$/.test(id) || id.startsWith('.'))
    throw new AppError('VALIDATION', `Not a backup id: ${id}`);
  const b = (await listBackups(app)).backups.find((x) => x.id === id);
  if (!b) throw new AppError('NOT_FOUND', `No backup ${id} in ${await backupFolder(app)}.`);
  return b;
}
