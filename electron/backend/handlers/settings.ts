import type { Ledger } from '../../../db/open.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import {
  isAdminOnlySetting,
  isSettingKey,
  type SettingKey,
} from '../../../shared/api/contracts/settings-keys.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { Language } from '../../../shared/domain/vocabulary.ts';
import {
  readSettingsView,
  setLetterheadImage,
  setMailPassword,
  updateSettings,
} from '../services/settings/store.ts';
import type { AreaHandlers } from './types.ts';

// `companyName` is the storage key of `company.name` (settings-keys.ts): the header and the
// letterhead show the same name.
function readSettings(db: Ledger) {
  return {
    language: getSetting<Language>(db, 'language', 'it'),
    companyName: getSetting<string>(db, 'companyName', 'La mia azienda S.r.l.'),
  };
}

export const settingsHandlers: AreaHandlers<'settings'> = {
  'settings.get': (_input, { app }) => readSettings(app.db),
  'settings.set': (input, call) => {
    const before = readSettings(call.app.db);
    if (input.language !== undefined) setSetting(call.app.db, 'language', input.language);
    if (input.companyName !== undefined) setSetting(call.app.db, 'companyName', input.companyName);
    const after = readSettings(call.app.db);
    call.audit = { entity: 'settings', before, after };
    return after;
  },
  'settings.all': (_input, { app }) => readSettingsView(app.db),
  'settings.update': (input, call) => {
    // Where backups go, how many are kept, how long sessions last: the admin's alone.
    const adminOnly = Object.keys(input.values).filter(
      (k) => input.values[k as SettingKey] !== undefined && isSettingKey(k) && isAdminOnlySetting(k),
    );
    if (adminOnly.length > 0 && call.user.role !== 'admin') {
      throw new AppError(
        'FORBIDDEN',
        `Only the admin may change ${adminOnly.join(', ')} (the role ${call.user.role} may not).`,
        { issues: adminOnly.map((path) => ({ path, message: 'only the admin may change it' })) },
      );
    }
    const changes = updateSettings(call.app.db, input.values);
    // The audit row names every changed field with its value before and after.
    call.audit = {
      entity: 'settings',
      ...(changes.length > 0 ? { entityId: changes.map((c) => c.key).join(',') } : {}),
      before: Object.fromEntries(changes.map((c) => [c.key, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.key, c.after])),
    };
    return readSettingsView(call.app.db);
  },
  'settings.setPassword': (input, call) => {
    setMailPassword(call.app.db, call.app, input.account, input.password);
    // Never the password itself in the audit log.
    call.audit = {
      entity: 'settings',
      entityId: `${input.account}.password`,
      after: { set: input.password !== '' },
    };
    return { account: input.account, set: input.password !== '' };
  },
  'settings.setImage': (input, call) => {
    const data = input.dataBase64 === null ? null : Buffer.from(input.dataBase64, 'base64');
    setLetterheadImage(call.app.db, call.app.dataDir, input.kind, data);
    call.audit = {
      entity: 'settings',
      entityId: `company.${input.kind}`,
      after: { fileName: input.fileName ?? null, bytes: data?.length ?? 0 },
    };
    return { kind: input.kind, set: data !== null };
  },
};
