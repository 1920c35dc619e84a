/**
 * The collector's tools on one customer: the contact log (a call can make a promise or a dispute
 * and complete its task), documents, promises, repayment plans, disputes, order block, local fields.
 * Each function runs inside the dispatcher's transaction.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import {
  getTask,
  insertPromise,
  openDisputeItemIds,
  setOrderBlocked,
  updateCase,
  updateTask,
} from '../../../../db/queries/dunning.ts';
import {
  attachmentById,
  disputeGroup,
  insertAttachment,
  insertContact,
  insertDisputeRows,
  insertPlan,
  itemsOfCustomer,
  openCaseOf,
  updateCustomer,
  updateDisputes,
} from '../../../../db/queries/profile.ts';
import type { UserRecord } from '../../../../db/queries/users.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { mapInOrder } from '../../../../shared/in-order.ts';
import { loadPolicies } from '../dunning/policies.ts';
import { completeTask } from '../dunning/tasks.ts';
import { requireCustomer } from './profile.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.eml': 'message/rfc822',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.txt': 'text/plain',
};

export async function addPromises(
  db: Ledger,
  customerId: number,
  installments: { date: IsoDate; cents: number }[],
  today: IsoDate,
): Promise<number[]> {
  const c = await openCaseOf(db, customerId);
  for (const i of installments) {
    if (i.date < today)
      throw new AppError('VALIDATION', `A promise date cannot be in the past (${i.date}).`, {
        issues: [{ path: 'date', message: 'in the past' }],
      });
  }
  const ids = await mapInOrder(
    installments,
    async (i) =>
      (
        await insertPromise(db, {
          customerId,
          caseId: c?.id ?? null,
          date: i.date,
          amountCents: i.cents,
          createdOn: today,
          baselineOverdueCents: c?.overdueCents ?? 0,
        })
      ).id,
  );
  return ids;
}

export async function addDisputes(
  db: Ledger,
  customerId: number,
  itemIds: number[],
  reason: string,
  note: string | null,
  today: IsoDate,
): Promise<number[]> {
  const items = await itemsOfCustomer(db, customerId, itemIds);
  if (items.length !== new Set(itemIds).size)
    throw new AppError('VALIDATION', 'Some items do not belong to this customer.', {
      issues: [{ path: 'itemIds', message: 'unknown item' }],
    });
  const already = new Set(await openDisputeItemIds(db, customerId));
  const fresh = items.filter((i) => !already.has(i.id));
  if (fresh.length === 0) throw new AppError('CONFLICT', 'These items are already disputed.');
  return insertDisputeRows(
    db,
    fresh.map((i) => ({ customerId, itemId: i.id, reason, note, openedOn: today })),
  );
}

/** Resolving a dispute: in favour keeps the items disputed until an import closes them (the credit note); rejected resumes dunning. */
export async function resolveDispute(
  db: Ledger,
  id: number,
  outcome: 'in_favour' | 'rejected' | 'partial',
  note: string | undefined,
  today: IsoDate,
) {
  const group = await disputeGroup(db, id);
  if (group.length === 0) throw new AppError('NOT_FOUND', `No dispute ${id}.`);
  if (group[0]?.status !== 'open')
    throw new AppError('CONFLICT', `Dispute ${id} is already ${group[0]?.status}.`);
  const ids = group.map((d) => d.id);
  if (outcome === 'in_favour') {
    // The customer is right: a credit note is expected; items stay out of dunning until it arrives.
    await updateDisputes(db, ids, { outcome, ...(note ? { note } : {}) });
    return { id, status: 'open' };
  }
  const status = outcome === 'rejected' ? 'rejected' : 'resolved';
  await updateDisputes(db, ids, { status, outcome, resolvedOn: today, ...(note ? { note } : {}) });
  return { id, status };
}

export interface ContactInput {
  code: string;
  channel: 'phone' | 'email' | 'visit' | 'note';
  direction: 'in' | 'out';
  person?: string | undefined;
  outcome?: string | undefined;
  note?: string | undefined;
  taskId?: number | undefined;
  callbackDate?: IsoDate | undefined;
  promise?: { date: IsoDate; cents: number }[] | undefined;
  dispute?: { itemIds: number[]; reason: string } | undefined;
}

