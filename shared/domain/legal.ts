/**
 * The legal phase ("fase legale"): phases of a dossier handed to a lawyer or an agency, the
 * convenience evaluation that says whether going on is worth it, and the prescription date.
 * Pure: amounts, phase, class and defaults come in; nothing reads a clock.
 *
 * Evaluation (README "Internal rating and the legal phase"):
 *   claim            = residual + late-payment interest + flat compensation
 *   furtherCosts     = the expected cost of the next phase (default per phase, or the dossier's own)
 *   probability      = chance of recovering the claim (default per phase × rating class, or the dossier's own)
 *   expectedNet      = claim × probability − furtherCosts
 *   breakEven        = furtherCosts / claim: the probability at which going on pays for itself
 *   worthContinuing  = expectedNet > 0
 * Costs already spent are shown but never count in the decision: they are spent either way.
 *
 * Prescription (REFERENCE.md §2, art. 2946/2943/2945 c.c.): 10 years from the later of the due
 * date and the last interruptive act (a written demand delivered, an acknowledgment, a judicial
 * act); the term ends on the same day of the tenth year (art. 2963: the last day of the month
 * when that day does not exist).
 */
import { z } from 'zod';
import { addDays, type IsoDate } from './dates.ts';
import { formatCents } from './money.ts';
import { RATING_CLASSES, type RatingClass } from './rating.ts';
import type { Language } from './vocabulary.ts';

/** The phases of a dossier still open, in their order. */
export const OPEN_PHASES = [
  'formal_notice_sent',
  'entrusted',
  'injunction_requested',
  'injunction_issued',
  'enforcement',
  'insolvency_claim',
] as const;
export const LEGAL_PHASES = [
  ...OPEN_PHASES,
  'closed_recovered',
  'closed_settled',
  'closed_uncollectable',
] as const;
export type LegalPhase = (typeof LEGAL_PHASES)[number];
export type OpenPhase = (typeof OPEN_PHASES)[number];

export function isClosedPhase(phase: LegalPhase): boolean {
  return phase.startsWith('closed_');
}

/**
 * Phases whose event is itself an interruptive act: a lawyer's formal notice, the judicial
 * claim and what follows it. (A judicial claim even suspends prescription until the judgment is
 * final, art. 2945 c.2; counting it as a mere interruption gives an earlier date — the safe side.)
 */
export const INTERRUPTIVE_PHASES: ReadonlySet<LegalPhase> = new Set([
  'formal_notice_sent',
  'injunction_requested',
  'injunction_issued',
  'enforcement',
  'insolvency_claim',
]);

/** What going on from each phase means: the step the further costs pay for. */
export const NEXT_STEP: Record<OpenPhase, { it: string; en: string }> = {
  formal_notice_sent: { it: "l'affidamento al legale", en: 'entrusting a lawyer' },
  entrusted: { it: 'il ricorso per decreto ingiuntivo', en: 'requesting an injunction' },
  injunction_requested: { it: 'la notifica del decreto', en: 'serving the injunction' },
  injunction_issued: {
    it: "l'esecuzione (precetto e pignoramento)",
    en: 'enforcement (precetto, pignoramento)',
  },
  enforcement: { it: "il seguito dell'esecuzione", en: 'continuing enforcement' },
  insolvency_claim: { it: "l'insinuazione al passivo", en: 'pursuing the insolvency claim' },
};

