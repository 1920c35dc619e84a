/**
 * Handlers of the ledger's safety: backups, the audit trail view, the GDPR tools (README "Safety
 * of the ledger").
 */

import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackendContext } from '../context.ts';
import { auditAs } from '../services/common/audit.ts';
import { auditCsv, auditFacets, customerAudit, listAudit } from '../services/safety/audit-view.ts';
import {
  createBackup,
  defaultBackupFolder,
  findBackup,
  latestGoodBackup,
  listBackups,
  rotationPolicy,
  verifyBackup,
} from '../services/safety/backup.ts';
import {
  anonymiseCustomers,
  exportCustomer,
  retentionReview,
  setLegalHold,
} from '../services/safety/gdpr.ts';
import { restoreBackup } from '../services/safety/restore.ts';
import { signingKey } from '../services/safety/signing.ts';
import { readSetting, updateSettings } from '../services/settings/store.ts';
import type { AreaHandlers } from './types.ts';

async function backupsView(app: BackendContext, withLatestGood: boolean) {
  const { folder, backups } = await listBackups(app);
  const { daily, weekly, monthly } = await rotationPolicy(app);
  const h = app.health;
  return {
    engine: 'sqlite' as const,
    ledger: app.dbPath,
    folder,
    defaultFolder: defaultBackupFolder(app.dbPath),
    folderSetting: h.state === 'ok' ? String(await readSetting(app.db, 'backups.folder')) : '',
    rotation: { daily, weekly, monthly },
    health: { state: h.state, problems: h.state === 'damaged' ? h.problems : [] },
    latestGood: withLatestGood ? await latestGoodBackup(app) : null,
    backups,
  };
}

export const backupsHandlers: AreaHandlers<'backups'> = {
  'backups.list': async (input, { app }) => await backupsView(app, input.latestGood),
  'backups.create': async (input, { app, user }) => {
    const entry = await createBackup(app, { kind: 'manual', ...(input.note ? { note: input.note } : {}) });
    await auditAs(app.db, user, {
      at: app.now(),
      action: 'backups.create',
      entity: 'backup',
      entityId: entry.id,
      after: { folder: entry.folder, bytes: entry.bytes, files: entry.files, note: entry.note },
    });
    return entry;
  },
  'backups.verify': async (input, { app }) =>
    verifyBackup(
      (await findBackup(app, input.id)).folder,
      app.migrationsFolder,
      app.nativeBinding,
      signingKey(app.dataDir),
    ),
  'backups.restore': async (input, { app, user }) => {
    const b = await findBackup(app, input.id);
    // In recovery mode the acting user is the stand-in ledger's admin: say so in the trail.
    const name = app.health.state === 'damaged' ? `${user.name} (recovery)` : user.name;
    return restoreBackup(app, b.folder, { name });
  },
  'backups.configure': async (input, call) => {
    const { app } = call;
    const before = await backupsView(app, false);
    if (input.folder !== undefined && input.folder !== '') {
      const folder = path.resolve(path.dirname(app.dbPath), input.folder);
      try {
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        fs.accessSync(folder, fs.constants.W_OK);
      } catch (err) {
        throw new AppError(
          'VALIDATION',
          `The folder ${folder} cannot be written: ${(err as Error).message}`,
          {
            issues: [{ path: 'folder', message: 'not writable' }],
          },
        );
      }
    }
    await updateSettings(app.db, {
      ...(input.folder !== undefined ? { 'backups.folder': input.folder } : {}),
      ...(input.daily !== undefined ? { 'backups.keepDaily': input.daily } : {}),
      ...(input.weekly !== undefined ? { 'backups.keepWeekly': input.weekly } : {}),
      ...(input.monthly !== undefined ? { 'backups.keepMonthly': input.monthly } : {}),
    });
    const after = await backupsView(app, false);
    call.audit = {
      entity: 'settings',
      entityId: 'backups',
      before: { folder: before.folderSetting, rotation: before.rotation },
      after: { folder: after.folderSetting, rotation: after.rotation },
    };
    return after;
  },
};

export const auditHandlers: AreaHandlers<'audit'> = {
  'audit.list': async (input, { app }) => {
    const { offset, limit, ...filter } = input;
    return await listAudit(app.db, filter, { offset, limit });
  },
  'audit.facets': async (_input, { app }) => await auditFacets(app.db),
  'audit.exportCsv': async (input, { app }) => {
    const { csv, rows } = await auditCsv(app.db, input);
    return { fileName: `registro-attivita-${app.today()}.csv`, rows, csv };
  },
  'audit.customer': async (input, { app }) => await customerAudit(app.db, input.code, input.limit),
};

export const gdprHandlers: AreaHandlers<'gdpr'> = {
  'gdpr.export': async (input, call) => {
    const r = await exportCustomer(call.app, input.code, call.user.name);
    // Who exported whose data, when (accountability): the file's fingerprint, never its content.
    call.audit = {
      entity: 'customer',
      entityId: input.code,
      after: { code: input.code, fileName: r.fileName, bytes: r.bytes, sha256: r.sha256, files: r.files },
    };
    return r;
  },
  'gdpr.retention': async (_input, { app }) => await retentionReview(app),
  'gdpr.anonymise': async (input, call) => {
    const r = await anonymiseCustomers(call.app, input.codes, call.user);
    call.audit = { entity: 'customers', after: r };
    return r;
  },
  'gdpr.hold': async (input, call) => {
    const r = await setLegalHold(call.app, input.code, input.hold, input.reason);
    call.audit = { entity: 'customer', entityId: input.code, before: r.before, after: r.after };
    return r.after;
  },
  'gdpr.configure': async (input, call) => {
    const before = Number(await readSetting(call.app.db, 'gdpr.retentionYears'));
    await updateSettings(call.app.db, { 'gdpr.retentionYears': input.retentionYears });
    call.audit = {
      entity: 'settings',
      entityId: 'gdpr.retentionYears',
      before: { retentionYears: before },
      after: { retentionYears: input.retentionYears },
    };
    return { retentionYears: input.retentionYears };
  },
};
