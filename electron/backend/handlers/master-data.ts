import { ledgerAsOf } from '../../../db/queries/summary.ts';
import { refuseImportIntoDemo } from '../services/demo-ledger.ts';
import { applyMasterDataFile, previewMasterDataFile } from '../services/import-kinds/jobs.ts';
import type { AreaHandlers } from './types.ts';

export const masterDataHandlers: AreaHandlers<'masterData'> = {
  'masterData.preview': (input, call) => previewMasterDataFile(call, input),
  'masterData.apply': async (input, call) => {
    await refuseImportIntoDemo(call.app, input.dryRun);
    const result = await applyMasterDataFile(call, input);
    if (result.batch !== null) call.app.emit({ type: 'ledger-changed', asOf: await ledgerAsOf(call.app.db) });
    return result;
  },
};
