/**
 * One spreadsheet row -> an ImportRow, or the reasons it is not one. Rows that are not data (blank,
 * per-customer subtotals, grand totals, a repeated header) are skipped and counted; data rows are validated
 * field by field and every problem is reported with the row number, column header and value.
 */
import type { ImportField } from '../../../../../shared/api/contract.ts';
import type { IsoDate } from '../../../../../shared/domain/dates.ts';
import { isValidItalianVat, normalizeItalianVat } from '../../../../../shared/domain/vat.ts';
import type { ImportIssue, ImportRow } from '../types.ts';
import { type DocumentType, DocumentTypeReader } from './document-type.ts';
import { DuplicateKeys } from './duplicates.ts';
import { FIELD_LABELS } from './headers.ts';
import type { Layout } from './layout.ts';
import type { RawValue } from './source.ts';
import { amountCents, cellText, DateReader, Interner, isBlank, withoutControls } from './values.ts';
import { EXCEL_ERRORS } from './workbook-source.ts';

/** Longest text a cell may hold (names, addresses, e-mails, document numbers). */
export const MAX_TEXT_LENGTH = 1000;

/** "Totale cliente C00001", "TOTALE GENERALE", "Tot. cliente", "Subtotale", "Grand total"... */
const TOTAL_LABEL = /^\s*(?:(?:sub\s*-?\s*)?tot(?:ale|ali|al|\.)?(?=[\s.:]|$)|grand\s+total|subtotal)/i;

function isTotalLabel(v: RawValue | undefined): boolean {
  if (typeof v !== 'string') return false;
  // A first-letter test before the regex: most cells start with something else.
  const c = v.trimStart().charCodeAt(0) | 0x20;
  return (c === 0x74 || c === 0x73 || c === 0x67) && TOTAL_LABEL.test(v);
}

const DATE_HINT = 'expected a date such as 31/10/2026 or 2026-10-31, or a date cell';
const AMOUNT_HINT = 'expected a number such as 1.234,56 or 1234.56';

/**
 * Fields whose values repeat from row to row and are worth sharing (the document number never repeats:
 * it is only cleaned).
 */
const REPEATING: readonly ImportField[] = [
  'customerCode',
  'customerName',
  'vat',
  'taxCode',
  'documentType',
  'installment',
  'paymentMethod',
  'salesperson',
  'area',
  'email',
  'pec',
  'phone',
];

export class RowBuilder {
  readonly rows: ImportRow[] = [];
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  /** Data rows seen, valid or not. */
  read = 0;
  /** Non-data rows below the header: blank, subtotal, total, repeated header. */
  skipped = 0;

  /** Column index of each field, -1 when the file has none. */
  private readonly col: Record<ImportField, number>;
  private readonly headers: readonly string[];
  private readonly dates: DateReader;
  private readonly types = new DocumentTypeReader();
  private readonly duplicates: DuplicateKeys;
  private readonly strings = new Map<ImportField, Interner>();
  private readonly vatChecked = new Map<string, boolean>();
  private readonly unknownTypes = new Set<string>();
  /** The row being built. */
  private values: readonly RawValue[] = [];
  private rowNumber = 0;
  private readonly issues: ImportIssue[] = [];

  constructor(layout: Layout, date1904: boolean) {
    const col = {} as Record<ImportField, number>;
    for (const f of Object.keys(FIELD_LABELS) as ImportField[]) col[f] = layout.columns[f] ?? -1;
    this.col = col;
    this.headers = layout.headers;
    this.dates = new DateReader(date1904);
    this.duplicates = new DuplicateKeys(this.col.installment >= 0);
    for (const f of REPEATING) this.strings.set(f, new Interner());
  }