export const HANDLERS = ['lawyer', 'agency'] as const;
export type LegalHandler = (typeof HANDLERS)[number];
export const COST_KINDS = ['lawyer', 'court_fees', 'notification', 'agency_commission', 'other'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** What a user records in a dossier by hand (phases, the opening and exports by their own methods). */
export const MANUAL_EVENT_KINDS = [
  'note',
  'document',
  'notice_delivered',
  'acknowledgment',
  'judicial_act',
  'hearing',
] as const;
/** What a dossier's events record: its opening, phases, what a user recorded and its exports. */
export const LEGAL_EVENT_KINDS = ['opened', 'phase', ...MANUAL_EVENT_KINDS, 'export'] as const;
export type LegalEventKind = (typeof LEGAL_EVENT_KINDS)[number];

const percentSchema = z.number().min(0).max(100);
const centsSchema = z.number().int().min(0).max(100_000_000_00);

export const legalConfigSchema = z.object({
  /** Expected cost of the step after each open phase, in cents. */
  furtherCostsCents: z.object(
    Object.fromEntries(OPEN_PHASES.map((p) => [p, centsSchema])) as Record<OpenPhase, typeof centsSchema>,
  ),
  /** Chance (percent) of recovering the claim from each open phase, by rating class. */
  probabilityPercent: z.object(
    Object.fromEntries(
      OPEN_PHASES.map((p) => [
        p,
        z.object(
          Object.fromEntries(RATING_CLASSES.map((c) => [c, percentSchema])) as Record<
            RatingClass,
            typeof percentSchema
          >,
        ),
      ]),
    ) as Record<OpenPhase, z.ZodObject<Record<RatingClass, typeof percentSchema>>>,
  ),
  prescription: z.object({
    years: z.number().int().min(1).max(20),
    /** The run creates a warning task this many days before the prescription date. */
    warningDays: z.number().int().min(1).max(730),
  }),
});
export type LegalConfig = z.infer<typeof legalConfigSchema>;

/**
 * Starting points, to be tuned with the office's own results. Costs are typical Italian figures
 * for a claim of a few thousand euros (fees, contributo unificato, notification); probabilities
 * fall with each phase (a debtor who ignored an injunction pays less often) and with the class.
 */
export const LEGAL_DEFAULTS: LegalConfig = {
  furtherCostsCents: {
    formal_notice_sent: 30_000,
    entrusted: 120_000,
    injunction_requested: 15_000,
    injunction_issued: 100_000,
    enforcement: 80_000,
    insolvency_claim: 40_000,
  },
  probabilityPercent: {
    formal_notice_sent: { A: 85, B: 75, C: 60, D: 45, E: 30 },
    entrusted: { A: 80, B: 70, C: 55, D: 40, E: 25 },
    injunction_requested: { A: 75, B: 65, C: 50, D: 35, E: 20 },
    injunction_issued: { A: 70, B: 60, C: 45, D: 30, E: 15 },
    enforcement: { A: 60, B: 50, C: 35, D: 25, E: 10 },
    insolvency_claim: { A: 25, B: 20, C: 15, D: 10, E: 5 },
  },
  prescription: { years: 10, warningDays: 90 },
};

/** A manager's change to some of the defaults; the rest stays shipped. */
export const legalConfigPatchSchema = z
  .object({
    furtherCostsCents: z.partialRecord(z.enum(OPEN_PHASES), z.number()),
    probabilityPercent: z.partialRecord(
      z.enum(OPEN_PHASES),
      z.partialRecord(z.enum(RATING_CLASSES), z.number()),
    ),
    prescription: z.object({ years: z.number(), warningDays: z.number() }).partial(),
  })
  .partial()
  .strict();
export type LegalConfigPatch = z.infer<typeof legalConfigPatchSchema>;

export function mergeLegalConfig(patch: LegalConfigPatch | null | undefined): LegalConfig {
  const p = patch ?? {};
  const d = LEGAL_DEFAULTS;
  return legalConfigSchema.parse({
    furtherCostsCents: { ...d.furtherCostsCents, ...p.furtherCostsCents },
    probabilityPercent: Object.fromEntries(
      OPEN_PHASES.map((ph) => [ph, { ...d.probabilityPercent[ph], ...p.probabilityPercent?.[ph] }]),
    ),
    prescription: { ...d.prescription, ...p.prescription },
  });
}

export interface EvaluationInput {
  phase: LegalPhase;
  residualCents: number;
  interestCents: number;
  compensationCents: number;
  /** Dunning fees charged to the case (shared/domain/claim.ts); absent = none. */
  feesCents?: number;
  costsCents: number;
  recoveredCents: number;
  ratingClass: RatingClass;
  config: LegalConfig;
  /** The dossier's own figures, when the manager knows better than the defaults. */
  probabilityPercent?: number | null;
  furtherCostsCents?: number | null;
  language?: ReasonLanguage;
}

export type ReasonCode = 'closed' | 'nothing_to_claim' | 'worth' | 'not_worth';

export interface Evaluation {
  phase: LegalPhase;
  claimCents: number;
  residualCents: number;
  interestCents: number;
  compensationCents: number;
  feesCents: number;
  costsCents: number;
  recoveredCents: number;
  furtherCostsCents: number;
  /** 0..1 */
  probability: number;
  probabilitySource: 'default' | 'dossier';
  expectedNetCents: number;
  /** 0..1 or more (> 1: not even a certain recovery would pay for the next step); null without a claim. */
  breakEvenProbability: number | null;
  worthContinuing: boolean;
  reasonCode: ReasonCode;
  reason: string;
}

export type ReasonLanguage = Language;

/** 0.114 -> `11.4 %` / `11,4 %`. */
const pct = (p: number, language: ReasonLanguage) => {
  const text = String(Math.round(p * 1000) / 10);
  return `${language === 'it' ? text.replace('.', ',') : text} %`;
};

function reasonText(e: Omit<Evaluation, 'reason'>, language: ReasonLanguage): string {
  const m = (c: number) => formatCents(c, language === 'it' ? 'it-IT' : 'en-GB');
  const it = language === 'it';
  if (e.reasonCode === 'closed') return it ? 'La pratica legale è chiusa.' : 'The dossier is closed.';
  if (e.reasonCode === 'nothing_to_claim')
    return it
      ? 'Non resta nulla da recuperare: il credito risulta saldato.'
      : 'Nothing is left to claim: the debt is settled.';
  const next = NEXT_STEP[e.phase as OpenPhase][language];
  const expected = `${pct(e.probability, language)} ${it ? 'di' : 'of'} ${m(e.claimCents)} = ${m(Math.round(e.claimCents * e.probability))}`;
  const breakEven = pct(e.breakEvenProbability ?? 0, language);
  const sunk =
    e.costsCents > 0
      ? it
        ? ` Le spese già sostenute (${m(e.costsCents)}) non contano: sono spese comunque.`
        : ` Costs already spent (${m(e.costsCents)}) do not count: they are spent either way.`
      : '';
  if (e.reasonCode === 'worth')
    return it
      ? `Conviene proseguire con ${next}: il recupero atteso (${expected}) supera le spese previste di ${m(e.furtherCostsCents)}, con un netto atteso di ${m(e.expectedNetCents)}. Conviene finché la probabilità di recupero resta sopra ${breakEven}.${sunk}`
      : `Continuing (${next}) is worth it: the expected recovery (${expected}) exceeds the expected costs of ${m(e.furtherCostsCents)}, for an expected net of ${m(e.expectedNetCents)}. It stays worth it while the recovery probability is above ${breakEven}.${sunk}`;
  return it
    ? `Non conviene proseguire con ${next}: le spese previste (${m(e.furtherCostsCents)}) superano il recupero atteso (${expected}). Servirebbe una probabilità di recupero di almeno ${breakEven}.${sunk}`
    : `Continuing (${next}) is not worth it: the expected costs (${m(e.furtherCostsCents)}) exceed the expected recovery (${expected}). It would need a recovery probability of at least ${breakEven}.${sunk}`;
}

export function evaluateDossier(input: EvaluationInput): Evaluation {
  const feesCents = input.feesCents ?? 0;
  const claimCents =
    Math.max(0, input.residualCents) + input.interestCents + input.compensationCents + feesCents;
  const closed = isClosedPhase(input.phase);
  const open = closed ? null : (input.phase as OpenPhase);
  const furtherCostsCents = open ? (input.furtherCostsCents ?? input.config.furtherCostsCents[open]) : 0;
  const ownProbability = input.probabilityPercent ?? null;
  const probabilityPercent = open
    ? (ownProbability ?? input.config.probabilityPercent[open][input.ratingClass])
    : 0;
  const probability = probabilityPercent / 100;
  const expectedNetCents = Math.round(claimCents * probability) - furtherCostsCents;
  const breakEvenProbability =
    claimCents > 0 ? Math.round((furtherCostsCents / claimCents) * 10_000) / 10_000 : null;
  const reasonCode: ReasonCode = closed
    ? 'closed'
    : claimCents <= 0
      ? 'nothing_to_claim'
      : expectedNetCents > 0
        ? 'worth'
        : 'not_worth';
  const e: Omit<Evaluation, 'reason'> = {
    phase: input.phase,
    claimCents,
    residualCents: Math.max(0, input.residualCents),
    interestCents: input.interestCents,
    compensationCents: input.compensationCents,
    feesCents,
    costsCents: input.costsCents,
    recoveredCents: input.recoveredCents,
    furtherCostsCents,
    probability,
    probabilitySource: open && ownProbability !== null ? 'dossier' : 'default',
    expectedNetCents,
    breakEvenProbability,
    worthContinuing: reasonCode === 'worth',
    reasonCode,
  };
  return { ...e, reason: reasonText(e, input.language ?? 'it') };
}

// Prescription ---------------------------------------------------------------------------------

/** The same day `years` later; 29 February becomes 28 February (art. 2963 c.c.). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface Prescription {
  /** The last day to serve an interruptive act; null when nothing is owed. */
  date: IsoDate | null;
  /** What the term runs from: the oldest unpaid due date or the last interruptive act. */
  from: IsoDate | null;
  basis: 'due_date' | 'interruptive_act' | null;
  /** The day the run warns (date − warningDays). */
  warningOn: IsoDate | null;
}

/**
 * The earliest prescription among the unpaid items: each runs from the later of its due date
 * and the last interruptive act, so the first to expire is the oldest due date's.
 */
export function prescriptionOf(
  oldestUnpaidDue: IsoDate | null,
  lastInterruptiveAct: IsoDate | null,
  rules: LegalConfig['prescription'],
): Prescription {
  if (!oldestUnpaidDue) return { date: null, from: null, basis: null, warningOn: null };
  const byAct = lastInterruptiveAct !== null && lastInterruptiveAct > oldestUnpaidDue;
  const from = byAct ? (lastInterruptiveAct as IsoDate) : oldestUnpaidDue;
  const date = addYears(from, rules.years);
  return {
    date,
    from,
    basis: byAct ? 'interruptive_act' : 'due_date',
    warningOn: addDays(date, -rules.warningDays),
  };
}
