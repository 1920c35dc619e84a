/**
 * Contract of the imports beside the open-items export: the kind of a file (open items, customer
 * master data, FatturaPA e-invoices), the master-data import (`masterData.*`) and the e-invoice
 * import (`eInvoices.*`). Files are staged first (`imports.identify` or the CLI), then previewed
 * and applied by id; both applies are long jobs with their own transaction, batch and audit row.
 */
import { z } from 'zod';
import { MASTER_FIELDS } from '../../domain/master-data.ts';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';

export const importKindSchema = z.enum(['open-items', 'customers', 'fatturapa']);
export type ImportKind = z.infer<typeof importKindSchema>;

export const kindIssueSchema = z.object({
  /** The file the problem is in (an entry of a ZIP), when not the file itself. */
  file: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
});

const totals = z.object({
  customers: z.number().int(),
  items: z.number().int(),
  residualCents: cents,
  overdueCents: cents,
});

// ---- customer master data ----

export const masterFieldSchema = z.enum(MASTER_FIELDS);

const masterChangeSchema = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(['new', 'updated', 'unchanged']),
  fields: z.array(
    z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  ),
});

const masterCounts = {
  rows: z.object({ read: z.number().int(), imported: z.number().int(), skipped: z.number().int() }),
  customers: z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
};

export const masterDataPreviewSchema = z.object({
  file: z.string(),
  format: z.string(),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  mapping: z.array(z.object({ field: masterFieldSchema, header: z.string() })),
  ...masterCounts,
  /** The customers the file creates or changes (unchanged ones left out), field by field. */
  changes: z.array(masterChangeSchema),
  warnings: z.array(kindIssueSchema),
  errors: z.array(kindIssueSchema),
  alreadyImported: z.boolean(),
});

export const masterDataResultSchema = z.object({
  batch: z.number().int().nullable(),
  file: z.string(),
  format: z.string(),
  ...masterCounts,
  totals,
});

const masterInput = z.object({
  fileId: z.string().min(1),
  sheet: z.string().optional(),
  headerRow: z.number().int().positive().optional(),
});

// ---- FatturaPA e-invoices ----

const installmentSchema = z.object({
  installment: z.string().nullable(),
  dueDate: isoDate,
  amountCents: cents,
  paymentMethod: z.string().nullable(),
});

export const eInvoiceDocumentSchema = z.object({
  file: z.string(),
  /** Position of the FatturaElettronicaBody in its file (1-based). */
  body: z.number().int(),
  /** TipoDocumento (TD01 invoice, TD04 credit note…). */
  type: z.string(),
  number: z.string(),
  date: isoDate,
  customerCode: z.string(),
  customerName: z.string(),
  newCustomer: z.boolean(),
  /** The open items the document makes (credit notes negative). */
  installments: z.array(installmentSchema),
  status: z.enum(['new', 'unchanged', 'changed', 'skipped']),
  /** For `changed`: the version the ledger holds. */
  previous: z.array(installmentSchema),
  reason: z.string().nullable(),
});

const eInvoiceCounts = {
  files: z.number().int(),
  documents: z.object({
    new: z.number().int(),
    unchanged: z.number().int(),
    changed: z.number().int(),
    skipped: z.number().int(),
  }),
  items: z.object({ new: z.number().int(), changed: z.number().int(), closed: z.number().int() }),
  customers: z.object({ new: z.number().int(), updated: z.number().int() }),
};

export const eInvoicePreviewSchema = z.object({
  file: z.string(),
  format: z.enum(['xml', 'p7m', 'zip']),
  ...eInvoiceCounts,
  /** Every invoice and credit note read, with what the import does with it. */
  invoices: z.array(eInvoiceDocumentSchema),
  /** A second version of a document already imported (same number and date, other amounts) needs a confirmation. */
  needsConfirmation: z.boolean(),
  warnings: z.array(kindIssueSchema),
  errors: z.array(kindIssueSchema),
  alreadyImported: z.boolean(),
});

export const eInvoiceResultSchema = z.object({
  batch: z.number().int().nullable(),
  file: z.string(),
  format: z.enum(['xml', 'p7m', 'zip']),
  ...eInvoiceCounts,
  totals,
});

const roles = ['accountant', 'manager'] as const;

export const importKindsContract = {
  /**
   * Tells a file's kind: a new file (staged on the way) or one already staged by `imports.stage`.
   * The Imports page then previews it with the matching method.
   */
  'imports.identify': method({
    input: z.union([
      z.object({ fileName: z.string().min(1).max(260), dataBase64: z.string().min(1) }),
      z.object({ fileId: z.string().min(1) }),
    ]),
    output: z.object({
      fileId: z.string(),
      fileName: z.string(),
      kind: importKindSchema,
      reason: z.string(),
    }),
    roles,
    mutation: false,
  }),
  'masterData.preview': method({
    input: masterInput,
    output: masterDataPreviewSchema,
    roles,
    mutation: false,
    job: true,
  }),
  'masterData.apply': method({
    input: masterInput.extend({ dryRun: z.boolean().default(false) }),
    output: masterDataResultSchema,
    roles,
    mutation: true,
    job: true,
  }),
  'eInvoices.preview': method({
    input: z.object({ fileId: z.string().min(1) }),
    output: eInvoicePreviewSchema,
    roles,
    mutation: false,
    job: true,
  }),
  'eInvoices.apply': method({
    input: z.object({
      fileId: z.string().min(1),
      /** Replace the documents whose second version differs from the ledger's. */
      confirmChanges: z.boolean().default(false),
      dryRun: z.boolean().default(false),
    }),
    output: eInvoiceResultSchema,
    roles,
    mutation: true,
    job: true,
  }),
};
