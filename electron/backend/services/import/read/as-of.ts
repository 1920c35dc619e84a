/**
 * The snapshot date written in a title row above the header: "Situazione al 30/09/2026", "Scadenzario
 * aggiornato al 30.09.2026", "Aged receivables as of 2026-09-30", "Saldi al 30 settembre 2026", or a label
 * cell ("Situazione al") followed by a date cell. Dates the title calls print or export dates are ignored.
 */
import { type IsoDate, isoFromParts } from '../../../../../shared/domain/dates.ts';
import type { RawValue } from './source.ts';
import { parseDateText, serialToIso } from './values.ts';

const MONTHS: Record<string, number> = {};
[
  ['gennaio', 'gen', 'january', 'jan'],
  ['febbraio', 'feb', 'february'],
  ['marzo', 'mar', 'march'],
  ['aprile', 'apr', 'april'],
  ['maggio', 'mag', 'may'],
  ['giugno', 'giu', 'june', 'jun'],
  ['luglio', 'lug', 'july', 'jul'],
  ['agosto', 'ago', 'august', 'aug'],
  ['settembre', 'set', 'sett', 'september', 'sep', 'sept'],
  ['ottobre', 'ott', 'october', 'oct'],
  ['novembre', 'nov', 'november'],
  ['dicembre', 'dic', 'december', 'dec'],
].forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});

const MONTH = '([a-z]{3,9})\\.?';
const NUMERIC = String.raw`(\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})`;
const WORDS = String.raw`\b(?:situazione|aggiornat[oa]|alla\s+data(?:\s+del)?|as\s+(?:of|at)|al|at|del|data|date|snapshot)\b`;
const SEPARATOR = String.raw`\s*[:.-]?\s*`;
const KEYWORD = WORDS + SEPARATOR;
const KEYWORD_NUMERIC = new RegExp(KEYWORD + NUMERIC + String.raw`(?!\d)`, 'gi');
const KEYWORD_DAY_MONTH = new RegExp(`${KEYWORD}(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'gi');
const KEYWORD_MONTH_DAY = new RegExp(`${KEYWORD}${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi');
const KEYWORD_AT_END = new RegExp(`${KEYWORD}$`, 'i');
/** Words that make a date a print or export date, not the snapshot date. */
const NOT_AS_OF = /stamp|print|generat|creat|esport|export|elaborat/i;

/** The words just before a match (and the match itself) say it is a print or export date. */
function printDate(text: string, m: RegExpExecArray): boolean {
  return NOT_AS_OF.test(text.slice(Math.max(0, m.index - 25), m.index + m[0].length));
}

function namedDate(day: string, month: string, year: string): IsoDate | null {
  const m = MONTHS[month.toLowerCase()];
  return m ? isoFromParts(Number(year), m, Number(day)) : null;
}

/** The as-of date of one text, or null. */
export function asOfFromText(text: string): IsoDate | null {
  for (const m of text.matchAll(KEYWORD_NUMERIC)) {
    if (printDate(text, m)) continue;
    const iso = parseDateText(m[1] as string);
    if (iso) return iso;
  }
  for (const m of text.matchAll(KEYWORD_DAY_MONTH)) {
    if (printDate(text, m)) continue;
    const iso = namedDate(m[1] as string, m[2] as string, m[3] as string);
    if (iso) return iso;
  }
  for (const m of text.matchAll(KEYWORD_MONTH_DAY)) {
    if (printDate(text, m)) continue;
    const iso = namedDate(m[2] as string, m[1] as string, m[3] as string);
    if (iso) return iso;
  }
  return null;
}

/** The first as-of date in the rows above the header, or null. */
export function findAsOf(titleRows: readonly (readonly RawValue[])[], date1904: boolean): IsoDate | null {
  for (const row of titleRows) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.trim() === '') continue;
      const iso = asOfFromText(v);
      if (iso) return iso;
      // "Situazione al" | 30/09/2026: the date in the next non-blank cell, as a date cell or as text.
      if (KEYWORD_AT_END.test(v) && !NOT_AS_OF.test(v)) {
        const next = row.slice(c + 1).find((x) => x !== null && x !== '');
        const date =
          typeof next === 'number'
            ? serialToIso(next, date1904)
            : typeof next === 'string'
              ? (parseDateText(next, date1904) ?? asOfFromText(`al ${next}`))
              : null;
        if (date) return date;
      }
    }
  }
  return null;
}

/**
 * The date in a file name: `scadenzario-2026-10-31.xlsx`, `partite_20261031.csv`, `aperte 31.10.2026.xls`,
 * `saldaconto-31-10-2026.csv`. Null when there is none or more than one different date.
 */
export function asOfFromFileName(fileName: string): IsoDate | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]{1,5}$/i, '');
  const found = new Set<IsoDate>();
  for (const m of base.matchAll(/(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)/g)) {
    const iso = parseDateText(`${m[1]}-${m[2]}-${m[3]}`);
    if (iso) found.add(iso);
  }
  for (const m of base.matchAll(/(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})(?!\d)/g)) {
    const iso = parseDateText(`${m[3]}-${m[2]}-${m[1]}`);
    if (iso) found.add(iso);
  }
  return found.size === 1 ? ([...found][0] as IsoDate) : null;
}
