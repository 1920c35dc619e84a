/**
 * Contract of the legal phase (issue 7). The legal dossier page shows `legal.get` (the dossier,
 * its events, costs and recoveries, the convenience evaluation and the prescription date) and
 * changes it with `legal.open/phase/cost/recovery/event/update`; `legal.export` hands the
 * dossier to an agency as a ZIP; `legal.defaults.*` are the editable costs and probabilities.
 * Every dossier method names the customer by code: the dossier is the customer's current one.
 */
import { z } from 'zod';
import {
  COST_KINDS,
  HANDLERS,
  LEGAL_EVENT_KINDS,
  LEGAL_PHASES,
  legalConfigPatchSchema,
  legalConfigSchema,
  MANUAL_EVENT_KINDS,
} from '../../domain/legal.ts';
import { RATING_CLASSES } from '../../domain/rating.ts';
import { DOCUMENT_TYPES } from '../../domain/vocabulary.ts';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { noticeSchema } from '../notices.ts';
import { ANY_ROLE } from '../roles.ts';

const code = z.string().trim().min(1).max(60);
const id = z.number().int().positive();
const positiveCents = cents.refine((c) => c > 0, 'must be positive');
const note = z.string().trim().max(2000);

export const legalPhaseSchema = z.enum(LEGAL_PHASES);
export const legalHandlerSchema = z.enum(HANDLERS);
export const costKindSchema = z.enum(COST_KINDS);
export const legalEventKindSchema = z.enum(LEGAL_EVENT_KINDS);
export const manualEventKindSchema = z.enum(MANUAL_EVENT_KINDS);

/** Key order is the order `legal CODE --json` prints (CLI.md), then the details. */
export const evaluationSchema = z.object({
  phase: legalPhaseSchema,
  claimCents: cents,
  costsCents: cents,
  recoveredCents: cents,
  furtherCostsCents: cents,
  /** 0..1 */
  probability: z.number().min(0).max(1),
  expectedNetCents: cents,
  /** furtherCosts / claim; null when nothing is claimed. */
  breakEvenProbability: z.number().min(0).nullable(),
  worthContinuing: z.boolean(),
  prescriptionDate: isoDate.nullable(),
  reason: z.string(),
  reasonCode: z.enum(['closed', 'nothing_to_claim', 'worth', 'not_worth']),
  residualCents: cents,
  interestCents: cents,
  compensationCents: cents,
  /** Dunning fees charged to the case (e.g. registered letters), part of the claim. */
  feesCents: cents,
  probabilitySource: z.enum(['default', 'dossier']),
  ratingClass: z.enum(RATING_CLASSES),
  /** E.g. a missing late-payment rate: interest is then left out of the claim. */
  warnings: z.array(z.string()),
  /** The warnings with codes, for the UI's language. */
  notices: z.array(noticeSchema),
});
export type EvaluationView = z.infer<typeof evaluationSchema>;

export const prescriptionSchema = z.object({
  date: isoDate.nullable(),
  from: isoDate.nullable(),
  basis: z.enum(['due_date', 'interruptive_act']).nullable(),
  warningOn: isoDate.nullable(),
  /** The last interruptive act known (PEC formal notice sent, dossier event). */
  lastInterruptiveAct: isoDate.nullable(),
});

export const dossierSchema = z.object({
  id,
  customerCode: z.string(),
  customerName: z.string(),
  caseId: id,
  caseStatus: z.string(),
  handler: legalHandlerSchema,
  handlerName: z.string(),
  reference: z.string().nullable(),
  phase: legalPhaseSchema,
  phaseOn: isoDate,
  openedOn: isoDate,
  closedOn: isoDate.nullable(),
  note: z.string().nullable(),
  probabilityPercent: z.number().int().nullable(),
  furtherCostsCents: cents.nullable(),
  events: z.array(
    z.object({
      id,
      date: isoDate,
      kind: legalEventKindSchema,
      phase: legalPhaseSchema.nullable(),
      description: z.string(),
      interruptive: z.boolean(),
      attachmentId: id.nullable(),
      fileName: z.string().nullable(),
      user: z.string().nullable(),
    }),
  ),
  costs: z.array(
    z.object({ id, date: isoDate, kind: costKindSchema, amountCents: cents, note: z.string().nullable() }),
  ),
  recoveries: z.array(z.object({ id, date: isoDate, amountCents: cents, note: z.string().nullable() })),
  items: z.array(
    z.object({
      documentType: z.enum(DOCUMENT_TYPES),
      documentNumber: z.string(),
      documentDate: z.string(),
      dueDate: isoDate,
      amountCents: cents,
      residualCents: cents,
      disputed: z.boolean(),
    }),
  ),
  evaluation: evaluationSchema,
  prescription: prescriptionSchema,
});
export type DossierView = z.infer<typeof dossierSchema>;

