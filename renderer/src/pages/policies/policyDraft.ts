/**
 * The policy set being edited: numbers may be empty while typed, amounts are in euros, every
 * policy and step has a stable key for React. `toSet` gives back the JSON form the contract
 * validates (shared/domain/dunning/policy.ts), `check` runs the same schema in the page so a
 * mistake shows next to its field before anything is sent.
 */
import type { TFunction } from 'i18next';
import {
  BANDS,
  type Band,
  CHANNELS,
  type Channel,
  type PolicySet,
  policySetSchema,
  STEP_TIMINGS,
  type StepTiming,
} from '../../../../shared/domain/dunning/policy.ts';

export type Escalation = 'legal' | 'agency';

export interface StepDraft {
  uid: string;
  name: string;
  offsetDays: number | string;
  /** What the days count from: the due date, the previous reminder, or to the end of that month. */
  timing: StepTiming;
  channel: Channel;
  template: string;
  blockOrders: boolean;
  escalate: Escalation | null;
  /** Dunning fee in euros charged when the step's reminder is sent ('' or 0: none). */
  feeEuros: number | string;
}

export interface PolicyDraft {
  uid: string;
  name: string;
  isDefault: boolean;
  bands: Band[];
  minOverdueEuros: number | string;
  /** Items under this residual (euros) are not chased ('' or 0: no per-item minimum). */
  minItemEuros: number | string;
  minGapDays: number | string;
  steps: StepDraft[];
  claimInterest: boolean;
  claimCompensation: boolean;
}

/** The channels whose step sends something and so needs a template. */
export const MAIL_CHANNELS: readonly Channel[] = ['email', 'letter', 'pec'];

let counter = 0;
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

function numberOrUndefined(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The JSON form (what policies.save takes); empty numbers stay missing so the schema names them. */
export function toSet(draft: readonly PolicyDraft[]): unknown {
  return {
    policies: draft.map((p) => {
      const euros = numberOrUndefined(p.minOverdueEuros);
      return {
        name: p.name,
        ...(p.isDefault ? { default: true } : {}),
        bands: BANDS.filter((b) => p.bands.includes(b)),
        minOverdueCents: euros === undefined ? undefined : Math.round(euros * 100),
        ...minItemOf(p.minItemEuros),
        minGapDays: numberOrUndefined(p.minGapDays),
        steps: p.steps.map((s) => ({
          name: s.name,
          offsetDays: numberOrUndefined(s.offsetDays),
          ...(s.timing !== 'due' ? { timing: s.timing } : {}),
          channel: s.channel,
          ...(MAIL_CHANNELS.includes(s.channel) && s.template ? { template: s.template } : {}),
          ...(s.blockOrders ? { blockOrders: true } : {}),
          ...(s.escalate ? { escalate: s.escalate } : {}),
          ...feeOf(s.feeEuros),
        })),
        ...(p.claimInterest ? {} : { claimInterest: false }),
        ...(p.claimCompensation ? {} : { claimCompensation: false }),
      };
    }),
  };
}

export function fromSet(set: PolicySet): PolicyDraft[] {
  return set.policies.map((p) => ({
    uid: uid('p'),
    name: p.name,
    isDefault: p.default === true,
    bands: [...p.bands],
    minOverdueEuros: p.minOverdueCents / 100,
    minItemEuros: p.minItemCents ? p.minItemCents / 100 : '',
    minGapDays: p.minGapDays,
    claimInterest: p.claimInterest ?? true,
    claimCompensation: p.claimCompensation ?? true,
    steps: p.steps.map((s) => ({
      uid: uid('s'),
      name: s.name,
      offsetDays: s.offsetDays,
      timing: s.timing ?? 'due',
      channel: s.channel,
      template: s.template ?? '',
      blockOrders: s.blockOrders === true,
      escalate: s.escalate ?? null,
      feeEuros: s.feeCents ? s.feeCents / 100 : '',
    })),
  }));
}

/** The per-item minimum in cents when one is set (euros typed in the editor). */
function minItemOf(euros: number | string): { minItemCents?: number } {
  const n = numberOrUndefined(euros);
  return n === undefined || n === 0 ? {} : { minItemCents: Math.round(n * 100) };
}

/** A step's fee in cents when one is set (euros typed in the editor). */
function feeOf(euros: number | string): { feeCents?: number } {
  const n = numberOrUndefined(euros);
  return n === undefined || n === 0 ? {} : { feeCents: Math.round(n * 100) };
}

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | string => (typeof v === 'number' ? v : '');

/**
 * A loose reading of an imported file that failed validation, so its mistakes can be shown in the
 * editor and fixed there. Null when it does not even look like a policy set.
 */
export function fromUnknown(value: unknown): PolicyDraft[] | null {
  const policies = rec(value).policies;
  if (!Array.isArray(policies)) return null;
  return policies.map((raw) => {
    const p = rec(raw);
    const cents = p.minOverdueCents;
    const rawBands: unknown[] = Array.isArray(p.bands) ? p.bands : [];
    return {
      uid: uid('p'),
      name: str(p.name),
      isDefault: p.default === true,
      bands: BANDS.filter((b) => rawBands.includes(b)),
      minOverdueEuros: typeof cents === 'number' ? cents / 100 : '',
      minItemEuros: typeof p.minItemCents === 'number' ? p.minItemCents / 100 : '',
      minGapDays: num(p.minGapDays),
      claimInterest: p.claimInterest !== false,
      claimCompensation: p.claimCompensation !== false,
      steps: (Array.isArray(p.steps) ? p.steps : []).map((rawStep) => {
        const s = rec(rawStep);
        const channel = CHANNELS.find((c) => c === s.channel) ?? 'email';
        const escalate = s.escalate === 'legal' || s.escalate === 'agency' ? s.escalate : null;
        return {
          uid: uid('s'),
          name: str(s.name),
          offsetDays: num(s.offsetDays),
          timing: STEP_TIMINGS.find((x) => x === s.timing) ?? 'due',
          channel,
          template: str(s.template),
          blockOrders: s.blockOrders === true,
          escalate,
          feeEuros: typeof s.feeCents === 'number' ? s.feeCents / 100 : '',
        };
      }),
    };
  });
}

export function newStep(after: StepDraft | undefined): StepDraft {
  const offset = after ? (numberOrUndefined(after.offsetDays) ?? 0) + 10 : 7;
  return {
    uid: uid('s'),
    name: '',
    offsetDays: offset,
    timing: 'due',
    channel: 'phone',
    template: '',
    blockOrders: false,
    escalate: null,
    feeEuros: '',
  };
}

export function newPolicy(existing: readonly PolicyDraft[]): PolicyDraft {
  const taken = new Set(existing.flatMap((p) => p.bands));
  return {
    uid: uid('p'),
    name: '',
    isDefault: false,
    bands: BANDS.filter((b) => !taken.has(b)),
    minOverdueEuros: 50,
    minItemEuros: '',
    minGapDays: 7,
    claimInterest: true,
    claimCompensation: true,
    steps: [{ ...newStep(undefined), channel: 'email', template: 'reminder1' }],
  };
}

/** A validation problem, as the schema in the page or the server reports it. */
export interface Issue {
  path: string;
  message: string;
}

export type ErrorMap = ReadonlyMap<string, string>;

/** The schema's (English) messages in the user's language; unknown ones are shown as they are. */
export function localizeIssue(
  t: TFunction,
  issue: { message: string; code?: string; origin?: string; minimum?: unknown; maximum?: unknown },
): string {
  const m = issue.message;
  let match = /band (\w) is already in "(.*)"/.exec(m);
  if (match) return t('policies.errors.bandTaken', { band: match[1] ?? '', policy: match[2] ?? '' });
  if (/in order of offset days/.test(m)) return t('policies.errors.order');
  if (/needs a template/.test(m)) return t('policies.errors.template');
  if (/duplicate policy name/.test(m)) return t('policies.errors.duplicateName');
  if (/only one policy can be the default/.test(m)) return t('policies.errors.oneDefault');
  if (issue.code === 'invalid_type') return t('policies.errors.required');
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return t('policies.errors.required');
    if (issue.origin === 'array') return t('policies.errors.atLeastOne');
    return t('policies.errors.min', { min: String(issue.minimum ?? 0) });
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return t('policies.errors.tooLong', { max: String(issue.maximum ?? '') });
    return t('policies.errors.max', { max: String(issue.maximum ?? '') });
  }
  if (issue.code === 'invalid_value') return t('policies.errors.invalidValue');
  match = /^Too small: expected number to be >=?(\d+)/.exec(m);
  if (match) return t('policies.errors.min', { min: match[1] ?? '0' });
  if (/expected array to have >=1/.test(m)) return t('policies.errors.atLeastOne');
  if (/expected string to have >=1/.test(m)) return t('policies.errors.required');
  if (/Invalid input: expected/.test(m)) return t('policies.errors.required');
  return m;
}

