import type { Ledger } from '../../../db/open.ts';
import { getSetting, setSetting } from '../../../db/queries/settings.ts';
import type { AreaHandlers } from './types.ts';

type Language = 'it' | 'en';

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
};
