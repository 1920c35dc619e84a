/**
 * What is owed, computed once for every place that shows or prints it — the formal notice, the
 * `interest` command, the legal dossier and its convenience evaluation, the agency export — so they
 * can never disagree.
 *
 * - capital: the residual of the overdue invoices that are not disputed;
 * - credit notes: open credit notes, deducted from the capital;
 * - excluded: the residual of overdue items under an open dispute (not claimed, shown apart);
 * - interest: D.Lgs. 231/2002 late-payment interest on each claimed invoice, per half-year
 *   (shared/domain/interest.ts);
 * - compensation: the flat 40 € of art. 6 per claimed invoice (per invoice, not per installment);
 * - fees: dunning fees charged by the policy's steps (e.g. the registered letter).
 */
import type { IsoDate } from './dates.ts';
import { type HalfYearRate, type InterestPeriod, itemInterest } from './interest.ts';

/** Art. 6 D.Lgs. 231/2002: 40 euro per invoice paid late (per invoice: REFERENCE.md §1). */
export const COMPENSATION_CENTS = 4000;

export interface ClaimItem {
  documentType: 'invoice' | 'credit_note';
  documentNumber: string;
  dueDate: IsoDate;
  residualCents: number;
  disputed: boolean;
  /** How the document is named where the claim is printed (e.g. with its installment). */
  label?: string;
}

export interface ClaimOptions {
  interest: boolean;
  compensation: boolean;
  feesCents?: number;
}

export interface ClaimedInvoice {
  document: string;
  dueDate: IsoDate;
  residualCents: number;
  periods: InterestPeriod[];
  interestCents: number;
}

export interface Claim {
  capitalCents: number;
  creditNotesCents: number;
  excludedCents: number;
  interestCents: number;
  compensationCents: number;
  feesCents: number;
  totalCents: number;
  /** The claimed invoices, oldest due date first, with their interest periods. */
  invoices: ClaimedInvoice[];
}

const isOverdue = (i: ClaimItem, calcDate: IsoDate) => i.residualCents > 0 && i.dueDate < calcDate;

/**
 * The claim on `calcDate`. Throws MissingRatesError (interest.ts) when interest is claimed and a
 * half-year has no rate: a claim is never computed on a guessed rate.
 */
export function computeClaim(
  items: readonly ClaimItem[],
  rates: readonly HalfYearRate[],
  calcDate: IsoDate,
  options: ClaimOptions,
): Claim {
  const claimed = items
    .filter((i) => i.documentType === 'invoice' && isOverdue(i, calcDate) && !i.disputed)
    .sort(
      (a, b) =>
        a.dueDate.localeCompare(b.dueDate) ||
        a.documentNumber.localeCompare(b.documentNumber, 'it', { numeric: true }),
    );
  const excludedCents = items
    .filter((i) => i.disputed && isOverdue(i, calcDate))
    .reduce((a, i) => a + i.residualCents, 0);
  const creditNotesCents = -items
    .filter((i) => i.residualCents < 0 && !i.disputed)
    .reduce((a, i) => a + i.residualCents, 0);
  const capitalCents = claimed.reduce((a, i) => a + i.residualCents, 0);
  const invoices = claimed.map((i) => {
    const r = options.interest
      ? itemInterest(rates, i.residualCents, i.dueDate, calcDate)
      : { periods: [], interestCents: 0 };
    const document = i.label ?? i.documentNumber;
    return { document, dueDate: i.dueDate, residualCents: i.residualCents, ...r };
  });
  const interestCents = invoices.reduce((a, i) => a + i.interestCents, 0);
  const compensationCents = options.compensation
    ? COMPENSATION_CENTS * new Set(claimed.map((i) => i.documentNumber)).size
    : 0;
  const feesCents = options.feesCents ?? 0;
  // Credit notes reduce the capital, never below nothing: a customer in credit owes no interest.
  const netCapital = Math.max(0, capitalCents - creditNotesCents);
  return {
    capitalCents,
    creditNotesCents,
    excludedCents,
    interestCents,
    compensationCents,
    feesCents,
    totalCents: netCapital + interestCents + compensationCents + feesCents,
    invoices,
  };
}
