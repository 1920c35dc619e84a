import { describe, expect, it } from 'vitest';
import { ageItems, agingBucket } from '../../shared/domain/aging.ts';
import { addDays, daysBetween, isIsoDate, isoFromParts, todayIn } from '../../shared/domain/dates.ts';
import { isValidItalianVat } from '../../shared/domain/vat.ts';

describe('ISO dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('31/10/2026')).toBe(false);
    expect(isoFromParts(2026, 2, 30)).toBeNull();
  });
  it('adds days across months, years and DST changes without shifting', () => {
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });
  it("gives today's date on the office's calendar, not UTC's", () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Rome.
    expect(todayIn(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayIn(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
  });
});

describe('aging', () => {
  it('puts an item due on the as-of date in notDue and the day after in 1-30', () => {
    expect(agingBucket('2026-11-20', '2026-11-20')).toBe('notDue');
    expect(agingBucket('2026-11-19', '2026-11-20')).toBe('d1_30');
    expect(agingBucket('2026-10-21', '2026-11-20')).toBe('d1_30');
    expect(agingBucket('2026-10-20', '2026-11-20')).toBe('d31_60');
    expect(agingBucket('2026-05-23', '2026-11-20')).toBe('d181_plus');
    expect(agingBucket('2026-05-24', '2026-11-20')).toBe('d91_180');
  });
  it('ages positive residuals only, so credit notes do not hide overdue amounts', () => {
    const aging = ageItems(
      [
        { dueDate: '2026-11-01', residualCents: 10000 },
        { dueDate: '2026-11-01', residualCents: -4000 },
        { dueDate: '2026-12-01', residualCents: 500 },
      ],
      '2026-11-20',
    );
    expect(aging.d1_30).toBe(10000);
    expect(aging.notDue).toBe(500);
  });
});

describe('Italian VAT numbers', () => {
  it('accepts a correct check digit, with or without IT prefix', () => {
    expect(isValidItalianVat('01114601006')).toBe(true);
    expect(isValidItalianVat('IT 01114601006')).toBe(true);
  });
  it('refuses a wrong check digit or a malformed number', () => {
    expect(isValidItalianVat('01114601007')).toBe(false);
    expect(isValidItalianVat('1234')).toBe(false);
    expect(isValidItalianVat('00000000000')).toBe(false);
  });
});
