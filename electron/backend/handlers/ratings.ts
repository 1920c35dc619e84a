/** Handlers of the internal rating: a customer's rating and history, the list, the weights. */
import { RATING_DEFAULTS } from '../../../shared/domain/rating.ts';
import { loadRatingConfig, ratingPatch, saveRatingPatch } from '../services/rating/config.ts';
import { recomputeRatings } from '../services/rating/recompute.ts';
import { ratingDetail, ratingList } from '../services/rating/view.ts';
import type { AreaHandlers } from './types.ts';

export const ratingsHandlers: AreaHandlers<'ratings'> = {
  'ratings.get': async (input, { app }) => await ratingDetail(app.db, input.code, app.today()),
  'ratings.list': async (input, { app }) => await ratingList(app.db, input, app.today()),
  'ratings.recompute': async (_input, call) => {
    const today = call.app.today();
    const r = await recomputeRatings(call.app.db, today);
    call.audit = { entity: 'ratings', after: r };
    return { ...r, computedOn: today };
  },
  'ratings.weights.get': async (_input, { app }) => ({
    config: await loadRatingConfig(app.db),
    defaults: RATING_DEFAULTS,
    patch: await ratingPatch(app.db),
  }),
  // New weights apply at once: every rating is recomputed in the same transaction.
  'ratings.weights.set': async (input, call) => {
    const db = call.app.db;
    const before = await ratingPatch(db);
    const config = await saveRatingPatch(db, input.patch);
    const r = await recomputeRatings(db, call.app.today());
    call.audit = { entity: 'rating.config', before, after: { patch: input.patch, ...r } };
    return { config, defaults: RATING_DEFAULTS, patch: input.patch, ...r };
  },
};
