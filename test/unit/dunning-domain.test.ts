import { describe, expect, it } from 'vitest';
import { type DunnedItem, parseItemIds, reminderItems } from '../../shared/domain/dunning/items.ts';
import { DEFAULT_POLICIES, policyForBand, policySetSchema } from '../../shared/domain/dunning/policy.ts';
import { taskPriority } from '../../shared/domain/dunning/priority.ts';
import { endOfMonth, nextStep, stepDueOn } from '../../shared/domain/dunning/schedule.ts';

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
  it('a step counted from the previous reminder falls due its days after that reminder was done', () => {
    const policy = {
      ...standard,
      minGapDays: 3,
      steps: [
        { name: 'Primo', offsetDays: 7, channel: 'email' as const, template: 'reminder1' },
        {
          name: 'Secondo',
          offsetDays: 10,
          channel: 'letter' as const,
          template: 'reminder2',
          timing: 'previous' as const,
        },
      ],
    };
    // Due date + 10 would be 2026-09-11; the first reminder was done on 2026-10-20: due 2026-10-30.
    expect(
      nextStep(policy, '2026-09-01', { lastStepIndex: 0, lastStepClosedOn: '2026-10-20' }, '2026-10-29'),
    ).toEqual({ kind: 'waiting', stepIndex: 1, dueOn: '2026-10-30' });
    expect(
      nextStep(policy, '2026-09-01', { lastStepIndex: 0, lastStepClosedOn: '2026-10-20' }, '2026-10-30').kind,
    ).toBe('due');
    // Still blocked while the previous reminder is open; the first step counts from the due date.
    expect(
      nextStep(policy, '2026-09-01', { lastStepIndex: 0, lastStepClosedOn: null }, '2026-12-01').kind,
    ).toBe('blocked');
    expect(stepDueOn({ offsetDays: 10, timing: 'previous' }, '2026-09-01', null)).toBe('2026-09-11');
    // The policy's gap between steps still holds when it is longer than the step's days.
    expect(
      nextStep(
        { ...policy, minGapDays: 15 },
        '2026-09-01',
        { lastStepIndex: 0, lastStepClosedOn: '2026-10-20' },
        '2026-10-30',
      ),
    ).toEqual({ kind: 'waiting', stepIndex: 1, dueOn: '2026-11-04' });
  });
  it('a step at the end of the month falls due on the last day of the month its days reach', () => {
    const policy = {
      ...standard,
      minGapDays: 0,
      steps: [
        {
          name: 'Primo',
          offsetDays: 20,
          channel: 'email' as const,
          template: 'reminder1',
          timing: 'monthEnd' as const,
        },
      ],
    };
    // 2026-01-15 + 20 = 2026-02-04: due 2026-02-28.
    expect(nextStep(policy, '2026-01-15', none, '2026-02-04')).toEqual({
      kind: 'waiting',
      stepIndex: 0,
      dueOn: '2026-02-28',
    });
    expect(nextStep(policy, '2026-01-15', none, '2026-02-28').kind).toBe('due');
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(endOfMonth('2026-12-31')).toBe('2026-12-31');
    expect(endOfMonth('2026-04-01')).toBe('2026-04-30');
  });
  it('refuses an unknown timing; a step counted from the previous reminder may have fewer days than the one before', () => {
    const set = structuredClone(DEFAULT_POLICIES);
    set.policies[0]!.steps[1] = { ...set.policies[0]!.steps[1]!, offsetDays: 5, timing: 'previous' };
    expect(policySetSchema.safeParse(set).success).toBe(true);
    set.policies[0]!.steps[1] = { ...set.policies[0]!.steps[1]!, timing: undefined };
    expect(policySetSchema.safeParse(set).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'policies.0.steps.1.offsetDays',
    ]);
    const bad = structuredClone(DEFAULT_POLICIES) as unknown as {
      policies: { steps: { timing?: string }[] }[];
    };
    bad.policies[0]!.steps[0]!.timing = 'weekly';
    expect(policySetSchema.safeParse(bad).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'policies.0.steps.0.timing',
    ]);
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

describe('the items a reminder is about', () => {
  const today = '2026-06-15';
  const item = (id: number, over: Partial<DunnedItem> = {}): DunnedItem => ({
    id,
    dueDate: '2026-05-01',
    residualCents: 50_000,
    disputed: false,
    reminders: 0,
    ...over,
  });
  const items = [
    item(1, { reminders: 2 }),
    item(2, { reminders: 1 }),
    item(3), // new: never reminded
    item(4, { residualCents: 900 }), // under the per-item minimum
    item(5, { disputed: true, reminders: 1 }),
    item(6, { dueDate: '2026-07-01' }), // not yet due
    item(7, { residualCents: -20_000 }), // a credit note
  ];
  const ids = (scope: Partial<Parameters<typeof reminderItems>[1]>) =>
    reminderItems(items, { today, level: 1, minItemCents: 0, itemIds: null, ...scope }).map((i) => i.id);

  it('a first reminder is about every chased item; items under the per-item minimum are not chased', () => {
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ minItemCents: 1_000 })).toEqual([1, 2, 3]);
  });
  it('a second reminder or a formal notice leaves out the invoices never reminded', () => {
    expect(ids({ level: 3, minItemCents: 1_000 })).toEqual([1, 2]);
    expect(ids({ level: 2 })).toEqual([1, 2]);
  });
  it('when nothing was reminded yet, a higher letter is about all the chased items', () => {
    const fresh = items.map((i) => ({ ...i, reminders: 0 }));
    expect(
      reminderItems(fresh, { today, level: 3, minItemCents: 0, itemIds: null }).map((i) => i.id),
    ).toEqual([1, 2, 3, 4]);
  });
  it("a new invoices' first reminder is about those invoices only, while they are still chased", () => {
    expect(ids({ itemIds: [3, 4, 6] })).toEqual([3, 4]);
    expect(ids({ itemIds: parseItemIds('[3,4]'), minItemCents: 1_000 })).toEqual([3]);
    expect(parseItemIds(null)).toBeNull();
  });
});
