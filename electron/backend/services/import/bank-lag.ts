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
  private readonly paid: Map<number, BankPaymentsAwaitingExport>;

  constructor(db: Ledger) {
    this.paid = bankPaymentsAwaitingExport(db);
  }

  /**
   * True when the row shows item `itemId` (residual `ledgerResidualCents` now) still owing part of
   * what the bank paid since the ledger last changed otherwise: the ledger keeps its residual, and
   * `warnings` gets one line naming the document, the bank's dates and references.
   */
  keeps(itemId: number, ledgerResidualCents: number, r: ImportRow, warnings: ImportIssue[]): boolean {
    const paid = this.paid.get(itemId);
    if (!paid) return false;
    const shown = r.residualCents;
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
