import { describe, expect, it } from 'vitest';
import { addMonths, planSchedule } from '../../shared/domain/plan.ts';

describe('repayment plan schedule', () => {
  it('splits the total exactly, the remainder on the last installment', () => {
    const s = planSchedule({
      totalCents: 100_000,
      installments: 3,
      first: '2026-12-15',
      every: 'month',
      interestPercent: 0,
      today: '2026-11-23',
    });
    expect(s.installments).toEqual([
      { date: '2026-12-15', amountCents: 33_333 },
      { date: '2027-01-15', amountCents: 33_333 },
      { date: '2027-02-15', amountCents: 33_334 },
    ]);
    expect(s.interestCents).toBe(0);
  });
  it('clamps month ends and steps weekly', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    const w = planSchedule({
      totalCents: 900,
      installments: 2,
      first: '2026-12-01',
      every: 'week',
      interestPercent: 0,
      today: '2026-11-23',
    });
    expect(w.installments.map((i) => i.date)).toEqual(['2026-12-01', '2026-12-08']);
  });
  it('charges simple interest on the declining balance', () => {
    // 1.000 € at 10 %: 30 days on 1.000 € = 8.22 €, then 31 days on 500 € = 4.25 €
    const s = planSchedule({
      totalCents: 100_000,
      installments: 2,
      first: '2026-12-23',
      every: 'month',
      interestPercent: 10,
      today: '2026-11-23',
    });
    expect(s.installments).toEqual([
      { date: '2026-12-23', amountCents: 50_000 + 822 },
      { date: '2027-01-23', amountCents: 50_000 + 425 },
    ]);
    expect(s.interestCents).toBe(1247);
  });
});