export async function addContact(db: Ledger, input: ContactInput, user: UserRecord, today: IsoDate) {
  const c = await requireCustomer(db, input.code);
  if (input.outcome === 'promise' && !input.promise)
    throw new AppError('VALIDATION', 'A promise outcome needs the promised amounts and dates.', {
      issues: [{ path: 'promise', message: 'required' }],
    });
  if (input.outcome === 'dispute' && !input.dispute)
    throw new AppError('VALIDATION', 'A dispute outcome needs the disputed items.', {
      issues: [{ path: 'dispute', message: 'required' }],
    });
  const open = await openCaseOf(db, c.id);
  const promiseIds = input.promise ? await addPromises(db, c.id, input.promise, today) : [];
  const disputeIds = input.dispute
    ? await addDisputes(db, c.id, input.dispute.itemIds, input.dispute.reason, input.note ?? null, today)
    : [];
  if (open && promiseIds.length && open.status === 'open') {
    // The promise pauses the case right away (the next run keeps it paused until date + grace).
    await updateCase(db, open.id, { status: 'paused', pausedReason: 'promise' });
  }
  let taskId: number | null = null;
  if (input.taskId !== undefined) {
    const task = await getTask(db, input.taskId);
    if (!task || task.customerId !== c.id)
      throw new AppError('VALIDATION', `Task ${input.taskId} is not this customer's.`, {
        issues: [{ path: 'taskId', message: 'not this customer' }],
      });
    if (task.status === 'open') {
      const outcome =
        task.type === 'phone'
          ? input.outcome === 'info' || !input.outcome
            ? 'reached'
            : input.outcome
          : task.type === 'review' ||
              task.type === 'blockOrders' ||
              task.type === 'legal' ||
              task.type === 'agency'
            ? 'done'
            : 'sent';
      // Promise and dispute rows were made above: complete the call without making them twice.
      await completeTask(
        db,
        {
          id: task.id,
          outcome: outcome === 'promise' || outcome === 'dispute' ? 'reached' : outcome,
          note: input.note,
          callbackDate: input.callbackDate,
        },
        user.id,
        today,
      );
      await updateTask(db, task.id, { outcome });
      taskId = task.id;
    }
  }
  const id = await insertContact(db, {
    customerId: c.id,
    caseId: open?.id ?? null,
    taskId,
    date: today,
    channel: input.channel,
    direction: input.direction,
    person: input.person ?? null,
    outcome: input.outcome ?? null,
    note: input.note ?? null,
    userId: user.id,
  });
  return { id, promiseIds, disputeIds };
}

