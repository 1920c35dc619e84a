import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES, policyForBand, policySetSchema } from '../../shared/domain/dunning/policy.ts';
import { taskPriority } from '../../shared/domain/dunning/priority.ts';
import { nextStep } from '../../shared/domain/dunning/schedule.ts';

const standard = DEFAULT_POLICIES.policies[0]!;

describe('shipped policies', () => {
  it('are a valid set covering every band', () => {
    expect(policySetSchema.safeParse(DEFAULT_POLICIES).success).toBe(true);
    expect(policyForBand(DEFAULT_POLICIES.policies, 'A')?.name).toBe('Clienti chiave');
    expect(policyForBand(DEFAULT_POLICIES.policies, 'C')?.name).toBe('Standard');
    expect(policyForBand(DEFAULT_POLICIES.policies, 'E')?.name).toBe('Rischio');
  });
  it('Standard is e-mail +7, letter +25, call +35, PEC with order block +50, legal +80', () => {
    expect(standard.steps.map((s) => [s.channel, s.offsetDays])).toEqual([
      ['email', 7],
      ['letter', 25],
      ['phone', 35],
      ['pec', 50],
      ['review', 80],
    ]);
    expect(standard.steps[3]?.blockOrders).toBe(true);
    expect(standard.steps[4]?.escalate).toBe('legal');
  });
  it('refuses a band in two policies and an e-mail step without a template', () => {
    const bad = structuredClone(DEFAULT_POLICIES);
    bad.policies[1]!.bands.push('C');
    delete bad.policies[0]!.steps[0]!.template;
    const res = policySetSchema.safeParse(bad);
    expect(res.success).toBe(false);
    const paths = res.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('policies.1.bands');
    expect(paths).toContain('policies.0.steps.0.template');
  });
});

describe('step timing', () => {
  const none = { lastStepIndex: -1, lastStepClosedOn: null };
  it('step 1 falls due offset days after the oldest overdue due date', () => {
    expect(nextStep(standard, '2026-10-01', none, '2026-10-07')).toEqual({
      kind: 'waiting',
      stepIndex: 0,
      dueOn: '2026-10-08',
    });
    expect(nextStep(standard, '2026-10-01', none, '2026-10-08')).toEqual({
      kind: 'due',
      stepIndex: 0,
      dueOn: '2026-10-08',
    });
  });
  it('a later step waits for the previous one to be done, then for the minimum gap', () => {
    expect(
      nextStep(standard, '2026-09-01', { lastStepIndex: 0, lastStepClosedOn: null }, '2026-12-01').kind,
    ).toBe('blocked');
    // Offset says 2026-09-26, but step 1 was done on 2026-10-20: due 7 days later.
    expect(
      nextStep(standard, '2026-09-01', { lastStepIndex: 0, lastStepClosedOn: '2026-10-20' }, '2026-10-26'),
    ).toEqual({
      kind: 'waiting',
      stepIndex: 1,
      dueOn: '2026-10-27',
    });
    // Gap already passed: the offset decides.
    expect(
      nextStep(standard, '2026-09-01', { lastStepIndex: 0, lastStepClosedOn: '2026-09-10' }, '2026-09-26'),
    ).toEqual({
      kind: 'due',
      stepIndex: 1,
      dueOn: '2026-09-26',
    });
  });
  it('after the last step there is nothing more to do', () => {
    expect(
      nextStep(standard, '2026-01-01', { lastStepIndex: 4, lastStepClosedOn: '2026-05-01' }, '2026-12-01')
        .kind,
    ).toBe('finished');
  });
});

describe('priority', () => {
  it('explains itself and grows with amount, age and risk', () => {
    const low = taskPriority({
      overdueCents: 10_000,
      daysOverdue: 10,
      band: 'A',
      brokenPromises: 0,
      keyAccount: false,
      channel: 'email',
      escalates: false,
    });
    const high = taskPriority({
      overdueCents: 5_000_000,
      daysOverdue: 200,
      band: 'E',
      brokenPromises: 3,
      keyAccount: false,
      channel: 'pec',
      escalates: false,
    });
    expect(low.factors.reduce((s, f) => s + f.points, 0)).toBe(low.priority);
    expect(low.factors.find((f) => f.name === 'overdueAmount')?.points).toBe(14);
    expect(high.priority).toBeGreaterThan(low.priority);
    expect(high.factors.find((f) => f.name === 'daysOverdue')?.points).toBe(25);
    expect(high.factors.find((f) => f.name === 'brokenPromises')?.points).toBe(10);
    const max = taskPriority({
      overdueCents: 1e12,
      daysOverdue: 999,
      band: 'E',
      brokenPromises: 9,
      keyAccount: true,
      channel: 'review',
      escalates: true,
    });
    expect(max.priority).toBe(100);
  });
});
