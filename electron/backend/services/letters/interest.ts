/**
 * `interest CUSTOMER`: the late-payment interest on each overdue, undisputed invoice of a customer,
 * per half-year, and the flat compensation (40 € per invoice) — the claim a formal notice and the
 * legal dossier make, from the one claim function (shared/domain/claim.ts). Credit notes accrue
 * nothing; disputed items are excluded and shown apart; a missing half-year rate is reported,
 * never guessed.
 */
import type { Ledger } from '../../../../db/open.ts';
import { openCaseFeesCents } from '../../../../db/queries/dunning.ts';
import { letterItems } from '../../../../db/queries/letters.ts';
import type { InterestBreakdown } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Claim, type ClaimOptions, computeClaim } from '../../../../shared/domain/claim.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { MissingRatesError } from '../../../../shared/domain/interest.ts';
import { customerOrThrow } from './load.ts';
import { loadRates } from './rates.ts';

/**
 * The claim on a customer's open items (interest and compensation as `options` say), with the
 * dunning fees charged to its case in progress unless `options.feesCents` says otherwise.
 */
export async function customerClaim(
  db: Ledger,
  customerId: number,
  calcDate: IsoDate,
  options: ClaimOptions = { interest: true, compensation: true },
): Promise<Claim> {
  const items = (await letterItems(db, [customerId])).map((i) => ({ ...i, disputed: Boolean(i.disputed) }));
  const feesCents = options.feesCents ?? (await openCaseFeesCents(db, customerId));
  return computeClaim(items, options.interest ? await loadRates(db) : [], calcDate, {
    ...options,
    feesCents,
  });
}

export async function customerInterest(
  db: Ledger,
  customerCode: string,
  calcDate: IsoDate,
): Promise<InterestBreakdown> {
  const customer = await customerOrThrow(db, customerCode);
  try {
    const { invoices, ...claim } = await customerClaim(db, customer.id, calcDate);
    return {
      customerCode: customer.code,
      calcDate,
      items: invoices,
      interestCents: claim.interestCents,
      compensationCents: claim.compensationCents,
      claim,
    };
  } catch (err) {
    if (err instanceof MissingRatesError) {
      throw new AppError('CONFLICT', err.message, { missing: err.halfYears });
    }
    throw err;
  }
}
