import { ledgerAsOf, ledgerSummary } from '../../../db/queries/summary.ts';
import type { AreaHandlers } from './types.ts';

export const summaryHandlers: AreaHandlers<'summary'> = {
  'summary.get': async (input, { app }) =>
    await ledgerSummary(app.db, input.asOf ?? (await ledgerAsOf(app.db)) ?? app.today()),
};
