/**
 * The letter as data: what `compose` produces from a template, the customer's items, the
 * company's letterhead and the rate table, and what the PDF and the e-mail are drawn from.
 * Plain JSON (it crosses to the rendering worker and to the UI's preview).
 */
import type { IsoDate } from '../dates.ts';
import {
  LANGUAGES as VOCABULARY_LANGUAGES,
  type LetterChannel as VocabularyLetterChannel,
} from '../vocabulary.ts';
import type { LetterLanguage } from './format.ts';
import type { MergeIssue, Paragraph } from './merge.ts';

export const TEMPLATE_NAMES = ['reminder1', 'reminder2', 'formal_notice', 'statement'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
/** The languages a template is written in: all of the app's. */
export const LANGUAGES = VOCABULARY_LANGUAGES;

/** How the letter travels: printed and posted, e-mail, or PEC. */
export type LetterChannel = VocabularyLetterChannel;

/** The editable texts of one template in one language (merge fields: see merge.ts). */
export interface TemplateText {
  subject: string;
  body: string;
  after: string;
  closing: string;
  emailSubject: string;
  emailBody: string;
}
export const TEMPLATE_TEXT_FIELDS = [
  'subject',
  'body',
  'after',
  'closing',
  'emailSubject',
  'emailBody',
] as const;

/** The company's letterhead and payment coordinates, from Settings. */
export interface Letterhead {
  name: string;
  address: string;
  vat: string;
  taxCode: string;
  phone: string;
  email: string;
  pec: string;
  iban: string;
  bic: string;
  contact: string;
  signer: string;
  place: string;
  hasLogo: boolean;
  hasSignature: boolean;
}

export interface LetterCustomer {
  code: string;
  name: string;
  address: string | null;
  vat: string | null;
  taxCode: string | null;
  email: string | null;
  pec: string | null;
  /** The person reminders go to (the dunning contact), when known: "Gentile <name>". */
  contactName?: string | null;
}

export interface LetterItemInput {
  documentType: 'invoice' | 'credit_note';
  documentNumber: string;
  documentDate: IsoDate;
  dueDate: IsoDate;
  installment: string | null;
  amountCents: number;
  residualCents: number;
  disputed: boolean;
  /** Reminders this item already appeared in (per-invoice levels); absent = unknown, taken as none. */
  reminders?: number;
}

export interface LetterOptions {
  /** The policy's "claim interest" option (formal notices only claim when it is on). */
  claimInterest: boolean;
  /** The policy's "€40 flat compensation per invoice" option. */
  claimCompensation: boolean;
  /** Days the formal notice and the second reminder give to pay (15 by default). */
  termDays: number;
}

export interface ItemRow {
  kind: 'overdue' | 'notDue' | 'credit';
  document: string;
  documentDate: IsoDate;
  dueDate: IsoDate;
  amountCents: number;
  residualCents: number;
  /** Days past due at the letter date; null for items not yet due and credit notes. */
  daysLate: number | null;
  disputed: boolean;
  /**
   * The item's level in this letter (1 first reminder, 2 second, 3 formal notice): the letter's own
   * level, except for an invoice that has had fewer reminders, which is at its next one (a new
   * invoice is at its first reminder even in a formal notice). Null for items not overdue.
   */
  level: 1 | 2 | 3 | null;
}

/** One overdue document's late-payment interest, split by half-year (see shared/domain/interest.ts). */
export interface InterestRow {
  document: string;
  dueDate: IsoDate;
  residualCents: number;
  periods: { from: IsoDate; to: IsoDate; days: number; ratePercent: number; interestCents: number }[];
  /** Rounded once from the exact sum, so it may differ by a cent from the sum of the periods. */
  interestCents: number;
}

export interface TotalLine {
  label: string;
  amountCents: number;
  strong?: boolean;
}

export interface Amounts {
  overdueCents: number;
  notDueCents: number;
  /** Open credit notes, as a positive number to deduct. */
  creditsCents: number;
  /** Overdue less credits. */
  netCents: number;
  interestCents: number;
  compensationCents: number;
  /** Dunning fees charged to the customer's case, claimed with the compensation. */
  feesCents: number;
  /** What the letter asks for and the QR code carries: net due plus the claimed interest and compensation. */
  toPayCents: number;
}

export interface PaymentBox {
  beneficiary: string;
  iban: string;
  bic: string;
  amountCents: number;
  remittance: string;
  /** ISO 11649 reference (printed form, "RF27 C002") a payment quotes so the bank import matches it; null when the customer code cannot make one. */
  creditorReference: string | null;
  /** The EPC069-12 text the QR code encodes; null when no QR can be printed (see `note`). */
  epcPayload: string | null;
  note: string | null;
}

export interface LetterModel {
  template: TemplateName;
  language: LetterLanguage;
  channel: LetterChannel;
  date: IsoDate;
  reference: string;
  customerCode: string;
  company: Letterhead;
  recipient: { name: string; lines: string[] };
  /** "Raccomandata A/R", "Via PEC – …": the delivery line above the subject. */
  deliveryNote: string | null;
  subject: string;
  body: Paragraph[];
  after: Paragraph[];
  closing: Paragraph[];
  rows: ItemRow[];
  totals: TotalLine[];
  interestRows: InterestRow[];
  amounts: Amounts;
  payment: PaymentBox | null;
  /** Formal notices carry a signature block (signature image or a line to sign by hand). */
  signed: boolean;
  email: { subject: string; body: string };
  issues: MergeIssue[];
}
