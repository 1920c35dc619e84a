import { ledgerAsOf, ledgerSummary } from '../../../db/queries/summary.ts';
import type { AreaHandlers } from './types.ts';

export const summaryHandlers: AreaHandlers<'summary'> = {
  'summary.get': (input, { app }) => ledgerSummary(app.db, input.asOf ?? ledgerAsOf(app.db) ?? app.today()),
};
