/**
 * Business dates are ISO `YYYY-MM-DD` strings. All arithmetic goes through UTC
 * day numbers so the machine's time zone can never shift a date.
 */
export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: string): boolean {
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * The conversions are remembered: a day's run converts the same few thousand dates millions of times
 * (every item's due date, every customer's rating), and a look-up costs a tenth of a parse. The
 * memory is bounded — emptied when it grows past MEMO_LIMIT distinct dates.
 */
const MEMO_LIMIT = 50_000;
const dayOf = new Map<string, number>();
const dateOf = new Map<number, IsoDate>();

/** Days since 1970-01-01 for an ISO date (throws on an invalid date). */
export function toDayNumber(date: IsoDate): number {
  const known = dayOf.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new Error(`Invalid date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d) / MS_PER_DAY;
  if (dayOf.size >= MEMO_LIMIT) dayOf.clear();
  dayOf.set(date, day);
  return day;
}

export function fromDayNumber(day: number): IsoDate {
  const known = dateOf.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (dateOf.size >= MEMO_LIMIT) dateOf.clear();
  dateOf.set(day, date);
  return date;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO date from a year, month (1-12) and day, or null when the combination does not exist. */
export function isoFromParts(year: number, month: number, day: number): IsoDate | null {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The parts of `now` (year, month, hour…: the ones `options` asks for, as digits) in an IANA zone. */
export function partsIn(
  now: Date,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', { ...options, timeZone }).formatToParts(now))
    parts[p.type] = p.value;
  return parts;
}

/** Today's date in the given IANA zone (default Europe/Rome: the office's calendar, not the machine's). */
export function todayIn(now: Date, timeZone = 'Europe/Rome'): IsoDate {
  const parts = partsIn(now, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${parts.year}-${parts.month}-${parts.day}`;
}
