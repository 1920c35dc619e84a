/**
 * What a dossier claims from the ledger: the net residual of the overdue items (open credit
 * notes deducted), the late-payment interest and the flat compensation — computed by the
 * letters service (`customerInterest`, the figures a formal notice claims), so a dossier and a
 * formal notice never disagree.
 */
import type { Ledger } from '../../../../db/open.ts';
import { openItemsOf } from '../../../../db/queries/profile.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Notice, notice } from '../../../../shared/api/notices.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { COMPENSATION_CENTS } from '../../../../shared/domain/letters/compose.ts';
import { customerInterest } from '../letters/interest.ts';

export interface Claim {
  residualCents: number;
  interestCents: number;
  compensationCents: number;
  warnings: string[];
  notices: Notice[];
  items: ReturnType<typeof openItemsOf>;
}

export function dossierClaim(db: Ledger, customer: { id: number; code: string }, today: IsoDate): Claim {
  const items = openItemsOf(db, customer.id);
  let overdue = 0;
  let credits = 0;
  for (const i of items) {
    if (i.residualCents < 0) credits += i.residualCents;
    else if (i.dueDate < today) overdue += i.residualCents;
  }
  const residualCents = Math.max(0, overdue + credits);
  try {
    const interest = customerInterest(db, customer.code, today);
    return {
      residualCents,
      interestCents: interest.interestCents,
      compensationCents: interest.compensationCents,
      warnings: [],
      notices: [],
      items,
    };
  } catch (err) {
    // A half-year without a rate: the claim goes on without interest, and says so.
    if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
    const invoices = new Set(
      items
        .filter((i) => i.documentType === 'invoice' && i.residualCents > 0 && i.dueDate < today)
        .map((i) => i.documentNumber),
    );
    return {
      residualCents,
      interestCents: 0,
      compensationCents: COMPENSATION_CENTS * invoices.size,
      warnings: [`Interest left out of the claim: ${err.message}`],
      notices: [
        notice('legal.interestLeftOut', `Interest left out of the claim: ${err.message}`, {
          list: missingHalfYears(err.details).join(', '),
        }),
      ],
      items,
    };
  }
}

/** The half-years a rate is missing for, as the letters service names them in the error. */
function missingHalfYears(details: AppError['details']): string[] {
  const missing = details?.missing;
  return Array.isArray(missing) ? missing.filter((m): m is string => typeof m === 'string') : [];
}
