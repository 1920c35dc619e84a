/**
 * The KPI formulas (shared/domain/kpi.ts) on tiny, hand-computed ledgers: periods, DSO, best
 * possible DSO, ADD, CEI, overdue ratio, recovery rate and time, amount-weighted days late and
 * days to pay, empty periods and divisions by zero, aging that adds up to the total, and
 * breakdowns whose sums are the totals.
 */
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, ageItems } from '../../shared/domain/aging.ts';
import {
  addFacts,
  addPayment,
  collectorOf,
  computeKpis,
  criticalScore,
  dimensionKey,
  emptyFacts,
  type KpiFacts,
  type Measurement,
  measurementPoint,
  monthsEnding,
  overdueOf,
  parsePeriod,
  periodContaining,
  previousPeriod,
  sumFacts,
} from '../../shared/domain/kpi.ts';

const NOV = parsePeriod('2026-11')!;
const atEnd = (over: Partial<Measurement> = {}): Measurement => ({
  period: NOV,
  asOf: NOV.to,
  end: true,
  start: true,
  ...over,
});

describe('periods', () => {
  it('parses months, quarters and years into inclusive date ranges', () => {
    expect(parsePeriod('2026-11')).toEqual({
      key: '2026-11',
      kind: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(parsePeriod('2024-02')?.to).toBe('2024-02-29');
    expect(parsePeriod('2026-Q4')).toEqual({
      key: '2026-Q4',
      kind: 'quarter',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(parsePeriod('2026-Q1')?.to).toBe('2026-03-31');
    expect(parsePeriod('2026')).toEqual({ key: '2026', kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '26-11', '2026/11', 'november', '', '2026-1'])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it('steps back one period of the same kind, across years', () => {
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026')!).key).toBe('2025');
    expect(periodContaining('2026-08-15', 'quarter').key).toBe('2026-Q3');
    expect(monthsEnding('2026-11-15', 12).map((p) => p.key)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
  });

  it('measures a period at its end, or at the ledger’s as-of date when earlier, never in the future', () => {
    expect(measurementPoint(NOV, '2026-12-10')).toBe('2026-11-30');
    expect(measurementPoint(NOV, '2026-11-15')).toBe('2026-11-15');
    expect(measurementPoint(NOV, '2026-10-31')).toBeNull();
  });
});

/**
 * The tiny ledger of November 2026 (30 days), in euros:
 *   receivables at 31 October 10,000; invoices dated in November 6,000;
 *   at 30 November: 5,000 not yet due, 3,000 overdue 1–30 days, 1,000 overdue 31–60 days (9,000);
 *   payments: 3,000 due 1 Nov paid 16 Nov (15 days late, invoice of 2 Oct: 45 days to pay),
 *             1,000 due 20 Nov paid 16 Nov (on time, invoice of 21 Oct: 26 days to pay);
 *   cases: 2,000 entered collection, 500 collected; two cases closed as paid after 10 and 21 days.
 */
function novemberFacts(): KpiFacts {
  const f = emptyFacts();
  f.customers = 1;
  f.startReceivablesCents = 1_000_000;
  f.creditSalesCents = 600_000;
  f.aging = { notDue: 500_000, d1_30: 300_000, d31_60: 100_000, d61_90: 0, d91_180: 0, d181_plus: 0 };
  f.receivablesCents = 900_000;
  addPayment(f, {
    date: '2026-11-16',
    dueDate: '2026-11-01',
    documentDate: '2026-10-02',
    amountCents: 300_000,
  });
  addPayment(f, {
    date: '2026-11-16',
    dueDate: '2026-11-20',
    documentDate: '2026-10-21',
    amountCents: 100_000,
  });
  f.casesOpened = 4;
  f.enteredCollectionCents = 200_000;
  f.collectedCents = 50_000;
  f.casesRecovered = 4;
  f.recoveryDaysTotal = 10 + 21 + 10 + 21;
  f.promisesKept = 3;
  f.promisesBroken = 1;
  f.contacts = { phone: 4, email: 2 };
  f.letters = { reminder1: 5, formal_notice: 1 };
  return f;
}

describe('KPIs on a hand-computed ledger', () => {
  const k = computeKpis(novemberFacts(), atEnd());

  it('DSO = receivables ÷ credit sales × days; best possible DSO uses the part not yet due; ADD is the gap', () => {
    expect(k.days).toBe(30);
    expect(k.dso).toBe(45); // 9,000 / 6,000 × 30
    expect(k.bestPossibleDso).toBe(25); // 5,000 / 6,000 × 30
    expect(k.add).toBe(20);
  });

  it('CEI = (start + sales − end) ÷ (start + sales − end current)', () => {
    // (10,000 + 6,000 − 9,000) / (10,000 + 6,000 − 5,000) = 7,000 / 11,000
    expect(k.cei).toBe(0.6364);
  });

  it('overdue ratio, recovery rate and time', () => {
    expect(k.overdueRatio).toBe(0.4444); // 4,000 / 9,000
    expect(k.overdueCents).toBe(400_000);
    expect(k.recoveryRate).toBe(0.25); // 500 / 2,000
    expect(k.avgRecoveryDays).toBe(15.5);
  });

  it('days late and days to pay are weighted by the amounts paid', () => {
    // (3,000 × 15 + 1,000 × 0) / 4,000 = 11.25; (3,000 × 45 + 1,000 × 26) / 4,000 = 40.25
    expect(k.avgDaysLate).toBe(11.3);
    expect(k.avgDaysToPay).toBe(40.3);
    expect(k.payments).toEqual({ count: 2, amountCents: 400_000, reversalsCents: 0 });
  });

  it('counts promises, contacts by channel and letters by template', () => {
    expect(k.promises).toEqual({ kept: 3, broken: 1 });
    expect(k.contacts).toEqual({ total: 6, byChannel: { phone: 4, email: 2 } });
    expect(k.letters).toEqual({ total: 6, byTemplate: { reminder1: 5, formal_notice: 1 } });
    expect(k.reasons).toEqual({});
  });

  it('uses only the days elapsed when the ledger’s as-of date is inside the period', () => {
    const mid = computeKpis(novemberFacts(), atEnd({ asOf: '2026-11-15' }));
    expect(mid.days).toBe(15);
    expect(mid.dso).toBe(22.5); // 9,000 / 6,000 × 15
  });
});

describe('KPIs the data cannot support are null with a reason', () => {
  it('an empty period: no sales, nothing owed, nothing collectible, no payments, no cases', () => {
    const k = computeKpis(emptyFacts(), atEnd());
    expect(k.dso).toBeNull();
    expect(k.reasons.dso?.code).toBe('no_sales');
    expect(k.bestPossibleDso).toBeNull();
    expect(k.add).toBeNull();
    expect(k.reasons.add?.code).toBe('no_sales');
    expect(k.overdueRatio).toBeNull();
    expect(k.reasons.overdueRatio?.code).toBe('no_receivables');
    expect(k.cei).toBeNull();
    expect(k.reasons.cei?.code).toBe('cei_denominator');
    expect(k.recoveryRate).toBeNull();
    expect(k.reasons.recoveryRate?.code).toBe('no_collection_entries');
    expect(k.avgRecoveryDays).toBeNull();
    expect(k.reasons.avgRecoveryDays?.code).toBe('no_recoveries');
    expect(k.avgDaysLate).toBeNull();
    expect(k.reasons.avgDaysLate?.code).toBe('no_payments');
    expect(k.reasons.avgDaysToPay?.code).toBe('no_payments');
    // Zero is a fact, not a missing KPI.
    expect(k.aging).toEqual({ notDue: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, d181_plus: 0 });
    expect(k.receivablesCents).toBe(0);
    for (const reason of Object.values(k.reasons)) expect(reason.message.length).toBeGreaterThan(10);
  });

  it('without a position at the end (no snapshot) the position KPIs are null; flows stay', () => {
    const k = computeKpis(novemberFacts(), atEnd({ end: false }));
    expect(k.dso).toBeNull();
    expect(k.reasons.dso?.code).toBe('no_position');
    expect(k.cei).toBeNull();
    expect(k.aging).toBeNull();
    expect(k.receivablesCents).toBeNull();
    expect(k.reasons.aging?.code).toBe('no_position');
    expect(k.recoveryRate).toBe(0.25);
    expect(k.avgDaysLate).toBe(11.3);
  });

  it('a rate over fewer than 3 cases is not shown, and says why', () => {
    const f = novemberFacts();
    f.casesOpened = 2;
    f.casesRecovered = 1;
    const k = computeKpis(f, atEnd());
    expect(k.recoveryRate).toBeNull();
    expect(k.reasons.recoveryRate?.code).toBe('too_few_cases');
    expect(k.avgRecoveryDays).toBeNull();
    expect(k.reasons.avgRecoveryDays?.code).toBe('too_few_cases');
  });

  it('a DSO beyond two years (tiny sales against large receivables) is not shown, and says why', () => {
    const f = novemberFacts();
    f.creditSalesCents = 30_000; // 300 € of sales against 9,000 € owed: 900 days
    const k = computeKpis(f, atEnd());
    expect(k.dso).toBeNull();
    expect(k.reasons.dso?.code).toBe('sales_too_small');
    expect(k.add).toBeNull();
  });

  it('never shows a recovery rate above 100 %', () => {
    const f = novemberFacts();
    f.collectedCents = 260_000;
    expect(computeKpis(f, atEnd()).recoveryRate).toBe(1);
  });

  it('without a position at the start, CEI alone is null', () => {
    const k = computeKpis(novemberFacts(), atEnd({ start: false }));
    expect(k.cei).toBeNull();
    expect(k.reasons.cei?.code).toBe('no_start_position');
    expect(k.dso).toBe(45);
  });

  it('a period after the ledger’s as-of date has no position at all', () => {
    const k = computeKpis(emptyFacts(), atEnd({ asOf: null, end: false, start: false }));
    expect(k.days).toBe(0);
    expect(k.reasons.dso?.code).toBe('future_period');
    expect(k.reasons.aging?.code).toBe('future_period');
  });

  it('payments without document dates give days late but no days to pay', () => {
    const f = emptyFacts();
    addPayment(f, { date: '2026-11-10', dueDate: '2026-11-01', documentDate: '', amountCents: 1000 });
    const k = computeKpis(f, atEnd());
    expect(k.avgDaysLate).toBe(9);
    expect(k.avgDaysToPay).toBeNull();
    expect(k.reasons.avgDaysToPay?.code).toBe('no_dated_payments');
  });

  it('an item paid before its due date is 0 days late, never negative', () => {
    const f = emptyFacts();
    addPayment(f, {
      date: '2026-11-10',
      dueDate: '2026-12-31',
      documentDate: '2026-11-01',
      amountCents: 500,
    });
    expect(computeKpis(f, atEnd()).avgDaysLate).toBe(0);
  });
});

describe('aging and breakdowns add up', () => {
  it('aging of a tiny ledger adds up to its positive residuals; credit notes make the rest of the total', () => {
    const items = [
      { dueDate: '2026-12-10', residualCents: 10_000 }, // not due
      { dueDate: '2026-11-30', residualCents: 2_000 }, // due on the as-of date: not due
      { dueDate: '2026-11-29', residualCents: 3_000 }, // 1 day
      { dueDate: '2026-10-31', residualCents: 4_000 }, // 30 days
      { dueDate: '2026-10-30', residualCents: 5_000 }, // 31 days
      { dueDate: '2026-09-01', residualCents: 6_000 }, // 90 days
      { dueDate: '2026-06-02', residualCents: 7_000 }, // 181 days
      { dueDate: '2026-10-01', residualCents: -1_500 }, // a credit note
    ];
    const aging = ageItems(items, '2026-11-30');
    expect(aging).toEqual({
      notDue: 12_000,
      d1_30: 7_000,
      d31_60: 5_000,
      d61_90: 6_000,
      d91_180: 0,
      d181_plus: 7_000,
    });
    const receivables = AGING_BUCKETS.reduce((a, b) => a + aging[b], 0);
    const credits = items.filter((i) => i.residualCents < 0).reduce((a, i) => a + i.residualCents, 0);
    const ledgerTotal = items.reduce((a, i) => a + i.residualCents, 0);
    expect(receivables + credits).toBe(ledgerTotal);
    expect(overdueOf(aging)).toBe(receivables - aging.notDue);
  });

  it('facts of two customers sum to the total, and each group computes its own ratios', () => {
    const a = novemberFacts();
    const b = emptyFacts();
    b.customers = 1;
    b.creditSalesCents = 400_000;
    b.receivablesCents = 100_000;
    b.aging.notDue = 100_000;
    b.contacts = { phone: 1, visit: 2 };
    const total = sumFacts([a, b]);
    expect(total.customers).toBe(2);
    expect(total.creditSalesCents).toBe(1_000_000);
    expect(total.receivablesCents).toBe(1_000_000);
    expect(total.contacts).toEqual({ phone: 5, email: 2, visit: 2 });
    // Not an average of the groups' DSO (45 and 7.5): 10,000 / 10,000 × 30.
    expect(computeKpis(total, atEnd()).dso).toBe(30);
    // addFacts does not share nested objects with its input.
    const copy = addFacts(emptyFacts(), b);
    copy.contacts.phone = 99;
    expect(b.contacts.phone).toBe(1);
  });
});

describe('dimensions and critical customers', () => {
  const team = [
    { id: 1, name: 'admin', role: 'admin', areas: [], active: true },
    { id: 2, name: 'Giulia', role: 'clerk', areas: ['Nord'], active: true },
    { id: 3, name: 'Marco', role: 'clerk', areas: ['Sud'], active: false },
  ];

  it('the collector is the customer’s own, else the clerk covering its area, else nobody', () => {
    expect(collectorOf({ collectorId: 3, area: 'Nord' }, team)).toBe('Marco');
    expect(collectorOf({ collectorId: null, area: 'Nord' }, team)).toBe('Giulia');
    expect(collectorOf({ collectorId: null, area: 'Sud' }, team)).toBeNull();
    expect(collectorOf({ collectorId: null, area: null }, team)).toBeNull();
  });

  it('groups customers without a value together', () => {
    const c = {
      id: 1,
      code: 'C1',
      name: 'Uno',
      area: '  ',
      salesperson: 'Anna',
      collector: null,
      band: 'B',
      class: null,
    };
    expect(dimensionKey(c, 'area')).toBe('');
    expect(dimensionKey(c, 'salesperson')).toBe('Anna');
    expect(dimensionKey(c, 'customer')).toBe('C1');
    expect(dimensionKey(c, 'class')).toBe('');
  });

  it('critical score: overdue × days × the rating class weight', () => {
    // 1,000 € overdue for 100 days = 100,000 euro-days
    expect(criticalScore(100_000 * 100, 'A')).toBe(100_000);
    expect(criticalScore(100_000 * 100, 'E')).toBe(300_000);
    expect(criticalScore(100_000 * 100, null)).toBe(150_000);
  });
});
