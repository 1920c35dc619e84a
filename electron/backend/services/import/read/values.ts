/**
 * Cell values -> ledger units. Amounts become integer cents and dates ISO strings without ever going
 * through a local-time Date: serials are converted arithmetically, text is parsed field by field.
 */
import { fromDayNumber, type IsoDate, isoFromParts } from '../../../../../shared/domain/dates.ts';
import { eurosToCents, parseAmountToCents } from '../../../../../shared/domain/money.ts';
import type { RawValue } from './source.ts';

/** Text of a cell, trimmed; numbers without float noise or exponent for the usual integers (codes, numbers). */
export function cellText(v: RawValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return v ? 'TRUE' : 'FALSE';
}

export function isBlank(v: RawValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

// ---------------------------------------------------------------------------------------------- amounts

/**
 * The common shapes (`1.234,56`, `-120,00`, `1234,5`, `1234.56`, `1.234`) parsed without allocating: the
 * result is exactly what parseAmountToCents returns for them. Anything else (`€`, spaces, `(120,00)`, `1,234.56`)
 * returns undefined and goes to parseAmountToCents. Only speed is at stake: a million-row CSV has two amounts
 * per row.
 */
export function fastAmountToCents(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let seg = 0;
  let segLen = 0;
  let dots = 0;
  let firstLen = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seg = seg * 10 + (c - 48);
      segLen++;
      digits++;
    } else if (c === 46) {
      if (segLen === 0) return undefined;
      if (dots === 0) {
        firstLen = segLen;
        whole = seg;
      } else {
        if (segLen !== 3) return undefined;
        whole = whole * 1000 + seg;
      }
      dots++;
      seg = 0;
      segLen = 0;
    } else if (c === 44) {
      break;
    } else {
      return undefined;
    }
  }
  if (segLen === 0 || digits > 13) return undefined;
  let frac = 0;
  if (i < n) {
    // Decimal comma, after `1234` or after thousands groups `1.234`.
    if (dots > 0 && (segLen !== 3 || firstLen > 3)) return undefined;
    whole = dots > 0 ? whole * 1000 + seg : seg;
    let fracLen = 0;
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      frac = frac * 10 + (c - 48);
      fracLen++;
    }
    if (fracLen === 0 || fracLen > 2) return undefined;
    if (fracLen === 1) frac *= 10;
  } else if (dots === 0) {
    whole = seg;
  } else if (dots === 1 && segLen !== 3) {
    // `1234.5`, `1234.56`: a decimal point.
    if (segLen > 2) return undefined;
    frac = segLen === 1 ? seg * 10 : seg;
  } else {
    // Thousands groups only: `1.234`, `12.345.678`.
    if (segLen !== 3 || firstLen > 3) return undefined;
    whole = whole * 1000 + seg;
  }
  const cents = whole * 100 + frac;
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * The largest amount one cell may hold: 100 billion euros. Far above any receivable, and far enough below
 * 2^53 cents that a million of them still add up exactly (the reader also checks the running total).
 */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;

/** True when cents are beyond what one open item can plausibly be (see MAX_AMOUNT_CENTS). */
export function outOfRange(cents: number): boolean {
  return cents > MAX_AMOUNT_CENTS || cents < -MAX_AMOUNT_CENTS;
}

/** Cents of an amount cell, or null when it is not an amount. Blank cells are the caller's business. */
export function amountCents(v: RawValue): number | null {
  let cents: number | null;
  if (typeof v === 'number') cents = Number.isFinite(v) ? eurosToCents(v) : null;
  else if (typeof v === 'string') {
    const s = v.trim();
    cents = fastAmountToCents(s) ?? parseAmountToCents(s);
  } else cents = null;
  // -0 (from `-0,00`) would not compare equal to 0 in tests and keys.
  return cents === 0 ? 0 : cents;
}

// ------------------------------------------------------------------------------------------------ dates

/** Excel serial 25569 is 1970-01-01 in the 1900 date system; the 1904 system starts 1462 days later. */
const SERIAL_1970 = 25569;
const OFFSET_1904 = 1462;
/** Years a due or document date can plausibly have; anything else is a misplaced number or a typo. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2199;
/** Serial of 2200-01-01 in the 1900 system: any larger number is no date of ours (and 1e10 is no date at all). */
const MAX_SERIAL = 109_574;

