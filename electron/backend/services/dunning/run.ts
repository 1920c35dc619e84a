/**
 * Dunning: for each customer with overdue items or an active case, decide
 * (shared/domain/dunning/case.ts) and apply — open/close/pause/resume cases, create the due
 * step's tasks with assignee and priority, settle promises whose date has passed.
 * Idempotent: a second run on the same day finds nothing new to do. The transaction and the rest
 * of the day's job (ratings, prescription warnings, KPI snapshot) are services/daily/run.ts's.
 */

import type { Ledger } from '../../../../db/open.ts';
import {
  activeCases,
  anyItemReminded,
  blockOrdersByPolicy,
  brokenPromisesSince,
  type CaseRow,
  cancelOpenTasks,
  cancelTask,
  customersForDunning,
  holdOpenTasks,
  type ItemTask,
  insertCase,
  insertTaskFast,
  type NewItemFacts,
  newItemFactsByCustomer,
  type OpenTaskPriority,
  openItemTasks,
  openPromises,
  openTaskPriorities,
  overdueFactsByCustomer,
  paymentsBetween,
  releaseHeldTasks,
  releaseOrderBlock,
  resolvePromise,
  setCaseOverdue,
  setCaseStep,
  setTaskItems,
  setTaskPriority,
  updateCase,
} from '../../../../db/queries/dunning.ts';
import type { CustomerScope } from '../../../../db/queries/scope.ts';
import { getSetting } from '../../../../db/queries/settings.ts';
import { listUsers, type UserRecord } from '../../../../db/queries/users.ts';
import { addDays, daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import {
  type CaseDecision,
  type CustomerFacts,
  decideCase,
  type NewTask,
  type OpenCase,
  stepTasks,
} from '../../../../shared/domain/dunning/case.ts';
import {
  deliverable,
  hasPostalAddress,
  type Reachability,
} from '../../../../shared/domain/dunning/channel.ts';
import {
  type Band,
  isNoReminders,
  type Policy,
  policyForCustomer,
} from '../../../../shared/domain/dunning/policy.ts';
import { taskPriority } from '../../../../shared/domain/dunning/priority.ts';
import { stepDueOn } from '../../../../shared/domain/dunning/schedule.ts';
import { effectiveBand, type RatingClass } from '../../../../shared/domain/rating.ts';
import { auditAs } from '../common/audit.ts';
import { settlePlans } from './plans.ts';
import { loadPolicies } from './policies.ts';

export interface RunCounts {
  today: IsoDate;
  casesOpened: number;
  casesClosed: number;
  casesPaused: number;
  casesResumed: number;
  tasksCreated: number;
  tasksCancelled: number;
  /** Open tasks put on hold because their case paused (they leave every worklist). */
  tasksHeld: number;
  /** Held tasks back in the worklist, re-dated to today, because their case resumed. */
  tasksReleased: number;
  byType: {
    email: number;
    letter: number;
    pec: number;
    phone: number;
    review: number;
    blockOrders: number;
    legal: number;
    agency: number;
    /** Letters that wait for the customer's postal address (channel fallback). */
    address: number;
  };
}

export const PROMISE_GRACE_DAYS_DEFAULT = 3;
const MANAGER_TASKS = new Set(['review', 'legal', 'agency']);

/** A call that is not a policy step: after a broken promise or a missed plan installment. */
function followUp(stepName: string): NewTask {
  return { stepIndex: -1, stepName, type: 'phone', template: null };
}

function asOpenCase(c: CaseRow): OpenCase {
  if (c.status === 'closed') throw new Error(`case ${c.id} is closed`);
  return {
    status: c.status,
    openedOn: c.openedOn,
    lastStepIndex: c.lastStepIndex,
    lastStepClosedOn: c.lastStepClosedOn,
    pausedReason: c.pausedReason,
  };
}

type CustomerInfo = ReturnType<typeof customersForDunning>[number];

/** Assignee: the customer's collector, else a clerk covering the customer's area, else the first user with the task's role. */
export function chooseAssignee(
  customer: CustomerInfo,
  type: NewTask['type'],
  team: UserRecord[],
): number | null {
  const active = team.filter((u) => u.active);
  if (customer.collectorId !== null && active.some((u) => u.id === customer.collectorId))
    return customer.collectorId;
  const role = MANAGER_TASKS.has(type) ? 'manager' : 'clerk';
  if (customer.area) {
    const areaCollector = active.find((u) => u.role === 'clerk' && u.areas.includes(customer.area as string));
    if (areaCollector && role === 'clerk') return areaCollector.id;
  }
  return (
    (
      active.find((u) => u.role === role) ??
      active.find((u) => u.role === 'manager') ??
      active.find((u) => u.role === 'admin')
    )?.id ?? null
  );
}

/** Counts of a run before anything happened. */
export function emptyRunCounts(today: IsoDate): RunCounts {
  return {
    today,
    casesOpened: 0,
    casesClosed: 0,
    casesPaused: 0,
    casesResumed: 0,
    tasksCreated: 0,
    tasksCancelled: 0,
    tasksHeld: 0,
    tasksReleased: 0,
    byType: {
      email: 0,
      letter: 0,
      pec: 0,
      phone: 0,
      review: 0,
      blockOrders: 0,
      legal: 0,
      agency: 0,
      address: 0,
    },
  };
}

/**
 * The dunning part of the day's job (services/daily/run.ts calls it inside its transaction):
 * promises and plans settled, then each customer's case decided and applied. `ratingClasses` are
 * today's rating classes (they pick the band when the customer has none), given by the caller so
 * that dunning does not depend on the rating service. With a `scope`, only those customers' promises,
 * plans and cases are looked at (the run after an import, services/daily/run.ts): the others'
 * are as the same day's previous run left them.
 */
export async function applyDunning(
  db: Ledger,
  today: IsoDate,
  counts: RunCounts,
  ratingClasses: ReadonlyMap<number, RatingClass>,
  phase: <T>(name: string, work: () => T) => T = (_name, work) => work(),
  scope?: CustomerScope,
): Promise<void> {
  const policies = await loadPolicies(db);
  if (policies.length === 0) return;
  const graceDays = await getSetting<number>(db, 'promiseGraceDays', PROMISE_GRACE_DAYS_DEFAULT);
  const team = await listUsers(db);
  const facts = phase('dunning: overdue facts', () => overdueFactsByCustomer(db, today, 0, scope));
  // A policy's per-item minimum: its customers' facts leave the smaller items out (one query per
  // distinct minimum; none when no policy sets one).
  const factsAbove = new Map<number, ReturnType<typeof overdueFactsByCustomer>>();
  const factsFor = (policy: Policy) => {
    const min = policy.minItemCents ?? 0;
    if (min <= 0) return facts;
    let m = factsAbove.get(min);
    if (!m) {
      m = overdueFactsByCustomer(db, today, min, scope);
      factsAbove.set(min, m);
    }
    return m;
  };
  // Invoices new to a case past its first step get their own first reminder (per-invoice levels).
  const newItems = await phase('dunning: new invoices', async () =>
    (await anyItemReminded(db))
      ? await newItemFactsByCustomer(db, today, scope)
      : new Map<number, NewItemFacts>(),
  );
  const caseByCustomer = phase(
    'dunning: cases',
    () => new Map(activeCases(db, scope).map((c) => [c.customerId, c])),
  );
  const broken = await brokenPromisesSince(db, addDays(today, -365));

  // Promises first: a promise whose date plus grace has passed is kept or broken by the payments seen.
  const activePromise = new Set<number>();
  const brokenToday = new Set<number>();
  for (const p of await openPromises(db, scope)) {
    const deadline = addDays(p.date, graceDays);
    const paid = await paymentsBetween(db, p.customerId, p.createdOn, deadline < today ? deadline : today);
    if (paid >= p.amountCents) await resolvePromise(db, p.id, 'kept', today);
    else if (deadline < today) {
      await resolvePromise(db, p.id, 'broken', today);
      brokenToday.add(p.customerId);
      broken.set(p.customerId, (broken.get(p.customerId) ?? 0) + 1);
    } else activePromise.add(p.customerId);
  }

  const plans = await phase('dunning: plans', async () => await settlePlans(db, today, graceDays, scope));
  const openTasksOf = await phase('dunning: open tasks', async () => await openTaskPriorities(db, scope));
  const itemTasksOf = await openItemTasks(db, today, scope);
  const releaseOnPaid = await getSetting<boolean>(db, 'orderBlockReleaseOnPaid', true);
  const customerList = phase('dunning: customers', () => customersForDunning(db, scope));
  await phase('dunning: decisions', async () => await decideAll());

  async function decideAll() {
    for (const customer of customerList) {
      const current = caseByCustomer.get(customer.id) ?? null;
      if (!facts.has(customer.id) && !current) continue;
      // The band set on the customer, else the one its rating class suggests.
      const band = effectiveBand(customer.band, ratingClasses.get(customer.id));
      // The manager's override first (when it still names a policy), else the band's; an open case
      // keeps the policy it was opened on — unless the customer is now on "no reminders".
      const assigned = policyForCustomer(policies, band, customer.policyOverride).policy;
      const policy =
        assigned && isNoReminders(assigned)
          ? assigned
          : (current && policies.find((p) => p.name === current.policyName)) || assigned;
      if (!policy) continue;
      if (isNoReminders(policy)) {
        if (current) await closeNoReminders(db, current, today, counts);
        continue;
      }
      const f = factsFor(policy).get(customer.id);
      // The case shows the customer's overdue as every page does; the per-item minimum only decides.
      const all = facts.get(customer.id);
      const customerFacts: CustomerFacts = {
        overdueCents: f?.overdueCents ?? 0,
        undisputedOverdueCents: f?.undisputedOverdueCents ?? 0,
        oldestOverdueDue: f?.oldestOverdueDue ?? null,
        activePromise: activePromise.has(customer.id),
        activePlan: plans.honoured.has(customer.id),
      };
      let decision = decideCase(policy, customerFacts, current ? asOpenCase(current) : null, today);
      // The day a promise breaks, the case resumes with the "promise broken" call only.
      if (decision.kind === 'resume' && (brokenToday.has(customer.id) || plans.brokenToday.has(customer.id)))
        decision = { kind: 'resume', next: { kind: 'wait' } };
      const ctx: ApplyContext = {
        db,
        today,
        counts,
        customer,
        band,
        policy,
        // Priorities on the figures the case and the profile show, small items included.
        shown: {
          undisputedOverdueCents: all?.undisputedOverdueCents ?? 0,
          oldestOverdueDue: all?.oldestOverdueDue ?? null,
        },
        team,
        broken: broken.get(customer.id) ?? 0,
      };
      let caseRow = current;
      if (decision.kind === 'open') {
        // A case that opens at a step is written at that step (what setCaseStep would write next):
        // one write per new case.
        const { next } = decision;
        caseRow = await insertCase(db, {
          customerId: customer.id,
          policyName: policy.name,
          status: next.kind === 'step' ? (next.escalate ?? 'open') : 'open',
          openedOn: today,
          openedOverdueCents: all?.undisputedOverdueCents ?? 0,
          overdueCents: all?.overdueCents ?? 0,
          ...(next.kind === 'step' ? { lastStepIndex: next.stepIndex } : {}),
        });
        counts.casesOpened++;
        await applyDecision(ctx, caseRow, next, true);
      } else if (caseRow) {
        // Written only when it moved (the statement checks it too; this spares the call), and by
        // the step's own write of the case when the case moves to a step.
        const overdue = all?.overdueCents ?? 0;
        const moved = overdue !== caseRow.overdueCents;
        if (moved && decision.kind !== 'step') await setCaseOverdue(db, caseRow.id, overdue);
        await applyDecision(ctx, caseRow, decision, false, moved ? overdue : null);
      }
      if (caseRow && decision.kind !== 'close')
        await reconcileItemTasks(ctx, itemTasksOf.get(customer.id) ?? []);
      if (caseRow && current) {
        // Only once the case is past its own first reminder step (the first that sends a letter,
        // e-mail or PEC): until then that step's letter is the first reminder of every invoice.
        const reached = decision.kind === 'step' ? decision.stepIndex : current.lastStepIndex;
        const fresh = newItems.get(customer.id);
        const first = firstReminderStep(policy);
        if (current.status === 'open' && decision.kind !== 'close' && first >= 0 && reached > first && fresh)
          await firstReminderForNewItems(ctx, caseRow, fresh);
      }
      if (caseRow && decision.kind !== 'close') {
        if (brokenToday.has(customer.id))
          await createTasks(ctx, caseRow, [followUp('Promessa non mantenuta')], false);
        if (plans.missedToday.has(customer.id))
          await createTasks(ctx, caseRow, [followUp('Rata del piano non pagata')], false);
      }
      if (decision.kind === 'close' && releaseOnPaid && customer.orderBlocked) {
        await releaseOrderBlock(db, customer.id);
        // Recorded like a user's release: the salesperson's digest tells it (notify blocksReleasedSince).
        await auditAs(db, null, {
          at: `${today}T12:00:00.000Z`,
          action: 'orderBlock.release',
          entity: 'customer',
          entityId: customer.code,
          before: { blocked: true },
          after: { blocked: false, reason: 'case closed paid' },
        });
      }
      // Priorities on today's figures: the tasks already in the worklist follow the new amounts and days.
      if (decision.kind !== 'close') await refreshPriorities(ctx, openTasksOf.get(customer.id) ?? []);
    }
  }
}

/**
 * A new invoice starts at the first step: when the case is past its first step and some chased
 * invoices were never in a reminder (while others were), they get a first reminder of their own,
 * on the policy's first reminder step (the first with a letter template) and its timing counted
 * from their oldest due date; the case's own letters list only the invoices already reminded
 * (shared/domain/dunning/items.ts).
 */
async function firstReminderForNewItems(ctx: ApplyContext, c: CaseRow, facts: NewItemFacts): Promise<void> {
  // Only the items the policy chases (its per-item minimum) count, reminded or new.
  const min = Math.max(1, ctx.policy.minItemCents ?? 0);
  if (facts.remindedMaxCents < min) return;
  const fresh = facts.fresh.filter((i) => i.residualCents >= min);
  if (fresh.length === 0) return;
  const oldestDue = fresh.map((i) => i.dueDate).sort()[0] ?? '';
  const index = firstReminderStep(ctx.policy);
  const step = ctx.policy.steps[index];
  if (!step || stepDueOn(step, oldestDue, null) > ctx.today) return;
  const [main] = stepTasks(step, index);
  if (!main) return;
  const ids = fresh.map((i) => i.id).sort((a, b) => a - b);
  await createTasks(
    ctx,
    c,
    [{ ...main, stepName: `${step.name} (nuove fatture)` }],
    true,
    JSON.stringify(ids),
  );
}

/**
 * A first reminder for new invoices is about those invoices only: when none of them is chased any
 * more (paid, disputed, under the per-item minimum, or removed by an import's undo) it is
 * cancelled — its letter would list nothing — and when some are, it is narrowed to those.
 */
async function reconcileItemTasks(ctx: ApplyContext, open: readonly ItemTask[]): Promise<void> {
  const min = ctx.policy.minItemCents ?? 0;
  for (const t of open) {
    const still = t.chased
      .filter((i) => i.residualCents >= min)
      .map((i) => i.id)
      .sort((a, b) => a - b);
    if (still.length === 0) {
      await cancelTask(ctx.db, t.id, ctx.today, 'nothing_overdue');
      ctx.counts.tasksCancelled++;
    } else if (still.length < t.itemIds.length) await setTaskItems(ctx.db, t.id, still);
  }
}

/** The policy's first reminder step: the first that sends a letter, e-mail or PEC (-1: none). */
function firstReminderStep(policy: Policy): number {
  return policy.steps.findIndex(
    (s) => s.template && (s.channel === 'email' || s.channel === 'letter' || s.channel === 'pec'),
  );
}

/** A customer on the "no reminders" policy has no case: its open one closes, its tasks cancelled. */
async function closeNoReminders(db: Ledger, c: CaseRow, today: IsoDate, counts: RunCounts): Promise<void> {
  await updateCase(db, c.id, {
    status: 'closed',
    closedOn: today,
    outcome: 'no_reminders',
    pausedReason: null,
  });
  counts.casesClosed++;
  counts.tasksCancelled += await cancelOpenTasks(db, c.id, today);
}

async function refreshPriorities(ctx: ApplyContext, open: readonly OpenTaskPriority[]): Promise<void> {
  for (const t of open) {
    const { priority, factors } = priorityOf(ctx, t.type, t.stepIndex !== null);
    const json = JSON.stringify(factors);
    if (priority !== t.priority || json !== t.priorityFactors)
      await setTaskPriority(ctx.db, t.id, priority, json, priority === t.priority);
  }
}

/** A task's priority from the customer's figures today (shared/domain/dunning/priority.ts). */
function priorityOf(ctx: ApplyContext, type: NewTask['type'], fromStep: boolean) {
  const { shown, today } = ctx;
  return taskPriority({
    overdueCents: shown.undisputedOverdueCents,
    daysOverdue: shown.oldestOverdueDue ? daysBetween(shown.oldestOverdueDue, today) : 0,
    band: ctx.band,
    brokenPromises: ctx.broken,
    keyAccount: ctx.customer.keyAccount,
    channel: fromStep
      ? type === 'blockOrders' || type === 'legal' || type === 'agency'
        ? 'review'
        : type === 'address'
          ? 'letter'
          : type
      : 'promise_broken',
    escalates: type === 'legal' || type === 'agency',
  });
}

interface ApplyContext {
  db: Ledger;
  today: IsoDate;
  counts: RunCounts;
  customer: CustomerInfo;
  band: Band;
  policy: Policy;
  /** The customer's overdue as the case and the profile show it (no per-item minimum): priorities use it. */
  shown: Pick<CustomerFacts, 'undisputedOverdueCents' | 'oldestOverdueDue'>;
  team: UserRecord[];
  broken: number;
}

/**
 * `opened`: the case was just written, at the step `d` takes it to (insertCase). `overdueCents`:
 * the case's new overdue, written with the step when `d` is one (else already written).
 */
async function applyDecision(
  ctx: ApplyContext,
  c: CaseRow,
  d: CaseDecision,
  opened = false,
  overdueCents: number | null = null,
): Promise<void> {
  const { db, today, counts } = ctx;
  switch (d.kind) {
    case 'none':
    case 'wait':
    case 'stay-paused':
    case 'open':
      return;
    case 'close':
      await updateCase(db, c.id, {
        status: 'closed',
        closedOn: today,
        outcome: d.outcome,
        recoveryDays: d.recoveryDays,
        pausedReason: null,
      });
      counts.casesClosed++;
      counts.tasksCancelled += await cancelOpenTasks(db, c.id, today);
      return;
    case 'pause':
      await updateCase(db, c.id, { status: 'paused', pausedReason: d.reason });
      counts.casesPaused++;
      // Paused means paused: a reminder already in someone's worklist must not go out.
      counts.tasksHeld += await holdOpenTasks(db, c.id);
      return;
    case 'resume':
      await updateCase(db, c.id, { status: 'open', pausedReason: null });
      counts.casesResumed++;
      counts.tasksReleased += await releaseHeldTasks(db, c.id, today);
      await applyDecision(ctx, { ...c, status: 'open', pausedReason: null }, d.next);
      return;
    case 'step':
      await createTasks(ctx, c, d.tasks, true);
      if (!opened) await setCaseStep(db, c.id, d.stepIndex, d.escalate, overdueCents);
      if (d.blockOrders && !ctx.customer.orderBlocked)
        await blockOrdersByPolicy(db, ctx.customer.id, ctx.today, d.step.name);
      return;
  }
}

/** How a customer can be reached, from its master data (channel fallback, shared/domain/dunning/channel.ts). */
export function reachability(c: {
  email: string | null;
  dunningContactEmail: string | null;
  pec: string | null;
  address: string | null;
  street: string | null;
  city: string | null;
}): Reachability {
  return {
    email: Boolean(c.dunningContactEmail?.trim() || c.email?.trim()),
    pec: Boolean(c.pec?.trim()),
    postal: hasPostalAddress(c),
  };
}

async function createTasks(
  ctx: ApplyContext,
  c: CaseRow,
  list: NewTask[],
  fromStep: boolean,
  itemIds: string | null = null,
): Promise<void> {
  const { db, today, counts, customer } = ctx;
  const reach = reachability(customer);
  for (const step of list) {
    // A step's reminder goes on a channel the customer can be reached on (or waits for an address).
    const t = fromStep ? deliverable(step, reach).task : step;
    const { priority, factors } = priorityOf(ctx, t.type, fromStep);
    await insertTaskFast(db, {
      caseId: c.id,
      customerId: customer.id,
      stepIndex: fromStep ? t.stepIndex : null,
      stepName: t.stepName,
      type: t.type,
      template: t.template,
      dueDate: today,
      createdOn: today,
      assigneeId: chooseAssignee(customer, t.type, ctx.team),
      priority,
      priorityFactors: JSON.stringify(factors),
      itemIds,
    });
    counts.tasksCreated++;
    counts.byType[t.type]++;
  }
}
