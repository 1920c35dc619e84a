import { ledgerAsOf } from '../../../db/queries/summary.ts';
import type { AreaHandlers } from './types.ts';

export const systemHandlers: AreaHandlers<'system'> = {
  'system.info': (_input, { app }) => ({
    version: app.version,
    today: app.today(),
    ledgerAsOf: ledgerAsOf(app.db),
    dbPath: app.dbPath,
    mode: app.mode,
  }),
};
