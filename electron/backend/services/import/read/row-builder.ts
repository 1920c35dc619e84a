/**
 * One spreadsheet row -> an ImportRow, or the reasons it is not one. Rows that are not data (blank,
 * per-customer subtotals, grand totals, a repeated header) are skipped and counted; data rows are validated
 * field by field and every problem is reported with the row number, column header and value.
 */
import { type ImportField, importFieldSchema } from '../../../../../shared/api/contracts/imports.ts';
import type { IsoDate } from '../../../../../shared/domain/dates.ts';
import { isValidItalianVat, normalizeItalianVat } from '../../../../../shared/domain/vat.ts';
import type { ImportIssue, ImportRow } from '../types.ts';
import { type DocumentType, DocumentTypeReader } from './document-type.ts';
import { DuplicateKeys } from './duplicates.ts';
import { splitCodeName } from './fit.ts';
import { FIELD_LABELS } from './headers.ts';
import type { Layout } from './layout.ts';
import { type Rules, typeKey } from './mapping.ts';
import type { RawValue } from './source.ts';
import { isTotalLabel, Subtotals } from './totals.ts';
import {
  amountCents,
  cellText,
  DateReader,
  Interner,
  isBlank,
  MAX_AMOUNT_CENTS,
  outOfRange,
  withoutControls,
} from './values.ts';
import { EXCEL_ERRORS } from './workbook-source.ts';

/** Longest text a cell may hold (names, addresses, e-mails, document numbers). */
export const MAX_TEXT_LENGTH = 1000;

const DATE_HINT = 'expected a date such as 31/10/2026 or 2026-10-31, or a date cell';
const AMOUNT_HINT = 'expected a number such as 1.234,56 or 1234.56';
const RANGE_HINT = `beyond ${MAX_AMOUNT_CENTS / 100} euros, not a plausible amount`;
const TRUE = /^(?:true|vero|yes|si|sì|y|s|1|x)$/i;

/**
 * Fields whose values repeat from row to row and are worth sharing: every field but the document
 * number (it never repeats: it is only cleaned) and the dates and amounts (read as such).
 */
const REPEATING: readonly ImportField[] = importFieldSchema.options.filter(
  (f) => !['documentNumber', 'documentDate', 'dueDate', 'amount', 'residual'].includes(f),
);

export class RowBuilder {
  /** The valid rows built since the last `take()`. */
  rows: ImportRow[] = [];
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  /** Data rows seen, valid or not. */
  read = 0;
  /** Non-data rows below the header: blank, subtotal, total, repeated header, entries that are not open items. */
  skipped = 0;
  /** Rows with at least one error (the "N invalid rows" of the message). */
  invalidRows = 0;

