/** Handlers of the collector's tools: contacts, attachments, promises, plans, disputes, order block. */

import { blockedCustomers, itemsOfCustomer } from '../../../db/queries/profile.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { planSchedule } from '../../../shared/domain/plan.ts';
import { requireCustomer } from '../services/customers/profile.ts';
import {
  addAttachment,
  addContact,
  addDisputes,
  addPlan,
  addPromises,
  readAttachment,
  resolveDispute,
  setBlock,
} from '../services/customers/tools.ts';
import type { AreaHandlers } from './types.ts';

export const contactsHandlers: AreaHandlers<'contacts'> = {
  'contacts.add': async (input, call) => {
    const r = await addContact(call.app.db, input, call.user, call.app.today());
    call.audit = { entity: 'contact', entityId: r.id, after: { ...input, ...r } };
    return r;
  },
};

export const attachmentsHandlers: AreaHandlers<'attachments'> = {
  'attachments.add': async (input, call) => {
    const r = await addAttachment(call.app.db, call.app.dataDir, input);
    call.audit = {
      entity: 'attachment',
      entityId: r.id,
      after: { code: input.code, fileName: input.fileName, ...r },
    };
    return r;
  },
  'attachments.read': async (input, { app }) => await readAttachment(app.db, app.dataDir, input.id),
};

export const promisesHandlers: AreaHandlers<'promises'> = {
  'promises.add': async (input, call) => {
    const c = await requireCustomer(call.app.db, input.code);
    const ids = await addPromises(call.app.db, c.id, input.installments, call.app.today());
    call.audit = { entity: 'promise', entityId: ids.join(','), after: input };
    return { ids };
  },
};

// plans.agreement renders a PDF with the letters engine: its handler is in letters.ts.
export const plansHandlers: Omit<AreaHandlers<'plans'>, 'plans.agreement'> = {
  'plans.schedule': async (input, { app }) => {
    const c = await requireCustomer(app.db, input.code);
    const items = await itemsOfCustomer(app.db, c.id, input.itemIds);
    if (items.length !== new Set(input.itemIds).size) {
      throw new AppError('VALIDATION', 'Some items do not belong to this customer.', {
        issues: [{ path: 'itemIds', message: 'unknown item' }],
      });
    }
    const principal = items.reduce((s, i) => s + Math.max(0, i.residualCents), 0);
    const s = planSchedule({ ...input, totalCents: principal, today: app.today() });
    return {
      totalCents: principal + s.interestCents,
      interestCents: s.interestCents,
      installments: s.installments,
    };
  },
  'plans.add': async (input, call) => {
    const id = await addPlan(call.app.db, input, call.app.today());
    call.audit = { entity: 'plan', entityId: id, after: input };
    return { id };
  },
};

export const disputesHandlers: AreaHandlers<'disputes'> = {
  'disputes.add': async (input, call) => {
    const c = await requireCustomer(call.app.db, input.code);
    const ids = await addDisputes(
      call.app.db,
      c.id,
      input.itemIds,
      input.reason,
      input.note ?? null,
      call.app.today(),
    );
    call.audit = { entity: 'dispute', entityId: ids.join(','), after: input };
    return { ids };
  },
  'disputes.resolve': async (input, call) => {
    const r = await resolveDispute(call.app.db, input.id, input.outcome, input.note, call.app.today());
    call.audit = { entity: 'dispute', entityId: input.id, after: { ...input, status: r.status } };
    return r;
  },
};

export const orderBlockHandlers: AreaHandlers<'orderBlock'> = {
  'orderBlock.set': async (input, call) => {
    const r = await setBlock(call.app.db, input.code, input.blocked, input.reason, call.app.today());
    call.audit = { entity: 'customer', entityId: input.code, before: r.before, after: r.after };
    return { code: input.code, blocked: input.blocked };
  },
  'orderBlock.list': async (_input, { app }) => await blockedCustomers(app.db),
};
