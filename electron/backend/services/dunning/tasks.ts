/**
 * Completing and skipping worklist tasks. Completing a step's main task lets the case move on
 * (the next step waits `minGapDays` from this date); a call's outcome can make a promise
 * (the case pauses), a dispute (disputed items stop being chased) or a call-back task.
 */

import type { Ledger } from '../../../../db/open.ts';
import {
  type CaseRow,
  customerContactFacts,
  getCase,
  getTask,
  holdOpenTasks,
  insertCaseFee,
  insertDisputes,
  insertItemReminders,
  insertPromise,
  insertTask,
  openDisputeItemIds,
  overdueItemIds,
  type TaskRow,
  updateCase,
  updateTask,
} from '../../../../db/queries/dunning.ts';
import { letterItems } from '../../../../db/queries/letters.ts';
import { insertContact } from '../../../../db/queries/profile.ts';
import { getUser } from '../../../../db/queries/users.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import { parseItemIds, reminderItems } from '../../../../shared/domain/dunning/items.ts';
import { TEMPLATE_TRAITS } from '../../../../shared/domain/letters/shipped.ts';
import { OUTCOMES_BY_TASK_TYPE } from '../../../../shared/domain/vocabulary.ts';
import { loadPolicies } from './policies.ts';
import { reachability } from './run.ts';

export interface CompleteInput {
  id: number;
  outcome: string;
  note?: string | undefined;
  promiseDate?: IsoDate | undefined;
  promiseCents?: number | undefined;
  /** For `callback`: when to call again. */
  callbackDate?: IsoDate | undefined;
}

