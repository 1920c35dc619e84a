/**
 * The internal rating ("rating interno"): a score 0–100 and a class A–E per customer from how
 * it really pays, explained factor by factor. Pure: the facts come in (aggregated by
 * db/queries/rating.ts, or from a hand-made history with `factsFromHistory`), today is an
 * argument, and every weight and threshold lives in RATING_DEFAULTS below — documented here
 * and in README "Internal rating and the legal phase", editable by an admin (stored as a patch
 * merged over the defaults).
 *
 * How a score is made: it starts at `base` (an unknown customer: class C, the policy every
 * customer without a band had before ratings existed) and each factor adds or takes points:
 *
 *   points = clamp(atZero + perUnit × (value − offset), min, max), rounded to 0.1
 *   score  = clamp(round(base + Σ points), 0, 100)
 *
 * A factor whose value is unknown (no payments yet, no credit limit) gives 0 points, so a
 * newcomer still gets a score from what is known, with `confidence: low`.
 */
import { z } from 'zod';
import { addDays, daysBetween, type IsoDate } from './dates.ts';
import type { Band } from './dunning/policy.ts';

export const RATING_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
export type RatingClass = (typeof RATING_CLASSES)[number];
export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** The factors, in the order they are shown. */
export const FACTOR_NAMES = [
  'paymentDelay',
  'overdueDelay',
  'overdueShare',
  'creditLimitUse',
  'brokenPromises',
  'brokenPlans',
  'disputes',
  'formalNotices',
  'legalActions',
  'trend',
  'relationship',
] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

/**
 * Which way each factor may move the score. An admin can change how much, never the direction:
 * paying later, owing more or being chased more can never raise a score.
 */
const RAISES_SCORE: ReadonlySet<FactorName> = new Set(['relationship']);

const factorSpecSchema = z
  .object({
    /** Points when the value equals `offset`. */
    atZero: z.number().min(-100).max(100),
    /** Points per unit of the value above `offset` (negative: a penalty). */
    perUnit: z.number().min(-100).max(100),
    /** Where the slope starts (e.g. 100 %: a credit limit used up to the full is not penalised). */
    offset: z.number().min(0).max(10_000),
    /** Floor and cap of the factor's points. */
    min: z.number().min(-100).max(0),
    max: z.number().min(0).max(100),
  })
  .refine((f) => f.min <= f.atZero && f.atZero <= f.max, {
    message: 'atZero must lie between min and max',
  });
export type FactorSpec = z.infer<typeof factorSpecSchema>;

const factorsSchema = z.object(
  Object.fromEntries(FACTOR_NAMES.map((n) => [n, factorSpecSchema])) as Record<
    FactorName,
    typeof factorSpecSchema
  >,
);

export const ratingConfigSchema = z
  .object({
    /** The score of a customer about whom nothing is known. */
    base: z.number().min(0).max(100),
    /** Lowest score of each class; below D's is E. */
    classes: z.object({
      A: z.number().min(0).max(100),
      B: z.number().min(0).max(100),
      C: z.number().min(0).max(100),
      D: z.number().min(0).max(100),
    }),
    windows: z.object({
      /** Payments, promises, plans, disputes and formal notices count over this many days. */
      yearDays: z.number().int().min(30).max(3650),
      /** The trend compares the last `recentDays` with the rest of the year. */
      recentDays: z.number().int().min(7).max(365),
      /** Legal actions count over this many days. */
      legalDays: z.number().int().min(30).max(7300),
    }),
    /** high: at least `payments` payments in the year AND `months` of relationship; medium: either. */
    confidence: z.object({
      high: z.object({ payments: z.number().int().min(0), months: z.number().int().min(0) }),
      medium: z.object({ payments: z.number().int().min(0), months: z.number().int().min(0) }),
    }),
    factors: factorsSchema,
  })
  .superRefine((c, ctx) => {
    const { A, B, C, D } = c.classes;
    if (!(A > B && B > C && C > D))
      ctx.addIssue({ code: 'custom', path: ['classes'], message: 'thresholds must decrease from A to D' });
    if (c.windows.recentDays >= c.windows.yearDays)
      ctx.addIssue({
        code: 'custom',
        path: ['windows', 'recentDays'],
        message: 'the recent window must be shorter than the year',
      });
    for (const name of FACTOR_NAMES) {
      const f = c.factors[name];
      const ok = RAISES_SCORE.has(name) ? f.perUnit >= 0 : f.perUnit <= 0;
      if (!ok)
        ctx.addIssue({
          code: 'custom',
          path: ['factors', name, 'perUnit'],
          message: RAISES_SCORE.has(name)
            ? `${name} may only raise the score (perUnit ≥ 0)`
            : `${name} may only lower the score (perUnit ≤ 0)`,
        });
    }
  });
