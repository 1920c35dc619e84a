/**
 * Letters, e-mail and PEC (issue 5): templates and their live preview, the manager's print batch,
 * sending through SMTP, the late-payment rate table and interest (the letterhead and mail
 * accounts they read are in settings.ts). Spread into the contract in contract.ts.
 *
 * A Letters page lists `letters.tasks` (group by `template`), previews one with
 * `letters.preview`, runs `letters.batch` (a job: progress events, `jobs.cancel`) and confirms the
 * printout with `letters.confirm`, and sends e-mail/PEC tasks with `letters.send` (a job too).
 */
import { z } from 'zod';
import { TEMPLATE_NAMES } from '../../domain/letters/model.ts';
import { LANGUAGES, LETTER_CHANNELS, LETTER_STATUSES } from '../../domain/vocabulary.ts';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { noticeSchema } from '../notices.ts';
import { ANY_ROLE } from '../roles.ts';
import { mailAccountSchema } from './settings.ts';

const id = z.number().int().positive();
const language = z.enum(LANGUAGES);

export const templateNameSchema = z.enum(TEMPLATE_NAMES);
export const letterChannelSchema = z.enum(LETTER_CHANNELS);

export const templateTextSchema = z.object({
  subject: z.string().max(500),
  body: z.string().max(20_000),
  after: z.string().max(20_000),
  closing: z.string().max(2_000),
  emailSubject: z.string().max(500),
  emailBody: z.string().max(20_000),
});

export const letterAmountsSchema = z.object({
  overdueCents: cents,
  notDueCents: cents,
  creditsCents: cents,
  netCents: cents,
  interestCents: cents,
  compensationCents: cents,
  /** Dunning fees charged to the customer's case (e.g. the registered letter); 0 when none. */
  feesCents: cents,
  toPayCents: cents,
});

export const letterFileSchema = z.object({
  letterId: id,
  customerCode: z.string(),
  template: templateNameSchema,
  language,
  channel: letterChannelSchema,
  reference: z.string(),
  date: isoDate,
  /** Absolute path of the archived PDF in the data folder. */
  path: z.string(),
  sha256: z.string(),
  pages: z.number().int(),
  amounts: letterAmountsSchema,
  epcPayload: z.string().nullable(),
  /** Template problems (unknown merge fields…) and missing letterhead data. */
  issues: z.array(z.string()),
  /** The same problems with codes, for the UI's language. */
  notices: z.array(noticeSchema),
});
export type LetterFile = z.infer<typeof letterFileSchema>;

export const letterTaskSchema = z.object({
  taskId: id,
  type: letterChannelSchema,
  template: templateNameSchema,
  step: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  language,
  /** E-mail or PEC address the task goes to; for letters the first address line. */
  recipient: z.string().nullable(),
  dueDate: isoDate,
  overdueCents: cents,
  assignee: z.string().nullable(),
  /** The latest letter produced for the task (a generated batch awaiting confirmation, say). */
  letter: z.object({ id, status: z.string(), batchId: z.number().int().nullable() }).nullable(),
  /** The latest send attempt of an e-mail/PEC task: a failure shows the server's reply. */
  mail: z
    .object({
      status: z.enum(['sending', 'sent', 'failed']),
      attempts: z.number().int(),
      response: z.string().nullable(),
      messageId: z.string().nullable(),
    })
    .nullable(),
});
export type LetterTask = z.infer<typeof letterTaskSchema>;

