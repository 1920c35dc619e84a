/**
 * When a case's next step falls due. Step k is due on
 *   max(oldestOverdueDue + offsetDays_k, doneDate(step k-1) + minGapDays)
 * (step 1: the first term only). A step can only fall due once the previous one is done (or
 * skipped): a run creates at most one task per step, however many days were missed.
 */
import { addDays, type IsoDate } from '../dates.ts';
import type { Policy } from './policy.ts';

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
  let dueOn = addDays(oldestOverdueDue, step.offsetDays);
  if (stepIndex > 0) {
    if (progress.lastStepClosedOn === null)
      return { kind: 'blocked', stepIndex, reason: 'previous-step-open' };
    const gap = addDays(progress.lastStepClosedOn, policy.minGapDays);
    if (gap > dueOn) dueOn = gap;
  }
  return dueOn <= today ? { kind: 'due', stepIndex, dueOn } : { kind: 'waiting', stepIndex, dueOn };
}
