/** Contract of the customer profile and the collector's tools (contacts, promises, plans, disputes, order block). */
import { z } from 'zod';
import { BANDS } from '../../domain/dunning/policy.ts';
import {
  CASE_STATUSES,
  CONTACT_DIRECTIONS,
  DISPUTE_STATUSES,
  DOCUMENT_TYPES,
  INSTALMENT_STATUSES,
  LANGUAGES,
  LOGGED_CONTACT_CHANNELS,
  PAUSE_REASONS,
  PLAN_STATUSES,
  PROMISE_STATUSES,
} from '../../domain/vocabulary.ts';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

const code = z.string().trim().min(1).max(60);

export const profileItemSchema = z.object({
  id: z.number().int(),
  documentType: z.enum(DOCUMENT_TYPES),
  documentNumber: z.string(),
  documentDate: z.string(),
  dueDate: isoDate,
  installment: z.string().nullable(),
  amountCents: cents,
  residualCents: cents,
  disputed: z.boolean(),
  daysLate: z.number().int(),
  /** The active repayment plan covering this item, if any. */
  planId: z.number().int().nullable(),
});

export const timelineEntrySchema = z.object({
  date: z.string(),
  kind: z.enum([
    'payment',
    'credit',
    'reversal',
    'contact',
    'task',
    'promise',
    'plan',
    'dispute',
    'case',
    'document',
  ]),
  title: z.string(),
  detail: z.string().nullable(),
  amountCents: cents.nullable(),
});

export const profileSchema = z.object({
  customer: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    vat: z.string().nullable(),
    taxCode: z.string().nullable(),
    address: z.string().nullable(),
    email: z.string().nullable(),
    pec: z.string().nullable(),
    /** SDI recipient code and IBAN, from customer master data or an e-invoice. */
    sdiCode: z.string().nullable().optional(),
    iban: z.string().nullable().optional(),
    phone: z.string().nullable(),
    phone2: z.string().nullable(),
    area: z.string().nullable(),
    salesperson: z.string().nullable(),
    paymentMethod: z.string().nullable(),
    collectorId: z.number().int().nullable(),
    collector: z.string().nullable(),
    band: z.enum(BANDS).nullable(),
    effectiveBand: z.enum(BANDS),
    /** The manager's policy override (a policy name) and its reason; null: the band's policy. */
    policyOverride: z.string().nullable(),
    policyOverrideReason: z.string().nullable(),
    /** The policy the next run applies: the override when it still exists, else the band's. */
    policy: z.string().nullable(),
    /** The override names a policy no longer in the set: the band's policy applies instead. */
    policyOverrideMissing: z.boolean(),
    creditLimitCents: cents.nullable(),
    language: z.enum(LANGUAGES),
    keyAccount: z.boolean(),
    orderBlocked: z.boolean(),
    orderBlockReason: z.string().nullable(),
    orderBlockedOn: z.string().nullable(),
    dunningContactName: z.string().nullable(),
    dunningContactEmail: z.string().nullable(),
    notes: z.string().nullable(),
  }),
  items: z.array(profileItemSchema),
  figures: z.object({
    overdueCents: cents,
    residualCents: cents,
    exposureCents: cents,
    creditsCents: cents,
    disputedCents: cents,
    avgDaysLate: z.number().nullable(),
    avgDaysToPay: z.number().nullable(),
    paymentsLast90Count: z.number().int(),
    paymentsLast90Cents: cents,
  }),
  openCase: z
    .object({
      id: z.number().int(),
      status: z.enum(CASE_STATUSES),
      policy: z.string(),
      step: z.string().nullable(),
      openedOn: isoDate,
      pausedReason: z.enum(PAUSE_REASONS).nullable(),
      overdueCents: cents,
    })
    .nullable(),
  promises: z.array(
    z.object({ id: z.number().int(), date: isoDate, amountCents: cents, status: z.enum(PROMISE_STATUSES) }),
  ),
  plans: z.array(
    z.object({
      id: z.number().int(),
      status: z.enum(PLAN_STATUSES),
      totalCents: cents,
      frequency: z.string(),
      installments: z.array(
        z.object({
          date: isoDate,
          amountCents: cents,
          paidCents: cents,
          status: z.enum(INSTALMENT_STATUSES),
        }),
      ),
    }),
  ),
  disputes: z.array(
    z.object({
      id: z.number().int(),
      documents: z.array(z.string()),
      reason: z.string(),
      note: z.string().nullable(),
      status: z.enum(DISPUTE_STATUSES),
      openedOn: isoDate,
      resolvedOn: isoDate.nullable(),
      outcome: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      createdAt: z.string(),
    }),
  ),
  timeline: z.array(timelineEntrySchema),
});
export type Profile = z.infer<typeof profileSchema>;

