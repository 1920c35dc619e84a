/**
 * Subtotal and total lines: recognised ("Totale cliente C00001", "TOTALE GENERALE", SAP's `*` and `**`
 * markers), skipped, and reconciled with the rows read — a file whose own subtotal disagrees with its rows
 * (a row lost, two installments taken for one) gets a warning naming the customer.
 */
import { formatCents } from '../../../../../shared/domain/money.ts';
import type { ImportIssue } from '../types.ts';
import type { RawValue } from './source.ts';

/** "Totale cliente C00001", "TOTALE GENERALE", "Tot. cliente", "Subtotale", "Grand total"... */
const TOTAL_LABEL = /^\s*(?:(?:sub\s*-?\s*)?tot(?:ale|ali|al|\.)?(?=[\s.:]|$)|grand\s+total|subtotal)/i;
/** SAP list output marks subtotals with `*` and the grand total with `**` (more stars: higher levels). */
const MARKER = /^\s*\*{1,5}\s*$/;
const GRAND = /^\s*\*\*|generale|grand|complessiv|overall/i;

export function isTotalLabel(v: RawValue | undefined): boolean {
  if (typeof v !== 'string') return false;
  // A first-letter test before the regex: most cells start with something else.
  const c = v.trimStart().charCodeAt(0) | 0x20;
  if (c === 0x2a) return MARKER.test(v);
  return (c === 0x74 || c === 0x73 || c === 0x67) && TOTAL_LABEL.test(v);
}

/** A line whose first cells label it a subtotal or total. */
export function isTotalRow(row: readonly RawValue[]): boolean {
  return isTotalLabel(row[0] ?? null) || isTotalLabel(row[1] ?? null) || isTotalLabel(row[2] ?? null);
}

/** The label of a total line: its first text cell that says total (or a star marker). */
function labelOf(row: readonly RawValue[]): string {
  for (const v of row) if (isTotalLabel(v)) return String(v).trim();
  return '';
}

export class Subtotals {
  readonly warnings: ImportIssue[] = [];
  private segment = { residual: 0, amount: 0, rows: 0 };
  private all = { residual: 0, amount: 0, rows: 0 };
  private readonly customers = new Set<string>();
  /** Total lines compared, and how many disagreed. */
  checked = 0;

  add(customerCode: string, residualCents: number, amountCents: number): void {
    this.segment.residual += residualCents;
    this.segment.amount += amountCents;
    this.segment.rows++;
    this.all.residual += residualCents;
    this.all.amount += amountCents;
    this.all.rows++;
    if (this.customers.size < 3) this.customers.add(customerCode);
  }

  /**
   * A total line. `cents` is what it states (its residual cell, else its amount cell: `residual` says
   * which), `code` the customer code cell when it has one.
   */
  total(
    row: readonly RawValue[],
    rowNumber: number,
    cents: number | null,
    residual: boolean,
    code: string,
  ): void {
    const label = labelOf(row);
    const grand = GRAND.test(label);
    const segment = residual ? this.segment.residual : this.segment.amount;
    const all = residual ? this.all.residual : this.all.amount;
    if (cents !== null && (this.segment.rows > 0 || grand)) {
      this.checked++;
      if (grand || (cents !== segment && cents === all)) {
        if (cents !== all) {
          this.warnings.push({
            row: rowNumber,
            value: formatCents(cents),
            message: `The file's grand total (${formatCents(cents)}) differs from the ${this.all.rows} rows read (${formatCents(all)})`,
          });
        }
      } else if (cents !== segment) {
        const who =
          code !== '' ? code : this.customers.size === 1 ? [...this.customers][0] : label.replace(/^\W+/, '');
        this.warnings.push({
          row: rowNumber,
          value: formatCents(cents),
          message: `Customer ${who}: the file's subtotal (${formatCents(cents)}) differs from its ${this.segment.rows} rows read (${formatCents(segment)})`,
        });
      }
    }
    if (!grand) {
      this.segment = { residual: 0, amount: 0, rows: 0 };
      this.customers.clear();
    }
  }
}
