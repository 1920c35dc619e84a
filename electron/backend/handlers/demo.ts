import { AppError } from '../../../shared/api/errors.ts';
import { fillDemoCompany } from '../services/demo.ts';
import type { AreaHandlers } from './types.ts';

export const demoHandlers: AreaHandlers<'demo'> = {
  'demo.fill': (_input, call) => {
    const result = fillDemoCompany(call.app.db, call.app.today());
    if (!result)
      throw new AppError('CONFLICT', 'The ledger is not empty: the demo company only fills an empty ledger.');
    call.audit = { entity: 'ledger', after: result };
    return result;
  },
};
