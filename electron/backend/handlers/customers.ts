import { listCustomers } from '../../../db/queries/customers.ts';
import { ledgerAsOf } from '../../../db/queries/summary.ts';
import { customerProfile } from '../services/customers/profile.ts';
import { updateLocalFields } from '../services/customers/tools.ts';
import type { AreaHandlers } from './types.ts';

export const customersHandlers: AreaHandlers<'customers'> = {
  'customers.list': async (input, { app }) => {
    const asOf = (await ledgerAsOf(app.db)) ?? app.today();
    return { asOf, ...(await listCustomers(app.db, { ...input, asOf })) };
  },
  // Days overdue and the overdue figures count to the ledger's as-of date, as the Customers list
  // and the summary do (the header says which date that is), so a customer reads the same on every page.
  'customers.get': async (input, { app }) =>
    await customerProfile(app.db, input.code, (await ledgerAsOf(app.db)) ?? app.today()),
  'customers.update': async (input, call) => {
    const r = await updateLocalFields(call.app.db, input, call.user);
    call.audit = { entity: 'customer', entityId: r.id, before: r.before, after: r.after };
    return { code: input.code };
  },
};
