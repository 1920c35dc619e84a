/**
 * Restore: the ledger and its files go back to a chosen backup.
 *
 *   1. the backup is verified in full: its signature (signing.ts: an edited backup is refused),
 *      sha256s, integrity_check, migration level not newer;
 *   2. the copy is staged beside the ledger, migrated to this version, and its schema — tables,
 *      indexes and triggers, the audit log's append-only triggers included — must be exactly what
 *      the migrations build; the restore's audit row is written into the staged copy;
 *   3. the current state is backed up ("pre-restore"), unless the ledger is damaged — then the
 *      damaged file is moved aside as `<ledger>.damaged-<time>` instead, never deleted;
 *   4. the backend's connection is closed and the staged copy is copied into the ledger file with
 *      the online backup API: one write transaction, so a crash halfway leaves the old ledger, and
 *      a crash right after leaves the restored one with its audit row;
 *   5. the data folder is made to hold exactly the backup's files;
 *   6. the ledger is reopened and checked.
 */
import fs from 'node:fs';
import { closeLedger, type Ledger, openLedger, openScratchLedger } from '../../../../db/open.ts';
import { writeAudit } from '../../../../db/queries/audit.ts';
import { openFile, schemaObjects } from '../../../../db/queries/backup.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext } from '../../context.ts';
import { createBackup, FILES_DIR, resolveSource, verifyBackup } from './backup.ts';
import { restoreDataFiles } from './files.ts';
import type { LedgerHealth } from './health.ts';
import { signingKey } from './signing.ts';

export interface RestoreResult {
  restored: { id: string | null; path: string; createdAt: string | null };
  /** The backup of the state before the restore (null when the ledger was damaged). */
  safetyBackup: string | null;
  /** Where the damaged ledger was moved (null when it was healthy). */
  damagedFileKeptAs: string | null;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function moveAside(dbPath: string, at: string): string {
  const aside = `${dbPath}.damaged-${at.replace(/[-:.]/g, '')}`;
  fs.renameSync(dbPath, aside);
  for (const s of SIDE_FILES) if (fs.existsSync(dbPath + s)) fs.renameSync(dbPath + s, aside + s);
  return aside;
}

function moveBack(aside: string, dbPath: string): void {
  for (const s of ['', ...SIDE_FILES]) {
    fs.rmSync(dbPath + s, { force: true });
    if (fs.existsSync(aside + s)) fs.renameSync(aside + s, dbPath + s);
  }
}

/** The schema SQLite keeps (tables, indexes, triggers, views), normalised for comparison. */
function schemaOf(db: Ledger): Map<string, string> {
  const rows = schemaObjects(db.$client);
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r.sql.replace(/\s+/g, ' ').trim()]));
}

