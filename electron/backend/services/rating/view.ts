/**
 * What the screens and the CLI read: one customer's rating with its history (customer page),
 * and the list of ratings (customers list by class, the manager's "rating changed" list).
 */
import type { Ledger } from '../../../../db/open.ts';
import { customerByCode } from '../../../../db/queries/profile.ts';
import {
  latestRatingOf,
  type RatingListRow,
  ratingHistoryOf,
  ratingListRows,
  ratingsBefore,
} from '../../../../db/queries/rating.ts';
import { getSetting } from '../../../../db/queries/settings.ts';
import type { MethodOutput, ParsedInput } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import type { Band } from '../../../../shared/domain/dunning/policy.ts';
import { effectiveBand, type RatingClass, type RatingFactor } from '../../../../shared/domain/rating.ts';
import { loadRatingConfig } from './config.ts';
import { computeRatings, LAST_RECOMPUTE_KEY } from './recompute.ts';

type Detail = MethodOutput<'ratings.get'>;
type List = MethodOutput<'ratings.list'>;
type ListRow = List['rows'][number];

const parseFactors = (json: string): RatingFactor[] => JSON.parse(json) as RatingFactor[];
/** Codes in the order people expect (C2 before C10); one collator: 50,000 rows sort in milliseconds. */
const CODE_ORDER = new Intl.Collator('it', { numeric: true });

/** The current class of one customer: stored, else computed now (a customer no run has seen). */
export async function currentClass(db: Ledger, customerId: number, today: IsoDate): Promise<RatingClass> {
  const stored = await latestRatingOf(db, customerId);
  if (stored) return stored.class;
  const live = (await computeRatings(db, today, await loadRatingConfig(db), [customerId]))[0];
  return live?.rating.class ?? 'C';
}

export async function ratingDetail(db: Ledger, code: string, today: IsoDate): Promise<Detail> {
  const c = await customerByCode(db, code);
  if (!c) throw new AppError('NOT_FOUND', `No customer with code "${code}".`);
  const config = await loadRatingConfig(db);
  const stored = await latestRatingOf(db, c.id);
  const history = (await ratingHistoryOf(db, c.id)).map((r) => ({
    date: r.changedOn,
    score: r.score,
    class: r.class,
    confidence: r.confidence,
  }));
  if (stored) {
    return {
      customerCode: c.code,
      score: stored.score,
      class: stored.class,
      confidence: stored.confidence,
      factors: parseFactors(stored.factors),
      computedOn: stored.computedOn,
      customerName: c.name,
      base: config.base,
      changedOn: stored.changedOn,
      stored: true,
      previous:
        stored.previousScore !== null && stored.previousClass !== null
          ? { score: stored.previousScore, class: stored.previousClass }
          : null,
      band: c.band,
      effectiveBand: effectiveBand(c.band as Band | null, stored.class),
      history,
    };
  }
  const live = (await computeRatings(db, today, config, [c.id]))[0];
  if (!live) throw new AppError('NOT_FOUND', `No customer with code "${code}".`);
  return {
    customerCode: c.code,
    score: live.rating.score,
    class: live.rating.class,
    confidence: live.rating.confidence,
    factors: live.rating.factors,
    computedOn: today,
    customerName: c.name,
    base: config.base,
    changedOn: today,
    stored: false,
    previous: null,
    band: c.band,
    effectiveBand: effectiveBand(c.band as Band | null, live.rating.class),
    history,
  };
}

function toRow(r: RatingListRow, withFactors: boolean): ListRow | null {
  if (!r.rating) return null;
  return {
    customerCode: r.code,
    score: r.rating.score,
    class: r.rating.class,
    confidence: r.rating.confidence,
    factors: withFactors ? parseFactors(r.rating.factors) : [],
    computedOn: r.rating.computedOn,
    customerName: r.name,
    changedOn: r.rating.changedOn,
    previousScore: r.rating.previousScore,
    previousClass: r.rating.previousClass,
    residualCents: r.residualCents,
    overdueCents: r.overdueCents,
  };
}

/** Customers no recompute has seen yet get their rating computed now (e.g. before the first run). */
async function fillUnrated(
  db: Ledger,
  unrated: RatingListRow[],
  today: IsoDate,
  ratingClass?: RatingClass,
): Promise<ListRow[]> {
  if (unrated.length === 0) return [];
  const byId = new Map(unrated.map((r) => [r.customerId, r]));
  // One batched computation for all of them: a per-customer loop would be a query storm.
  return (await computeRatings(db, today, await loadRatingConfig(db), [...byId.keys()])).flatMap(
    ({ customerId, rating }) => {
      const r = byId.get(customerId);
      if (!r || (ratingClass && rating.class !== ratingClass)) return [];
      return [
        {
          customerCode: r.code,
          score: rating.score,
          class: rating.class,
          confidence: rating.confidence,
          factors: rating.factors,
          computedOn: today,
          customerName: r.name,
          changedOn: today,
          previousScore: null,
          previousClass: null,
          residualCents: r.residualCents,
          overdueCents: r.overdueCents,
        },
      ];
    },
  );
}

export async function ratingList(db: Ledger, q: ParsedInput<'ratings.list'>, today: IsoDate): Promise<List> {
  const all = await ratingListRows(db, { today, onlyOpen: q.onlyOpen });
  const idByCode = new Map(all.map((r) => [r.code, r.customerId]));
  let rows: ListRow[] = [
    ...all.flatMap((r) => (q.class && r.rating?.class !== q.class ? [] : (toRow(r, q.withFactors) ?? []))),
    ...(
      await fillUnrated(
        db,
        all.filter((r) => !r.rating),
        today,
        q.class,
      )
    ).map((r) => (q.withFactors ? r : { ...r, factors: [] })),
  ];
  if (q.changedSince) {
    const since = q.changedSince;
    const before = await ratingsBefore(db, since);
    rows = rows
      .filter((r) => r.changedOn >= since)
      .map((r) => {
        // Compared with where the customer stood when the window opened, not its last step only.
        const b = before.get(idByCode.get(r.customerCode) ?? -1);
        return b ? { ...r, previousScore: b.score, previousClass: b.class } : r;
      })
      .filter((r) =>
        q.direction === 'any'
          ? true
          : r.previousScore !== null &&
            (q.direction === 'down' ? r.score < r.previousScore : r.score > r.previousScore),
      );
  }
  const dir = q.desc ? -1 : 1;
  const byCode = (a: ListRow, b: ListRow) => CODE_ORDER.compare(a.customerCode, b.customerCode);
  rows.sort((a, b) => {
    const primary =
      q.sort === 'score'
        ? a.score - b.score
        : q.sort === 'changedOn'
          ? Number(a.changedOn > b.changedOn) - Number(a.changedOn < b.changedOn)
          : 0;
    return dir * (primary || byCode(a, b));
  });
  return {
    computedOn: await getSetting<string | null>(db, LAST_RECOMPUTE_KEY, null),
    total: rows.length,
    rows: rows.slice(0, q.limit),
  };
}