  /** @param index 0-based row index: the user sees row index + 1. */
  add(values: readonly RawValue[], index: number): void {
    this.values = values;
    if (values.every(isBlank)) {
      this.skipped++;
      return;
    }
    const codeRaw = this.raw('customerCode');
    const numberRaw = this.raw('documentNumber');
    const dueRaw = this.raw('dueDate');
    const keyed = !isBlank(numberRaw) && !isBlank(dueRaw);
    const labelled =
      isTotalLabel(values[0]) ||
      isTotalLabel(codeRaw) ||
      isTotalLabel(this.raw('customerName')) ||
      isTotalLabel(numberRaw);
    // A total row has no document of its own; a row with a number and due date is data even if the
    // customer is called "Total Energies". Nor is a row an item without code, number and due date (an
    // unlabelled subtotal), or without number, due date and amounts (a customer heading, a note).
    const noDocument = isBlank(numberRaw) && isBlank(dueRaw);
    const noAmounts = isBlank(this.raw('residual')) && isBlank(this.raw('amount'));
    if ((labelled && !keyed) || (noDocument && (isBlank(codeRaw) || noAmounts))) {
      this.skipped++;
      return;
    }
    if (this.isRepeatedHeader(codeRaw, numberRaw)) {
      this.skipped++;
      return;
    }
    this.read++;
    this.rowNumber = index + 1;
    this.issues.length = 0;

    const customerCode = this.requiredText('customerCode');
    const customerName = this.requiredText('customerName');
    const documentNumber = this.requiredText('documentNumber');
    const dueDate = this.date('dueDate', true);
    const documentDate = this.col.documentDate < 0 ? '' : this.date('documentDate', false);
    const amounts = this.amounts();
    const typeText = this.col.documentType < 0 ? '' : this.text('documentType');
    const vat = this.vat(customerCode);
    if (
      this.issues.length > 0 ||
      customerCode === null ||
      customerName === null ||
      documentNumber === null ||
      dueDate === null ||
      documentDate === null ||
      amounts === null
    ) {
      for (const issue of this.issues) this.errors.push(issue);
      return;
    }

    const documentType = this.documentType(typeText, amounts.residual, amounts.amount);
    const credit = documentType === 'credit_note';
    const row: ImportRow = {
      row: this.rowNumber,
      customerCode,
      customerName,
      vat,
      taxCode: this.optional('taxCode'),
      documentType,
      documentNumber,
      documentDate,
      dueDate,
      installment: this.optional('installment'),
      // Credit notes are deductions: negative whatever sign the export writes them with.
      amountCents: credit ? -Math.abs(amounts.amount) : amounts.amount,
      residualCents: credit ? -Math.abs(amounts.residual) : amounts.residual,
      paymentMethod: this.optional('paymentMethod'),
      salesperson: this.optional('salesperson'),
      area: this.optional('area'),
      email: this.optional('email'),
      pec: this.optional('pec'),
      phone: this.optional('phone'),
    };
    if (this.isDuplicate(row)) return;
    this.rows.push(row);
  }

  private raw(field: ImportField): RawValue {
    const c = this.col[field];
    return c < 0 ? null : (this.values[c] ?? null);
  }

  private isRepeatedHeader(codeRaw: RawValue, numberRaw: RawValue): boolean {
    return (
      typeof codeRaw === 'string' &&
      typeof numberRaw === 'string' &&
      codeRaw.trim() === this.headers[this.col.customerCode] &&
      numberRaw.trim() === this.headers[this.col.documentNumber]
    );
  }

  private issue(field: ImportField, message: string): void {
    const value = cellText(this.raw(field));
    this.issues.push({
      row: this.rowNumber,
      column: this.headers[this.col[field]] ?? FIELD_LABELS[field],
      // A hostile megabyte-long cell is named, not copied into every error message.
      value: value.length > 200 ? `${value.slice(0, 200)}…` : value,
      message,
    });
  }

  /** Text longer than any real name, address or document number is an error, not stored. */
  private tooLong(field: ImportField, s: string): boolean {
    if (s.length <= MAX_TEXT_LENGTH) return false;
    this.issue(field, `text too long: ${s.length} characters (at most ${MAX_TEXT_LENGTH})`);
    return true;
  }

  /** Reports an error cell (`#N/A` from a broken lookup...) of a field; true when it is one. */
  private errorCell(field: ImportField, value: RawValue): boolean {
    if (typeof value !== 'string' || value.charCodeAt(0) !== 0x23 || !EXCEL_ERRORS.has(value)) return false;
    this.issue(field, `the cell holds the spreadsheet error ${value}`);
    return true;
  }

  /** Trimmed text of a field, shared between rows when it repeats; error cells are reported. */
  private text(field: ImportField): string {
    const s = cellText(this.raw(field));
    if (this.tooLong(field, s)) return '';
    this.errorCell(field, s);
    return this.strings.get(field)?.intern(s) ?? withoutControls(s);
  }

  private requiredText(field: ImportField): string | null {
    const s = this.text(field);
    if (s !== '') return s;
    this.issue(field, `missing ${FIELD_LABELS[field]}`);
    return null;
  }

