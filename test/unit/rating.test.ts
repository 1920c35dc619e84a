import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import {
  type CustomerHistory,
  classFor,
  effectiveBand,
  FACTOR_NAMES,
  type FactorName,
  factsFromHistory,
  mergeRatingConfig,
  RATING_DEFAULTS,
  type Rating,
  rateCustomer,
} from '../../shared/domain/rating.ts';

const TODAY = '2026-11-23';
const ago = (days: number) => addDays(TODAY, -days);

/**
 * A steady customer of five years: twelve payments of 1,000 € spread over the year, each on its
 * due date; nothing open. Each test changes one thing about it.
 */
function steady(): CustomerHistory {
  const payments = Array.from({ length: 12 }, (_, k) => {
    const date = ago(10 + k * 30);
    return { date, dueDate: date, amountCents: 100_000 };
  });
  return {
    payments,
    items: [{ dueDate: ago(5 * 365), residualCents: 0, open: false }],
  };
}

const rate = (h: CustomerHistory, config = RATING_DEFAULTS): Rating =>
  rateCustomer(factsFromHistory(h, TODAY, config.windows), TODAY, config);
const factor = (r: Rating, name: FactorName) => {
  const f = r.factors.find((x) => x.name === name);
  if (!f) throw new Error(`no factor ${name}`);
  return f;
};
/** An open invoice of `cents` due `daysAgo` days ago (negative: not yet due). */
const openItem = (cents: number, daysAgo: number) => ({
  dueDate: ago(daysAgo),
  residualCents: cents,
  open: true,
});