  /** Column index of each field, -1 when the file has none. */
  private readonly col: Record<ImportField, number>;
  private readonly headers: readonly string[];
  private readonly dates: DateReader;
  private readonly types = new DocumentTypeReader();
  private readonly duplicates: DuplicateKeys;
  private readonly strings = new Map<ImportField, Interner>();
  private readonly vatChecked = new Map<string, boolean>();
  private readonly unknownTypes = new Set<string>();
  private readonly rules: Rules;
  private readonly subtotals = new Subtotals();
  /** Rows a layout rule says are not open items (closed entries, payments...), by reason. */
  private readonly notItems = new Map<string, number>();
  /** Rows whose blank code the name stood for. */
  private codesFromNames = 0;
  /** Sum of the absolute amounts read: must stay exact (below 2^53 cents). */
  private absoluteCents = 0;
  private overflow = false;
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
    this.rules = layout.rules;
  }

  /** Row numbers of the rows sharing their key without the installment with another row (duplicates.ts). */
  get sharedKeys(): ReadonlySet<number> {
    return this.duplicates.shared;
  }

  /** The keys of every valid row built so far (the sync's view of the earlier rows, plan.ts). */
  get keys(): DuplicateKeys {
    return this.duplicates;
  }

  /** The rows built since the last call, handed on (the builder keeps none of them). */
  take(): ImportRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** Warnings that need every row: subtotals that disagree, rows not open items, codes from names. */
  finish(): void {
    for (const w of this.subtotals.warnings) this.warnings.push(w);
    for (const [reason, n] of this.notItems) {
      this.warnings.push({ message: `${n} row${n === 1 ? '' : 's'} skipped: ${reason}` });
    }
    // A layout without a code column says so once (layout.ts); one with blank codes counts them here.
    if (this.codesFromNames > 0 && this.col.customerCode >= 0) {
      const name = this.headers[this.rules.codeFromName];
      this.warnings.push({
        column: name,
        message: `${this.codesFromNames} row${this.codesFromNames === 1 ? ' has' : 's have'} no customer code: the customer's name ("${name}") stands for it`,
      });
    }
  }

  private notItem(reason: string): void {
    this.skipped++;
    this.notItems.set(reason, (this.notItems.get(reason) ?? 0) + 1);
  }

  /** A layout rule says the row is not an open item (a closed entry, a payment, a paid installment). */
  private excluded(): string | null {
    const r = this.rules;
    if (r.open >= 0) {
      const v = this.values[r.open] ?? null;
      if (!(v === true || (typeof v === 'string' && TRUE.test(v.trim())))) {
        return 'closed entries (the Open column is not true)';
      }
    }
    if (r.onlyListedTypes && r.documentTypes) {
      const rule = r.documentTypes.get(typeKey(cellText(this.raw('documentType'))));
      if (rule === undefined || rule === 'skip')
        return 'entries that are not invoices or credit notes (payments, refunds…)';
    }
    if (r.status >= 0 && r.closedStatuses.has(typeKey(cellText(this.values[r.status] ?? null)))) {
      return 'installments paid or cancelled (Stato)';
    }
    return null;
  }

  private totalLine(values: readonly RawValue[]): void {
    const residualCell = this.raw('residual');
    const useResidual = this.col.residual >= 0 && !isBlank(residualCell);
    const cell = useResidual ? residualCell : this.raw('amount');
    const cents = isBlank(cell) ? null : amountCents(cell);
    const code = this.col.customerCode >= 0 ? cellText(this.raw('customerCode')) : '';
    this.subtotals.total(values, this.rowNumber, cents, useResidual, isTotalLabel(code) ? '' : code);
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
      isTotalLabel(values[1]) ||
      isTotalLabel(codeRaw) ||
      isTotalLabel(this.raw('customerName')) ||
      isTotalLabel(numberRaw);
    // A total row has no document of its own; a row with a number and due date is data even if the
    // customer is called "Total Energies". Nor is a row an item without code, number and due date (an
    // unlabelled subtotal), or without number, due date and amounts (a customer heading, a note).
    const noDocument = isBlank(numberRaw) && isBlank(dueRaw);
    const noAmounts = isBlank(this.raw('residual')) && isBlank(this.raw('amount'));
    this.rowNumber = index + 1;
    if (labelled && !keyed) {
      this.totalLine(values);
      this.skipped++;
      return;
    }
    // A layout whose subtotal rows carry no label (ERPNext by customer, OCA's partner ending balance).
    if (noDocument && !noAmounts && this.rules.subtotalRows) {
      this.totalLine(values);
      this.skipped++;
      return;
    }
    const noCustomer = isBlank(codeRaw) && (this.rules.codeFromName < 0 || isBlank(this.raw('customerName')));
    if (noDocument && (noCustomer || noAmounts)) {
      this.skipped++;
      return;
    }
    if (this.isRepeatedHeader(codeRaw, numberRaw, dueRaw)) {
      this.skipped++;
      return;
    }
    const excluded = this.excluded();
    if (excluded !== null) {
      this.notItem(excluded);
      return;
    }
    this.read++;
    this.issues.length = 0;

    const { customerCode, customerName } = this.customer();
    const documentNumber = this.documentNumber();
    const dueDate = this.date('dueDate', true);
    const documentDate = this.col.documentDate < 0 ? '' : this.date('documentDate', false);
    const amounts = this.amounts();
    const typeText = this.col.documentType < 0 ? '' : this.text('documentType');
    const vat = this.vat(customerCode);
    this.currency();
    if (
      this.issues.length > 0 ||
      customerCode === null ||
      documentNumber === null ||
      dueDate === null ||
      documentDate === null ||
      amounts === null
    ) {
      this.invalidRows++;
      for (const issue of this.issues) this.errors.push(issue);
      return;
    }
    // Exact sums: a file whose amounts add up beyond 2^53 cents is refused, not rounded.
    // Amounts and residuals are summed apart: each sum stays exact while the larger of the two does.
    this.absoluteCents += Math.max(Math.abs(amounts.amount), Math.abs(amounts.residual));
    if (this.absoluteCents > Number.MAX_SAFE_INTEGER) {
      if (!this.overflow) {
        this.overflow = true;
        this.invalidRows++;
        this.errors.push({
          row: this.rowNumber,
          message: `the amounts up to this row add up to more than ${Math.floor(Number.MAX_SAFE_INTEGER / 100)} euros: not a plausible export, refused`,
        });
      }
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
      paymentMethod: this.paymentMethod(),
      salesperson: this.optional('salesperson'),
      area: this.optional('area'),
      email: this.optional('email'),
      pec: this.optional('pec'),
      phone: this.optional('phone'),
    };
    if (this.isDuplicate(row)) {
      this.invalidRows++;
      return;
    }
    this.subtotals.add(row.customerCode, row.residualCents, row.amountCents);
    this.rows.push(row);
  }

  /**
   * The customer's code and name: from their columns; from one column reading "C001 - Rossi S.r.l."; or,
   * in a layout without codes (or a blank code cell), the name standing for the code.
   */
  private customer(): { customerCode: string | null; customerName: string | null } {
    const r = this.rules;
    if (r.splitCodeName) {
      const text = this.text('customerCode');
      const parts = splitCodeName(text);
      if (parts) return { customerCode: parts.code, customerName: parts.name };
    }
    const nameRaw = this.raw('customerName');
    // Optional, but a broken lookup (`#N/A`) where a name should be is an error, not a nameless customer.
    if (this.errorCell('customerName', nameRaw)) return { customerCode: null, customerName: null };
    const name = this.col.customerName >= 0 ? this.optional('customerName') : null;
    if (r.codeFromName >= 0 && isBlank(this.raw('customerCode'))) {
      if (name === null) {
        this.issue('customerCode', 'missing customer code and name');
        return { customerCode: null, customerName: null };
      }
      this.codesFromNames++;
      return { customerCode: name, customerName: name };
    }
    const code = this.requiredText('customerCode');
    return { customerCode: code, customerName: r.splitCodeName ? null : name };
  }

  /** The document number, with its register series when the layout keeps it apart (Mexal: `123/A`). */
  private documentNumber(): string | null {
    const n = this.requiredText('documentNumber');
    const c = this.rules.series;
    if (n === null || c < 0) return n;
    const series = withoutControls(cellText(this.values[c] ?? null));
    return series === '' ? n : `${n}/${series}`;
  }

  /** Amounts in another currency than the euro would be read as euros: an error, not a guess. */
  private currency(): void {
    const c = this.rules.currency;
    if (c < 0) return;
    const code = cellText(this.values[c] ?? null).toUpperCase();
    if (code !== '' && code !== 'EUR' && code !== '€') {
      this.issues.push({
        row: this.rowNumber,
        column: this.headers[c],
        value: code,
        message: `amount in ${code}: only amounts in euros are imported (convert the file or leave the row out)`,
      });
    }
  }

  private paymentMethod(): string | null {
    const s = this.optional('paymentMethod');
    return s === null ? null : (this.rules.paymentCodes?.get(s.toUpperCase()) ?? s);
  }

  private raw(field: ImportField): RawValue {
    const c = this.col[field];
    return c < 0 ? null : (this.values[c] ?? null);
  }

  /** The header row again (OCA repeats it for every partner): its number cell and code or due date cells. */
  private isRepeatedHeader(codeRaw: RawValue, numberRaw: RawValue, dueRaw: RawValue): boolean {
    const is = (v: RawValue, c: number) => typeof v === 'string' && v.trim() === this.headers[c];
    return (
      is(numberRaw, this.col.documentNumber) &&
      (is(codeRaw, this.col.customerCode) || is(dueRaw, this.col.dueDate))
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
    if (cents === null) {
      if (!this.errorCell(field, value)) this.issue(field, `not a valid amount (${AMOUNT_HINT})`);
      return null;
    }
    if (outOfRange(cents)) {
      this.issue(field, `amount out of range (${RANGE_HINT})`);
      return null;
    }
    return cents;
  }

  /** Mexal: residual = IMPORTO − PAGATO − ABB/SOPR (blank parts are zero). */
  private residualFromParts(amount: number): number | null {
    let residual = amount;
    for (const c of this.rules.residualMinus) {
      const v = this.values[c] ?? null;
      if (isBlank(v)) continue;
      const part = amountCents(v);
      if (part === null || outOfRange(part)) {
        this.issues.push({
          row: this.rowNumber,
          column: this.headers[c],
          value: cellText(v).slice(0, 200),
          message:
            part === null ? `not a valid amount (${AMOUNT_HINT})` : `amount out of range (${RANGE_HINT})`,
        });
        return null;
      }
      residual -= part;
    }
    return residual;
  }

  /** Residual = amount when the file has no residual column; amount = residual when it has no amount. */
  private amounts(): { amount: number; residual: number } | null {
    const hasAmount = this.col.amount >= 0;
    const hasResidual = this.col.residual >= 0;
    let amount: number | null = null;
    let residual: number | null = null;
    const amountRaw = this.raw('amount');
    const amountBlank = isBlank(amountRaw) || (this.rules.zeroAmountIsBlank && amountCents(amountRaw) === 0);
    if (hasAmount && !amountBlank) amount = this.amount('amount');
    if (hasResidual) {
      if (isBlank(this.raw('residual'))) this.issue('residual', 'missing residual amount');
      else residual = this.amount('residual');
    }
    if (hasAmount && amountBlank) {
      if (hasResidual) amount = residual;
      else this.issue('amount', 'missing amount');
    }
    if (!hasResidual)
      residual =
        amount !== null && this.rules.residualMinus.length > 0 ? this.residualFromParts(amount) : amount;
    if (!hasAmount) amount = residual;
    return amount === null || residual === null ? null : { amount, residual };
  }

  /** The type column decides; without one, or for a type it does not know, the sign does. */
  private documentType(text: string, residual: number, amount: number): DocumentType {
    const bySign: DocumentType = residual < 0 || (residual === 0 && amount < 0) ? 'credit_note' : 'invoice';
    if (text === '') return bySign;
    const rule = this.rules.documentTypes?.get(typeKey(text));
    if (rule === 'invoice' || rule === 'credit_note') return rule;
    if (rule !== undefined) return bySign;
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
          ? `duplicate item: ${same} and installment`
          : `${same}: imported as two installments (the file has no installment column to tell them apart)`,
    };
    if (severity === 'error') {
      this.errors.push(issue);
      return true;
    }
    this.warnings.push(issue);
    return false;
  }
}