export interface Checked {
  /** The valid set, ready to send; null when there are problems. */
  set: PolicySet | null;
  /** Path -> message (the first problem of each field). */
  errors: Map<string, string>;
}

/** The same schema the server applies, run in the page on anything (a draft's JSON, a file). */
export function check(t: TFunction, value: unknown): Checked {
  const parsed = policySetSchema.safeParse(value);
  const errors = new Map<string, string>();
  if (parsed.success) return { set: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'policies';
    if (errors.has(path)) continue;
    const origin = 'origin' in issue && typeof issue.origin === 'string' ? issue.origin : undefined;
    errors.set(
      path,
      localizeIssue(t, {
        message: issue.message,
        code: issue.code,
        ...(origin !== undefined ? { origin } : {}),
        minimum: 'minimum' in issue ? issue.minimum : undefined,
        maximum: 'maximum' in issue ? issue.maximum : undefined,
      }),
    );
  }
  return { set: null, errors };
}

/** Issues from the server's VALIDATION error (`path`, or `column` from a service), localized. */
export function serverErrors(
  t: TFunction,
  issues: readonly { path?: string; column?: string; message: string }[],
): Map<string, string> {
  const errors = new Map<string, string>();
  for (const i of issues) {
    const path = i.path ?? i.column ?? 'policies';
    if (!errors.has(path)) errors.set(path, localizeIssue(t, { message: i.message }));
  }
  return errors;
}

/** The paths the editor shows next to a field; any other problem is listed above the policies. */
export function fieldPaths(draft: readonly PolicyDraft[]): Set<string> {
  const paths = new Set<string>();
  draft.forEach((p, i) => {
    for (const k of ['name', 'bands', 'minOverdueCents', 'minItemCents', 'minGapDays', 'steps', 'default'])
      paths.add(`policies.${i}.${k}`);
    p.steps.forEach((_s, j) => {
      for (const k of ['name', 'offsetDays', 'timing', 'channel', 'template', 'blockOrders', 'escalate'])
        paths.add(`policies.${i}.steps.${j}.${k}`);
    });
  });
  return paths;
}

export function countSteps(set: PolicySet): number {
  return set.policies.reduce((n, p) => n + p.steps.length, 0);
}
