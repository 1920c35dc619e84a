import { isoFromParts } from '../../../../shared/domain/dates.ts';

/** Parses what a person types in a date field: `31/10/2026`, `31.10.2026`, `31-10-2026`, `2026-10-31`. */
export function parseTypedDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return isoFromParts(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}
