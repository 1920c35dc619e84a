/**
 * What every statement reader produces: statements of one account with their entries, validated
 * with zod at the boundary. Amounts are positive integer cents with a direction; dates ISO.
 * Errors name the file, the entry (its position as the file shows it) and the field.
 */
import { z } from 'zod';
import { isIsoDate } from '../../../../../shared/domain/dates.ts';

export const BANK_FORMATS = ['camt.053', 'camt.054', 'cbi-rh', 'cbi-xml'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

const isoDate = z.string().refine(isIsoDate, 'not a valid date (YYYY-MM-DD)');

export const bankEntrySchema = z.object({
  /** Where the entry is in the file, for messages: "Ntry 3", "record 62 at line 7". */
  position: z.string(),
  bookingDate: isoDate,
  valueDate: isoDate.nullable(),
  amountCents: z.number().int().positive(),
  direction: z.enum(['credit', 'debit']),
  /** A returned collection (RiBa insoluta, SDD returned/refused) or a reversal of an earlier credit. */
  isReturn: z.boolean(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  /** Unstructured remittance lines (Ustrd, CBI 63 records, additional information). */
  texts: z.array(z.string()),
  /** Structured creditor references (Strd/CdtrRefInf/Ref). */
  references: z.array(z.string()),
  endToEndId: z.string().nullable(),
  /** The bank's own reference of the entry (AcctSvcrRef, CBI "riferimento banca"). */
  bankReference: z.string().nullable(),
  /** The bank's transaction code (ISO domain/family/sub-family, or the CBI causale). */
  bankCode: z.string().nullable(),
  /** Charges the bank took on the entry (returns: the return fees). */
  chargesCents: z.number().int().nonnegative(),
  returnReason: z.string().nullable(),
});
export type BankEntryRead = z.infer<typeof bankEntrySchema>;

export const bankStatementSchema = z.object({
  format: z.enum(BANK_FORMATS),
  /** e.g. camt.053.001.08, CBI RH. */
  version: z.string(),
  account: z.string().min(1, 'the account (IBAN) is missing'),
  currency: z.string(),
  from: isoDate,
  to: isoDate,
  /** Signed cents (negative: overdrawn); null when the file gives no balance. */
  openingCents: z.number().int().nullable(),
  closingCents: z.number().int().nullable(),
  entries: z.array(bankEntrySchema),
});
export type BankStatementRead = z.infer<typeof bankStatementSchema>;

export interface BankReadIssue {
  file: string;
  entry?: string;
  field?: string;
  message: string;
}

export class BankReadError extends Error {
  constructor(readonly issues: BankReadIssue[]) {
    super(issues.map(describeIssue).join('; '));
    this.name = 'BankReadError';
  }
}

export function describeIssue(i: BankReadIssue): string {
  return `${[i.file, i.entry, i.field].filter(Boolean).join(' › ')}: ${i.message}`;
}

/** "1234.56" (ISO 20022 decimal) -> cents; null when not a plain non-negative amount with at most 2 decimals. */
export function decimalToCents(text: string): number | null {
  const m = /^\s*(\d{1,15})(?:\.(\d{1,5}))?\s*$/.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(5, '0');
  if (!/^\d{2}0{3}$/.test(frac)) return null;
  return Number(m[1]) * 100 + Number(frac.slice(0, 2));
}
