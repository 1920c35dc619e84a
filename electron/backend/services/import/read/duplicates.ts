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
 *
 * The index keeps a small entry per row, not the row: the rows flow on to the sync a chunk at a time and are
 * released once written (issue 18: the file is never held whole). The sync reads the same index to find the
 * earlier rows a row shares its key with (plan.ts, FileKeys).
 */
import type { FileKeys, ImportRow, KeyEntry } from '../types.ts';

export interface Duplicate {
  /** The earlier row with the same key. */
  first: KeyEntry;
  /** 'error': the row is a duplicate and must not be imported; 'warning': kept as a separate item. */
  severity: 'error' | 'warning';
}

type ByNumber = Map<string, KeyEntry | KeyEntry[]>;

export class DuplicateKeys implements FileKeys {
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

  /** The document numbers of a customer (created when `create`), cached for the next row of the same customer. */
  private numbers(customerCode: string, create: boolean): ByNumber | undefined {
    if (customerCode === this.lastCustomer) return this.last;
    let map = this.byCustomer.get(customerCode);
    if (!map) {
      if (!create) return undefined;
      map = new Map();
      this.byCustomer.set(customerCode, map);
    }
    this.lastCustomer = customerCode;
    this.last = map;
    return map;
  }

  /** The entries of the rows registered so far with this customer code and document number, in file order. */
  entries(customerCode: string, documentNumber: string): readonly KeyEntry[] {
    const known = this.numbers(customerCode, false)?.get(documentNumber);
    return known === undefined ? [] : Array.isArray(known) ? known : [known];
  }

  /** Registers the row unless it is a duplicate error; returns the earlier row it collides with, if any. */
  check(r: ImportRow): Duplicate | null {
    const byNumber = this.numbers(r.customerCode, true) as ByNumber;
    const row: KeyEntry = {
      row: r.row,
      documentType: r.documentType,
      documentDate: r.documentDate,
      dueDate: r.dueDate,
      installment: r.installment,
      keyed: undefined,
    };
    const known = byNumber.get(r.documentNumber);
    if (known === undefined) {
      byNumber.set(r.documentNumber, row);
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
    else byNumber.set(r.documentNumber, [known, row]);
    return found;
  }

  private sameBase(a: KeyEntry, b: KeyEntry): boolean {
    return a.documentType === b.documentType && a.documentDate === b.documentDate && a.dueDate === b.dueDate;
  }
}
