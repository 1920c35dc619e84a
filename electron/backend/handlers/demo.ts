import { AppError } from '../../../shared/api/errors.ts';
import { fillDemoCompany } from '../services/demo.ts';
import { allowDemoImports, demoStatus, startRealLedger } from '../services/demo-ledger.ts';
import type { AreaHandlers } from './types.ts';

export const demoHandlers: AreaHandlers<'demo'> = {
  'demo.fill': (_input, call) => {
    const result = fillDemoCompany(call.app.db, call.app.today());
    if (!result)
      throw new AppError('CONFLICT', 'The ledger is not empty: the demo company only fills an empty ledger.');
    call.audit = { entity: 'ledger', after: result };
    return result;
  },
  'demo.status': (_input, { app }) => demoStatus(app),
  'demo.allowImports': (_input, call) => {
    call.audit = { entity: 'ledger', after: { importsAllowed: true } };
    return allowDemoImports(call.app);
  },
  'demo.startRealLedger': (_input, call) => startRealLedger(call),
};