export const dossierRowSchema = z.object({
  id,
  customerCode: z.string(),
  customerName: z.string(),
  handler: legalHandlerSchema,
  handlerName: z.string(),
  phase: legalPhaseSchema,
  openedOn: isoDate,
  closedOn: isoDate.nullable(),
  costsCents: cents,
  recoveredCents: cents,
});

const ref = { code };
const changed = z.object({ dossierId: id, phase: legalPhaseSchema });

export const legalContract = {
  'legal.get': method({
    input: z.object(ref),
    output: dossierSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  /** As `legal.get`, but null for a customer without a dossier (the profile's Legal tab). */
  'legal.find': method({
    input: z.object(ref),
    output: dossierSchema.nullable(),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'legal.list': method({
    input: z.object({ status: z.enum(['active', 'closed', 'all']).default('active') }),
    output: z.array(dossierRowSchema),
    roles: ANY_ROLE,
    mutation: false,
  }),
  /**
   * Opens the dossier of the customer's case: a case a policy step escalated, or (a manager's
   * decision) a case still in dunning — or a new one — which is escalated now.
   */
  'legal.open': method({
    input: z.object({
      ...ref,
      to: legalHandlerSchema,
      name: z.string().trim().min(1).max(200),
      reference: z.string().trim().max(100).optional(),
      phase: legalPhaseSchema.default('entrusted'),
      date: isoDate.optional(),
      note: note.optional(),
    }),
    output: changed,
    roles: ['manager'],
    mutation: true,
  }),
  'legal.phase': method({
    input: z.object({ ...ref, phase: legalPhaseSchema, date: isoDate.optional(), note: note.optional() }),
    output: changed,
    roles: ['manager'],
    mutation: true,
  }),
  'legal.cost': method({
    input: z.object({
      ...ref,
      cents: positiveCents,
      kind: costKindSchema,
      date: isoDate.optional(),
      note: note.optional(),
    }),
    output: z.object({ id, dossierId: id }),
    roles: ['manager', 'accountant'],
    mutation: true,
  }),
  'legal.recovery': method({
    input: z.object({ ...ref, cents: positiveCents, date: isoDate.optional(), note: note.optional() }),
    output: z.object({ id, dossierId: id }),
    roles: ['manager', 'accountant'],
    mutation: true,
  }),
  'legal.event': method({
    input: z.object({
      ...ref,
      kind: manualEventKindSchema,
      description: z.string().trim().min(1).max(2000),
      date: isoDate.optional(),
      /** Restarts prescription; defaults to yes for notice_delivered, acknowledgment, judicial_act. */
      interruptive: z.boolean().optional(),
      fileName: z.string().trim().min(1).max(200).optional(),
      dataBase64: z.string().min(1).optional(),
    }),
    output: z.object({ id, dossierId: id, attachmentId: id.nullable() }),
    roles: ['manager', 'clerk'],
    mutation: true,
  }),
  /** The dossier's own figures (null: back to the defaults), handler name and reference. */
  'legal.update': method({
    input: z.object({
      ...ref,
      name: z.string().trim().min(1).max(200).optional(),
      reference: z.string().trim().max(100).nullable().optional(),
      probabilityPercent: z.number().int().min(0).max(100).nullable().optional(),
      furtherCostsCents: cents
        .refine((c) => c >= 0, 'must not be negative')
        .nullable()
        .optional(),
      note: note.nullable().optional(),
    }),
    output: z.object({ dossierId: id }),
    roles: ['manager'],
    mutation: true,
  }),
  /** The hand-over ZIP (XLSX summary + archived letters), written in the data folder and returned. */
  'legal.export': method({
    input: z.object(ref),
    output: z.object({
      dossierId: id,
      fileName: z.string(),
      /** Absolute path in the data folder. */
      path: z.string(),
      sha256: z.string(),
      sizeBytes: z.number().int(),
      entries: z.array(z.string()),
      dataBase64: z.string(),
    }),
    roles: ['manager'],
    mutation: true,
  }),
  'legal.defaults.get': method({
    input: z.object({}).strict(),
    output: z.object({
      config: legalConfigSchema,
      defaults: legalConfigSchema,
      patch: legalConfigPatchSchema.nullable(),
    }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'legal.defaults.set': method({
    input: z.object({ patch: legalConfigPatchSchema.nullable() }),
    output: z.object({
      config: legalConfigSchema,
      defaults: legalConfigSchema,
      patch: legalConfigPatchSchema.nullable(),
    }),
    roles: ['manager'],
    mutation: true,
  }),
} as const;