export async function addAttachment(
  db: Ledger,
  dataDir: string,
  input: {
    code: string;
    fileName: string;
    dataBase64: string;
    contactId?: number | undefined;
    disputeId?: number | undefined;
  },
) {
  const c = await requireCustomer(db, input.code);
  const data = Buffer.from(input.dataBase64, 'base64');
  if (data.length === 0) throw new AppError('VALIDATION', `${input.fileName}: the file is empty.`);
  if (data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError(
      'VALIDATION',
      `${input.fileName}: larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
    );
  const ext = path.extname(input.fileName).toLowerCase();
  const mime = MIME[ext];
  if (!mime)
    throw new AppError(
      'VALIDATION',
      `${input.fileName}: only PDF, images, .eml and office files can be attached.`,
    );
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  // Content-addressed: the same document attached twice is stored once; the name is kept in the row.
  const rel = path.join('attachments', c.code.replace(/[^\w.-]/g, '_'), `${sha256}${ext}`);
  const abs = path.join(dataDir, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(abs)) fs.writeFileSync(abs, data, { mode: 0o600 });
  const id = await insertAttachment(db, {
    customerId: c.id,
    contactId: input.contactId ?? null,
    disputeId: input.disputeId ?? null,
    fileName: path.basename(input.fileName),
    path: rel,
    sha256,
    sizeBytes: data.length,
    mime,
  });
  return { id, sha256, sizeBytes: data.length };
}

export async function readAttachment(db: Ledger, dataDir: string, id: number) {
  const a = await attachmentById(db, id);
  if (!a) throw new AppError('NOT_FOUND', `No attachment ${id}.`);
  const data = fs.readFileSync(path.join(dataDir, a.path));
  return { fileName: a.fileName, mime: a.mime, dataBase64: data.toString('base64') };
}

export async function addPlan(
  db: Ledger,
  input: {
    code: string;
    itemIds: number[];
    every: 'week' | 'month';
    interestCents: number;
    installments: { date: IsoDate; amountCents: number }[];
  },
  today: IsoDate,
): Promise<number> {
  const c = await requireCustomer(db, input.code);
  const items = await itemsOfCustomer(db, c.id, input.itemIds);
  if (
    items.length !== new Set(input.itemIds).size ||
    items.some((i) => i.status !== 'open' || i.residualCents <= 0)
  ) {
    throw new AppError('VALIDATION', 'A plan covers open invoices of this customer only.', {
      issues: [{ path: 'itemIds', message: 'not an open invoice of this customer' }],
    });
  }
  const principal = items.reduce((s, i) => s + i.residualCents, 0);
  const scheduled = input.installments.reduce((s, i) => s + i.amountCents, 0);
  if (scheduled !== principal + input.interestCents) {
    throw new AppError(
      'VALIDATION',
      `The installments add up to ${scheduled} cents, the items plus interest to ${principal + input.interestCents}.`,
      {
        issues: [{ path: 'installments', message: 'must add up to the items plus interest' }],
      },
    );
  }
  const dates = input.installments.map((i) => i.date);
  if (dates.some((d, k) => d < today || (k > 0 && d <= (dates[k - 1] as string)))) {
    throw new AppError('VALIDATION', 'Installment dates must be from today on and increasing.', {
      issues: [{ path: 'installments', message: 'dates out of order' }],
    });
  }
  const open = await openCaseOf(db, c.id);
  const id = await insertPlan(
    db,
    {
      customerId: c.id,
      caseId: open?.id ?? null,
      totalCents: scheduled,
      interestCents: input.interestCents,
      frequency: input.every === 'week' ? 'weekly' : 'monthly',
      createdOn: today,
      itemIds: JSON.stringify(input.itemIds),
    },
    input.installments.map((i) => ({ dueDate: i.date, amountCents: i.amountCents })),
  );
  if (open && open.status === 'open')
    await updateCase(db, open.id, { status: 'paused', pausedReason: 'plan' });
  return id;
}

export async function setBlock(db: Ledger, code: string, blocked: boolean, reason: string, today: IsoDate) {
  const c = await requireCustomer(db, code);
  await setOrderBlocked(db, c.id, blocked);
  await updateCustomer(
    db,
    c.id,
    blocked
      ? { orderBlockReason: reason, orderBlockedOn: today }
      : { orderBlockReason: null, orderBlockedOn: null },
  );
  return { before: { blocked: c.orderBlocked, reason: c.orderBlockReason }, after: { blocked, reason } };
}

const MANAGER_FIELDS = ['band', 'creditLimitCents', 'collectorId', 'keyAccount', 'policyOverride'] as const;

export async function updateLocalFields(
  db: Ledger,
  input: Record<string, unknown> & {
    code: string;
    bandReason?: string | undefined;
    policyOverride?: string | null | undefined;
    policyOverrideReason?: string | undefined;
  },
  user: UserRecord,
) {
  const c = await requireCustomer(db, input.code);
  const touchesManager = MANAGER_FIELDS.some((f) => input[f] !== undefined);
  if (touchesManager && user.role !== 'manager' && user.role !== 'admin') {
    throw new AppError(
      'FORBIDDEN',
      'Band, dunning policy, credit limit, collector and key account are set by a manager.',
    );
  }
  await checkPolicyOverride(db, input, c.policyOverride);
  if (input.band !== undefined && input.band !== c.band && !input.bandReason) {
    throw new AppError('VALIDATION', 'A band override needs a reason.', {
      issues: [{ path: 'bandReason', message: 'required when the band changes' }],
    });
  }
  const fields = [
    'dunningContactName',
    'dunningContactEmail',
    'pec',
    'phone2',
    'notes',
    'language',
    ...MANAGER_FIELDS,
  ] as const;
  const set: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const f of fields) {
    if (input[f] !== undefined) {
      set[f] = input[f];
      before[f] = c[f];
    }
  }
  if (input.policyOverride !== undefined) {
    // The reason stays with the override (shown in the profile); clearing the override clears it.
    set.policyOverrideReason = input.policyOverride === null ? null : (input.policyOverrideReason ?? null);
    before.policyOverrideReason = c.policyOverrideReason;
  }
  await updateCustomer(db, c.id, set);
  return {
    id: c.id,
    before,
    after: { ...set, ...(input.bandReason ? { bandReason: input.bandReason } : {}) },
  };
}

/** A policy override names a policy of the set and comes with a reason (clearing needs none). */
async function checkPolicyOverride(
  db: Ledger,
  input: { policyOverride?: string | null | undefined; policyOverrideReason?: string | undefined },
  current: string | null,
): Promise<void> {
  const name = input.policyOverride;
  if (name === undefined || name === null || name === current) return;
  if (!(await loadPolicies(db)).some((p) => p.name === name)) {
    throw new AppError('VALIDATION', `No dunning policy "${name}".`, {
      issues: [{ path: 'policyOverride', message: 'not a policy of the set' }],
    });
  }
  if (!input.policyOverrideReason) {
    throw new AppError('VALIDATION', 'A policy override needs a reason.', {
      issues: [{ path: 'policyOverrideReason', message: 'required when the policy changes' }],
    });
  }
}