export const batchResultSchema = z.object({
  batchId: z.number().int().nullable(),
  date: isoDate,
  letters: z.number().int(),
  pages: z.number().int(),
  /** The merged PDF for printing (absolute path), null when there was nothing to print. */
  mergedPath: z.string().nullable(),
  files: z.array(
    z.object({
      taskId: id,
      letterId: id,
      customerCode: z.string(),
      template: templateNameSchema,
      path: z.string(),
      sha256: z.string(),
      pages: z.number().int(),
      totalCents: cents,
    }),
  ),
  skipped: z.array(
    z.object({ taskId: id, customerCode: z.string(), reason: z.string(), notice: noticeSchema.optional() }),
  ),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

export const sendResultSchema = z.object({
  today: isoDate,
  sent: z.array(
    z.object({
      taskId: id,
      customerCode: z.string(),
      channel: z.enum(['email', 'pec']),
      to: z.string(),
      messageId: z.string(),
      letterId: id,
      attempts: z.number().int(),
    }),
  ),
  failed: z.array(
    z.object({
      taskId: id,
      customerCode: z.string(),
      channel: z.enum(['email', 'pec']),
      to: z.string(),
      attempts: z.number().int(),
      /** The server's reply (or the connection error) of the last attempt. */
      error: z.string(),
    }),
  ),
  skipped: z.array(
    z.object({ taskId: id, customerCode: z.string(), reason: z.string(), notice: noticeSchema.optional() }),
  ),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const rateRowSchema = z.object({
  from: isoDate,
  to: isoDate,
  ecbPercent: z.number(),
  moratoryPercent: z.number(),
  source: z.string(),
  origin: z.enum(['shipped', 'user']),
});
export type RateRow = z.infer<typeof rateRowSchema>;

/** What is owed, as shared/domain/claim.ts computes it for every place that shows a claim. */
export const claimSchema = z.object({
  capitalCents: cents,
  creditNotesCents: cents,
  /** Overdue items under an open dispute: not claimed. */
  excludedCents: cents,
  interestCents: cents,
  compensationCents: cents,
  feesCents: cents,
  totalCents: cents,
});
export type ClaimFigures = z.infer<typeof claimSchema>;

// Key order is the order `interest --json` prints (CLI.md).
export const interestSchema = z.object({
  customerCode: z.string(),
  calcDate: isoDate,
  items: z.array(
    z.object({
      document: z.string(),
      dueDate: isoDate,
      residualCents: cents,
      periods: z.array(
        z.object({
          from: isoDate,
          to: isoDate,
          days: z.number().int(),
          ratePercent: z.number(),
          interestCents: cents,
        }),
      ),
      interestCents: cents,
    }),
  ),
  interestCents: cents,
  compensationCents: cents,
  claim: claimSchema,
});
export type InterestBreakdown = z.infer<typeof interestSchema>;

const templateRowSchema = z.object({
  name: templateNameSchema,
  language,
  title: z.string(),
  edited: z.boolean(),
  text: templateTextSchema,
  shipped: templateTextSchema,
});

const fileUpload = { fileName: z.string().min(1).max(260), dataBase64: z.string().min(1) };

export const lettersContract = {
  'letters.tasks': method({
    input: z.object({}).strict(),
    output: z.object({
      today: isoDate,
      rows: z.array(letterTaskSchema),
      warnings: z.array(z.string()),
      /** The warnings with codes, for the UI's language. */
      notices: z.array(noticeSchema),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'letters.preview': method({
    input: z
      .object({
        /** Preview what a task would send… */
        taskId: id.optional(),
        /** …or a template for a customer. */
        customerCode: z.string().min(1).optional(),
        template: templateNameSchema.optional(),
        channel: letterChannelSchema.optional(),
        language: language.optional(),
        /** Unsaved texts from the template editor (live preview). */
        text: templateTextSchema.optional(),
      })
      .refine((i) => i.taskId !== undefined || (i.customerCode !== undefined && i.template !== undefined), {
        message: 'give a taskId, or a customerCode and a template',
      }),
    output: z.object({
      pdfBase64: z.string(),
      pages: z.number().int(),
      reference: z.string(),
      subject: z.string(),
      email: z.object({ subject: z.string(), body: z.string() }),
      amounts: letterAmountsSchema,
      epcPayload: z.string().nullable(),
      issues: z.array(z.string()),
      notices: z.array(noticeSchema),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'letters.create': method({
    input: z.object({
      customerCode: z.string().min(1),
      template: templateNameSchema,
      channel: letterChannelSchema.default('letter'),
    }),
    output: letterFileSchema,
    roles: ['clerk', 'manager'],
    mutation: true,
    job: true,
  }),
  'letters.batch': method({
    input: z.object({ taskIds: z.array(id).max(100_000).optional() }),
    output: batchResultSchema,
    roles: ['manager'],
    mutation: true,
    job: true,
  }),
  'letters.confirm': method({
    input: z.object({ batchId: id, excludeTaskIds: z.array(id).default([]) }),
    output: z.object({ batchId: id, tasksDone: z.array(id), letters: z.number().int() }),
    roles: ['manager'],
    mutation: true,
  }),
  'letters.send': method({
    input: z.object({ taskIds: z.array(id).max(100_000).optional() }),
    output: sendResultSchema,
    roles: ['clerk', 'manager'],
    mutation: true,
    job: true,
  }),
  'letters.list': method({
    input: z.object({
      customerCode: z.string().optional(),
      limit: z.number().int().min(1).max(10_000).default(500),
    }),
    output: z.array(
      z.object({
        id,
        customerCode: z.string(),
        customerName: z.string(),
        template: z.string(),
        language,
        channel: letterChannelSchema,
        date: isoDate,
        reference: z.string(),
        status: z.enum(LETTER_STATUSES),
        sha256: z.string(),
        pages: z.number().int(),
        totalCents: cents,
        messageId: z.string().nullable(),
        taskId: z.number().int().nullable(),
        batchId: z.number().int().nullable(),
        receipts: z.array(z.object({ id, kind: z.string(), receivedAt: z.string().nullable() })),
      }),
    ),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'letters.file': method({
    input: z
      .object({ letterId: id.optional(), batchId: id.optional() })
      .refine((i) => (i.letterId === undefined) !== (i.batchId === undefined), {
        message: 'give a letterId or a batchId',
      }),
    output: z.object({ fileName: z.string(), sha256: z.string(), pdfBase64: z.string() }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'letters.receipt': method({
    input: z.object(fileUpload),
    output: z.object({
      receiptId: id,
      kind: z.string(),
      refMessageId: z.string().nullable(),
      letterId: z.number().int().nullable(),
    }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'templates.list': method({
    input: z.object({}).strict(),
    output: z.object({
      fields: z.array(z.object({ name: z.string(), description: z.string() })),
      flags: z.array(z.object({ name: z.string(), description: z.string() })),
      templates: z.array(templateRowSchema),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'templates.save': method({
    input: z.object({ name: templateNameSchema, language, text: templateTextSchema }),
    output: templateRowSchema,
    roles: ['manager'],
    mutation: true,
  }),
  'templates.reset': method({
    input: z.object({ name: templateNameSchema, language }),
    output: templateRowSchema,
    roles: ['manager'],
    mutation: true,
  }),
  'rates.list': method({
    input: z.object({}).strict(),
    output: z.object({
      today: isoDate,
      rates: z.array(rateRowSchema),
      /** Half-years up to today with no rate: letters claiming interest over them are refused. */
      missing: z.array(z.string()),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'rates.add': method({
    input: z.object({
      from: isoDate.refine((d) => d.endsWith('-01-01') || d.endsWith('-07-01'), {
        message: 'a half-year starts on YYYY-01-01 or YYYY-07-01',
      }),
      ecbPercent: z.number().min(-5).max(50),
      source: z.string().trim().max(500).optional(),
    }),
    output: rateRowSchema.extend({ replaced: rateRowSchema.nullable() }),
    roles: ['manager', 'accountant'],
    mutation: true,
  }),
  'interest.get': method({
    input: z.object({ customerCode: z.string().min(1), calcDate: isoDate.optional() }),
    output: interestSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  /**
   * The printable agreement of a repayment plan (letterhead, parties, items, installment schedule,
   * total, interest, clauses, signatures), archived like letters and logged in the contact log.
   */
  'plans.agreement': method({
    input: z.object({ planId: id }),
    output: z.object({
      letterId: id,
      planId: id,
      reference: z.string(),
      fileName: z.string(),
      sha256: z.string(),
      pages: z.number().int(),
      totalCents: cents,
      pdfBase64: z.string(),
    }),
    roles: ['clerk', 'manager'],
    mutation: true,
    job: true,
  }),
  'mail.verify': method({
    input: z.object({ account: mailAccountSchema }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
    roles: ['manager', 'admin'],
    mutation: false,
  }),
} as const;
