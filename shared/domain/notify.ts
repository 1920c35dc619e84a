/**
 * Notifications (issue 21): the alert kinds, the manager's configuration (which alerts, their
 * thresholds, urgent or digest, the users' addresses) and its defaults. Pure: no I/O.
 */
import { z } from 'zod';
import { LANGUAGES } from './vocabulary.ts';

export const ALERT_KINDS = [
  'ratingDrop',
  'overLimit',
  'promiseBroken',
  'planBroken',
  'returnedBill',
  'legalInvoice',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const NOTIFY_ROLES = ['salesperson', 'collector', 'manager'] as const;
export type NotifyRole = (typeof NOTIFY_ROLES)[number];

/** Who gets the manager's digest: managers, and the admin (in a small office, the same person). */
export const MANAGER_ROLES = ['manager', 'admin'];

const language = z.enum(LANGUAGES);

const alertRule = z.object({
  enabled: z.boolean(),
  /** Sent at once after the run, besides the digest. */
  urgent: z.boolean(),
  /**
   * The kind's threshold: ratingDrop — classes fallen (≥ 1); overLimit — percent above the
   * limit (0: any excess); returnedBill — cents (0: any); the others ignore it.
   */
  threshold: z.number().int().min(0).max(100_000_000),
});
export type AlertRule = z.infer<typeof alertRule>;

export const notifyConfigSchema = z.object({
  /** Digests on or off (alerts are still listed in the app). */
  digests: z.boolean(),
  alerts: z.object({
    ratingDrop: alertRule,
    overLimit: alertRule,
    promiseBroken: alertRule,
    planBroken: alertRule,
    returnedBill: alertRule,
    legalInvoice: alertRule,
  }),
  /** Collectors and managers are users: their addresses and language for the digests. */
  users: z
    .array(
      z.object({
        userId: z.number().int().positive(),
        email: z.string().trim().email().max(254).or(z.literal('')),
        language,
      }),
    )
    .max(1000),
});
export type NotifyConfig = z.infer<typeof notifyConfigSchema>;

export const NOTIFY_DEFAULTS: NotifyConfig = {
  digests: true,
  alerts: {
    ratingDrop: { enabled: true, urgent: false, threshold: 1 },
    overLimit: { enabled: true, urgent: false, threshold: 0 },
    promiseBroken: { enabled: true, urgent: false, threshold: 0 },
    planBroken: { enabled: true, urgent: false, threshold: 0 },
    returnedBill: { enabled: true, urgent: true, threshold: 0 },
    legalInvoice: { enabled: true, urgent: true, threshold: 0 },
  },
  users: [],
};

/** Rating classes from best to worst: a fall is a larger index. */
export const CLASS_ORDER = ['A', 'B', 'C', 'D', 'E'] as const;

export function classDrop(from: string, to: string): number {
  const a = CLASS_ORDER.indexOf(from as (typeof CLASS_ORDER)[number]);
  const b = CLASS_ORDER.indexOf(to as (typeof CLASS_ORDER)[number]);
  return a < 0 || b < 0 ? 0 : b - a;
}

/** "07:30" → minutes after midnight; anything else → the default 07:00. */
export function timeOfDayMinutes(hhmm: string): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : 7 * 60;
}
