/**
 * Task priority 0-100, explained: each factor says its value and the points it adds.
 * The weights add up to exactly 100 at their caps, so a priority reads like a percentage.
 */
import type { Band, Channel } from './policy.ts';

export interface PriorityInput {
  overdueCents: number;
  daysOverdue: number;
  band: Band;
  brokenPromises: number;
  keyAccount: boolean;
  channel: Channel | 'promise_broken';
  escalates: boolean;
}

export interface PriorityFactor {
  name: 'overdueAmount' | 'daysOverdue' | 'band' | 'brokenPromises' | 'keyAccount' | 'stepSeverity';
  value: number | string | boolean;
  points: number;
}

export const PRIORITY_WEIGHTS = {
  /** 7 points per tenfold amount: 10 € -> 7, 1,000 € -> 21, 100,000 € or more -> 35. */
  overdueAmountMax: 35,
  /** Linear up to 180 days. */
  daysOverdueMax: 25,
  daysOverdueFull: 180,
  band: { A: 3, B: 6, C: 9, D: 12, E: 15 } satisfies Record<Band, number>,
  brokenPromiseEach: 5,
  brokenPromisesMax: 10,
  keyAccount: 5,
  severity: { email: 2, letter: 4, phone: 5, pec: 8, review: 6, promise_broken: 8 } as Record<
    Channel | 'promise_broken',
    number
  >,
  escalation: 10,
} as const;

export function taskPriority(input: PriorityInput): { priority: number; factors: PriorityFactor[] } {
  const w = PRIORITY_WEIGHTS;
  const euros = Math.max(1, input.overdueCents / 100);
  const factors: PriorityFactor[] = [
    {
      name: 'overdueAmount',
      value: input.overdueCents,
      points: Math.min(w.overdueAmountMax, Math.round(7 * Math.log10(euros))),
    },
    {
      name: 'daysOverdue',
      value: input.daysOverdue,
      points: Math.round(
        (Math.min(Math.max(input.daysOverdue, 0), w.daysOverdueFull) / w.daysOverdueFull) * w.daysOverdueMax,
      ),
    },
    { name: 'band', value: input.band, points: w.band[input.band] },
    {
      name: 'brokenPromises',
      value: input.brokenPromises,
      points: Math.min(w.brokenPromisesMax, input.brokenPromises * w.brokenPromiseEach),
    },
    { name: 'keyAccount', value: input.keyAccount, points: input.keyAccount ? w.keyAccount : 0 },
    {
      name: 'stepSeverity',
      value: input.escalates ? `${input.channel}+escalation` : input.channel,
      points: input.escalates ? w.escalation : w.severity[input.channel],
    },
  ];
  const priority = Math.min(
    100,
    factors.reduce((sum, f) => sum + f.points, 0),
  );
  return { priority, factors };
}
