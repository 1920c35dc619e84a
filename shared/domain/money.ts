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
  const split = splitDecimal(s);
  if (!split) return null;
  const [intPart, fracPart] = split;
  const cents = Number(intPart || '0') * 100 + Number(`${fracPart}00`.slice(0, 2));
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}

/** Valid thousands grouping: `1`, `12`, `123` then groups of exactly three digits. */
function groupedDigits(s: string, sep: string): string | null {
  const groups = s.split(sep);
  if (!/^\d{1,3}$/.test(groups[0] ?? '') || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) return null;
  return groups.join('');
}

/**
 * Splits digits into integer and fraction parts. With both separators the last one is the
 * decimal mark. With one kind only: several of them, or exactly one followed by three digits,
 * are thousands separators (`1.234`, `1,234,567`); otherwise it is the decimal mark (`12,5`).
 */
function splitDecimal(s: string): [string, string] | null {
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intText = s;
  let frac = '';
  let groupSep: string | null = null;
  if (lastComma >= 0 && lastDot >= 0) {
    const idx = Math.max(lastComma, lastDot);
    groupSep = idx === lastComma ? '.' : ',';
    intText = s.slice(0, idx);
    frac = s.slice(idx + 1);
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length > 2 || parts[1]?.length === 3) groupSep = sep;
    else [intText = '', frac = ''] = parts;
  }
  if (!/^\d*$/.test(frac) || frac.length > 2) return null;
  if (groupSep !== null && intText.includes(groupSep)) {
    const digits = groupedDigits(intText, groupSep);
    if (digits === null) return null;
    intText = digits;
  }
  if (!/^\d*$/.test(intText) || (intText === '' && frac === '')) return null;
  return [intText, frac];
}