describe('rating: the score explains itself', () => {
  it('a steady customer paying on time is an A with high confidence, and base + points = score', () => {
    const r = rate(steady());
    expect(factor(r, 'paymentDelay')).toEqual({ name: 'paymentDelay', value: 0, points: 20 });
    expect(factor(r, 'relationship')).toMatchObject({ value: 59, points: 10 });
    expect(r).toMatchObject({ score: 85, class: 'A', confidence: 'high' });
    const sum = RATING_DEFAULTS.base + r.factors.reduce((s, f) => s + f.points, 0);
    expect(r.score).toBe(Math.round(sum));
    // Every factor, in the order they are shown.
    expect(r.factors.map((f) => f.name)).toEqual(FACTOR_NAMES);
  });

  it('paying later lowers the score: 0.8 points a day, amount-weighted, down to −25', () => {
    const h = steady();
    const late = { ...h, payments: h.payments.map((p) => ({ ...p, dueDate: addDays(p.date, -15) })) };
    expect(factor(rate(late), 'paymentDelay')).toMatchObject({ value: 15, points: 8 });
    expect(rate(late).score).toBe(85 - 12);
    // Weighted by amount, not by count: one big late payment outweighs small punctual ones.
    const bigLate = {
      ...h,
      payments: [
        { date: ago(20), dueDate: ago(80), amountCents: 900_000 },
        { date: ago(50), dueDate: ago(50), amountCents: 100_000 },
      ],
    };
    expect(factor(rate(bigLate), 'paymentDelay')).toMatchObject({ value: 54, points: -23.2 });
    const never = { ...h, payments: h.payments.map((p) => ({ ...p, dueDate: addDays(p.date, -200) })) };
    expect(factor(rate(never), 'paymentDelay').points).toBe(-25);
    // Paying early is on time, not better than on time.
    const early = { ...h, payments: h.payments.map((p) => ({ ...p, dueDate: addDays(p.date, 10) })) };
    expect(factor(rate(early), 'paymentDelay')).toMatchObject({ value: 0, points: 20 });
  });

  it('what is overdue now lowers it twice: by its days late and by its share of the exposure', () => {
    const h = { ...steady(), items: [...steady().items, openItem(60_000, 50), openItem(40_000, -10)] };
    const r = rate(h);
    expect(factor(r, 'overdueDelay')).toMatchObject({ value: 50, points: -10 });
    expect(factor(r, 'overdueShare')).toMatchObject({ value: 60, points: -12 });
    expect(r.score).toBe(85 - 10 - 12);
    const older = { ...h, items: [...steady().items, openItem(60_000, 150), openItem(40_000, -10)] };
    expect(factor(rate(older), 'overdueDelay').points).toBe(-20);
    expect(rate(older).score).toBeLessThan(r.score);
  });

  it('exposure beyond the credit limit costs 0.25 a point over 100 %; no limit, no factor', () => {
    const base = { ...steady(), items: [...steady().items, openItem(150_000, -20)] };
    expect(factor(rate(base), 'creditLimitUse')).toMatchObject({ value: null, points: 0 });
    expect(factor(rate({ ...base, creditLimitCents: 200_000 }), 'creditLimitUse')).toMatchObject({
      value: 75,
      points: 0,
    });
    const over = rate({ ...base, creditLimitCents: 100_000 });
    expect(factor(over, 'creditLimitUse')).toMatchObject({ value: 150, points: -12.5 });
    expect(over.score).toBe(73);
    expect(factor(rate({ ...base, creditLimitCents: 50_000 }), 'creditLimitUse').points).toBe(-15);
  });

  it.each([
    ['brokenPromiseDates', 'brokenPromises', -6, -18],
    ['brokenPlanDates', 'brokenPlans', -10, -20],
    ['disputeDates', 'disputes', -3, -9],
    ['formalNoticeDates', 'formalNotices', -8, -16],
  ] as const)(
    '%s in the last 12 months cost %s points each, capped; older ones nothing',
    (key, name, each, cap) => {
      const one = rate({ ...steady(), [key]: [ago(30)] });
      expect(factor(one, name)).toMatchObject({ value: 1, points: each });
      expect(one.score).toBe(85 + each);
      expect(
        factor(rate({ ...steady(), [key]: [ago(1), ago(2), ago(3), ago(4), ago(5)] }), name).points,
      ).toBe(cap);
      expect(factor(rate({ ...steady(), [key]: [ago(400)] }), name)).toMatchObject({ value: 0, points: 0 });
    },
  );

  it('a legal action costs 25 points, two at most 40, and counts for five years', () => {
    const one = rate({ ...steady(), legalActionDates: [ago(1000)] });
    expect(factor(one, 'legalActions')).toMatchObject({ value: 1, points: -25 });
    expect(one).toMatchObject({ score: 60, class: 'B' });
    expect(factor(rate({ ...steady(), legalActionDates: [ago(10), ago(900)] }), 'legalActions').points).toBe(
      -40,
    );
    expect(factor(rate({ ...steady(), legalActionDates: [ago(2000)] }), 'legalActions').points).toBe(0);
  });

  it('trend: paying later in the last 3 months than in the 9 before lowers it; improving raises it, up to +5', () => {
    const h = steady();
    const recentLate = (days: number) => ({
      ...h,
      payments: h.payments.map((p) => (p.date > ago(91) ? { ...p, dueDate: addDays(p.date, -days) } : p)),
    });
    const worse = rate(recentLate(20));
    expect(factor(worse, 'trend')).toMatchObject({ value: 20, points: -5 });
    expect(factor(rate(recentLate(100)), 'trend').points).toBe(-10);
    const earlierLate = {
      ...h,
      payments: h.payments.map((p) => (p.date <= ago(91) ? { ...p, dueDate: addDays(p.date, -40) } : p)),
    };
    expect(factor(rate(earlierLate), 'trend')).toMatchObject({ value: -40, points: 5 });
    // No payment in one of the two windows: no trend to speak of.
    const onlyRecent = { ...h, payments: h.payments.filter((p) => p.date > ago(91)) };
    expect(factor(rate(onlyRecent), 'trend')).toMatchObject({ value: null, points: 0 });
  });

  it('a longer relationship (since the first due date) raises it: +0.25 a month up to +10', () => {
    const since = (days: number) => ({
      ...steady(),
      items: [{ dueDate: ago(days), residualCents: 0, open: false }],
    });
    expect(factor(rate(since(730)), 'relationship')).toMatchObject({ value: 23, points: 5.8 });
    expect(factor(rate(since(3650)), 'relationship')).toMatchObject({ value: 119, points: 10 });
    expect(rate(since(730)).score).toBeLessThan(rate(since(3650)).score);
  });
});

