/**
 * Contract of the notifications (issue 21): the salespeople (recipients who need not be users),
 * the manager's configuration, the deterioration alerts (listed, acknowledged), the preview of
 * what the digests would say (`notify preview`) and the send (`notify send`, a job: SMTP is slow).
 * GDPR minimisation: only managers see every recipient's digest.
 */
import { z } from 'zod';
import { ALERT_KINDS, NOTIFY_ROLES, notifyConfigSchema } from '../../domain/notify.ts';
import { LANGUAGES } from '../../domain/vocabulary.ts';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

const language = z.enum(LANGUAGES);
const name = z.string().trim().min(1).max(200);

export const salespersonSchema = z.object({
  name: z.string(),
  email: z.string().nullable(),
  language,
  /** Customers whose `salesperson` field names them. */
  customers: z.number().int(),
});

export const alertSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ALERT_KINDS),
  customerCode: z.string(),
  customerName: z.string(),
  date: isoDate,
  /** The reason in English (the CLI's words); the app words it from `params`. */
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  urgent: z.boolean(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertSchema>;

export const digestCustomerSchema = z.object({
  code: z.string(),
  name: z.string(),
  overdueCents: cents,
  /** The case's last dunning step (null: no case or no step yet). */
  step: z.string().nullable(),
  /** The next open task and its date, e.g. "Telefonata (2026-12-09)". */
  nextAction: z.string().nullable(),
  /** What is asked of the recipient, in the recipient's language. */
  asked: z.array(z.string()),
});

/** Key order is the order `notify preview --json` prints (CLI.md). */
export const digestPreviewSchema = z.object({
  to: z.string(),
  role: z.enum(NOTIFY_ROLES),
  email: z.string().nullable(),
  language,
  customers: z.array(digestCustomerSchema),
  alerts: z.array(
    z.object({
      kind: z.enum(ALERT_KINDS),
      customerCode: z.string(),
      reason: z.string(),
      urgent: z.boolean(),
    }),
  ),
  /** Nothing new since this recipient's last digest: it would not be sent. */
  nothingNew: z.boolean(),
  /** The e-mail's text as it would go out. */
  subject: z.string(),
  text: z.string(),
});
export type DigestPreview = z.infer<typeof digestPreviewSchema>;

const sentSchema = z.object({
  to: z.string(),
  role: z.enum(NOTIFY_ROLES),
  email: z.string(),
  kind: z.enum(['digest', 'urgent']),
  customers: z.number().int(),
  alerts: z.number().int(),
  messageId: z.string(),
  attempts: z.number().int(),
});
export const notifySendResultSchema = z.object({
  today: isoDate,
  /** Alerts the run raised before sending. */
  newAlerts: z.number().int(),
  sent: z.array(sentSchema),
  failed: z.array(sentSchema.omit({ messageId: true }).extend({ error: z.string() })),
  skipped: z.array(
    z.object({
      to: z.string(),
      role: z.enum(NOTIFY_ROLES),
      reason: z.enum(['nothingNew', 'noEmail', 'alreadySentToday', 'notYetTime', 'digestsOff']),
    }),
  ),
});
export type NotifySendResult = z.infer<typeof notifySendResultSchema>;

export const notifyMessageSchema = z.object({
  id: z.number().int(),
  date: isoDate,
  kind: z.enum(['digest', 'urgent']),
  to: z.string(),
  role: z.enum(NOTIFY_ROLES),
  email: z.string(),
  status: z.enum(['sent', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  customers: z.number().int(),
});

export const notifyContract = {
  'salespeople.list': method({
    input: z.object({}).strict(),
    output: z.array(salespersonSchema),
    roles: ['manager'],
    mutation: false,
  }),
  'salespeople.set': method({
    input: z.object({
      name,
      email: z.string().trim().email().max(254).nullable(),
      language: language.default('it'),
    }),
    output: salespersonSchema,
    roles: ['manager'],
    mutation: true,
  }),
  'notify.config.get': method({
    input: z.object({}).strict(),
    output: notifyConfigSchema.extend({
      minOverdueCents: cents,
      time: z.string(),
      /** Collectors and managers who could receive a digest. */
      users: z.array(
        z.object({
          userId: z.number().int(),
          name: z.string(),
          role: z.enum(['clerk', 'manager']),
          email: z.string(),
          language,
        }),
      ),
    }),
    roles: ['manager'],
    mutation: false,
  }),
  'notify.config.set': method({
    input: notifyConfigSchema.partial().extend({
      minOverdueCents: z.number().int().min(0).max(1_000_000_000).optional(),
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM')
        .optional(),
    }),
    output: z.object({ saved: z.boolean() }),
    roles: ['manager'],
    mutation: true,
  }),
  'notify.alerts.list': method({
    input: z.object({
      /** Only those not yet acknowledged. */
      open: z.boolean().default(true),
      limit: z.number().int().min(1).max(10_000).default(500),
    }),
    output: z.array(alertSchema),
    roles: ANY_ROLE,
    mutation: false,
  }),
  'notify.alerts.acknowledge': method({
    input: z.object({ id: z.number().int().positive() }),
    output: alertSchema,
    roles: ['clerk', 'manager'],
    mutation: true,
  }),
  'notify.preview': method({
    input: z.object({ to: name.optional() }),
    output: z.array(digestPreviewSchema),
    roles: ['manager'],
    mutation: false,
  }),
  'notify.send': method({
    input: z.object({
      to: name.optional(),
      /** Digests now, whatever the time of day (the CLI's `notify send`); false: only once it is time. */
      now: z.boolean().default(true),
    }),
    output: notifySendResultSchema,
    roles: ['manager'],
    mutation: true,
    job: true,
  }),
  'notify.messages': method({
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(notifyMessageSchema),
    roles: ['manager'],
    mutation: false,
  }),
} as const;
