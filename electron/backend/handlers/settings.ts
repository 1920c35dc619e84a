import type { Ledger } from '../../../db/open.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import {
  readSettingsView,
  setLetterheadImage,
  setMailPassword,
  updateSettings,
} from '../services/settings/store.ts';
import type { AreaHandlers } from './types.ts';

type Language = 'it' | 'en';

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
    const before = readSettingsView(call.app.db);
    updateSettings(call.app.db, input.values);
    const after = readSettingsView(call.app.db);
    call.audit = { entity: 'settings', before, after };
    return after;
  },
  'settings.setPassword': (input, call) => {
    setMailPassword(call.app.db, call.app.dataDir, input.account, input.password);
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
