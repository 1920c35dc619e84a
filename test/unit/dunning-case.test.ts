import { describe, expect, it } from 'vitest';
import { type CustomerFacts, decideCase, type OpenCase } from '../../shared/domain/dunning/case.ts';
import { DEFAULT_POLICIES } from '../../shared/domain/dunning/policy.ts';

const standard = DEFAULT_POLICIES.policies[0]!; // min 50 €, gap 7 days
const facts = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  overdueCents: 100_000,
  undisputedOverdueCents: 100_000,
  oldestOverdueDue: '2026-10-01',
  activePromise: false,
  activePlan: false,
  ...over,
});
const open = (over: Partial<OpenCase> = {}): OpenCase => ({
  status: 'open',
  openedOn: '2026-10-02',
  lastStepIndex: -1,
  lastStepClosedOn: null,
  pausedReason: null,
  ...over,
});

describe('opening a case', () => {
  it('opens when undisputed overdue reaches the minimum, and creates step 1 once it is due', () => {
    expect(decideCase(standard, facts(), null, '2026-10-05')).toEqual({
      kind: 'open',
      next: { kind: 'wait' },
    });
    const d = decideCase(standard, facts(), null, '2026-10-08');
    expect(d.kind).toBe('open');
    if (d.kind === 'open' && d.next.kind === 'step') {
      expect(d.next.stepIndex).toBe(0);
      expect(d.next.tasks).toEqual([
        { stepIndex: 0, stepName: standard.steps[0]!.name, type: 'email', template: 'reminder1' },
      ]);
    } else throw new Error('expected step 1');
  });
  it('does not open under the minimum or when everything overdue is disputed', () => {
    expect(
      decideCase(standard, facts({ overdueCents: 4999, undisputedOverdueCents: 4999 }), null, '2026-11-01')
        .kind,
    ).toBe('none');
    expect(
      decideCase(standard, facts({ undisputedOverdueCents: 0, oldestOverdueDue: null }), null, '2026-11-01')
        .kind,
    ).toBe('none');
  });
});

describe('steps', () => {
  it('the PEC step blocks orders and adds an order-block task; the last step hands over to legal', () => {
    const pec = decideCase(
      standard,
      facts(),
      open({ lastStepIndex: 2, lastStepClosedOn: '2026-11-01' }),
      '2026-11-20',
    );
    expect(pec.kind === 'step' && pec.tasks.map((t) => t.type)).toEqual(['pec', 'blockOrders']);
    expect(pec.kind === 'step' && pec.blockOrders).toBe(true);
    const legal = decideCase(
      standard,
      facts(),
      open({ lastStepIndex: 3, lastStepClosedOn: '2026-11-21' }),
      '2026-12-20',
    );
    expect(legal.kind === 'step' && legal.tasks.map((t) => t.type)).toEqual(['legal']);
    expect(legal.kind === 'step' && legal.escalate).toBe('legal');
  });
  it('waits while the previous step is still open, however late', () => {
    expect(decideCase(standard, facts(), open({ lastStepIndex: 0 }), '2027-03-01')).toEqual({ kind: 'wait' });
  });
});

describe('pauses', () => {
  it('pauses on an active promise and resumes with the next step when it is over', () => {
    expect(decideCase(standard, facts({ activePromise: true }), open(), '2026-10-20')).toEqual({
      kind: 'pause',
      reason: 'promise',
    });
    expect(
      decideCase(
        standard,
        facts({ activePromise: true }),
        open({ status: 'paused', pausedReason: 'promise' }),
        '2026-10-21',
      ),
    ).toEqual({
      kind: 'stay-paused',
      reason: 'promise',
    });
    const resumed = decideCase(
      standard,
      facts(),
      open({ status: 'paused', pausedReason: 'promise' }),
      '2026-10-22',
    );
    expect(resumed.kind).toBe('resume');
  });
  it('pauses when all overdue items are disputed, and on a plan being honoured', () => {
    expect(
      decideCase(
        standard,
        facts({ undisputedOverdueCents: 0, oldestOverdueDue: null }),
        open(),
        '2026-10-20',
      ),
    ).toEqual({
      kind: 'pause',
      reason: 'dispute',
    });
    expect(decideCase(standard, facts({ activePlan: true }), open(), '2026-10-20')).toEqual({
      kind: 'pause',
      reason: 'plan',
    });
  });
});

describe('exits', () => {
  it('closes as paid when payments bring the overdue under the minimum, with the days it took', () => {
    expect(
      decideCase(
        standard,
        facts({ overdueCents: 0, undisputedOverdueCents: 0, oldestOverdueDue: null }),
        open(),
        '2026-11-15',
      ),
    ).toEqual({
      kind: 'close',
      outcome: 'paid',
      recoveryDays: 44,
    });
    expect(
      decideCase(
        standard,
        facts({ overdueCents: 3000, undisputedOverdueCents: 3000 }),
        open({ status: 'legal' }),
        '2026-11-15',
      ).kind,
    ).toBe('close');
  });
  it('a disputed amount keeps the case open (paused), it is not a payment', () => {
    expect(decideCase(standard, facts({ undisputedOverdueCents: 0 }), open(), '2026-11-15').kind).toBe(
      'pause',
    );
  });
  it('legal cases get no more dunning steps', () => {
    expect(
      decideCase(
        standard,
        facts(),
        open({ status: 'legal', lastStepIndex: 4, lastStepClosedOn: '2026-11-01' }),
        '2027-01-01',
      ),
    ).toEqual({
      kind: 'wait',
    });
  });
});
