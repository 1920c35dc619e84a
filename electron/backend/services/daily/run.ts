/**
 * The day's job, in one place and one transaction: the dunning run, then the legal prescription
 * warnings, the rating recompute, the deterioration alerts and the day's KPI snapshot, then the run record. Called by the
 * `run` command, the scheduler (at start and every two hours) and after imports. Keeping the order
 * here is what lets dunning, legal, rating and reports stay independent of each other.
 */

import { performance } from 'node:perf_hooks';
import type { Ledger } from '../../../../db/open.ts';
import {
  auditActionsAfter,
  customersTouchedByBatch,
  insertRun,
  lastAuditId,
} from '../../../../db/queries/dunning.ts';
import { ACTIONS_OUTSIDE_THE_LEDGER } from '../../../../db/queries/import-replay.ts';
import { customersReclassedSince, lastRatingId } from '../../../../db/queries/rating.ts';
import { getSetting, setSetting } from '../../../../db/queries/settings.ts';
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
  /**
   * Recompute only what changed since the day's previous run, when that can be known: the previous
   * run was today and nothing but imports changed the ledger since (runScope). Then only the
   * customers those import batches touched are recomputed — the others would come out as that
   * run left them — and with nothing changed the run does nothing. Otherwise a full run.
   */
  incremental?: boolean;
}

/** Where the last run stands: its day and the audit row it saw last (what a later run compares). */
export const LAST_RUN_KEY = 'dunning.lastRun';
interface LastRun {
  date: IsoDate;
  auditId: number;
  /** The latest rating row when that run started: the classes it changed are the rows after it. */
  ratingId?: number;
}

/**
 * Audit actions that change nothing a run reads (customers, items, cases, tasks, promises, plans,
 * disputes, policies, users, settings): a run after them comes out as the one before them.
 * An allow-list: any other action, known or new, makes the next run a full one.
 */
const ACTIONS_THE_RUN_IGNORES = new Set<string>(['dunning.run', ...ACTIONS_OUTSIDE_THE_LEDGER]);

/**
 * The customers a run today must recompute, or undefined for all of them: limited only when the
 * previous run was today and nothing but imports changed the ledger since — then the customers
 * their batches touched and those whose rating class changed today.
 */
export async function runScope(db: Ledger, today: IsoDate): Promise<number[] | undefined> {
  const last = await getSetting<LastRun | null>(db, LAST_RUN_KEY, null);
  if (!last || last.date !== today) return undefined;
  const batches: number[] = [];
  for (const a of await auditActionsAfter(db, last.auditId)) {
    if (a.action === 'imports.apply') {
      // No entity: the import changed nothing (no batch recorded).
      if (a.entityId !== null) batches.push(Number(a.entityId));
    } else if (!ACTIONS_THE_RUN_IGNORES.has(a.action)) return undefined;
  }
  // A run chooses bands on the classes it starts with and rates afterwards: a customer whose class
  // that run changed gets its priorities (and band) on the new class at the next run — that one
  // only (every later run of the day included them again: 5 s of a rerun with nothing changed at 1M items).
  const touched = new Set<number>(await customersReclassedSince(db, last.ratingId ?? 0));
  for (const batch of batches) for (const id of await customersTouchedByBatch(db, batch)) touched.add(id);
  return [...touched].sort((a, b) => a - b);
}

/** Runs one phase of the day's job, telling `onPhase` how long it took. */
export type PhaseTimer = <T>(phase: string, work: () => T) => T;

/** A phase that returns a promise is timed until the promise settles. */
export function phaseTimer(onPhase?: (phase: string, ms: number) => void): PhaseTimer {
  if (!onPhase) return (_phase, work) => work();
  return (phase, work) => {
    const start = performance.now();
    const done = () => onPhase(phase, performance.now() - start);
    let result: ReturnType<typeof work>;
    try {
      result = work();
    } catch (err) {
      done();
      throw err;
    }
    if (result instanceof Promise) return result.finally(done) as typeof result;
    done();
    return result;
  };
}

export async function runDay(db: Ledger, today: IsoDate, opts: DayOptions = {}): Promise<RunCounts> {
  const counts = emptyRunCounts(today);
  const phase = phaseTimer(opts.onPhase);
  await withDryRun<void>(
    db,
    async (rollback) => {
      const scope = opts.incremental
        ? await phase('scope', async () => await runScope(db, today))
        : undefined;
      const ratingId = await lastRatingId(db);
      // Nothing changed since the day's previous run (an empty scope): it would come out as that one did.
      const changed = scope === undefined || scope.length > 0;
      if (changed) {
        // Customers without a band follow their rating class: new customers are rated first
        // (and those ratings are reused below unless the run moved their facts: computed once).
        const rated = await phase(
          'ratings of new customers',
          async () => await ratingsForRun(db, today, scope === undefined),
        );
        await applyDunning(db, today, counts, rated.classes, phase, scope);
        // Legal dossiers close to prescription get a warning task; ratings follow today's facts.
        const warnings = await phase(
          'prescription warnings',
          async () => await prescriptionWarnings(db, today),
        );
        counts.tasksCreated += warnings;
        counts.byType.review += warnings;
        await phase(
          'ratings',
          async () => await recomputeRatings(db, today, rated.fresh, scope, rated.latest),
        );
        // Deterioration alerts on today's facts and ratings (services/notify/): sent after the run.
        await phase('alerts', async () => await detectAlerts(db, today));
      }
      if (opts.dryRun) rollback();
      // The day's KPI snapshot (services/reports/snapshot.ts): trends outlive closed items.
      if (changed) await phase('KPI snapshot', async () => await storeKpiSnapshot(db, today));
      await insertRun(db, today, opts.now ?? `${today}T12:00:00.000Z`, counts);
      // What the next incremental run compares against (runScope).
      await setSetting(db, LAST_RUN_KEY, {
        date: today,
        auditId: await lastAuditId(db),
        ratingId,
      } satisfies LastRun);
      // Immediate: take the write lock first, so a CLI run and the app never interleave a run.
    },
    { behavior: 'immediate' },
  );
  return counts;
}
