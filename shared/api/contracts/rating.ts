/**
 * Contract of the internal rating (issue 7). The customer page shows `ratings.get` (score,
 * class, confidence, factors with their points, the history for the chart); the customers list
 * filters by class and the manager's "rating changed" list reads `ratings.list` with
 * `changedSince` and `direction: 'down'`; an admin edits the weights with `ratings.weights.*`.
 */
import { z } from 'zod';
import { BANDS } from '../../domain/dunning/policy.ts';
import {
  CONFIDENCE_LEVELS,
  FACTOR_NAMES,
  RATING_CLASSES,
  ratingConfigPatchSchema,
  ratingConfigSchema,
} from '../../domain/rating.ts';
import { isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

const code = z.string().trim().min(1).max(60);
export const ratingClassSchema = z.enum(RATING_CLASSES);

export const ratingFactorSchema = z.object({
  name: z.enum(FACTOR_NAMES),
  /** In the factor's unit: days, percent, count or months; null when unknown (0 points). */
  value: z.number().nullable(),
  points: z.number(),
});

/** Key order is the order `rating CODE --json` prints (CLI.md). */
export const ratingSchema = z.object({
  customerCode: z.string(),
  score: z.number().int().min(0).max(100),
  class: ratingClassSchema,
  confidence: z.enum(CONFIDENCE_LEVELS),
  factors: z.array(ratingFactorSchema),
  computedOn: isoDate,
});
export type RatingView = z.infer<typeof ratingSchema>;

export const ratingDetailSchema = ratingSchema.extend({
  customerName: z.string(),
  /** The score every customer starts from; base + Σ points = score (within 0–100). */
  base: z.number(),
  /** The day the score or class took this value. */
  changedOn: isoDate,
  /** false: never stored yet (no run since the customer appeared), computed on the fly. */
  stored: z.boolean(),
  previous: z.object({ score: z.number().int(), class: ratingClassSchema }).nullable(),
  /** The band set on the customer (manager's override) and the one in force (set, else the class). */
  band: z.enum(BANDS).nullable(),
  effectiveBand: z.enum(BANDS),
  /** One point per change, oldest first: the chart of the score over time. */
  history: z.array(
    z.object({
      date: isoDate,
      score: z.number().int(),
      class: ratingClassSchema,
      confidence: z.enum(CONFIDENCE_LEVELS),
    }),
  ),
});

export const ratingRowSchema = ratingSchema.extend({
  customerName: z.string(),
  changedOn: isoDate,
  previousScore: z.number().int().nullable(),
  previousClass: ratingClassSchema.nullable(),
  residualCents: z.number().int(),
  overdueCents: z.number().int(),
});
export type RatingRow = z.infer<typeof ratingRowSchema>;

export const ratingWeightsSchema = z.object({
  /** The weights in force (defaults with the admin's changes). */
  config: ratingConfigSchema,
  /** The shipped weights, to show what was changed and to reset. */
  defaults: ratingConfigSchema,
  /** What the admin changed (null: all defaults). */
  patch: ratingConfigPatchSchema.nullable(),
});

export const ratingContract = {
  'ratings.get': method({
    input: z.object({ code }),
    output: ratingDetailSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  'ratings.list': method({
    input: z.object({
      class: ratingClassSchema.optional(),
      /** Only customers whose score or class changed on or after this date. */
      changedSince: isoDate.optional(),
      /** With changedSince: only those who moved down (or up). */
      direction: z.enum(['down', 'up', 'any']).default('any'),
      /** Customers with open items only (the CLI's `ratings`); false: every rated customer. */
      onlyOpen: z.boolean().default(true),
      /** The factors of every row (the CLI prints them; a list page does not need them). */
      withFactors: z.boolean().default(false),
      sort: z.enum(['score', 'code', 'changedOn']).default('score'),
      desc: z.boolean().default(false),
      limit: z.number().int().min(1).max(100_000).default(5000),
    }),
    output: z.object({
      /** The last recompute (null: never). */
      computedOn: isoDate.nullable(),
      total: z.number().int(),
      rows: z.array(ratingRowSchema),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'ratings.recompute': method({
    input: z.object({}).strict(),
    output: z.object({ rated: z.number().int(), changed: z.number().int(), computedOn: isoDate }),
    roles: ['manager', 'accountant'],
    mutation: true,
  }),
  'ratings.weights.get': method({
    input: z.object({}).strict(),
    output: ratingWeightsSchema,
    roles: ['manager', 'admin'],
    mutation: false,
  }),
  /** Admin only: stores the change (null = back to the defaults) and recomputes every rating. */
  'ratings.weights.set': method({
    input: z.object({ patch: ratingConfigPatchSchema.nullable() }),
    output: ratingWeightsSchema.extend({ rated: z.number().int(), changed: z.number().int() }),
    roles: ['admin'],
    mutation: true,
  }),
} as const;
