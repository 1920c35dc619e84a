import { describe, expect, it } from 'vitest';
import { eurosToCents, formatCents, parseAmountToCents } from '../../shared/domain/money.ts';

describe('parseAmountToCents', () => {
  it.each([
    ['1.234,56', 123456],
    ['€ 1.234,56', 123456],
    ['1.234,56 €', 123456],
    ['-120,00', -12000],
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['1.234.567,8', 123456780],
    ['1.234', 123400],
    ['12,5', 1250],
    ['0,07', 7],
    ['(120,00)', -12000],
    ['120,00-', -12000],
    ['EUR 2.554,89', 255489],
    ['1 234,56', 123456],
    ['-0,00', 0],
  ])('%s -> %i cents', (text, cents) => {
    expect(Object.is(parseAmountToCents(text), cents)).toBe(true);
  });

  it.each(['', 'abc', '12,345,67.1.2', '1,2,3', '€', '1.23.4'])('refuses %j', (text) => {
    expect(parseAmountToCents(text)).toBeNull();
  });
});

describe('eurosToCents', () => {
  it('removes binary noise and rounds half away from zero', () => {
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
    expect(eurosToCents(1234.5600000001)).toBe(123456);
    expect(eurosToCents(-120)).toBe(-12000);
    expect(eurosToCents(1.005)).toBe(101);
  });
});

describe('formatCents', () => {
  it('uses Italian grouping even for four-digit amounts', () => {
    expect(formatCents(255489)).toBe('2.554,89\u00a0€');
    expect(formatCents(-12000)).toBe('-120,00\u00a0€');
  });
  it('formats in English when asked', () => {
    expect(formatCents(255489, 'en-GB')).toBe('€2,554.89');
  });
});
