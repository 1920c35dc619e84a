/**
 * `interest CUSTOMER`: the late-payment interest on each overdue invoice of a customer, per
 * half-year, and the flat compensation (40 € per overdue invoice) — the figures a formal notice
 * claims. Credit notes accrue nothing; a missing half-year rate is reported, never guessed.
 */
import type { Ledger } from '../../../../db/open.ts';
import { letterItems } from '../../../../db/queries/letters.ts';
import type { InterestBreakdown } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { itemInterest, MissingRatesError } from '../../../../shared/domain/interest.ts';
import { COMPENSATION_CENTS } from '../../../../shared/domain/letters/compose.ts';
import { customerOrThrow } from './load.ts';
import { loadRates } from './rates.ts';

export function customerInterest(db: Ledger, customerCode: string, calcDate: IsoDate): InterestBreakdown {
  const customer = customerOrThrow(db, customerCode);
  const rates = loadRates(db);
  const overdue = letterItems(db, [customer.id])
    .filter((i) => i.documentType === 'invoice' && i.residualCents > 0 && i.dueDate < calcDate)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.documentNumber.localeCompare(b.documentNumber));
  try {
    const items = overdue.map((i) => {
      const r = itemInterest(rates, i.residualCents, i.dueDate, calcDate);
      return {
        document: i.documentNumber,
        dueDate: i.dueDate,
        residualCents: i.residualCents,
        periods: r.periods,
        interestCents: r.interestCents,
      };
    });
    return {
      customerCode: customer.code,
      calcDate,
      items,
      interestCents: items.reduce((a, i) => a + i.interestCents, 0),
      compensationCents: COMPENSATION_CENTS * new Set(overdue.map((i) => i.documentNumber)).size,
    };
  } catch (err) {
    if (err instanceof MissingRatesError) {
      throw new AppError('CONFLICT', err.message, { missing: err.halfYears });
    }
    throw err;
  }
}
