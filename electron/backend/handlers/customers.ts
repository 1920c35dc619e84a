import { listCustomers } from '../../../db/queries/customers.ts';
import { ledgerAsOf } from '../../../db/queries/summary.ts';
import type { AreaHandlers } from './types.ts';

export const customersHandlers: AreaHandlers<'customers'> = {
  'customers.list': (input, { app }) => {
    const asOf = ledgerAsOf(app.db) ?? app.today();
    return { asOf, ...listCustomers(app.db, { ...input, asOf }) };
  },
};
