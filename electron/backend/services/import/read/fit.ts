/**
 * Type-aware mapping: a column is taken for a field only when its values fit the field. Dates need dates
 * (not day counts, not symbols), money needs amounts (never true/false), an installment is a small number
 * (not a payment-type letter), a document number is not a column of dates, a customer code is not one value
 * repeated on every row while the customers differ. Judged on the sample rows below the header.
 */
import type { ImportField } from '../../../../../shared/api/contract.ts';
import type { RawValue } from './source.ts';
import { amountCents, cellText, isBlank, parseDateText, serialToIso } from './values.ts';

export interface Fit {
  ok: boolean;
  /** Share of the values that fit (1 when there is nothing to judge). */
  share: number;
  /** Why, in a few words: "values are dates", "values are not dates (e.g. "45")". */
  note: string;
}

/** Share of sample values that must fit (a stray `#N/A` or typo does not disqualify a column). */
const SHARE = 0.9;
const BOOLEAN = /^(?:true|false|vero|falso|yes|no|si|sì|y|n|x)$/i;
const INSTALLMENT = /^\d{1,3}(?:\s*[/-]\s*\d{1,3})?$/;
const DATE_TEXT = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/;

function example(values: readonly RawValue[], bad: (v: RawValue) => boolean): string {
  const v = values.find(bad);
  const text = v === undefined ? '' : cellText(v);
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function share(values: readonly RawValue[], good: (v: RawValue) => boolean): number {
  let n = 0;
  for (const v of values) if (good(v)) n++;
  return values.length === 0 ? 1 : n / values.length;
}

export function isDateValue(v: RawValue, date1904: boolean): boolean {
  if (typeof v === 'number') return serialToIso(v, date1904) !== null;
  if (typeof v === 'string') return parseDateText(v, date1904) !== null;
  return false;
}

function isAmountValue(v: RawValue): boolean {
  if (typeof v === 'boolean') return false;
  if (typeof v === 'string' && BOOLEAN.test(v.trim())) return false;
  return amountCents(v) !== null;
}

function isInstallmentValue(v: RawValue): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < 1000;
  return typeof v === 'string' && INSTALLMENT.test(v.trim());
}

/** Does a column whose non-blank sample values are `values` fit `field`? */
export function fitField(field: ImportField, values: readonly RawValue[], date1904: boolean): Fit {
  if (values.length === 0) return { ok: true, share: 1, note: 'no values in the first rows to check' };
  const judge = (good: (v: RawValue) => boolean, yes: string, no: string): Fit => {
    const part = share(values, good);
    return part >= SHARE
      ? { ok: true, share: part, note: yes }
      : { ok: false, share: part, note: `${no} (e.g. "${example(values, (v) => !good(v))}")` };
  };
  switch (field) {
    case 'dueDate':
    case 'documentDate':
      return judge((v) => isDateValue(v, date1904), 'values are dates', 'values are not dates');
    case 'amount':
    case 'residual':
      if (values.every((v) => typeof v === 'boolean' || (typeof v === 'string' && BOOLEAN.test(v.trim())))) {
        return {
          ok: false,
          share: 0,
          note: `values are true/false, not amounts (e.g. "${cellText(values[0] ?? null)}")`,
        };
      }
      return judge(isAmountValue, 'values are amounts', 'values are not amounts');
    case 'installment':
      return judge(
        isInstallmentValue,
        'values are installment numbers',
        'values are not installment numbers',
      );
    case 'documentNumber': {
      const dateText = (v: RawValue) =>
        typeof v === 'string' && DATE_TEXT.test(v.trim()) && isDateValue(v, date1904);
      const dates = share(values, dateText);
      return dates >= SHARE
        ? {
            ok: false,
            share: 1 - dates,
            note: `values are dates, not document numbers (e.g. "${cellText(values[0] ?? null)}")`,
          }
        : { ok: true, share: 1 - dates, note: 'values are document numbers' };
    }
    default:
      return { ok: true, share: 1, note: 'values are text' };
  }
}

/**
 * A column is still taken when none fits fully but some of its values fit: the others are then row errors,
 * each named with its row (a column none of whose values fit is never taken).
 */
export const SOLE_SHARE = 0.01;

/** Distinct texts among values (stops counting at `limit`). */
export function distinct(values: readonly RawValue[], limit = 3): number {
  const seen = new Set<string>();
  for (const v of values) {
    seen.add(cellText(v));
    if (seen.size >= limit) break;
  }
  return seen.size;
}

/** The non-blank values of column `c` in `rows`. */
export function columnValues(rows: readonly (readonly RawValue[])[], c: number): RawValue[] {
  const out: RawValue[] = [];
  for (const row of rows) {
    const v = row[c] ?? null;
    if (!isBlank(v)) out.push(v);
  }
  return out;
}

/** "C00012 - Rossi S.r.l.", "C00012 – Rossi", "[C00012] Rossi S.r.l.": a code and a name in one cell. */
const CODE_NAME = /^(?:\[([^\]\s]{1,20})\]\s*|([A-Za-z0-9][\w./]{0,19})\s+[-–—]\s+)(\S.*)$/;

export function splitCodeName(text: string): { code: string; name: string } | null {
  const m = CODE_NAME.exec(text);
  if (!m) return null;
  const code = (m[1] ?? m[2]) as string;
  return /\d/.test(code) ? { code, name: (m[3] as string).trim() } : null;
}

/** Do (nearly) all values of a name column carry a code too? */
export function carriesCodes(values: readonly RawValue[]): boolean {
  return (
    values.length > 0 &&
    share(values, (v) => typeof v === 'string' && splitCodeName(v.trim()) !== null) >= SHARE
  );
}
