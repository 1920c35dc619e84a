/**
 * The day's job, in one place and one transaction: the dunning run, then the legal prescription
 * warnings, the rating recompute, the deterioration alerts and the day's KPI snapshot, then the run record. Called by the
 * `run` command, the scheduler (at start and every two hours) and after imports. Keeping the order
 * here is what lets dunning, legal, rating and reports stay independent of each other.
 */

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
}

export function runDay(db: Ledger, today: IsoDate, opts: DayOptions = {}): RunCounts {
  const counts = emptyRunCounts(today);
  withDryRun<void>(
    db,
    (rollback) => {
      // Customers without a band follow their rating class: new customers are rated first
      // (and those ratings are reused below unless the run moved their facts: computed once).
      const rated = ratingsForRun(db, today);
      applyDunning(db, today, counts, rated.classes);
      // Legal dossiers close to prescription get a warning task; ratings follow today's facts.
      const warnings = prescriptionWarnings(db, today);
      counts.tasksCreated += warnings;
      counts.byType.review += warnings;
      recomputeRatings(db, today, rated.fresh);
      // Deterioration alerts on today's facts and ratings (services/notify/): sent after the run.
      detectAlerts(db, today);
      if (opts.dryRun) rollback();
      // The day's KPI snapshot (services/reports/snapshot.ts): trends outlive closed items.
      storeKpiSnapshot(db, today);
      insertRun(db, today, opts.now ?? `${today}T12:00:00.000Z`, counts);
      // Immediate: take the write lock first, so a CLI run and the app never interleave a run.
    },
    { behavior: 'immediate' },
  );
  return counts;
}
