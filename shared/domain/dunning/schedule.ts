/**
 * When a case's next step falls due. Step k is due on
 *   max(base_k, doneDate(step k-1) + minGapDays)
 * (step 1: the first term only), where base_k follows the step's timing: the oldest overdue item's
 * due date + offsetDays (`due`, the default), the previous step's done date + offsetDays
 * (`previous`; the first step counts from the due date), or the last day of the month in which
 * the due-date term falls (`monthEnd`). A step can only fall due once the previous one is done
 * (or skipped): a run creates at most one task per step, however many days were missed.
 */
import { addDays, type IsoDate } from '../dates.ts';
import type { Policy, Step } from './policy.ts';

export interface StepProgress {
  /** Index of the step whose task was created last, -1 when none yet. */
  lastStepIndex: number;
  /** The date that task was done or skipped; null while it is still open. */
  lastStepClosedOn: IsoDate | null;
}

export type NextStep =
  | { kind: 'due'; stepIndex: number; dueOn: IsoDate }
  | { kind: 'waiting'; stepIndex: number; dueOn: IsoDate }
  | { kind: 'blocked'; stepIndex: number; reason: 'previous-step-open' }
  | { kind: 'finished' };

export function nextStep(
  policy: Policy,
  oldestOverdueDue: IsoDate,
  progress: StepProgress,
  today: IsoDate,
): NextStep {
  const stepIndex = progress.lastStepIndex + 1;
  const step = policy.steps[stepIndex];
  if (!step) return { kind: 'finished' };
  if (stepIndex > 0 && progress.lastStepClosedOn === null)
    return { kind: 'blocked', stepIndex, reason: 'previous-step-open' };
  const previousDone = stepIndex > 0 ? progress.lastStepClosedOn : null;
  let dueOn = stepDueOn(step, oldestOverdueDue, previousDone);
  if (previousDone !== null) {
    const gap = addDays(previousDone, policy.minGapDays);
    if (gap > dueOn) dueOn = gap;
  }
  return dueOn <= today ? { kind: 'due', stepIndex, dueOn } : { kind: 'waiting', stepIndex, dueOn };
}

/** The last day of the month of a date. */
export function endOfMonth(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * The day a step's timing makes it due (before the policy's gap between steps): `oldestDue` is the
 * oldest overdue item's due date, `previousDone` the day the previous step was done (null for the
 * first step, or a first reminder of new invoices, which count from the due date).
 */
export function stepDueOn(
  step: Pick<Step, 'offsetDays' | 'timing'>,
  oldestDue: IsoDate,
  previousDone: IsoDate | null,
): IsoDate {
  switch (step.timing ?? 'due') {
    case 'previous':
      return addDays(previousDone ?? oldestDue, step.offsetDays);
    case 'monthEnd':
      return endOfMonth(addDays(oldestDue, step.offsetDays));
    default:
      return addDays(oldestDue, step.offsetDays);
  }
}
