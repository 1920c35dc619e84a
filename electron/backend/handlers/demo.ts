import { AppError } from '../../../shared/api/errors.ts';
import { fillDemoCompany } from '../services/demo.ts';
import { allowDemoImports, demoStatus, startRealLedger } from '../services/demo-ledger.ts';
import type { AreaHandlers } from './types.ts';

export const demoHandlers: AreaHandlers<'demo'> = {
  'demo.fill': async (_input, call) => {
    const result = await fillDemoCompany(call.app.db, call.app.today());
    if (!result)
      throw new AppError('CONFLICT', 'The ledger is not empty: the demo company only fills an empty ledger.');
    call.audit = { entity: 'ledger', after: result };
    return result;
  },
  'demo.status': async (_input, { app }) => await demoStatus(app),
  'demo.allowImports': async (_input, call) => {
    call.audit = { entity: 'ledger', after: { importsAllowed: true } };
    return await allowDemoImports(call.app);
  },
  'demo.startRealLedger': async (_input, call) => await startRealLedger(call),
};