const contactChannel = z.enum(LOGGED_CONTACT_CHANNELS);
const disputeReason = z.enum(['quality', 'quantity', 'price', 'not_received', 'already_paid', 'other']);
const installmentIn = z.object({ date: isoDate, cents: cents.refine((c) => c > 0, 'must be positive') });

export const customersContract = {
  'customers.get': method({
    input: z.object({ code }),
    output: profileSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  'customers.update': method({
    input: z.object({
      code,
      dunningContactName: z.string().trim().max(120).nullable().optional(),
      dunningContactEmail: z.email().nullable().optional(),
      pec: z.email().nullable().optional(),
      phone2: z.string().trim().max(40).nullable().optional(),
      notes: z.string().max(4000).nullable().optional(),
      language: z.enum(LANGUAGES).optional(),
      /** Manager only: band override (with a reason), credit limit, collector, key account. */
      band: z.enum(BANDS).nullable().optional(),
      bandReason: z.string().trim().min(3).max(500).optional(),
      /** Manager only: the dunning policy this customer is on whatever its band (null: back to the band's), with a reason. */
      policyOverride: z.string().trim().min(1).max(120).nullable().optional(),
      policyOverrideReason: z.string().trim().min(3).max(500).optional(),
      creditLimitCents: cents.nullable().optional(),
      collectorId: z.number().int().nullable().optional(),
      keyAccount: z.boolean().optional(),
    }),
    output: z.object({ code: z.string() }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'contacts.add': method({
    input: z.object({
      code,
      channel: contactChannel,
      direction: z.enum(CONTACT_DIRECTIONS).default('out'),
      person: z.string().trim().max(120).optional(),
      outcome: z.enum(['reached', 'not_reached', 'promise', 'dispute', 'callback', 'info']).optional(),
      note: z.string().max(4000).optional(),
      /** The worklist task this contact answers: it completes. */
      taskId: z.number().int().optional(),
      /** With outcome `callback`: when to call again (a call task is created for that day). */
      callbackDate: isoDate.optional(),
      promise: z.array(installmentIn).min(1).optional(),
      dispute: z.object({ itemIds: z.array(z.number().int()).min(1), reason: disputeReason }).optional(),
    }),
    output: z.object({
      id: z.number().int(),
      promiseIds: z.array(z.number().int()),
      disputeIds: z.array(z.number().int()),
    }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'attachments.add': method({
    input: z.object({
      code,
      fileName: z.string().trim().min(1).max(200),
      dataBase64: z.string().min(1),
      contactId: z.number().int().optional(),
      disputeId: z.number().int().optional(),
    }),
    output: z.object({ id: z.number().int(), sha256: z.string(), sizeBytes: z.number().int() }),
    roles: ['clerk', 'manager', 'accountant'],
    mutation: true,
  }),
  'attachments.read': method({
    input: z.object({ id: z.number().int() }),
    output: z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() }),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'promises.add': method({
    input: z.object({ code, installments: z.array(installmentIn).min(1).max(24) }),
    output: z.object({ ids: z.array(z.number().int()) }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'plans.schedule': method({
    input: z.object({
      code,
      itemIds: z.array(z.number().int()).min(1),
      installments: z.number().int().min(1).max(60),
      first: isoDate,
      every: z.enum(['week', 'month']),
      interestPercent: z.number().min(0).max(30).default(0),
    }),
    output: z.object({
      totalCents: cents,
      interestCents: cents,
      installments: z.array(z.object({ date: isoDate, amountCents: cents })),
    }),
    roles: ['clerk', 'manager'],
    mutation: false,
  }),
  'plans.add': method({
    input: z.object({
      code,
      itemIds: z.array(z.number().int()).min(1),
      every: z.enum(['week', 'month']),
      interestCents: cents.default(0),
      installments: z
        .array(z.object({ date: isoDate, amountCents: cents.refine((c) => c > 0, 'must be positive') }))
        .min(1),
    }),
    output: z.object({ id: z.number().int() }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'disputes.add': method({
    input: z.object({
      code,
      itemIds: z.array(z.number().int()).min(1),
      reason: disputeReason,
      note: z.string().max(4000).optional(),
    }),
    output: z.object({ ids: z.array(z.number().int()) }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'disputes.resolve': method({
    input: z.object({
      id: z.number().int(),
      outcome: z.enum(['in_favour', 'rejected', 'partial']),
      note: z.string().max(4000).optional(),
    }),
    output: z.object({ id: z.number().int(), status: z.string() }),
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'orderBlock.set': method({
    input: z.object({ code, blocked: z.boolean(), reason: z.string().trim().min(3).max(500) }),
    output: z.object({ code: z.string(), blocked: z.boolean() }),
    roles: ['manager'],
    mutation: true,
  }),
  'orderBlock.list': method({
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        vat: z.string().nullable(),
        reason: z.string().nullable(),
        since: z.string().nullable(),
        salesperson: z.string().nullable(),
      }),
    ),
    roles: ANY_ROLE,
    mutation: false,
  }),
};
