import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type HalfYearRate,
  itemInterest,
  MissingRatesError,
  parseRatesCsv,
} from '../../shared/domain/interest.ts';

const rates: HalfYearRate[] = parseRatesCsv(
  fs.readFileSync(new URL('../../db/seed/interest_rates_231.csv', import.meta.url), 'utf8'),
);

describe('late-payment interest (D.Lgs. 231/2002), hand-computed', () => {
  it('inside one half-year: 1.000,00 € due 31/01/2026, computed on 01/03/2026 = 29 days at 10,15 %', () => {
    // 1000 × 10.15% × 29 / 365 = 8.0644 -> 8.06 €
    const r = itemInterest(rates, 100_000, '2026-01-31', '2026-03-01');
    expect(r.interestCents).toBe(806);
    expect(r.periods).toEqual([
      { from: '2026-02-01', to: '2026-03-01', days: 29, ratePercent: 10.15, interestCents: 806 },
    ]);
  });

  it('across a half-year boundary: 10 days at 11,15 % then 10 days at 10,15 %', () => {
    // 1000 × (11.15% × 10 + 10.15% × 10) / 365 = 5.8356 -> 5.84 €
    const r = itemInterest(rates, 100_000, '2025-06-20', '2025-07-10');
    expect(r.periods.map((p) => [p.from, p.to, p.days, p.ratePercent])).toEqual([
      ['2025-06-21', '2025-06-30', 10, 11.15],
      ['2025-07-01', '2025-07-10', 10, 10.15],
    ]);
    expect(r.interestCents).toBe(584);
  });

  it('across a year end, on a partial residual: 16 + 15 days at 10,15 % on 2.554,89 €', () => {
    // 2554.89 × 10.15% × 31 / 365 = 22.0243... -> 22.02 €
    const r = itemInterest(rates, 255_489, '2025-12-15', '2026-01-15');
    expect(r.periods.map((p) => p.days)).toEqual([16, 15]);
    expect(r.interestCents).toBe(2202);
  });

  it('rounds once per item from the exact sum, half-up', () => {
    // 5 days at 10.15% on 0.73 €: 73 × 1015 × 5 / 3,650,000 = 0.1015 cents -> 0
    expect(itemInterest(rates, 73, '2026-01-10', '2026-01-15').interestCents).toBe(0);
    // 3,650,000 / (1015 × 1) ≈ 3596.06: 3597 cents for one day gives 1.0002 cents -> 1
    expect(itemInterest(rates, 3597, '2026-01-10', '2026-01-11').interestCents).toBe(1);
    // exactly half a cent rounds up: 1,825,000 numerator on 3,650,000 -> 0.5 -> 1
    expect(
      itemInterest([{ from: '2026-01-01', ecbBp: 0, moratoryBp: 1000 }], 1825, '2026-01-10', '2026-01-11')
        .interestCents,
    ).toBe(1);
  });

  it('ignores credit notes and items not yet due', () => {
    expect(itemInterest(rates, -50_000, '2025-01-31', '2026-03-01').interestCents).toBe(0);
    expect(itemInterest(rates, 50_000, '2026-03-01', '2026-03-01').interestCents).toBe(0);
  });

  it('refuses to guess a missing half-year (2026-H2 is not published in the shipped table)', () => {
    expect(() => itemInterest(rates, 100_000, '2026-06-15', '2026-07-05')).toThrow(MissingRatesError);
    try {
      itemInterest(rates, 100_000, '2026-06-15', '2026-07-05');
    } catch (err) {
      expect((err as MissingRatesError).halfYears).toEqual(['H2 2026 (2026-07-01 – 2026-12-31)']);
    }
    const withH2 = [...rates, { from: '2026-07-01', ecbBp: 215, moratoryBp: 1015 }];
    expect(itemInterest(withH2, 100_000, '2026-06-15', '2026-07-05').periods).toHaveLength(2);
  });
});
