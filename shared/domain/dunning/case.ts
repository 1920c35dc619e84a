/**
 * What a dunning run decides for one customer on one day: open, close, pause, resume a case,
 * and which step's tasks to create. Pure: the run service gathers the facts and applies the
 * decision in its transaction.
 */
import { daysBetween, type IsoDate } from '../dates.ts';
import type { CaseStatus, PauseReason, TaskType } from '../vocabulary.ts';
import type { Policy, Step } from './policy.ts';
import { nextStep } from './schedule.ts';

export type { CaseStatus, PauseReason, TaskType };

export interface CustomerFacts {
  /** Positive residuals due before today, disputed or not. */
  overdueCents: number;
  /** The same, without disputed items: what dunning chases. */
  undisputedOverdueCents: number;
  /** Oldest due date among undisputed overdue items. */
  oldestOverdueDue: IsoDate | null;
  /** An open promise whose date plus grace has not passed. */
  activePromise: boolean;
  /** A repayment plan being honoured. */
  activePlan: boolean;
}

export interface OpenCase {
  status: Exclude<CaseStatus, 'closed'>;
  openedOn: IsoDate;
  lastStepIndex: number;
  lastStepClosedOn: IsoDate | null;
  pausedReason: PauseReason | null;
}

export interface NewTask {
  stepIndex: number;
  stepName: string;
  type: TaskType;
  template: string | null;
}

export type CaseDecision =
  | { kind: 'none' }
  | { kind: 'open'; next: CaseDecision }
  | { kind: 'close'; outcome: 'paid'; recoveryDays: number }
  | { kind: 'pause'; reason: PauseReason }
  | { kind: 'stay-paused'; reason: PauseReason }
  | { kind: 'resume'; next: CaseDecision }
  | {
      kind: 'step';
      stepIndex: number;
      step: Step;
      tasks: NewTask[];
      blockOrders: boolean;
      escalate: 'legal' | 'agency' | null;
    }
  | { kind: 'wait' };

function pauseReason(f: CustomerFacts): PauseReason | null {
  if (f.activePromise) return 'promise';
  if (f.activePlan) return 'plan';
  if (f.overdueCents > 0 && f.undisputedOverdueCents === 0) return 'dispute';
  return null;
}

/** The tasks a step creates: its channel's task (or the hand-over when it escalates), plus the order block. */
export function stepTasks(step: Step, stepIndex: number): NewTask[] {
  const main: NewTask = {
    stepIndex,
    stepName: step.name,
    type: step.escalate ?? step.channel,
    template: step.template ?? null,
  };
  return step.blockOrders
    ? [main, { stepIndex, stepName: step.name, type: 'blockOrders', template: null }]
    : [main];
}

function advance(
  policy: Policy,
  facts: CustomerFacts,
  c: Pick<OpenCase, 'lastStepIndex' | 'lastStepClosedOn'>,
  today: IsoDate,
): CaseDecision {
  if (!facts.oldestOverdueDue) return { kind: 'wait' };
  const next = nextStep(policy, facts.oldestOverdueDue, c, today);
  if (next.kind !== 'due') return { kind: 'wait' };
  const step = policy.steps[next.stepIndex] as Step;
  return {
    kind: 'step',
    stepIndex: next.stepIndex,
    step,
    tasks: stepTasks(step, next.stepIndex),
    blockOrders: step.blockOrders === true,
    escalate: step.escalate ?? null,
  };
}

export function decideCase(
  policy: Policy,
  facts: CustomerFacts,
  current: OpenCase | null,
  today: IsoDate,
): CaseDecision {
  if (!current) {
    if (facts.undisputedOverdueCents <= 0 || facts.undisputedOverdueCents < policy.minOverdueCents)
      return { kind: 'none' };
    const fresh = { lastStepIndex: -1, lastStepClosedOn: null };
    const reason = pauseReason(facts);
    return { kind: 'open', next: reason ? { kind: 'pause', reason } : advance(policy, facts, fresh, today) };
  }
  // Exit by payment: what is overdue (disputed included) fell under the policy's minimum.
  if (facts.overdueCents <= 0 || facts.overdueCents < policy.minOverdueCents) {
    return { kind: 'close', outcome: 'paid', recoveryDays: daysBetween(current.openedOn, today) };
  }
  // Legal and agency cases are in other hands: dunning steps stop.
  if (current.status === 'legal' || current.status === 'agency') return { kind: 'wait' };
  const reason = pauseReason(facts);
  if (reason)
    return current.status === 'paused' && current.pausedReason === reason
      ? { kind: 'stay-paused', reason }
      : { kind: 'pause', reason };
  const step = advance(policy, facts, current, today);
  return current.status === 'paused' ? { kind: 'resume', next: step } : step;
}
