/**
 * CLI commands of the ledger's safety: `backup [--out DIR]`, `backups`, `restore FILE|ID`,
 * `verify [FILE|ID]`, `audit [filters] [--csv]`, `gdpr export|retention|anonymise|hold|release`.
 * See README "Safety of the ledger".
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeAudit } from '../../../db/queries/audit.ts';
import { integrityCheck } from '../../../db/queries/backup.ts';
import type { UserRecord } from '../../../db/queries/users.ts';
import type { BackupEntryView, BackupsView, VerifyReportView } from '../../../shared/api/contracts/safety.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackendContext } from '../context.ts';
import { createBackup, findBackup, migrationLevel, verifyBackup } from '../services/safety/backup.ts';
import { lockFileFor, lockHeld } from '../services/safety/lock.ts';
import {
  createPgBackup,
  isPostgresUrl,
  listPgBackups,
  type PgBackupEntry,
  type PgBackupList,
  type PgRestoreResult,
  type PgVerifyReport,
  pgBackupDir,
  pgBackupFolder,
  restorePgBackup,
  verifyPgBackup,
} from '../services/safety/pg-backup.ts';
import { type RestoreResult, restoreBackup } from '../services/safety/restore.ts';
import { signingKey } from '../services/safety/signing.ts';
import { type Command, command } from './command.ts';
import { CliError, type CliValues } from './options.ts';

/** A backup made from the command line, in the audit log of the ledger the user signed in to. */
async function auditBackup(
  ctx: BackendContext,
  user: UserRecord,
  id: string | number,
  after: object,
): Promise<void> {
  await writeAudit(ctx.db, {
    at: ctx.now(),
    userId: user.id,
    userName: `${user.name} (CLI)`,
    action: 'backups.create',
    entity: 'backup',
    entityId: id,
    after,
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The SQLite ledger's backups, lists and checks as printed: named by their engine as the
 * PostgreSQL ones are (pg-backup.ts), so a user sees which kind of backup is in front of them.
 */
type OnSqlite<T> = T & { engine: 'sqlite' };
const onSqlite = <T extends object>(x: T): OnSqlite<T> => ({ engine: 'sqlite', ...x });

/** A path to a backup (folder, manifest, ledger file) or the id of one in the backups folder. */
async function backupTarget(ctx: BackendContext, arg: string | undefined, command: string): Promise<string> {
  if (!arg)
    throw new AppError('VALIDATION', `${command} needs a backup: a folder, a ledger file or a backup id.`);
  if (fs.existsSync(arg)) return path.resolve(arg);
  if (/^[A-Za-z0-9._-]+$/.test(arg)) return (await findBackup(ctx, arg)).folder;
  throw new AppError('NOT_FOUND', `No backup at ${arg}.`);
}

/** A PostgreSQL backup: a path, or the id of one in the `postgres` backups folder. */
async function pgBackupTarget(ctx: BackendContext, arg: string | undefined): Promise<string> {
  if (!arg) throw new AppError('VALIDATION', 'restore needs a backup: a folder or a backup id.');
  const byId =
    /^[A-Za-z0-9._-]+$/.test(arg) && !arg.startsWith('.') ? path.join(await pgBackupFolder(ctx), arg) : null;
  const found = fs.existsSync(arg) ? arg : byId && fs.existsSync(byId) ? byId : null;
  if (!found) throw new AppError('NOT_FOUND', `No backup at ${arg}.`);
  const dir = pgBackupDir(found);
  if (!dir)
    throw new AppError(
      'VALIDATION',
      `${path.resolve(found)} is not a PostgreSQL backup: restore --db postgres://… puts back what \`backup --db postgres://…\` made.`,
    );
  return dir;
}

function auditFilter(values: CliValues) {
  return {
    ...(values.who !== undefined ? { user: values.who } : {}),
    ...(values.customer !== undefined ? { customer: values.customer } : {}),
    ...(values.action !== undefined ? { action: values.action } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
  };
}

const verifyHuman = (v: OnSqlite<VerifyReportView> | PgVerifyReport): string => {
  if (v.engine === 'postgresql')
    return [
      `${v.ok ? 'OK' : 'FAILED'}: ${v.path} (PostgreSQL ${v.server}, database ${v.database}, ${v.backupKind}, ${v.createdAt})`,
      `dump: ${v.dump.entries} entries read by pg_restore --list, audit triggers ${v.auditTriggers.join(', ') || 'none'}`,
      `migrations: ${v.migrations.applied}/${v.migrations.known} (${v.migrations.state}), latest ${v.migrations.latest ?? '-'}`,
      ...v.problems.map((p) => `problem: ${p}`),
    ].join('\n');
  return [
    `${v.ok ? 'OK' : 'FAILED'}: ${v.path} (SQLite${v.id ? `, ${v.backupKind}, ${v.createdAt}` : ''})`,
    `integrity: ${v.integrity.join('; ')}`,
    `migrations: ${v.migrations.applied}/${v.migrations.known} (${v.migrations.state}), latest ${v.migrations.latest ?? '-'}`,
    v.kind === 'backup'
      ? `files: ${v.files.checked} checked, ${v.files.missing.length} missing, ${v.files.changed.length} changed`
      : 'files: (a bare ledger file has no manifest)',
    ...v.problems.map((p) => `problem: ${p}`),
  ].join('\n');
};

export const SAFETY_COMMANDS: Record<string, Command> = {
  backup: command({
    summary:
      'back up the ledger and its files now (online backup API): `backup [--out DIR] [--note T]`; without --out into the backups folder, with rotation. A ledger moved to PostgreSQL: `backup --db postgres://USER@HOST:PORT/DB [--out DIR] [--source LEDGER]` (pg_dump; password from PGPASSWORD or the URL, never written; who runs it is checked against the SQLite ledger, the default one or --source)',
    postgres: true,
    run: async ({
      ctx,
      values,
      call,
      authorize,
      env,
    }): Promise<OnSqlite<BackupEntryView> | PgBackupEntry> => {
      if (isPostgresUrl(values.db)) {
        const user = await authorize('backups.create');
        const entry = await createPgBackup(ctx, {
          url: values.db ?? '',
          kind: 'manual',
          env,
          ...(values.out !== undefined ? { out: values.out } : {}),
          ...(values.note ? { note: values.note } : {}),
        });
        // Recorded where this user is (the SQLite ledger), as `backup --out` is: the dumped
        // database is only read.
        await auditBackup(ctx, user, entry.id, {
          engine: 'postgresql',
          folder: entry.folder,
          source: entry.source,
          bytes: entry.bytes,
        });
        return entry;
      }
      if (values.out === undefined)
        return onSqlite(await call('backups.create', values.note ? { note: values.note } : {}));
      // A copy of the whole ledger: the role that may make backups, checked by the dispatcher.
      const user = await authorize('backups.create');
      const entry = await createBackup(ctx, {
        kind: 'manual',
        out: values.out,
        ...(values.note ? { note: values.note } : {}),
      });
      await auditBackup(ctx, user, entry.id, {
        folder: entry.folder,
        bytes: entry.bytes,
        files: entry.files,
      });
      return onSqlite(entry);
    },
    human: (b) => {
      if (b.engine === 'postgresql') {
        const rows = Object.values(b.rows).reduce((n, r) => n + r, 0);
        return `Backup of ${b.source} (PostgreSQL ${b.server}): ${b.folder}, ${mb(b.bytes)}, ${rows} rows in ${Object.keys(b.rows).length} tables`;
      }
      return `SQLite backup ${b.folder}: ${mb(b.bytes)}, ${b.files} file(s) besides the ledger${b.good ? '' : ' — WARNING: the copy failed its check'}`;
    },
  }),
  backups: command({
    summary:
      "the backups of this ledger, newest first, and where they are; a ledger moved to PostgreSQL: `backups --db postgres://USER@HOST:PORT/DB [--source LEDGER]` lists that database's dumps (in `postgres/` inside the backups folder)",
    postgres: true,
    run: async ({ ctx, values, call, authorize }): Promise<OnSqlite<BackupsView> | PgBackupList> => {
      if (isPostgresUrl(values.db)) {
        await authorize('backups.list');
        return await listPgBackups(ctx, values.db);
      }
      const view = await call('backups.list', {});
      return onSqlite({ ...view, backups: view.backups.map(onSqlite) });
    },
    human: (v) => {
      const where =
        v.engine === 'postgresql'
          ? `PostgreSQL backups of ${v.database} in ${v.folder}`
          : `SQLite ledger's backups in ${v.folder}`;
      return [
        `${where} (keeps ${v.rotation.daily} daily, ${v.rotation.weekly} weekly, ${v.rotation.monthly} monthly)`,
        ...v.backups.map(
          (b: BackupEntryView | PgBackupEntry) =>
            `  ${b.id}  ${b.createdAt}  ${b.kind.padEnd(11)} ${mb(b.bytes).padStart(9)}${b.good ? '' : '  (failed its check)'}`,
        ),
      ].join('\n');
    },
  }),
  restore: command({
    summary:
      'put the ledger and its files back to a backup (after backing up the current state): `restore FILE|ID [--confirm]` (--confirm accepts a backup this installation did not sign); refused while the app has the ledger open. A PostgreSQL backup: `restore DIR|ID --db postgres://USER@HOST:PORT/DB [--confirm] [--source LEDGER]` (pg_restore in one transaction into an EMPTY database; --confirm replaces a non-empty one after a safety dump of it; admin only, checked against the SQLite ledger, the default one or --source)',
    recovery: true,
    postgres: true,
    run: async ({ ctx, args, values, authorize, env }): Promise<RestoreResult | PgRestoreResult> => {
      // Only the admin puts the ledger back (the dispatcher's check, as in the app).
      const user = await authorize('backups.restore');
      if (isPostgresUrl(values.db))
        return await restorePgBackup(ctx, await pgBackupTarget(ctx, args[0]), {
          url: values.db ?? '',
          confirm: values.confirm === true,
          actor: { name: `${user.name} (CLI)` },
          env,
        });
      const owner = lockHeld(lockFileFor(ctx.dbPath));
      if (owner) {
        throw new AppError(
          'CONFLICT',
          `Incasso (${owner.mode}, pid ${owner.pid} on ${owner.host}) has this ledger open: restore from its Settings page, or close it first.`,
        );
      }
      // --confirm: an unsigned backup (older version, another installation) on the admin's word,
      // recorded as such in the audit trail; an edited one still fails its checksums and schema check.
      return await restoreBackup(
        ctx,
        await backupTarget(ctx, args[0], 'restore'),
        { name: `${user.name} (CLI)` },
        { allowUnsigned: values.confirm === true },
      );
    },
    human: (x) => {
      if ('engine' in x)
        return [
          `Restored ${x.restored.id} (${x.restored.createdAt}) into ${x.target}: ${x.tables.reduce((n, t) => n + t.rows, 0)} rows in ${x.tables.length} tables, as the backup's manifest says; the audit log still refuses changes.`,
          x.safetyBackup ? `The database before the restore is in ${x.safetyBackup}` : '',
          x.otherRelations.length
            ? `Kept, not in the backup: ${x.otherRelations.slice(0, 10).join(', ')}`
            : '',
        ]
          .filter(Boolean)
          .join('\n');
      return [
        `Restored ${x.restored.id ?? x.restored.path}${x.restored.createdAt ? ` (${x.restored.createdAt})` : ''}`,
        x.safetyBackup ? `The state before the restore is in backup ${x.safetyBackup}` : '',
        x.damagedFileKeptAs ? `The damaged ledger was kept as ${x.damagedFileKeptAs}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    },
  }),
  verify: command({
    summary:
      "check a backup (sha256 of every file, integrity_check, migration level): `verify FILE|ID`; without an argument, the ledger itself. A PostgreSQL backup (by its manifest): the dump's sha256, `pg_restore --list` reads it, the audit log's triggers are in it",
    recovery: true,
    run: async ({ ctx, args, authorize, env }) => {
      await authorize('backups.verify');
      let report: OnSqlite<VerifyReportView> | PgVerifyReport;
      const pgDir = args[0] !== undefined && fs.existsSync(args[0]) ? pgBackupDir(args[0]) : null;
      if (pgDir) {
        report = await verifyPgBackup(pgDir, { env, key: signingKey(ctx.dataDir) });
      } else if (args[0] === undefined) {
        const damaged = ctx.health.state === 'damaged' ? ctx.health.problems : null;
        const integrity = damaged ?? integrityCheck(ctx.db.$client);
        const level = damaged ? null : migrationLevel(ctx.db.$client, ctx.migrationsFolder);
        const ok = integrity.length === 1 && integrity[0] === 'ok';
        report = onSqlite<VerifyReportView>({
          ok,
          path: ctx.dbPath,
          kind: 'file',
          id: null,
          createdAt: null,
          backupKind: null,
          integrity,
          migrations: {
            applied: level?.applied ?? 0,
            latest: level?.latest ?? null,
            known: level?.known ?? 0,
            state: level === null ? 'not-a-ledger' : level.applied < level.known ? 'older' : 'current',
          },
          files: { checked: 0, missing: [], changed: [] },
          problems: ok ? [] : [`integrity_check: ${integrity.slice(0, 5).join('; ')}`],
        });
      } else {
        report = onSqlite(
          verifyBackup(
            await backupTarget(ctx, args[0], 'verify'),
            ctx.migrationsFolder,
            ctx.nativeBinding,
            signingKey(ctx.dataDir),
          ),
        );
      }
      if (!report.ok) {
        throw new CliError(1, {
          error: `Verification failed: ${report.path}`,
          errors: report.problems.map((message) => ({ message })),
        });
      }
      return report;
    },
    human: verifyHuman,
  }),
  audit: command({
    summary:
      'the audit trail, newest first: `audit [--who NAME] [--customer CODE] [--action A|area.] [--from D] [--to D] [--limit N]`; `--csv` prints it all as CSV (oldest first)',
    run: async ({ call, values, io }) => {
      const filter = auditFilter(values);
      if (values.csv) {
        const { csv, rows } = await call('audit.exportCsv', filter);
        if (values.out) fs.writeFileSync(values.out, csv, { mode: 0o600 });
        else io.out(csv.replace(/^\uFEFF/, '').trimEnd());
        const written: { rows: number; file?: string } = {
          rows,
          ...(values.out ? { file: path.resolve(values.out) } : {}),
        };
        return written;
      }
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new AppError('VALIDATION', `--limit must be a positive whole number, got "${values.limit}"`);
      return call('audit.list', { ...filter, limit });
    },
    human: (x) => {
      // --csv: how many rows went out, and where.
      if (!('total' in x)) return `${x.rows} audit row(s)${x.file ? ` written to ${x.file}` : ''}`;
      return [
        ...x.rows.map(
          (a) =>
            `#${a.id} ${a.at} ${a.userName ?? '-'} ${a.action}${a.entity ? ` ${a.entity}${a.entityId ? `:${a.entityId}` : ''}` : ''}`,
        ),
        `${x.rows.length} of ${x.total ?? x.rows.length}`,
      ].join('\n');
    },
  }),
  gdpr: command({
    summary:
      'personal data (docs/PRIVACY.md): `gdpr export CODE --out FILE.zip`, `gdpr retention`, `gdpr anonymise CODE… --confirm`, `gdpr hold CODE --reason T`, `gdpr release CODE`',
    run: async ({ args, values, call }) => {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'export': {
          if (!rest[0] || !values.out)
            throw new AppError('VALIDATION', 'gdpr export needs CODE and --out FILE.zip');
          const r = await call('gdpr.export', { code: rest[0] });
          fs.writeFileSync(values.out, Buffer.from(r.dataBase64, 'base64'), { mode: 0o600 });
          const { dataBase64: _data, ...meta } = r;
          return { ...meta, file: path.resolve(values.out) };
        }
        case 'retention':
        case undefined:
          return call('gdpr.retention', {});
        case 'anonymise':
        case 'anonymize': {
          if (rest.length === 0)
            throw new AppError('VALIDATION', 'gdpr anonymise needs one or more customer codes');
          if (!values.confirm)
            throw new AppError(
              'CONFIRMATION_REQUIRED',
              'Anonymisation cannot be undone (except by restoring a backup): add --confirm',
            );
          return call('gdpr.anonymise', { codes: rest, confirm: true });
        }
        case 'hold':
          return call('gdpr.hold', { code: rest[0] ?? '', hold: true, reason: values.reason });
        case 'release':
          return call('gdpr.hold', { code: rest[0] ?? '', hold: false });
        default:
          throw new AppError('VALIDATION', `Unknown gdpr subcommand "${sub}"`);
      }
    },
  }),
};
