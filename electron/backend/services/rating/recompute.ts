/**
 * Recomputes every customer's rating and keeps the history: a new row when the score or the
 * class changes, the current row refreshed when only the explanation moved, nothing otherwise.
 * Called at the end of each dunning run, inside its transaction (a run follows every import and
 * undo); ~50,000 customers in a few batched queries.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  allCustomerIds,
  customersWithRatingEventsOn,
  insertRating,
  latestClasses,
  latestRatings,
  type RatingRow,
  refreshRating,
  unratedCustomerIds,
} from '../../../../db/queries/rating.ts';
import { setSetting } from '../../../../db/queries/settings.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import {
  type Rating,
  type RatingClass,
  type RatingConfig,
  rateCustomer,
} from '../../../../shared/domain/rating.ts';
import { loadRatingConfig } from './config.ts';
import { gatherFacts } from './facts.ts';

export const LAST_RECOMPUTE_KEY = 'rating.lastComputedOn';

export interface RecomputeCounts {
  rated: number;
  /** History rows written: score or class changed (or a first rating). */
  changed: number;
}

/** Ratings computed now, without writing: customers not yet rated, or a preview. */
export async function computeRatings(
  db: Ledger,
  today: IsoDate,
  configGiven?: RatingConfig,
  customerIds?: readonly number[],
): Promise<{ customerId: number; code: string; rating: Rating }[]> {
  const config = configGiven ?? (await loadRatingConfig(db));
  return (await gatherFacts(db, today, config.windows, customerIds)).map((c) => ({
    customerId: c.customerId,
    code: c.code,
    rating: rateCustomer(c.facts, today, config),
  }));
}

/** Ratings computed earlier in the same run (new customers, for the band choice), by customer id. */
export type FreshRatings = ReadonlyMap<number, { customerId: number; code: string; rating: Rating }>;

/**
 * Every customer's rating, reusing `fresh` ones (computed before the dunning run, same day) for
 * the customers the run cannot have moved (customersWithRatingEventsOn): on a first import all
 * customers are new, and their ratings are computed once instead of twice.
 */
async function ratingsNow(db: Ledger, today: IsoDate, fresh?: FreshRatings, scope?: readonly number[]) {
  if (!fresh || fresh.size === 0) return await computeRatings(db, today, await loadRatingConfig(db), scope);
  const moved = await customersWithRatingEventsOn(db, today);
  // With a scope, the customers never rated are rated too (as a full recompute would).
  const ids = scope ? [...new Set([...scope, ...fresh.keys()])] : await allCustomerIds(db);
  const rest = ids.filter((id) => !fresh.has(id) || moved.has(id));
  const computed = rest.length > 0 ? await computeRatings(db, today, await loadRatingConfig(db), rest) : [];
  for (const [id, r] of fresh) if (!moved.has(id)) computed.push(r);
  return computed.sort((a, b) => a.customerId - b.customerId);
}

/**
 * With a `scope` (the run after an import, the same day as the previous run), only those customers
 * and the ones never rated are recomputed: the others' facts have not moved since that run rated
 * them.
 */
export async function recomputeRatings(
  db: Ledger,
  today: IsoDate,
  fresh?: FreshRatings,
  scope?: readonly number[],
  latest?: ReadonlyMap<number, RatingRow>,
): Promise<RecomputeCounts> {
  const computed = await ratingsNow(db, today, fresh, scope);
  // `latest`: every customer's current row, read by ratingsForRun in the same transaction (no
  // rating written since): read once.
  const current = latest ?? latestRatings(db, scope ? computed.map((c) => c.customerId) : undefined);
  let changed = 0;
  for (const { customerId, rating } of computed) {
    const factors = JSON.stringify(rating.factors);
    const before = current.get(customerId);
    if (!before || before.score !== rating.score || before.class !== rating.class) {
      await insertRating(db, {
        customerId,
        score: rating.score,
        class: rating.class,
        confidence: rating.confidence,
        factors,
        previousScore: before?.score ?? null,
        previousClass: before?.class ?? null,
        changedOn: today,
        computedOn: today,
      });
      changed++;
    } else if (before.factors !== factors || before.confidence !== rating.confidence) {
      await refreshRating(db, before.id, rating.confidence, factors, today);
    }
  }
  await setSetting(db, LAST_RECOMPUTE_KEY, today);
  return { rated: computed.length, changed };
}

/**
 * The class of every customer for the run's band choice: the stored one, or — for customers no
 * recompute has seen yet (the first run, new customers of the import just made) — computed now,
 * so even a customer's first case gets the policy its class suggests.
 */
export async function classesForRun(db: Ledger, today: IsoDate): Promise<Map<number, RatingClass>> {
  return (await ratingsForRun(db, today)).classes;
}

/**
 * classesForRun, plus the ratings it computed (recomputeRatings reuses them: computed once). With
 * `keepRows` (a full run) the classes come from every customer's current rating row, returned as
 * `latest` for recomputeRatings, which then does not read them again; a run limited to a few
 * customers reads the classes only (and recomputeRatings those few rows).
 */
export async function ratingsForRun(
  db: Ledger,
  today: IsoDate,
  keepRows = false,
): Promise<{ classes: Map<number, RatingClass>; fresh: FreshRatings; latest?: Map<number, RatingRow> }> {
  const latest = keepRows ? latestRatings(db) : undefined;
  const classes = latest
    ? new Map([...latest.values()].map((r) => [r.customerId, r.class]))
    : latestClasses(db);
  const fresh = new Map<number, { customerId: number; code: string; rating: Rating }>();
  const unrated = unratedCustomerIds(db);
  if (unrated.length === 0) return { classes, fresh, ...(latest ? { latest } : {}) };
  for (const r of await computeRatings(db, today, await loadRatingConfig(db), unrated)) {
    classes.set(r.customerId, r.rating.class);
    fresh.set(r.customerId, r);
  }
  return { classes, fresh, ...(latest ? { latest } : {}) };
}
