import { ledgerAsOf } from '../../../db/queries/summary.ts';
import { scheduledRun } from '../services/daily/scheduler.ts';
import { refuseImportIntoDemo } from '../services/demo-ledger.ts';
import { applyEInvoiceFile, previewEInvoiceFile } from '../services/import-kinds/jobs.ts';
import type { AreaHandlers } from './types.ts';

export const eInvoicesHandlers: AreaHandlers<'eInvoices'> = {
  'eInvoices.preview': (input, call) => previewEInvoiceFile(call, input),
  'eInvoices.apply': async (input, call) => {
    await refuseImportIntoDemo(call.app, input.dryRun);
    const result = await applyEInvoiceFile(call, input);
    if (result.batch !== null) {
      // New open items: the worklist follows (a dunning run after every import, idempotent).
      await scheduledRun(call.app, 'import');
      call.app.emit({ type: 'ledger-changed', asOf: await ledgerAsOf(call.app.db) });
    }
    return result;
  },
};
