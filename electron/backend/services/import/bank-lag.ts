/**
 * An accounting export lags behind the bank: the credit a bank statement matched today is registered
 * in the accounts days later, so the next aged-receivables snapshot may still list the item with the
 * residual it had before the bank paid it. The bank is the truth about payments: such an item stays
 * paid (on the bank's booking date) and the import warns that the export does not reflect it yet.
 * A residual lower than the ledger's is a further payment and is applied as usual; one above what the
 * item owed before the bank paid it is a change in the accounts, also applied as usual.
 */
import type { Ledger } from '../../../../db/open.ts';
import { type BankPaymentsAwaitingExport, bankPaymentsAwaitingExport } from '../../../../db/queries/bank.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import type { ImportIssue, ImportRow } from './types.ts';

export class BankLag {
  /** Items of `paid` the file lists, and those it lists at or below the bank's residual. */
  private readonly listed = new Set<number>();
  private readonly caughtUp = new Set<number>();

  private constructor(private readonly paid: Map<number, BankPaymentsAwaitingExport>) {}

  static async load(db: Ledger): Promise<BankLag> {
    return new BankLag(await bankPaymentsAwaitingExport(db));
  }

  /**
   * The bank-paid items whose payments this file reflects: listed at or below the ledger's residual
   * (the export caught up, or shows a further payment), or — a snapshot — no longer listed at all.
   * From then on a higher residual is a change in the accounts, never the export lagging.
   */
  reflected(snapshot: boolean): number[] {
    const out = [...this.caughtUp];
    if (snapshot) for (const id of this.paid.keys()) if (!this.listed.has(id)) out.push(id);
    return out;
  }

  /**
   * True when the row shows item `itemId` (residual `ledgerResidualCents` now) still owing part of
   * what the bank paid since the ledger last changed otherwise: the ledger keeps its residual, and
   * `warnings` gets one line naming the document, the bank's dates and references.
   */
  keeps(itemId: number, ledgerResidualCents: number, r: ImportRow, warnings: ImportIssue[]): boolean {
    const paid = this.paid.get(itemId);
    if (!paid) return false;
    this.listed.add(itemId);
    const shown = r.residualCents;
    if (shown <= ledgerResidualCents) this.caughtUp.add(itemId);
    if (shown <= ledgerResidualCents || shown > paid.residualBeforeCents) return false;
    const total = paid.payments.reduce((s, p) => s + p.amountCents, 0);
    const when = paid.payments
      .map((p) => (p.reference ? `${p.date} (ref. ${p.reference})` : p.date))
      .join(', ');
    warnings.push({
      row: r.row,
      column: 'residualCents',
      value: formatCents(shown),
      message:
        `${r.documentNumber} (${r.customerCode}): paid from the bank, not yet reflected in the export — ` +
        `${formatCents(total)} on ${when}; the export still shows ${formatCents(shown)} to pay. ` +
        `The bank's payment is kept (residual ${formatCents(ledgerResidualCents)}).`,
    });
    return true;
  }
}
