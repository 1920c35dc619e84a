/** Field schemas shared by every contract file: ISO business dates and integer cents. */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates.ts';

export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD' });
export const cents = z.number().int().refine(Number.isSafeInteger, { message: 'amount out of range' });
