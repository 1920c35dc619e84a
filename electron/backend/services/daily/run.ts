/**
 * The day's job, in one place and one transaction: the dunning run, then the legal prescription
 * warnings, the rating recompute, the deterioration alerts and the day's KPI snapshot, then the run record. Called by the
 * `run` command, the scheduler (at start and every two hours) and after imports. Keeping the order
 * here is what lets dunning, legal, rating and reports stay independent of each other.
 */

import { performance } from 'node:perf_hooks';
import type { Ledger } from '../../../../db/open.ts';
import { insertRun } from '../../../../db/queries/dunning.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { withDryRun } from '../common/dry-run.ts';
import { applyDunning, emptyRunCounts, type RunCounts } from '../dunning/run.ts';
import { prescriptionWarnings } from '../legal/prescription.ts';
import { detectAlerts } from '../notify/detect.ts';
import { ratingsForRun, recomputeRatings } from '../rating/recompute.ts';
import { storeKpiSnapshot } from '../reports/snapshot.ts';

export type { RunCounts };

export interface DayOptions {
  /** Do everything, report the counts, write nothing. */
  dryRun?: boolean;
  /** The run record's timestamp (the audit clock); by default noon UTC of `today`. */
  now?: string;
  /** Told how long each phase took, in milliseconds (the bench prints them); the run never reads them. */
  onPhase?: (phase: string, ms: number) => void;
}

/** Runs one phase of the day's job, telling `onPhase` how long it took. */
export type PhaseTimer = <T>(phase: string, work: () => T) => T;

export function phaseTimer(onPhase?: (phase: string, ms: number) => void): PhaseTimer {
  if (!onPhase) return (_phase, work) => work();
  return (phase, work) => {
    const start = performance.now();
    try {
      return work();
    } finally {
      onPhase(phase, performance.now() - start);
    }
  };
}

export function runDay(db: Ledger, today: IsoDate, opts: DayOptions = {}): RunCounts {
  const counts = emptyRunCounts(today);
  const phase = phaseTimer(opts.onPhase);
  withDryRun<void>(
    db,
    (rollback) => {
      // Customers without a band follow their rating class: new customers are rated first
      // (and those ratings are reused below unless the run moved their facts: computed once).
      const rated = phase('ratings of new customers', () => ratingsForRun(db, today));
      applyDunning(db, today, counts, rated.classes, phase);
      // Legal dossiers close to prescription get a warning task; ratings follow today's facts.
      const warnings = phase('prescription warnings', () => prescriptionWarnings(db, today));
      counts.tasksCreated += warnings;
      counts.byType.review += warnings;
      phase('ratings', () => recomputeRatings(db, today, rated.fresh));
      // Deterioration alerts on today's facts and ratings (services/notify/): sent after the run.
      phase('alerts', () => detectAlerts(db, today));
      if (opts.dryRun) rollback();
      // The day's KPI snapshot (services/reports/snapshot.ts): trends outlive closed items.
      phase('KPI snapshot', () => storeKpiSnapshot(db, today));
      insertRun(db, today, opts.now ?? `${today}T12:00:00.000Z`, counts);
      // Immediate: take the write lock first, so a CLI run and the app never interleave a run.
    },
    { behavior: 'immediate' },
  );
  return counts;
}