export function serialToIso(serial: number, date1904: boolean): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return null;
  // Time of day is dropped; the epsilon absorbs float noise such as 46325.99999999.
  let whole = Math.floor(serial + 1e-6);
  if (date1904) whole += OFFSET_1904;
  // Excel's phantom 1900-02-29 (serial 60) shifts the serials before it by one day.
  else if (whole < 61) whole += 1;
  return inRange(fromDayNumber(whole - SERIAL_1970));
}

function inRange(iso: IsoDate | null): IsoDate | null {
  if (iso === null) return null;
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR ? iso : null;
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?$/;
const YMD =
  /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_TEXT = /^\d{5}$/;

/** Two-digit years are this century: exports of open items do not go back to the 1900s. */
function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/**
 * Dates written as text: `31/10/2026`, `31.10.2026`, `31-10-26` (day first, as in Italy), `2026-10-31`,
 * `2026-10-31T00:00:00` (the calendar date as written, whatever the offset), `20261031`, and Excel serials
 * saved as text (`46326`).
 */
export function parseDateText(text: string, date1904 = false): IsoDate | null {
  const s = text.trim();
  let m = DMY.exec(s);
  if (m) return inRange(isoFromParts(fullYear(m[3] as string), Number(m[2]), Number(m[1])));
  m = YMD.exec(s);
  if (!m) m = COMPACT.exec(s);
  if (m) return inRange(isoFromParts(Number(m[1]), Number(m[2]), Number(m[3])));
  if (SERIAL_TEXT.test(s)) return serialToIso(Number(s), date1904);
  return null;
}

/** The value cached for `key`, else computed by `compute` and kept while the cache holds fewer than `limit`. */
function cached<K, V>(cache: Map<K, V>, key: K, compute: (key: K) => V, limit = 100_000): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size < limit) cache.set(key, value);
  }
  return value;
}

/**
 * Converts date cells with a cache: a file has few distinct dates, so most rows cost one Map lookup, and
 * every row with the same date shares one string.
 */
export class DateReader {
  private readonly texts = new Map<string, IsoDate | null>();
  private readonly serials = new Map<number, IsoDate | null>();
  constructor(private readonly date1904: boolean) {}

  private readonly fromSerial = (v: number) => serialToIso(v, this.date1904);
  private readonly fromText = (v: string) => parseDateText(v, this.date1904);

  read(v: RawValue): IsoDate | null {
    if (typeof v === 'number') return cached(this.serials, v, this.fromSerial);
    if (typeof v === 'string') return cached(this.texts, v, this.fromText);
    return null;
  }
}

// C0 and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\x00-\x1f\x7f-\x9f]+/g;
/**
 * Characters that print as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian
 * vowel separator, invisible operators, and the bidirectional marks, embeddings, overrides and isolates
 * (U+200E/F, U+202A-E, U+2066-9), which can make a name display as something else. `U\u200b1` or
 * `U\u202e1` would otherwise be a second customer that reads `U1`.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const INVISIBLES = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;

/**
 * Control characters (a line break typed in a cell with Alt+Enter or inside a quoted CSV field, a stray
 * tab or unit separator) become single spaces: kept values are one line, and the sync may use control
 * characters as key separators. Invisible characters are dropped: a code or name is what it shows.
 */
export function withoutControls(s: string): string {
  let clean = s;
  if (INVISIBLE.test(clean)) clean = clean.replace(INVISIBLES, '');
  if (CONTROL.test(clean)) clean = clean.replace(CONTROLS, ' ');
  return clean === s ? s : clean.trim();
}

/**
 * Cleans (withoutControls) and shares one string among the many rows that repeat it (customer names, agents,
 * payment terms, e-mails): a million-row file then holds a few thousand strings instead of millions, and
 * cleans each distinct value once. One per column: rows come grouped by customer, so most values equal
 * the previous row's and cost one comparison, not a hash lookup. Stops growing past a cap, so a column of
 * unique values costs little more than without it.
 */
export class Interner {
  private lastRaw = '';
  private lastClean = '';
  private readonly seen = new Map<string, string>();
  intern(raw: string): string {
    if (raw === this.lastRaw) return this.lastClean;
    const clean = cached(this.seen, raw, withoutControls, 50_000);
    this.lastRaw = raw;
    this.lastClean = clean;
    return clean;
  }
}
