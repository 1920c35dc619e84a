/**
 * FatturaPA (SDI e-invoice, spec 1.2.x) as receivables: which document types are owed to us, the
 * open items one invoice body makes (one per DettaglioPagamento), their due dates, and how a buyer
 * is recognised (VAT number or tax code, whatever the name). Pure: the reader (services/fatturapa)
 * hands plain validated values in. Facts: ../../shared/domain/REFERENCE.md §3 (FatturaPA 1.2.2 XSD).
 */
import { addDays, type IsoDate } from './dates.ts';
import type { Cents } from './money.ts';

export type ReceivableKind = 'invoice' | 'credit_note';

/**
 * TipoDocumento -> what it is for the credit office. TD04 is a credit note (negative); TD01–TD03,
 * TD05, TD06, TD24–TD26 create a receivable; the self-invoices and integrations (TD16–TD23, TD27,
 * TD28) and anything unknown (TD29 of spec 1.9…) create none: null.
 */
const RECEIVABLE_TYPES: Readonly<Record<string, ReceivableKind>> = {
  TD01: 'invoice',
  TD02: 'invoice',
  TD03: 'invoice',
  TD04: 'credit_note',
  TD05: 'invoice',
  TD06: 'invoice',
  TD24: 'invoice',
  TD25: 'invoice',
  TD26: 'invoice',
};

export function receivableKind(tipoDocumento: string): ReceivableKind | null {
  return RECEIVABLE_TYPES[tipoDocumento] ?? null;
}

/**
 * An amount as FatturaPA writes it (`Amount2DecimalType` `[\-]?[0-9]{1,11}\.[0-9]{2}`; up to 8
 * decimals in some fields): cents, half away from zero beyond the second decimal; null when the
 * text is not such an amount.
 */
export function xmlAmountToCents(text: string): Cents | null {
  const m = /^([+-]?)(\d{1,15})(?:\.(\d{1,8}))?$/.exec(text.trim());
  if (!m) return null;
  const frac = `${m[3] ?? ''}000000000`;
  let cents = Number(m[2]) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] === '-' && cents !== 0 ? -cents : cents;
}

export interface PaymentTerms {
  /** DataScadenzaPagamento. */
  dueDate: IsoDate | null;
  /** DataRiferimentoTerminiPagamento: where the days of the terms start. */
  termsFrom: IsoDate | null;
  /** GiorniTerminiPagamento (0–999). */
  termsDays: number | null;
}

/**
 * The due date of one installment: DataScadenzaPagamento when given; else the terms' reference
 * date (or the document date) plus GiorniTerminiPagamento; else the document date.
 */
export function installmentDueDate(terms: PaymentTerms, documentDate: IsoDate): IsoDate {
  if (terms.dueDate !== null) return terms.dueDate;
  return addDays(terms.termsFrom ?? documentDate, terms.termsDays ?? 0);
}

export interface EInvoicePayment extends PaymentTerms {
  amountCents: Cents;
  /** ModalitaPagamento (MP05 bonifico, MP12 RiBa…). */
  method: string | null;
}

export interface EInvoiceDocument {
  tipoDocumento: string;
  number: string;
  date: IsoDate;
  /** ImportoTotaleDocumento, else the sum of DatiRiepilogo taxable + tax; null when neither is there. */
  totalCents: Cents | null;
  payments: EInvoicePayment[];
}

export interface PlannedInstallment {
  documentType: ReceivableKind;
  /** '1', '2'… when the document has several installments; null for a single one. */
  installment: string | null;
  dueDate: IsoDate;
  /** Signed: credit notes negative. */
  amountCents: Cents;
  paymentMethod: string | null;
}

/**
 * The open items one invoice body makes: one per DettaglioPagamento with a non-zero amount; a body
 * with no payment details makes one item of its total, due on the document date. Credit notes
 * (TD04) are negative whatever sign the file writes (SDI reads TD04 amounts as absolute values).
 */
export function plannedInstallments(doc: EInvoiceDocument): PlannedInstallment[] {
  const kind = receivableKind(doc.tipoDocumento);
  if (kind === null) return [];
  const sign = kind === 'credit_note' ? -1 : 1;
  const payments = doc.payments.filter((p) => p.amountCents !== 0);
  if (payments.length === 0) {
    if (doc.totalCents === null || doc.totalCents === 0) return [];
    return [
      {
        documentType: kind,
        installment: null,
        dueDate: doc.date,
        amountCents: sign * Math.abs(doc.totalCents),
        paymentMethod: null,
      },
    ];
  }
  return payments.map((p, i) => ({
    documentType: kind,
    installment: payments.length > 1 ? String(i + 1) : null,
    dueDate: installmentDueDate(p, doc.date),
    amountCents: sign * Math.abs(p.amountCents),
    paymentMethod: p.method,
  }));
}

/** Unique installment keys are required by the ledger: two installments on one day stay apart by number. */
export function installmentKey(i: Pick<PlannedInstallment, 'dueDate' | 'installment'>): string {
  return `${i.dueDate}|${i.installment ?? ''}`;
}

/**
 * The same document already in the ledger compared with the file's: `unchanged` when every
 * installment is there with the same amount (payments recorded since do not matter), `changed`
 * when the amounts, due dates or number of installments differ (a second version: corrected
 * invoice re-sent with the same number and date).
 */
export function compareVersions(
  ledger: readonly Pick<PlannedInstallment, 'dueDate' | 'installment' | 'amountCents'>[],
  file: readonly Pick<PlannedInstallment, 'dueDate' | 'installment' | 'amountCents'>[],
): 'new' | 'unchanged' | 'changed' {
  if (ledger.length === 0) return 'new';
  if (ledger.length !== file.length) return 'changed';
  const amounts = new Map(ledger.map((l) => [installmentKey(l), l.amountCents]));
  return file.every((f) => amounts.get(installmentKey(f)) === f.amountCents) ? 'unchanged' : 'changed';
}
