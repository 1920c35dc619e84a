/**
 * What a dossier claims from the ledger: the net capital (overdue undisputed invoices, open credit
 * notes deducted), the late-payment interest and the flat compensation — from the one claim
 * function (shared/domain/claim.ts, through the letters service), so a dossier, the `interest`
 * command and a formal notice never disagree. Disputed items are excluded from all three.
 */
import type { Ledger } from '../../../../db/open.ts';
import { openItemsOf } from '../../../../db/queries/profile.ts';
import type { ClaimFigures } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Notice, notice } from '../../../../shared/api/notices.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { customerClaim, customerInterest } from '../letters/interest.ts';

export interface Claim {
  /** Net capital claimed: overdue undisputed invoices less open credit notes. */
  residualCents: number;
  /** The full claim (shared/domain/claim.ts), as letters and `interest` show it. */
  claim: ClaimFigures;
  interestCents: number;
  compensationCents: number;
  warnings: string[];
  notices: Notice[];
  items: Awaited<ReturnType<typeof openItemsOf>>;
}

export async function dossierClaim(
  db: Ledger,
  customer: { id: number; code: string },
  today: IsoDate,
): Promise<Claim> {
  const items = await openItemsOf(db, customer.id);
  // The net capital the claim computes: overdue undisputed invoices less open credit notes.
  const net = (c: { capitalCents: number; creditNotesCents: number }) =>
    Math.max(0, c.capitalCents - c.creditNotesCents);
  try {
    const { claim } = await customerInterest(db, customer.code, today);
    return {
      residualCents: net(claim),
      interestCents: claim.interestCents,
      compensationCents: claim.compensationCents,
      claim,
      warnings: [],
      notices: [],
      items,
    };
  } catch (err) {
    // A half-year without a rate: the claim goes on without interest, and says so.
    if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
    const { invoices: _, ...claim } = await customerClaim(db, customer.id, today, {
      interest: false,
      compensation: true,
    });
    return {
      residualCents: net(claim),
      interestCents: 0,
      compensationCents: claim.compensationCents,
      claim,
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