/** What differs between a ledger's schema and the one this version's migrations build. */
export function schemaProblems(db: Ledger, migrationsFolder: string, nativeBinding?: string): string[] {
  const reference = openScratchLedger({ migrationsFolder, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const want = schemaOf(reference);
    const got = schemaOf(db);
    const problems: string[] = [];
    for (const [key, sql] of want) {
      if (!got.has(key)) problems.push(`missing ${key}`);
      else if (got.get(key) !== sql) problems.push(`${key} differs`);
    }
    for (const key of got.keys()) if (!want.has(key)) problems.push(`unexpected ${key}`);
    return problems;
  } finally {
    closeLedger(reference);
  }
}

function removeStaged(file: string): void {
  for (const s of ['', ...SIDE_FILES, '.pre-migrate']) fs.rmSync(file + s, { force: true });
}

export async function restoreBackup(
  app: BackendContext,
  target: string,
  actor: { name: string },
  opts: { allowUnsigned?: boolean } = {},
): Promise<RestoreResult> {
  if (app.health.state === 'restoring') throw new AppError('CONFLICT', 'A restore is already running.');
  if (app.jobs.size > 0) {
    throw new AppError('CONFLICT', 'Wait for the running jobs (import, letters) to finish before restoring.');
  }
  const key = signingKey(app.dataDir);
  const signed = verifyBackup(target, app.migrationsFolder, app.nativeBinding, key);
  const report = opts.allowUnsigned ? verifyBackup(target, app.migrationsFolder, app.nativeBinding) : signed;
  if (!report.ok) {
    throw new AppError('VALIDATION', `The backup cannot be restored: ${report.problems.join('; ')}`, {
      issues: report.problems.map((message) => ({ message })),
    });
  }
  const unsigned = !signed.ok;
  const source = resolveSource(target);

  // Staged beside the ledger, brought to this version and checked before anything is replaced.
  const staged = `${app.dbPath}.restoring`;
  removeStaged(staged);
  const src = openFile(source.ledgerFile, {
    readonly: true,
    ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
  });
  try {
    await src.backup(staged, { progress: () => 2000 });
  } finally {
    src.close();
  }
  try {
    const copy = openLedger(staged, {
      migrationsFolder: app.migrationsFolder,
      ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
      // The backup itself is the copy from before these migrations.
      beforeMigrate: () => {},
    });
    try {
      const problems = schemaProblems(copy, app.migrationsFolder, app.nativeBinding);
      if (problems.length > 0) {
        throw new AppError(
          'VALIDATION',
          `The backup cannot be restored: its schema is not what this version builds (${problems.slice(0, 5).join('; ')})`,
          { issues: problems.map((message) => ({ message })) },
        );
      }
    } catch (err) {
      closeLedger(copy);
      throw err;
    }
    closeLedger(copy);
  } catch (err) {
    removeStaged(staged);
    throw err;
  }
  const damaged = app.health.state === 'damaged';
  const safety = damaged
    ? null
    : await createBackup(app, {
        kind: 'pre-restore',
        note: `before restoring ${report.id ?? report.path}`,
        protect: source.dir ? [source.dir] : [],
      });

  const previous = app.health;
  const at = app.now();
  const aside = damaged ? `${app.dbPath}.damaged-${at.replace(/[-:.]/g, '')}` : null;
  // The restore's audit row goes into the staged copy: it lands with the ledger, in the same
  // copy transaction, so no crash after the copy can lose it.
  const record = openLedger(staged, {
    migrationsFolder: app.migrationsFolder,
    ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
  });
  try {
    await writeAudit(record, {
      at,
      // By name: the restored ledger's users may not hold the actor's id.
      userId: null,
      userName: actor.name,
      action: 'backups.restore',
      entity: 'backup',
      entityId: report.id ?? report.path,
      after: {
        restored: report.id ?? report.path,
        createdAt: report.createdAt,
        safetyBackup: safety?.id ?? null,
        damagedFileKeptAs: aside,
        ...(unsigned ? { unsigned: true, signature: signed.problems[0] ?? null } : {}),
      },
    });
  } finally {
    closeLedger(record);
  }
  app.health = { state: 'restoring', since: at };
  let movedAside: string | null = null;
  try {
    closeLedger(app.db);
    if (damaged) movedAside = moveAside(app.dbPath, at);
    const stagedCopy = openFile(staged, {
      readonly: true,
      ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
    });
    try {
      await stagedCopy.backup(app.dbPath, { progress: () => 2000 });
    } finally {
      stagedCopy.close();
    }
    if (source.manifest && source.dir) {
      restoreDataFiles(`${source.dir}/${FILES_DIR}`, source.manifest.files, app.dataDir);
    }
    await app.reopen();
  } catch (err) {
    // Back to what was there: the untouched ledger (the copy is one transaction) or the damaged file.
    removeStaged(staged);
    if (movedAside) moveBack(movedAside, app.dbPath);
    try {
      await app.reopen();
    } catch {
      app.health = previous;
    }
    throw err;
  }
  removeStaged(staged);
  // reopen() set the state again (TypeScript still sees the 'restoring' assigned above).
  const health = app.health as LedgerHealth;
  if (health.state !== 'ok') {
    throw new AppError('INTERNAL', 'The restored ledger did not pass its check: restore another backup.');
  }
  app.emit({ type: 'ledger-changed', asOf: null });
  return {
    restored: { id: report.id, path: report.path, createdAt: report.createdAt },
    safetyBackup: safety?.id ?? null,
    damagedFileKeptAs: movedAside,
  };
}
