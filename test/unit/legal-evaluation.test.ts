import { describe, expect, it } from 'vitest';
import {
  addYears,
  type EvaluationInput,
  evaluateDossier,
  LEGAL_DEFAULTS,
  mergeLegalConfig,
  prescriptionOf,
} from '../../shared/domain/legal.ts';

const input = (over: Partial<EvaluationInput> = {}): EvaluationInput => ({
  phase: 'entrusted',
  residualCents: 1_000_000,
  interestCents: 45_000,
  compensationCents: 8_000,
  costsCents: 0,
  recoveredCents: 0,
  ratingClass: 'C',
  config: LEGAL_DEFAULTS,
  language: 'en',
  ...over,
});

describe('convenience evaluation', () => {
  it('claim = residual + interest + compensation; expected net = claim × probability − further costs', () => {
    const e = evaluateDossier(input());
    expect(e.claimCents).toBe(1_053_000);
    // entrusted → injunction: 1,200 € expected, 55 % for class C (the shipped defaults).
    expect(e.furtherCostsCents).toBe(120_000);
    expect(e.probability).toBe(0.55);
    expect(e.expectedNetCents).toBe(Math.round(1_053_000 * 0.55) - 120_000);
    expect(e.expectedNetCents).toBe(459_150);
    expect(e.breakEvenProbability).toBe(0.114);
    expect(e).toMatchObject({ worthContinuing: true, reasonCode: 'worth', probabilitySource: 'default' });
    expect(e.reason).toContain('requesting an injunction');
    expect(e.reason).toContain('11.4 %');
  });

  it('the probability depends on phase and rating class', () => {
    expect(evaluateDossier(input({ ratingClass: 'A' })).probability).toBe(0.8);
    expect(evaluateDossier(input({ ratingClass: 'E' })).probability).toBe(0.25);
    expect(evaluateDossier(input({ phase: 'enforcement', ratingClass: 'E' })).probability).toBe(0.1);
    expect(evaluateDossier(input({ phase: 'insolvency_claim' })).furtherCostsCents).toBe(40_000);
  });

  it('a small claim is not worth an injunction: it says so, and what probability it would need', () => {
    const e = evaluateDossier(input({ residualCents: 150_000, interestCents: 0, compensationCents: 4_000 }));
    expect(e.claimCents).toBe(154_000);
    expect(e.expectedNetCents).toBe(84_700 - 120_000);
    expect(e.breakEvenProbability).toBe(0.7792);
    expect(e).toMatchObject({ worthContinuing: false, reasonCode: 'not_worth' });
    expect(e.reason).toMatch(/not worth it.*at least 77\.9 %/);
  });

  it('costs already spent are shown but do not change the decision (sunk costs)', () => {
    const without = evaluateDossier(input());
    const spent = evaluateDossier(input({ costsCents: 900_000, recoveredCents: 50_000 }));
    expect(spent).toMatchObject({ costsCents: 900_000, recoveredCents: 50_000 });
    expect(spent.expectedNetCents).toBe(without.expectedNetCents);
    expect(spent.worthContinuing).toBe(without.worthContinuing);
    expect(spent.reason).toContain('spent either way');
  });

  it("the dossier's own probability and costs replace the defaults", () => {
    const e = evaluateDossier(input({ probabilityPercent: 10, furtherCostsCents: 200_000 }));
    expect(e).toMatchObject({ probability: 0.1, furtherCostsCents: 200_000, probabilitySource: 'dossier' });
    expect(e.expectedNetCents).toBe(105_300 - 200_000);
    expect(e.worthContinuing).toBe(false);
  });

  it('nothing to claim, or a closed dossier: not worth continuing, and why', () => {
    const paid = evaluateDossier(input({ residualCents: -5_000, interestCents: 0, compensationCents: 0 }));
    expect(paid).toMatchObject({ claimCents: 0, breakEvenProbability: null, reasonCode: 'nothing_to_claim' });
    expect(paid.worthContinuing).toBe(false);
    const closed = evaluateDossier(input({ phase: 'closed_settled' }));
    expect(closed).toMatchObject({
      furtherCostsCents: 0,
      probability: 0,
      reasonCode: 'closed',
      worthContinuing: false,
    });
  });

  it('speaks Italian by default', () => {
    const e = evaluateDossier({ ...input(), language: undefined });
    expect(e.reason).toMatch(/^Conviene proseguire con il ricorso per decreto ingiuntivo/);
    expect(e.reason).toContain('10.530,00');
    expect(e.reason).toContain('sopra 11,4 %');
  });

  it('editable defaults: a patch merges over the shipped ones; nonsense is refused', () => {
    const c = mergeLegalConfig({
      furtherCostsCents: { entrusted: 50_000 },
      probabilityPercent: { entrusted: { C: 90 } },
    });
    expect(c.furtherCostsCents.entrusted).toBe(50_000);
    expect(c.probabilityPercent.entrusted).toEqual({ ...LEGAL_DEFAULTS.probabilityPercent.entrusted, C: 90 });
    expect(evaluateDossier(input({ config: c })).expectedNetCents).toBe(Math.round(1_053_000 * 0.9) - 50_000);
    expect(() => mergeLegalConfig({ probabilityPercent: { entrusted: { C: 120 } } })).toThrow();
    expect(() => mergeLegalConfig({ furtherCostsCents: { entrusted: -1 } })).toThrow();
  });
});

describe('prescription', () => {
  const rules = LEGAL_DEFAULTS.prescription;

  it('runs 10 years from the oldest unpaid due date', () => {
    expect(prescriptionOf('2020-03-15', null, rules)).toEqual({
      date: '2030-03-15',
      from: '2020-03-15',
      basis: 'due_date',
      warningOn: '2029-12-15',
    });
  });

  it('restarts from the last formal notice delivered when that is later', () => {
    expect(prescriptionOf('2020-03-15', '2023-06-30', rules)).toMatchObject({
      date: '2033-06-30',
      basis: 'interruptive_act',
    });
    // A notice before the due date cannot interrupt what had not started.
    expect(prescriptionOf('2020-03-15', '2019-01-10', rules)).toMatchObject({
      date: '2030-03-15',
      basis: 'due_date',
    });
  });

  it('the warning comes 90 days before; nothing owed, no date', () => {
    expect(prescriptionOf('2016-12-01', null, rules).warningOn).toBe('2026-09-02');
    expect(prescriptionOf(null, '2024-01-01', rules)).toEqual({
      date: null,
      from: null,
      basis: null,
      warningOn: null,
    });
  });

  it('29 February ends on 28 February when the tenth year has none (art. 2963 c.c.)', () => {
    expect(addYears('2024-02-29', 10)).toBe('2034-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2021-12-31', 10)).toBe('2031-12-31');
  });
});