/** Said the same way for each: "done", "skipped", "put on hold", "cancelled". */
const STATUS_TEXT: Record<TaskRow['status'], string> = {
  open: 'open',
  on_hold: 'put on hold',
  done: 'done',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/**
 * Why a task is no longer there to work: who closed it and when, so a clerk who opened it on the
 * worklist while a colleague completed it learns who did (and does not call the customer twice).
 * A task closed by the ledger itself (its case paid or paused) names no one.
 */
async function alreadyClosed(db: Ledger, task: TaskRow): Promise<AppError> {
  const by = task.closedBy === null ? null : (await getUser(db, task.closedBy))?.name;
  const who = by ? ` by ${by}` : '';
  const when = task.closedOn ? ` on ${task.closedOn}` : '';
  const outcome = task.outcome ? ` (outcome: ${task.outcome})` : '';
  return new AppError(
    'CONFLICT',
    `Task ${task.id} was already ${STATUS_TEXT[task.status]}${who}${when}${outcome}: your change was not saved. The worklist shows what is left to do.`,
  );
}

async function openTask(db: Ledger, id: number): Promise<{ task: TaskRow; c: CaseRow }> {
  const task = await getTask(db, id);
  if (!task) throw new AppError('NOT_FOUND', `No task ${id}.`);
  if (task.status !== 'open') throw await alreadyClosed(db, task);
  const c = await getCase(db, task.caseId);
  if (!c) throw new AppError('NOT_FOUND', `No case for task ${id}.`);
  return { task, c };
}

/** The step's main task closing lets the case's next step fall due. */
async function closeStep(db: Ledger, task: TaskRow, c: CaseRow, today: IsoDate): Promise<void> {
  if (task.stepIndex !== null && task.stepIndex === c.lastStepIndex && task.type !== 'blockOrders') {
    await updateCase(db, c.id, { lastStepClosedOn: today });
  }
}

async function followUpCall(
  db: Ledger,
  task: TaskRow,
  name: string,
  due: IsoDate,
  today: IsoDate,
): Promise<TaskRow> {
  return await insertTask(db, {
    caseId: task.caseId,
    customerId: task.customerId,
    stepIndex: null,
    stepName: name,
    type: 'phone',
    dueDate: due,
    createdOn: today,
    assigneeId: task.assigneeId,
    priority: task.priority,
    priorityFactors: task.priorityFactors,
  });
}

export async function completeTask(db: Ledger, input: CompleteInput, userId: number, today: IsoDate) {
  const { task, c } = await openTask(db, input.id);
  const allowed: readonly string[] = OUTCOMES_BY_TASK_TYPE[task.type];
  if (!allowed.includes(input.outcome)) {
    throw new AppError(
      'VALIDATION',
      `Outcome "${input.outcome}" does not fit a ${task.type} task: use ${allowed.join(', ')}.`,
      {
        issues: [{ path: 'outcome', message: `expected one of ${allowed.join(', ')}` }],
      },
    );
  }
  let promiseId: number | null = null;
  let followUpId: number | null = null;
  if (task.type === 'address') followUpId = (await letterAfterAddress(db, task, today)).id;
  if (input.outcome === 'promise') {
    if (!input.promiseDate || !input.promiseCents || input.promiseCents <= 0) {
      throw new AppError('VALIDATION', 'A promise needs a date and an amount.', {
        issues: [{ path: 'promiseDate', message: 'required with outcome promise (and promiseCents > 0)' }],
      });
    }
    if (input.promiseDate < today) {
      throw new AppError('VALIDATION', 'A promise date cannot be in the past.', {
        issues: [{ path: 'promiseDate', message: 'in the past' }],
      });
    }
    promiseId = (
      await insertPromise(db, {
        customerId: task.customerId,
        caseId: c.id,
        date: input.promiseDate,
        amountCents: input.promiseCents,
        createdOn: today,
        baselineOverdueCents: c.overdueCents,
      })
    ).id;
    if (c.status === 'open') await updateCase(db, c.id, { status: 'paused', pausedReason: 'promise' });
  } else if (input.outcome === 'dispute') {
    const already = new Set(await openDisputeItemIds(db, task.customerId));
    const items = (await overdueItemIds(db, task.customerId, today)).filter((id) => !already.has(id));
    await insertDisputes(
      db,
      items.map((itemId) => ({
        customerId: task.customerId,
        itemId,
        reason: input.note?.trim() || 'Contestazione telefonica',
        openedOn: today,
      })),
    );
    if (c.status === 'open') await updateCase(db, c.id, { status: 'paused', pausedReason: 'dispute' });
  } else if (input.outcome === 'callback') {
    if (!input.callbackDate || input.callbackDate < today) {
      throw new AppError('VALIDATION', 'A call-back needs a date from today on.', {
        issues: [{ path: 'callbackDate', message: 'required' }],
      });
    }
    followUpId = (await followUpCall(db, task, 'Richiamare', input.callbackDate, today)).id;
  } else if (input.outcome === 'not_reached') {
    followUpId = (await followUpCall(db, task, 'Nuovo tentativo di chiamata', addDays(today, 1), today)).id;
  }
  await updateTask(db, task.id, {
    status: 'done',
    outcome: input.outcome,
    note: input.note ?? null,
    closedOn: today,
    closedBy: userId,
  });
  // The address task stands in for its step's letter: the step closes when the letter is sent.
  if (task.type !== 'address') await closeStep(db, task, c, today);
  if (input.outcome === 'sent') {
    await recordReminder(db, task, c, today);
    await chargeStepFee(db, task, c, today);
  }
  // Paused means paused: the case's other open tasks leave the worklist with it.
  if (input.outcome === 'promise' || input.outcome === 'dispute') await holdOpenTasks(db, c.id);
  return { id: task.id, status: 'done' as const, outcome: input.outcome, promiseId, followUpId };
}

/** The letter an address task was waiting for; refused while the address is still missing. */
async function letterAfterAddress(db: Ledger, task: TaskRow, today: IsoDate): Promise<TaskRow> {
  const facts = await customerContactFacts(db, task.customerId);
  if (!facts || !reachability(facts).postal) {
    throw new AppError(
      'CONFLICT',
      "The customer still has no postal address: complete it in the customer's master data first.",
    );
  }
  return await insertTask(db, {
    caseId: task.caseId,
    customerId: task.customerId,
    stepIndex: task.stepIndex,
    stepName: task.stepName,
    type: 'letter',
    template: task.template,
    dueDate: today,
    createdOn: today,
    assigneeId: task.assigneeId,
    priority: task.priority,
    priorityFactors: task.priorityFactors,
    itemIds: task.itemIds,
  });
}

export async function skipTask(db: Ledger, id: number, reason: string, userId: number, today: IsoDate) {
  const { task, c } = await openTask(db, id);
  await updateTask(db, task.id, { status: 'skipped', note: reason, closedOn: today, closedBy: userId });
  await closeStep(db, task, c, today);
  return { id: task.id, status: 'skipped' as const };
}

const CONTACT_CHANNEL: Partial<Record<TaskRow['type'], 'phone' | 'email' | 'pec' | 'letter'>> = {
  phone: 'phone',
  email: 'email',
  pec: 'pec',
  letter: 'letter',
};

/**
 * A task completed straight from the worklist is a contact with the customer: it enters the
 * contact log (the customer's timeline, and the KPI that counts contacts by channel), as a contact
 * logged on the profile or a letter confirmed in a batch does. Returns the contact's id, or null
 * for tasks that are not contacts (reviews, order blocks, hand-overs, address completion).
 */
export async function logTaskContact(
  db: Ledger,
  taskId: number,
  input: { outcome: string; note?: string | undefined },
  userId: number,
  today: IsoDate,
): Promise<number | null> {
  const task = await getTask(db, taskId);
  const channel = task ? CONTACT_CHANNEL[task.type] : undefined;
  if (!task || !channel) return null;
  return await insertContact(db, {
    customerId: task.customerId,
    caseId: task.caseId,
    taskId: task.id,
    date: today,
    channel,
    direction: 'out',
    outcome: input.outcome,
    note: input.note ?? null,
    userId,
  });
}

/** A step with a dunning fee (e.g. the registered letter's cost) charges it to the case when sent. */
async function chargeStepFee(db: Ledger, task: TaskRow, c: CaseRow, today: IsoDate): Promise<void> {
  if (task.stepIndex === null) return;
  const step = (await loadPolicies(db)).find((p) => p.name === c.policyName)?.steps[task.stepIndex];
  if (!step?.feeCents) return;
  await insertCaseFee(db, {
    caseId: c.id,
    customerId: task.customerId,
    taskId: task.id,
    stepName: step.name,
    feeCents: step.feeCents,
    chargedOn: today,
  });
}

/**
 * A step's reminder went out: every invoice it was about (what the letter lists, see
 * shared/domain/dunning/items.ts: the chased items at the letter's level, or the new invoices of a
 * first reminder of their own) records it — that is each invoice's level.
 */
async function recordReminder(db: Ledger, task: TaskRow, c: CaseRow, today: IsoDate): Promise<void> {
  if (task.stepIndex === null || !task.template) return;
  if (task.type !== 'email' && task.type !== 'letter' && task.type !== 'pec') return;
  const policy = (await loadPolicies(db)).find((p) => p.name === c.policyName);
  const traits = TEMPLATE_TRAITS[task.template as keyof typeof TEMPLATE_TRAITS];
  const items = reminderItems(
    (await letterItems(db, [task.customerId])).map((i) => ({ ...i, disputed: Boolean(i.disputed) })),
    {
      today,
      level: traits?.level ?? 1,
      minItemCents: policy?.minItemCents ?? 0,
      itemIds: parseItemIds(task.itemIds),
    },
  ).map((i) => i.id);
  await insertItemReminders(db, items, {
    taskId: task.id,
    stepIndex: task.stepIndex,
    template: task.template,
    sentOn: today,
  });
}
