/**
 * Contract of the bank statements (issue 15): import a camt.053/054 or CBI file (or a ZIP of
 * them), list the entries by status, confirm or re-assign a credit, undo a match. An accountant
 * or a manager imports; clerks and accountants confirm and assign; undo is for accountants and managers.
 */
import { z } from 'zod';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

export const BANK_ENTRY_STATUSES = ['matched', 'suggested', 'unmatched', 'debit', 'returned'] as const;
export const bankEntryStatusSchema = z.enum(BANK_ENTRY_STATUSES);

/** Key order is the order `bank import --json` prints (CLI.md). */
export const bankImportResultSchema = z.object({
  format: z.string(),
  account: z.string(),
  from: isoDate,
  to: isoDate,
  entries: z.number().int(),
  credits: z.number().int(),
  creditsCents: cents,
  debits: z.number().int(),
  debitsCents: cents,
  matched: z.number().int(),
  matchedCents: cents,
  suggested: z.number().int(),
  unmatched: z.number().int(),
  /** Returned bills that reopened an item. */
  returned: z.number().int(),
  /** Overpayments kept as credits on customers' accounts. */
  creditsKeptCents: cents,
  /** Entries already known from another statement (a camt.054 then the day's camt.053). */
  duplicates: z.number().int(),
  /** The statement record; null for a dry run or a file already imported. */
  statement: z.number().int().nullable(),
  alreadyImported: z.boolean(),
  dryRun: z.boolean(),
});
export type BankImportResult = z.infer<typeof bankImportResultSchema>;

export const bankAllocationSchema = z.object({
  itemId: z.number().int(),
  documentNumber: z.string(),
  dueDate: isoDate,
  amountCents: cents,
});

export const bankEntrySchema = z.object({
  id: z.number().int(),
  statementId: z.number().int(),
  account: z.string(),
  bookingDate: isoDate,
  valueDate: isoDate.nullable(),
  amountCents: cents,
  direction: z.enum(['credit', 'debit']),
  isReturn: z.boolean(),
  status: bankEntryStatusSchema,
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  remittance: z.string(),
  reference: z.string().nullable(),
  endToEndId: z.string().nullable(),
  chargesCents: cents,
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
  reason: z.string().nullable(),
  evidence: z.array(z.string()),
  /** What the credit paid (matched), would pay (suggested) or the item a return reopened. */
  allocations: z.array(bankAllocationSchema),
  /** Overpayment kept (or to keep) on the customer's account. */
  creditCents: cents,
});
export type BankEntryView = z.infer<typeof bankEntrySchema>;

export const bankMatchInputSchema = z.object({
  entryId: z.number().int().positive(),
  /** Document numbers to pay (oldest due first); none: the suggestion as it stands. */
  items: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
  /** The customer, when the documents alone do not say (or to re-assign the credit). */
  customerCode: z.string().trim().min(1).max(60).optional(),
});

export const bankContract = {
  'bank.import': method({
    input: z.object({
      /** A file staged with `imports.stage`-like staging, or the bytes themselves. */
      fileId: z
        .string()
        .regex(/^[0-9a-f]{32}$/)
        .optional(),
      fileName: z.string().min(1).max(255).optional(),
      dataBase64: z.string().max(140_000_000).optional(),
      dryRun: z.boolean().default(false),
    }),
    output: bankImportResultSchema,
    roles: ['accountant', 'manager'],
    mutation: true,
    job: true,
  }),
  'bank.list': method({
    input: z.object({
      status: bankEntryStatusSchema.optional(),
      statementId: z.number().int().optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.array(bankEntrySchema),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'bank.match': method({
    input: bankMatchInputSchema,
    output: bankEntrySchema,
    // Who works the bank queue: the clerks and the accountants (managers undo; admin does all).
    roles: ['clerk', 'accountant'],
    mutation: true,
  }),
  'bank.day': method({
    input: z.object({
      /** The booking day; none: the latest day the bank booked anything, up to today. */
      date: isoDate.optional(),
    }),
    output: z.object({
      /** null: no statement imported yet. */
      date: isoDate.nullable(),
      credits: z.number().int(),
      creditsCents: cents,
      matched: z.number().int(),
      matchedCents: cents,
      suggested: z.number().int(),
      suggestedCents: cents,
      unmatched: z.number().int(),
      unmatchedCents: cents,
      /** Returned bills (debits that reopened an item, or wait to be placed). */
      returned: z.number().int(),
      returnedCents: cents,
      debits: z.number().int(),
      debitsCents: cents,
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'bank.unreflected': method({
    input: z.strictObject({}),
    output: z.array(
      z.object({
        entryId: z.number().int(),
        bookingDate: isoDate,
        customerCode: z.string(),
        customerName: z.string(),
        documentNumber: z.string(),
        amountCents: cents,
        residualCents: cents,
        batch: z.number().int(),
        reopenedOn: isoDate,
      }),
    ),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'bank.undo': method({
    input: z.object({ entryId: z.number().int().positive() }),
    output: bankEntrySchema,
    roles: ['accountant', 'manager'],
    mutation: true,
  }),
};
