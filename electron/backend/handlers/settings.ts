import {
  isAdminOnlySetting,
  isSettingKey,
  type SettingKey,
} from '../../../shared/api/contracts/settings-keys.ts';
import { AppError } from '../../../shared/api/errors.ts';
import {
  readSettingsView,
  setLetterheadImage,
  setMailPassword,
  updateSettings,
} from '../services/settings/store.ts';
import type { AreaHandlers } from './types.ts';

export const settingsHandlers: AreaHandlers<'settings'> = {
  'settings.get': async (_input, { app }) => await readSettingsView(app.db),
  'settings.set': async (input, call) => {
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
    const changes = await updateSettings(call.app.db, input.values);
    // The audit row names every changed field with its value before and after.
    call.audit = {
      entity: 'settings',
      ...(changes.length > 0 ? { entityId: changes.map((c) => c.key).join(',') } : {}),
      before: Object.fromEntries(changes.map((c) => [c.key, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.key, c.after])),
    };
    return await readSettingsView(call.app.db);
  },
  'settings.setPassword': async (input, call) => {
    await setMailPassword(call.app.db, call.app, input.account, input.password);
    // Never the password itself in the audit log.
    call.audit = {
      entity: 'settings',
      entityId: `${input.account}.password`,
      after: { set: input.password !== '' },
    };
    return { account: input.account, set: input.password !== '' };
  },
  'settings.setImage': async (input, call) => {
    const data = input.dataBase64 === null ? null : Buffer.from(input.dataBase64, 'base64');
    await setLetterheadImage(call.app.db, call.app.dataDir, input.kind, data);
    call.audit = {
      entity: 'settings',
      entityId: `company.${input.kind}`,
      after: { fileName: input.fileName ?? null, bytes: data?.length ?? 0 },
    };
    return { kind: input.kind, set: data !== null };
  },
};
