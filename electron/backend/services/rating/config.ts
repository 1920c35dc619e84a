/**
 * The rating weights in force: the shipped defaults (shared/domain/rating.ts) with the admin's
 * patch over them, kept in the settings table under `rating.config`.
 */
import { ZodError } from 'zod';
import type { Ledger } from '../../../../db/open.ts';
import { deleteSetting, getSetting, setSetting } from '../../../../db/queries/settings.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import {
  mergeRatingConfig,
  type RatingConfig,
  type RatingConfigPatch,
  ratingConfigPatchSchema,
} from '../../../../shared/domain/rating.ts';

export const RATING_CONFIG_KEY = 'rating.config';

export async function ratingPatch(db: Ledger): Promise<RatingConfigPatch | null> {
  const parsed = ratingConfigPatchSchema
    .nullable()
    .safeParse(await getSetting<unknown>(db, RATING_CONFIG_KEY, null));
  return parsed.success ? parsed.data : null;
}

/** The weights in force. A stored patch that no longer validates is ignored, never half-applied. */
export async function loadRatingConfig(db: Ledger): Promise<RatingConfig> {
  try {
    return mergeRatingConfig(await ratingPatch(db));
  } catch (err) {
    if (err instanceof ZodError) return mergeRatingConfig(null);
    throw err;
  }
}

/** Validates the merged result before storing the patch; null goes back to the defaults. */
export async function saveRatingPatch(db: Ledger, patch: RatingConfigPatch | null): Promise<RatingConfig> {
  if (patch === null) {
    await deleteSetting(db, RATING_CONFIG_KEY);
    return mergeRatingConfig(null);
  }
  let config: RatingConfig;
  try {
    config = mergeRatingConfig(patch);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const issues = err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError(
      'VALIDATION',
      `Invalid rating weights: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  await setSetting(db, RATING_CONFIG_KEY, patch);
  return config;
}