export type RatingConfig = z.infer<typeof ratingConfigSchema>;

const factorPatchSchema = z
  .object({ atZero: z.number(), perUnit: z.number(), offset: z.number(), min: z.number(), max: z.number() })
  .partial()
  .strict();

/** What an admin may store: any part of the configuration; the rest comes from the defaults. */
export const ratingConfigPatchSchema = z
  .object({
    base: z.number(),
    classes: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }).partial().strict(),
    windows: z
      .object({ yearDays: z.number(), recentDays: z.number(), legalDays: z.number() })
      .partial()
      .strict(),
    confidence: z
      .object({
        high: z.object({ payments: z.number(), months: z.number() }).partial().strict(),
        medium: z.object({ payments: z.number(), months: z.number() }).partial().strict(),
      })
      .partial()
      .strict(),
    factors: z
      .object(
        Object.fromEntries(FACTOR_NAMES.map((n) => [n, factorPatchSchema])) as Record<
          FactorName,
          typeof factorPatchSchema
        >,
      )
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type RatingConfigPatch = z.infer<typeof ratingConfigPatchSchema>;

const spec = (s: Partial<FactorSpec> & Pick<FactorSpec, 'perUnit' | 'min' | 'max'>): FactorSpec => ({
  atZero: 0,
  offset: 0,
  ...s,
});

/**
 * The shipped weights. Sample customers (see README "Internal rating and the legal phase"): a
 * long-standing customer paying on time scores 85 (A); a newcomer about whom nothing is known 55 (C); one paying 15 days late with
 * a fifth of its exposure overdue by 20 days 65 (B); a chronic late payer with a broken promise
 * and a formal notice falls to E.
 */
export const RATING_DEFAULTS: RatingConfig = {
  base: 55,
  classes: { A: 80, B: 60, C: 40, D: 20 },
  windows: { yearDays: 365, recentDays: 91, legalDays: 1826 },
  confidence: { high: { payments: 6, months: 12 }, medium: { payments: 2, months: 12 } },
  factors: {
    /** Amount-weighted average days late of the year's payments: +20 on time, 0 at 25 days, −25 from ~56 days. */
    paymentDelay: spec({ atZero: 20, perUnit: -0.8, min: -25, max: 20 }),
    /** Amount-weighted average days late of what is overdue today: −0.2 a day, −20 from 100 days. */
    overdueDelay: spec({ perUnit: -0.2, min: -20, max: 0 }),
    /** Percent of the exposure that is overdue: −0.2 a point, −20 when all of it is. */
    overdueShare: spec({ perUnit: -0.2, min: -20, max: 0 }),
    /** Exposure as a percent of the credit limit: free up to 100 %, then −0.25 a point, −15 from 160 %. */
    creditLimitUse: spec({ perUnit: -0.25, offset: 100, min: -15, max: 0 }),
    /** Promises broken in the year: −6 each, at most −18. */
    brokenPromises: spec({ perUnit: -6, min: -18, max: 0 }),
    /** Repayment plans broken in the year: −10 each, at most −20. */
    brokenPlans: spec({ perUnit: -10, min: -20, max: 0 }),
    /** Disputes opened in the year: −3 each, at most −9 (a dispute is not always the customer's fault). */
    disputes: spec({ perUnit: -3, min: -9, max: 0 }),
    /** Formal notices (PEC) sent in the year: −8 each, at most −16. */
    formalNotices: spec({ perUnit: -8, min: -16, max: 0 }),
    /** Cases handed to a lawyer or an agency in five years: −25 each, at most −40. */
    legalActions: spec({ perUnit: -25, min: -40, max: 0 }),
    /** Days late in the last 3 months minus the 9 before (positive = worse): −0.25 a day, −10..+5. */
    trend: spec({ perUnit: -0.25, min: -10, max: 5 }),
    /** Months since the first due date known: +0.25 a month, at most +10 (40 months). */
    relationship: spec({ perUnit: 0.25, min: 0, max: 10 }),
  },
};