describe('rating: classes and confidence', () => {
  it('classes: A ≥ 80, B ≥ 60, C ≥ 40, D ≥ 20, E below', () => {
    const c = RATING_DEFAULTS.classes;
    expect([100, 80, 79, 60, 59, 40, 39, 20, 19, 0].map((s) => classFor(s, c))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'E',
      'E',
    ]);
  });

  it('a newcomer with no history still gets a score: the base, class C, low confidence', () => {
    const r = rate({ payments: [], items: [] });
    expect(r).toMatchObject({ score: 55, class: 'C', confidence: 'low' });
    expect(r.factors.every((f) => f.points === 0)).toBe(true);
    expect(factor(r, 'paymentDelay').value).toBeNull();
  });

  it('a newcomer whose first invoice is already 60 days overdue scores from what is known', () => {
    const r = rate({ payments: [], items: [openItem(100_000, 60)] });
    expect(factor(r, 'overdueDelay').points).toBe(-12);
    expect(factor(r, 'overdueShare').points).toBe(-20);
    // 55 − 12 − 20 + 0.3 (one month of relationship: 0.25, shown rounded) = 23.3.
    expect(factor(r, 'relationship')).toMatchObject({ value: 1, points: 0.3 });
    expect(r).toMatchObject({ score: 23, class: 'D', confidence: 'low' });
  });

  it('confidence grows with payments and months: low, medium, high', () => {
    const h = steady();
    const months = (days: number) => [{ dueDate: ago(days), residualCents: 0, open: false }];
    expect(rate({ payments: h.payments.slice(0, 1), items: months(60) }).confidence).toBe('low');
    expect(rate({ payments: h.payments.slice(0, 2), items: months(60) }).confidence).toBe('medium');
    expect(rate({ payments: [], items: months(400) }).confidence).toBe('medium');
    expect(rate({ payments: h.payments.slice(0, 6), items: months(200) }).confidence).toBe('medium');
    expect(rate({ payments: h.payments.slice(0, 6), items: months(400) }).confidence).toBe('high');
  });

  it('the scale is clamped to 0–100', () => {
    const awful = rate({
      payments: [{ date: ago(10), dueDate: ago(200), amountCents: 100 }],
      items: [openItem(100_000, 300)],
      brokenPromiseDates: [ago(1), ago(2), ago(3)],
      brokenPlanDates: [ago(1), ago(2)],
      formalNoticeDates: [ago(1), ago(2)],
      legalActionDates: [ago(1), ago(2)],
    });
    expect(awful).toMatchObject({ score: 0, class: 'E' });
  });

  it('the class suggests the band when the customer has none; a set band wins', () => {
    expect(effectiveBand(null, 'A')).toBe('A');
    expect(effectiveBand('D', 'A')).toBe('D');
    expect(effectiveBand(null, undefined)).toBe('C');
  });
});

describe('rating: weights are one editable, validated object', () => {
  it('an admin patch is merged over the defaults and changes the score', () => {
    const config = mergeRatingConfig({ base: 50, factors: { brokenPromises: { perUnit: -10 } } });
    expect(config.factors.brokenPromises).toEqual({
      ...RATING_DEFAULTS.factors.brokenPromises,
      perUnit: -10,
    });
    expect(config.factors.paymentDelay).toEqual(RATING_DEFAULTS.factors.paymentDelay);
    const r = rate({ ...steady(), brokenPromiseDates: [ago(5)] }, config);
    expect(factor(r, 'brokenPromises').points).toBe(-10);
    expect(r.score).toBe(50 + 20 + 10 - 10);
  });

  it('refuses weights that would move a factor the wrong way, or classes out of order', () => {
    expect(() => mergeRatingConfig({ factors: { disputes: { perUnit: 3, max: 10 } } })).toThrow(/only lower/);
    expect(() => mergeRatingConfig({ factors: { relationship: { perUnit: -1, min: -5 } } })).toThrow(
      /only raise/,
    );
    expect(() => mergeRatingConfig({ classes: { B: 85 } })).toThrow(/decrease from A to D/);
    expect(() => mergeRatingConfig({ factors: { trend: { atZero: 50 } } })).toThrow(/between min and max/);
  });
});
