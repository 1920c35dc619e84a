/** Every contract method's handler, one file per area. TypeScript refuses a missing one. */

import { bankHandlers } from './bank.ts';
import {
  attachmentsHandlers,
  contactsHandlers,
  disputesHandlers,
  orderBlockHandlers,
  plansHandlers,
  promisesHandlers,
} from './customer-tools.ts';
import { customersHandlers } from './customers.ts';
import { demoHandlers } from './demo.ts';
import {
  casesHandlers,
  dunningHandlers,
  policiesHandlers,
  tasksHandlers,
  worklistHandlers,
} from './dunning.ts';
import { eInvoicesHandlers } from './e-invoices.ts';
import { importsHandlers } from './imports.ts';
import { jobsHandlers } from './jobs.ts';
import { legalHandlers } from './legal.ts';
import { lettersAreaHandlers } from './letters.ts';
import { masterDataHandlers } from './master-data.ts';
import { notifyHandlers, salespeopleHandlers } from './notify.ts';
import { ratingsHandlers } from './ratings.ts';
import { kpiHandlers, reportsHandlers } from './reports.ts';
import { auditHandlers, backupsHandlers, gdprHandlers } from './safety.ts';
import { sessionHandlers } from './session.ts';
import { settingsHandlers } from './settings.ts';
import { summaryHandlers } from './summary.ts';
import { systemHandlers } from './system.ts';
import type { HandlerMap } from './types.ts';
import { usersHandlers } from './users.ts';

export const handlers: HandlerMap = {
  ...bankHandlers,
  ...masterDataHandlers,
  ...eInvoicesHandlers,
  ...sessionHandlers,
  ...backupsHandlers,
  ...auditHandlers,
  ...gdprHandlers,
  ...kpiHandlers,
  ...reportsHandlers,
  ...lettersAreaHandlers,
  ...systemHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...summaryHandlers,
  ...customersHandlers,
  ...demoHandlers,
  ...importsHandlers,
  ...jobsHandlers,
  ...dunningHandlers,
  ...casesHandlers,
  ...worklistHandlers,
  ...tasksHandlers,
  ...policiesHandlers,
  ...contactsHandlers,
  ...attachmentsHandlers,
  ...promisesHandlers,
  ...plansHandlers,
  ...disputesHandlers,
  ...orderBlockHandlers,
  ...ratingsHandlers,
  ...legalHandlers,
  ...salespeopleHandlers,
  ...notifyHandlers,
};
