/** Field schemas shared by every contract file: ISO business dates, integer cents, amounts by aging bucket. */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates.ts';

export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD' });
export const cents = z.number().int().refine(Number.isSafeInteger, { message: 'amount out of range' });

/** Cents per aging bucket (shared/domain/aging.ts). */
export const agingSchema = z.object({
  notDue: cents,
  d1_30: cents,
  d31_60: cents,
  d61_90: cents,
  d91_180: cents,
  d181_plus: cents,
});
