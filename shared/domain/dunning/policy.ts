/**
 * Dunning policies ("politiche di sollecito"): ordered steps applied to customer bands.
 * The JSON form is what `policies export/import` exchange, so offices can version and share them.
 */
import { z } from 'zod';
import { STEP_CHANNELS } from '../vocabulary.ts';

export const BANDS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Band = (typeof BANDS)[number];
/** A step's channel: the type of the tasks it creates (shared/domain/vocabulary.ts). */
export const CHANNELS = STEP_CHANNELS;
export type Channel = (typeof CHANNELS)[number];

/**
 * When a step falls due: `due` offsetDays after the oldest overdue item's due date (absent = this);
 * `previous` offsetDays after the previous step's reminder was done (the first step: after the due
 * date); `monthEnd` on the last day of the month in which `due` would fall.
 */
export const STEP_TIMINGS = ['due', 'previous', 'monthEnd'] as const;
export type StepTiming = (typeof STEP_TIMINGS)[number];

export const stepSchema = z.object({
  name: z.string().trim().min(1).max(120),
  offsetDays: z.number().int().min(0).max(3650),
  timing: z.enum(STEP_TIMINGS).optional(),
  channel: z.enum(CHANNELS),
  template: z.string().trim().min(1).max(60).optional(),
  blockOrders: z.boolean().optional(),
  escalate: z.enum(['legal', 'agency']).optional(),
  /** A dunning fee charged to the customer when this step's reminder is sent (e.g. the registered letter). */
  feeCents: z.number().int().min(0).max(100_000_00).optional(),
});
export type Step = z.infer<typeof stepSchema>;

export const policySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    default: z.boolean().optional(),
    bands: z.array(z.enum(BANDS)),
    minOverdueCents: z.number().int().min(0),
    /** Items with a smaller residual are not chased: they trigger no step and no letter lists them. */
    minItemCents: z.number().int().min(0).optional(),
    minGapDays: z.number().int().min(0).max(365),
    /** No steps: the "no reminders" policy — its customers get no case. */
    steps: z.array(stepSchema),
    /** Formal notices claim late-payment interest (D.Lgs. 231/2002); absent = yes. */
    claimInterest: z.boolean().optional(),
    /** Formal notices claim the €40 flat compensation per invoice (art. 6); absent = yes. */
    claimCompensation: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    // Steps counted from the due date are in order; one counted from the previous reminder is
    // always later than it, whatever its days.
    let last = -1;
    for (const [i, s] of p.steps.entries()) {
      if (s.timing === 'previous') continue;
      if (s.offsetDays < last) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'offsetDays'],
          message: 'steps must be in order of offset days',
        });
      }
      last = s.offsetDays;
    }
    for (const [i, s] of p.steps.entries()) {
      if (['email', 'letter', 'pec'].includes(s.channel) && !s.template) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'template'],
          message: `a ${s.channel} step needs a template`,
        });
      }
    }
  });
export type Policy = z.infer<typeof policySchema>;

export const policySetSchema = z
  .object({ policies: z.array(policySchema).min(1) })
  .superRefine((set, ctx) => {
    const names = new Set<string>();
    const bandOwner = new Map<Band, string>();
    for (const [i, p] of set.policies.entries()) {
      if (names.has(p.name))
        ctx.addIssue({
          code: 'custom',
          path: ['policies', i, 'name'],
          message: `duplicate policy name "${p.name}"`,
        });
      names.add(p.name);
      for (const b of p.bands) {
        const owner = bandOwner.get(b);
        if (owner)
          ctx.addIssue({
            code: 'custom',
            path: ['policies', i, 'bands'],
            message: `band ${b} is already in "${owner}"`,
          });
        bandOwner.set(b, p.name);
      }
    }
    if (set.policies.filter((p) => p.default).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['policies'], message: 'only one policy can be the default' });
    }
  });
export type PolicySet = z.infer<typeof policySetSchema>;

/** The letter options of a policy, with their defaults (both claimed unless switched off). */
export function policyClaims(policy: Pick<Policy, 'claimInterest' | 'claimCompensation'> | null): {
  claimInterest: boolean;
  claimCompensation: boolean;
} {
  return {
    claimInterest: policy?.claimInterest ?? true,
    claimCompensation: policy?.claimCompensation ?? true,
  };
}

/** The policy for a band: the one listing it, else the default one, else the first. */
export function policyForBand(policies: readonly Policy[], band: Band): Policy | null {
  return (
    policies.find((p) => p.bands.includes(band)) ?? policies.find((p) => p.default) ?? policies[0] ?? null
  );
}

/** A "no reminders" policy: its customers get no case (an open one closes). */
export function isNoReminders(policy: Pick<Policy, 'steps'>): boolean {
  return policy.steps.length === 0;
}

/**
 * The policy a customer is on: its manager's override when that policy still exists, else its
 * band's. `overrideMissing` says the override names a policy no longer in the set.
 */
export function policyForCustomer(
  policies: readonly Policy[],
  band: Band,
  override: string | null,
): { policy: Policy | null; overrideMissing: boolean } {
  const chosen = override ? policies.find((p) => p.name === override) : undefined;
  if (chosen) return { policy: chosen, overrideMissing: false };
  return { policy: policyForBand(policies, band), overrideMissing: Boolean(override) };
}

/** Shipped defaults (editable). Offsets are days after the oldest overdue item's due date. */
export const DEFAULT_POLICIES: PolicySet = {
  policies: [
    {
      name: 'Standard',
      default: true,
      bands: ['B', 'C'],
      minOverdueCents: 5000,
      minGapDays: 7,
      steps: [
        { name: 'Sollecito cortese via e-mail', offsetDays: 7, channel: 'email', template: 'reminder1' },
        { name: 'Secondo sollecito per lettera', offsetDays: 25, channel: 'letter', template: 'reminder2' },
        { name: 'Telefonata', offsetDays: 35, channel: 'phone' },
        {
          name: 'Messa in mora via PEC',
          offsetDays: 50,
          channel: 'pec',
          template: 'formal_notice',
          blockOrders: true,
        },
        { name: 'Affidamento al legale', offsetDays: 80, channel: 'review', escalate: 'legal' },
      ],
    },
    {
      name: 'Clienti chiave',
      bands: ['A'],
      minOverdueCents: 20000,
      minGapDays: 10,
      steps: [
        { name: 'Telefonata di cortesia', offsetDays: 15, channel: 'phone' },
        { name: 'Sollecito cortese via e-mail', offsetDays: 30, channel: 'email', template: 'reminder1' },
        { name: 'Secondo sollecito per lettera', offsetDays: 50, channel: 'letter', template: 'reminder2' },
        { name: 'Valutazione del responsabile', offsetDays: 70, channel: 'review' },
        { name: 'Messa in mora via PEC', offsetDays: 90, channel: 'pec', template: 'formal_notice' },
      ],
    },
    {
      name: 'Rischio',
      bands: ['D', 'E'],
      minOverdueCents: 1000,
      minGapDays: 5,
      steps: [
        { name: 'Sollecito via e-mail', offsetDays: 3, channel: 'email', template: 'reminder1' },
        { name: 'Telefonata e blocco ordini', offsetDays: 10, channel: 'phone', blockOrders: true },
        { name: 'Secondo sollecito per lettera', offsetDays: 18, channel: 'letter', template: 'reminder2' },
        { name: 'Messa in mora via PEC', offsetDays: 30, channel: 'pec', template: 'formal_notice' },
        {
          name: "Affidamento all'agenzia di recupero",
          offsetDays: 55,
          channel: 'review',
          escalate: 'agency',
        },
      ],
    },
  ],
};
