/**
 * Restore: the ledger and its files go back to a chosen backup.
 *
 *   1. the backup is verified in full (sha256s, integrity_check, migration level not newer);
 *   2. the current state is backed up ("pre-restore"), unless the ledger is damaged — then the
 *      damaged file is moved aside as `<ledger>.damaged-<time>` instead, never deleted;
 *   3. the backend's connection is closed and the backup is copied into the ledger file with the
 *      online backup API: one write transaction, so a crash halfway leaves the old ledger, and a
 *      CLI run waiting on the file sees either the old ledger or the restored one, never a mix;
 *   4. the data folder is made to hold exactly the backup's files;
 *   5. the ledger is reopened (pending migrations run, with their own backup) and checked, and the
 *      restore is written to the restored ledger's audit trail.
 */
import fs from 'node:fs';
import { closeLedger } from '../../../../db/open.ts';
import { writeAudit } from '../../../../db/queries/audit.ts';
import { openFile } from '../../../../db/queries/backup.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext } from '../../context.ts';
import { createBackup, FILES_DIR, resolveSource, verifyBackup } from './backup.ts';
import { restoreDataFiles } from './files.ts';
import type { LedgerHealth } from './health.ts';

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

export async function restoreBackup(
  app: BackendContext,
  target: string,
  actor: { name: string },
): Promise<RestoreResult> {
  if (app.health.state === 'restoring') throw new AppError('CONFLICT', 'A restore is already running.');
  if (app.jobs.size > 0) {
    throw new AppError('CONFLICT', 'Wait for the running jobs (import, letters) to finish before restoring.');
  }
  const report = verifyBackup(target, app.migrationsFolder, app.nativeBinding);
  if (!report.ok) {
    throw new AppError('VALIDATION', `The backup cannot be restored: ${report.problems.join('; ')}`, {
      issues: report.problems.map((message) => ({ message })),
    });
  }
  const source = resolveSource(target);
  const damaged = app.health.state === 'damaged';
  const safety = damaged
    ? null
    : await createBackup(app, {
        kind: 'pre-restore',
        note: `before restoring ${report.id ?? report.path}`,
        protect: source.dir ? [source.dir] : [],
      });

  const previous = app.health;
  app.health = { state: 'restoring', since: app.now() };
  let aside: string | null = null;
  try {
    closeLedger(app.db);
    if (damaged) aside = moveAside(app.dbPath, app.now());
    const src = openFile(source.ledgerFile, {
      readonly: true,
      ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
    });
    try {
      await src.backup(app.dbPath, { progress: () => 2000 });
    } finally {
      src.close();
    }
    if (source.manifest && source.dir) {
      restoreDataFiles(`${source.dir}/${FILES_DIR}`, source.manifest.files, app.dataDir);
    }
    app.reopen();
  } catch (err) {
    // Back to what was there: the untouched ledger (the copy is one transaction) or the damaged file.
    if (aside) moveBack(aside, app.dbPath);
    try {
      app.reopen();
    } catch {
      app.health = previous;
    }
    throw err;
  }
  // reopen() set the state again (TypeScript still sees the 'restoring' assigned above).
  const health = app.health as LedgerHealth;
  if (health.state !== 'ok') {
    throw new AppError('INTERNAL', 'The restored ledger did not pass its check: restore another backup.');
  }
  writeAudit(app.db, {
    at: app.now(),
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
    },
  });
  app.emit({ type: 'ledger-changed', asOf: null });
  return {
    restored: { id: report.id, path: report.path, createdAt: report.createdAt },
    safetyBackup: safety?.id ?? null,
    damagedFileKeptAs: aside,
  };
}
