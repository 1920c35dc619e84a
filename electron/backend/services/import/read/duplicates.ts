/**
 * Duplicate natural keys within one file: customer code + document type + document number + document
 * date + due date, plus the installment when the file has that column.
 *
 * Why the installment: real schedules put two installments of one invoice on the same due date (the
 * 30/60/90 end-of-month terms of the sample exports do, rows 33-34 of scadenzario-2026-10-31.xlsx); the
 * installment number is what tells them apart. A file without that column cannot tell them apart, so rows
 * sharing the key there are kept as installments with a warning — even when they are identical in every
 * column (two installments of the same amount on the same due date); the file's own subtotals, when it has
 * them, are checked against the rows read (totals.ts).
 *
 * Rows are indexed by customer code, then document number (strings the rows already hold: no key strings
 * are built); the few rows sharing both are compared field by field. Exports come grouped by customer, so
 * the customer's map is usually the previous row's and the per-document maps stay small (fast to hash into).
 */
import type { ImportRow } from '../types.ts';

export interface Duplicate {
  /** The earlier row with the same key. */
  first: ImportRow;
  /** 'error': the row is a duplicate and must not be imported; 'warning': kept as a separate item. */
  severity: 'error' | 'warning';
}

type ByNumber = Map<string, ImportRow | ImportRow[]>;

export class DuplicateKeys {
  private readonly byCustomer = new Map<string, ByNumber>();
  private lastCustomer: string | null = null;
  private last: ByNumber = new Map();
  /**
   * Row numbers of the rows whose key without the installment (customer code, type, number, document date,
   * due date) another row shares: the only rows the sync must compare with each other (plan.ts), so it
   * indexes a handful of rows instead of a million.
   */
  readonly shared = new Set<number>();
  constructor(private readonly hasInstallment: boolean) {}

  /** Registers the row unless it is a duplicate error; returns the earlier row it collides with, if any. */
  check(row: ImportRow): Duplicate | null {
    if (row.customerCode !== this.lastCustomer) {
      let map = this.byCustomer.get(row.customerCode);
      if (!map) {
        map = new Map();
        this.byCustomer.set(row.customerCode, map);
      }
      this.lastCustomer = row.customerCode;
      this.last = map;
    }
    const byNumber = this.last;
    const known = byNumber.get(row.documentNumber);
    if (known === undefined) {
      byNumber.set(row.documentNumber, row);
      return null;
    }
    let found: Duplicate | null = null;
    for (const other of Array.isArray(known) ? known : [known]) {
      if (!this.sameBase(other, row)) continue;
      this.shared.add(other.row);
      this.shared.add(row.row);
      if (this.hasInstallment && other.installment !== row.installment) continue;
      found = { first: other, severity: this.hasInstallment ? 'error' : 'warning' };
      if (this.hasInstallment) return found;
      break;
    }
    if (Array.isArray(known)) known.push(row);
    else byNumber.set(row.documentNumber, [known, row]);
    return found;
  }

  private sameBase(a: ImportRow, b: ImportRow): boolean {
    return a.documentType === b.documentType && a.documentDate === b.documentDate && a.dueDate === b.dueDate;
  }
}