  /** Contact and classification fields: blank or an error cell is simply absent. */
  private optional(field: ImportField): string | null {
    const s = cellText(this.raw(field));
    if (this.tooLong(field, s)) return null;
    if (s === '' || (s.charCodeAt(0) === 0x23 && EXCEL_ERRORS.has(s))) return null;
    const clean = this.strings.get(field)?.intern(s) ?? withoutControls(s);
    return clean === '' ? null : clean;
  }

  private date(field: 'dueDate' | 'documentDate', required: boolean): IsoDate | '' | null {
    const value = this.raw(field);
    if (isBlank(value)) {
      if (!required) return '';
      this.issue(field, `missing ${FIELD_LABELS[field]}`);
      return null;
    }
    const iso = this.dates.read(value);
    if (iso === null && !this.errorCell(field, value)) this.issue(field, `not a valid date (${DATE_HINT})`);
    return iso;
  }

  private amount(field: 'amount' | 'residual'): number | null {
    const value = this.raw(field);
    const cents = amountCents(value);
    if (cents === null && !this.errorCell(field, value))
      this.issue(field, `not a valid amount (${AMOUNT_HINT})`);
    return cents;
  }

  /** Residual = amount when the file has no residual column; amount = residual when it has no amount. */
  private amounts(): { amount: number; residual: number } | null {
    const hasAmount = this.col.amount >= 0;
    const hasResidual = this.col.residual >= 0;
    let amount: number | null = null;
    let residual: number | null = null;
    const amountBlank = isBlank(this.raw('amount'));
    if (hasAmount && !amountBlank) amount = this.amount('amount');
    if (hasResidual) {
      if (isBlank(this.raw('residual'))) this.issue('residual', 'missing residual amount');
      else residual = this.amount('residual');
    }
    if (hasAmount && amountBlank) {
      if (hasResidual) amount = residual;
      else this.issue('amount', 'missing amount');
    }
    if (!hasResidual) residual = amount;
    if (!hasAmount) amount = residual;
    return amount === null || residual === null ? null : { amount, residual };
  }

  /** The type column decides; without one, or for a type it does not know, the sign does. */
  private documentType(text: string, residual: number, amount: number): DocumentType {
    const bySign: DocumentType = residual < 0 || (residual === 0 && amount < 0) ? 'credit_note' : 'invoice';
    if (text === '') return bySign;
    const known = this.types.read(text);
    if (known) return known;
    if (!this.unknownTypes.has(text)) {
      this.unknownTypes.add(text);
      this.warnings.push({
        row: this.rowNumber,
        column: this.headers[this.col.documentType],
        value: text,
        message: `unknown document type "${text}": its rows are invoices when positive, credit notes when negative`,
      });
    }
    return bySign;
  }

  /** VAT numbers as written; a wrong Italian check digit is a warning, once per VAT number. */
  private vat(customerCode: string | null): string | null {
    const value = this.raw('vat');
    if (isBlank(value)) return null;
    let s = this.text('vat');
    // A numeric cell lost the leading zeros of an 11-digit partita IVA.
    if (typeof value === 'number' && s.length < 11 && /^\d+$/.test(s)) s = s.padStart(11, '0');
    let valid = this.vatChecked.get(s);
    if (valid === undefined) {
      const italian = normalizeItalianVat(s) !== null;
      // Foreign VAT numbers (DE..., FR...) have their own rules; digits that are not 11 are a typo.
      valid = italian ? isValidItalianVat(s) : !/^(IT)?[\d\s]+$/i.test(s);
      this.vatChecked.set(s, valid);
      if (!valid) {
        this.warnings.push({
          row: this.rowNumber,
          column: this.headers[this.col.vat],
          value: s,
          message: `the VAT number of customer ${customerCode ?? '?'} ${italian ? 'has a wrong check digit' : 'is not 11 digits'}`,
        });
      }
    }
    return s;
  }

  /** Registers the row's key; false when it is a duplicate error (reported here). */
  private isDuplicate(row: ImportRow): boolean {
    const duplicate = this.duplicates.check(row);
    if (!duplicate) return false;
    const { first, severity } = duplicate;
    const same = `rows ${first.row} and ${row.row} have the same customer code, document type, number, date and due date`;
    const issue: ImportIssue = {
      row: row.row,
      column: this.headers[this.col.documentNumber],
      value: row.documentNumber,
      message:
        severity === 'error'
          ? `duplicate item: ${same}${this.col.installment >= 0 ? ' and installment' : ' and amounts'}`
          : `${same} but different amounts: imported as two items (the file has no installment column to tell them apart)`,
    };
    if (severity === 'error') {
      this.errors.push(issue);
      return true;
    }
    this.warnings.push(issue);
    return false;
  }
}
