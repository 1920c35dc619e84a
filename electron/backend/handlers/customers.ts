import { listCustomers } from '../../../db/queries/customers.ts';
import { ledgerAsOf } from '../../../db/queries/summary.ts';
import { customerProfile } from '../services/customers/profile.ts';
import { updateLocalFields } from '../services/customers/tools.ts';
import type { AreaHandlers } from './types.ts';

export const customersHandlers: AreaHandlers<'customers'> = {
  'customers.list': (input, { app }) => {
    const asOf = ledgerAsOf(app.db) ?? app.today();
    return { asOf, ...listCustomers(app.db, { ...input, asOf }) };
  },
  'customers.get': (input, { app }) => customerProfile(app.db, input.code, app.today()),
  'customers.update': (input, call) => {
    const r = updateLocalFields(call.app.db, input, call.user);
    call.audit = { entity: 'customer', entityId: r.id, before: r.before, after: r.after };
    return { code: input.code };
  },
};
