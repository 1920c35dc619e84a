/**
 * Contract of the open-items import (issue 2): staging a file and detecting its layout, the
 * preview and the apply (jobs), the list of batches and their undo, the saved mapping profiles.
 * Spread into the contract in contract.ts.
 */
import { z } from 'zod';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

const empty = z.object({}).strict();

const importCounts = z.object({
  rows: z.object({ read: z.number().int(), imported: z.number().int(), skipped: z.number().int() }),
  customers: z.object({ new: z.number().int(), updated: z.number().int() }),
  items: z.object({
    new: z.number().int(),
    changed: z.number().int(),
    closed: z.number().int(),
    reopened: z.number().int(),
    unchanged: z.number().int(),
  }),
  creditNotesClosed: z.number().int(),
  paymentsCents: cents,
  reversalsCents: cents,
});

export const importFieldSchema = z.enum([
  'customerCode',
  'customerName',
  'vat',
  'taxCode',
  'documentType',
  'documentNumber',
  'documentDate',
  'dueDate',
  'installment',
  'amount',
  'residual',
  'paymentMethod',
  'salesperson',
  'area',
  'email',
  'pec',
  'phone',
]);
export type ImportField = z.infer<typeof importFieldSchema>;
/** Field -> column header as it appears in the file. */
export const importMappingSchema = z.partialRecord(importFieldSchema, z.string());
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importIssueSchema = z.object({
  row: z.number().int().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
});

/** One mapped column of an import: the field, the header, why this column, a few of its values. */
export const importMappingDetailSchema = z.object({
  field: importFieldSchema,
  header: z.string(),
  reason: z.string(),
  samples: z.array(z.string()),
});

/** Where an import's as-of date comes from: given by the user, a title row, the file name, or today. */
export const importAsOfSourceSchema = z.enum(['given', 'title', 'fileName', 'today']);

export const importOptionsSchema = z.object({
  fileId: z.string().min(1),
  asOf: isoDate.optional(),
  mode: z.enum(['snapshot', 'incremental']).default('snapshot'),
  sheet: z.string().optional(),
  headerRow: z.number().int().positive().optional(),
  mapping: importMappingSchema.optional(),
  profile: z.string().optional(),
  confirmClosures: z.boolean().default(false),
});

/** Apply's options; `dryRun` runs the whole import and rolls it back (the CLI's --dry-run). */
export const importApplySchema = importOptionsSchema.extend({ dryRun: z.boolean().default(false) });

export const importDetectionSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'xls', 'ods', 'csv']),
  encoding: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  mapping: importMappingSchema,
  profile: z.string().nullable(),
  asOf: isoDate.nullable(),
  asOfSource: z.enum(['title', 'fileName']).nullable(),
  missing: z.array(importFieldSchema),
  /** The recognised layout of a known accounting system ("SAP FBL5N"), or null. */
  layout: z.string().nullable(),
  mappingDetails: z.array(importMappingDetailSchema),
  /** What the detection wants the user to know (a column passed over, a field it could not decide). */
  notes: z.array(importIssueSchema),
});

export const importPreviewSchema = importCounts.extend({
  file: z.string(),
  format: z.string(),
  asOf: isoDate,
  mode: z.enum(['snapshot', 'incremental']),
  newCustomers: z.array(z.object({ code: z.string(), name: z.string() })),
  warnings: z.array(importIssueSchema),
  errors: z.array(importIssueSchema),
  needsClosureConfirmation: z.boolean(),
  alreadyImported: z.boolean(),
  asOfSource: importAsOfSourceSchema,
  layout: z.string().nullable(),
  mapping: z.array(importMappingDetailSchema),
  /** The snapshot is older than the ledger's latest: applying it moves the figures back (warned before). */
  olderThanLedger: z.boolean(),
});

// Key order is the order `import --json` prints (CLI.md): identification, counts, totals.
export const importResultSchema = z.object({
  /**
   * The batch recorded; null for a dry run and for an import that changed nothing (see README
   * "Importing aged-receivables exports").
   */
  batch: z.number().int().nullable(),
  file: z.string(),
  format: z.string(),
  asOf: isoDate,
  mode: z.enum(['snapshot', 'incremental']),
  ...importCounts.shape,
  totals: z.object({
    customers: z.number().int(),
    items: z.number().int(),
    residualCents: cents,
    overdueCents: cents,
  }),
  /** The recognised layout ("SAP FBL5N"), the mapped columns with their reasons, and the warnings. */
  layout: z.string().nullable().optional(),
  mapping: z.array(importMappingDetailSchema).optional(),
  warnings: z.array(importIssueSchema).optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importBatchSchema = z.object({
  id: z.number().int(),
  file: z.string(),
  sha256: z.string(),
  format: z.string(),
  sheet: z.string().nullable(),
  headerRow: z.number().int().nullable(),
  asOf: isoDate,
  mode: z.string(),
  user: z.string().nullable(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  ...importCounts.shape,
});

export const importsContract = {
  'imports.stage': method({
    input: z.union([
      // 128 MB (the reader's limit) in base64, refused before it is decoded.
      z.object({ fileName: z.string().min(1).max(260), dataBase64: z.string().min(1).max(179_000_000) }),
      // A file already staged: browser mode streams it to `POST /api/upload` (electron/web.ts).
      z.object({ fileId: z.string().min(1).max(64) }),
    ]),
    output: importDetectionSchema,
    roles: ['accountant', 'manager'],
    mutation: false,
  }),
  'imports.preview': method({
    input: importOptionsSchema,
    output: importPreviewSchema,
    roles: ['accountant', 'manager'],
    mutation: false,
    job: true,
  }),
  'imports.apply': method({
    input: importApplySchema,
    output: importResultSchema,
    roles: ['accountant', 'manager'],
    mutation: true,
    job: true,
  }),
  'imports.list': method({
    input: empty,
    output: z.array(importBatchSchema),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'imports.undo': method({
    input: z.object({ batch: z.number().int().optional() }),
    output: importBatchSchema,
    roles: ['accountant', 'manager'],
    mutation: true,
    job: true,
  }),
  'imports.profiles.list': method({
    input: empty,
    output: z.array(
      z.object({ name: z.string(), headers: z.array(z.string()), mapping: importMappingSchema }),
    ),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'imports.profiles.save': method({
    input: z.object({
      name: z.string().trim().min(1).max(80),
      headers: z.array(z.string()),
      mapping: importMappingSchema,
    }),
    output: z.object({ name: z.string() }),
    roles: ['accountant', 'manager'],
    mutation: true,
  }),
};