/** The defaults with an admin's patch over them, validated as a whole. */
export function mergeRatingConfig(patch: RatingConfigPatch | null | undefined): RatingConfig {
  const p = patch ?? {};
  const d = RATING_DEFAULTS;
  const factors = Object.fromEntries(
    FACTOR_NAMES.map((n) => [n, { ...d.factors[n], ...(p.factors?.[n] ?? {}) }]),
  ) as RatingConfig['factors'];
  return ratingConfigSchema.parse({
    base: p.base ?? d.base,
    classes: { ...d.classes, ...p.classes },
    windows: { ...d.windows, ...p.windows },
    confidence: {
      high: { ...d.confidence.high, ...p.confidence?.high },
      medium: { ...d.confidence.medium, ...p.confidence?.medium },
    },
    factors,
  });
}

/** Sums of amount × days late, so averages are amount-weighted. */
export interface DelaySums {
  cents: number;
  dayCents: number;
}

/** What the score is computed from: aggregates a SQL GROUP BY can produce for 50,000 customers at once. */
export interface RatingFacts {
  /** Payments of the year (window `yearDays`), and the same split into the recent window and the rest. */
  paid: DelaySums & { count: number };
  recent: DelaySums;
  earlier: DelaySums;
  /** Positive residuals of open items; the overdue part (due before today) with its days late. */
  exposureCents: number;
  overdue: DelaySums;
  creditLimitCents: number | null;
  brokenPromises: number;
  brokenPlans: number;
  disputes: number;
  formalNotices: number;
  legalActions: number;
  /** The oldest due date known (open or closed items): the start of the relationship. */
  firstDueDate: IsoDate | null;
}

export interface RatingFactor {
  name: FactorName;
  /** In the factor's unit (days, percent, count, months); null when unknown. */
  value: number | null;
  points: number;
}

