/** Money is integer euro cents. These helpers convert at the edges only. */
export type Cents = number;

/** Formats cents the Italian way (`1.234,56 €`) or per locale; grouping always on (see STACK.md). */
export function formatCents(cents: Cents, locale = 'it-IT', currency = 'EUR'): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    useGrouping: 'always',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** Converts a number of euros (possibly with float noise, e.g. 1234.5600000001) to cents, half away from zero. */
export function eurosToCents(euros: number): Cents {
  const sign = euros < 0 ? -1 : 1;
  // toFixed(6) removes binary noise before rounding to the cent.
  const abs = Number(Math.abs(euros).toFixed(6));
  return sign * Math.round(abs * 100 + 1e-9);
}

/**
 * Parses an amount written by a person or an accounting export:
 * `1.234,56`, `€ 1.234,56`, `-120,00`, `1234.56`, `1,234.56`, `(120,00)`, `120,00-`.
 * Returns null when the text is not an amount.
 */
export function parseAmountToCents(text: string): Cents | null {
  let s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€|EUR/gi, '');
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^[0-9.,']+$/.test(s) || !/[0-9]/.test(s)) return null;
  s = s.replace(/'/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart: string;
  let fracPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const idx = Math.max(lastComma, lastDot);
    intPart = s.slice(0, idx).replace(/[.,]/g, '');
    fracPart = s.slice(idx + 1);
    if (fracPart.includes(dec === ',' ? '.' : ',')) return null;
  } else if (lastComma >= 0) {
    // Italian decimal comma unless it is clearly a thousands separator (1,234,567).
    const groups = s.split(',');
    if (groups.length > 2 || (groups[1]?.length === 3 && groups.length > 2)) {
      intPart = groups.join('');
    } else {
      intPart = groups[0] ?? '';
      fracPart = groups[1] ?? '';
    }
  } else if (lastDot >= 0) {
    const groups = s.split('.');
    // `1.234` and `1.234.567` are Italian thousands; `1234.56` and `12.5` are decimals.
    if (groups.length > 2 || groups[1]?.length === 3) {
      if (!groups.slice(1).every((g) => g.length === 3)) return null;
      intPart = groups.join('');
    } else {
      intPart = groups[0] ?? '';
      fracPart = groups[1] ?? '';
    }
  } else {
    intPart = s;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || fracPart.length > 2) {
    if (!/^\d*$/.test(fracPart) || !/^0*$/.test(fracPart.slice(2))) return null;
    fracPart = fracPart.slice(0, 2);
  }
  const cents = Number(intPart || '0') * 100 + Number(`${fracPart}00`.slice(0, 2));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}
