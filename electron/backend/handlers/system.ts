import { ledgerAsOf } from '../../../db/queries/summary.ts';
import type { AreaHandlers } from './types.ts';

export const systemHandlers: AreaHandlers<'system'> = {
  'system.info': async (_input, { app }) => ({
    version: app.version,
    today: app.today(),
    ledgerAsOf: await ledgerAsOf(app.db),
    dbPath: app.dbPath,
    mode: app.mode,
  }),
};