export interface Rating {
  score: number;
  class: RatingClass;
  confidence: Confidence;
  factors: RatingFactor[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const avg = (s: DelaySums): number | null => (s.cents > 0 ? round1(s.dayCents / s.cents) : null);
const percent = (part: number, whole: number) => round1((part / whole) * 100);
const MONTH_DAYS = 365.25 / 12;

export function monthsBetween(from: IsoDate, to: IsoDate): number {
  return Math.max(0, Math.floor(daysBetween(from, to) / MONTH_DAYS));
}

export function factorPoints(f: FactorSpec, value: number | null): number {
  if (value === null) return 0;
  const raw = f.atZero + f.perUnit * (value - f.offset);
  // +0 turns a -0 into 0 so JSON and equality read cleanly.
  return round1(Math.min(f.max, Math.max(f.min, raw))) + 0;
}

export function classFor(score: number, classes: RatingConfig['classes']): RatingClass {
  if (score >= classes.A) return 'A';
  if (score >= classes.B) return 'B';
  if (score >= classes.C) return 'C';
  if (score >= classes.D) return 'D';
  return 'E';
}

export function confidenceFor(payments: number, months: number, c: RatingConfig['confidence']): Confidence {
  if (payments >= c.high.payments && months >= c.high.months) return 'high';
  if (payments >= c.medium.payments || months >= c.medium.months) return 'medium';
  return 'low';
}

/** Each factor's value in its unit (null = unknown, worth 0 points). */
export function factorValues(facts: RatingFacts, today: IsoDate): Record<FactorName, number | null> {
  const recent = avg(facts.recent);
  const earlier = avg(facts.earlier);
  const limit = facts.creditLimitCents;
  return {
    paymentDelay: avg(facts.paid),
    overdueDelay: avg(facts.overdue) ?? 0,
    overdueShare: facts.exposureCents > 0 ? percent(facts.overdue.cents, facts.exposureCents) : 0,
    // No limit (or a limit of 0, which accounting systems use for "not set") cannot be exceeded.
    creditLimitUse: limit !== null && limit > 0 ? percent(facts.exposureCents, limit) : null,
    brokenPromises: facts.brokenPromises,
    brokenPlans: facts.brokenPlans,
    disputes: facts.disputes,
    formalNotices: facts.formalNotices,
    legalActions: facts.legalActions,
    trend: recent !== null && earlier !== null ? round1(recent - earlier) : null,
    relationship: facts.firstDueDate ? monthsBetween(facts.firstDueDate, today) : null,
  };
}

export function rateCustomer(
  facts: RatingFacts,
  today: IsoDate,
  config: RatingConfig = RATING_DEFAULTS,
): Rating {
  const values = factorValues(facts, today);
  const factors = FACTOR_NAMES.map((name) => ({
    name,
    value: values[name],
    points: factorPoints(config.factors[name], values[name]),
  }));
  // Summing the rounded points keeps the explanation exact: base + shown points = score.
  const total = config.base + factors.reduce((s, f) => s + f.points, 0);
  const score = Math.min(100, Math.max(0, Math.round(round1(total))));
  return {
    score,
    class: classFor(score, config.classes),
    confidence: confidenceFor(facts.paid.count, values.relationship ?? 0, config.confidence),
    factors,
  };
}

/** The class suggests the band (hence the dunning policy) when the customer record has none. */
export function effectiveBand(
  customerBand: Band | null | undefined,
  ratingClass: RatingClass | null | undefined,
): Band {
  return customerBand ?? ratingClass ?? 'C';
}

// ---------------------------------------------------------------------------------------------
// The reference definition of the facts, from a customer's history as plain lists. The ledger's
// batched SQL (db/queries/rating.ts) computes the same sums; a db test holds the two together.

export interface CustomerHistory {
  payments: readonly { date: IsoDate; dueDate: IsoDate; amountCents: number }[];
  /** Open items (credit notes included: they are skipped) and closed ones (for the first due date). */
  items: readonly { dueDate: IsoDate; residualCents: number; open: boolean }[];
  creditLimitCents?: number | null;
  brokenPromiseDates?: readonly IsoDate[];
  brokenPlanDates?: readonly IsoDate[];
  disputeDates?: readonly IsoDate[];
  formalNoticeDates?: readonly IsoDate[];
  legalActionDates?: readonly IsoDate[];
}

export function factsFromHistory(
  h: CustomerHistory,
  today: IsoDate,
  windows: RatingConfig['windows'] = RATING_DEFAULTS.windows,
): RatingFacts {
  const yearStart = addDays(today, -windows.yearDays);
  const recentStart = addDays(today, -windows.recentDays);
  const legalStart = addDays(today, -windows.legalDays);
  const paid = { cents: 0, dayCents: 0, count: 0 };
  const recent = { cents: 0, dayCents: 0 };
  const earlier = { cents: 0, dayCents: 0 };
  for (const p of h.payments) {
    if (p.amountCents <= 0 || p.date < yearStart || p.date > today) continue;
    const late = Math.max(0, daysBetween(p.dueDate, p.date)) * p.amountCents;
    paid.cents += p.amountCents;
    paid.dayCents += late;
    paid.count++;
    const part = p.date > recentStart ? recent : earlier;
    part.cents += p.amountCents;
    part.dayCents += late;
  }
  let exposureCents = 0;
  const overdue = { cents: 0, dayCents: 0 };
  let first: IsoDate | null = null;
  for (const i of h.items) {
    if (first === null || i.dueDate < first) first = i.dueDate;
    if (!i.open || i.residualCents <= 0) continue;
    exposureCents += i.residualCents;
    if (i.dueDate < today) {
      overdue.cents += i.residualCents;
      overdue.dayCents += daysBetween(i.dueDate, today) * i.residualCents;
    }
  }
  const within = (dates: readonly IsoDate[] | undefined, from: IsoDate) =>
    (dates ?? []).filter((d) => d >= from && d <= today).length;
  return {
    paid,
    recent,
    earlier,
    exposureCents,
    overdue,
    creditLimitCents: h.creditLimitCents ?? null,
    brokenPromises: within(h.brokenPromiseDates, yearStart),
    brokenPlans: within(h.brokenPlanDates, yearStart),
    disputes: within(h.disputeDates, yearStart),
    formalNotices: within(h.formalNoticeDates, yearStart),
    legalActions: within(h.legalActionDates, legalStart),
    firstDueDate: first,
  };
}
