/**
 * Which column is which field, and why: a known layout's documented columns first, then the header names
 * (headers.ts) checked against the values (fit.ts). Among columns whose headers name the same field the one
 * whose values fit wins, whatever the order; a required field no column fits, or two columns fit with
 * different values, is left undecided and asked for — never guessed.
 */
import type { ImportField, ImportMapping } from '../../../../../shared/api/contract.ts';
import type { ImportIssue, MappingDetail } from '../types.ts';
import { carriesCodes, columnValues, distinct, fitField, SOLE_SHARE } from './fit.ts';
import { FIELD_LABELS, fieldForHeader } from './headers.ts';
import { findHeader, type KnownLayout, type TypeRule } from './layouts.ts';
import type { RawValue } from './source.ts';
import { isTotalRow } from './totals.ts';
import { cellText, isBlank } from './values.ts';

type Columns = Partial<Record<ImportField, number>>;

export interface DetectedMapping {
  mapping: ImportMapping;
  columns: Columns;
  details: MappingDetail[];
  undecided: Partial<Record<ImportField, string[]>>;
  notes: ImportIssue[];
}

/** A layout's value conventions with column indexes (-1: the file has no such column). */
export interface Rules {
  residualMinus: number[];
  open: number;
  currency: number;
  series: number;
  status: number;
  closedStatuses: ReadonlySet<string>;
  documentTypes: ReadonlyMap<string, TypeRule> | null;
  onlyListedTypes: boolean;
  paymentCodes: ReadonlyMap<string, string> | null;
  /** The column whose value stands for a missing or blank customer code; -1 none. */
  codeFromName: number;
  /** The customer code column's cells read "C001 - Rossi S.r.l.": code and name split there. */
  splitCodeName: boolean;
  /** Rows with amounts but no document number nor due date are subtotals (layouts.ts). */
  subtotalRows: boolean;
  /** An amount of 0 stands for none (layouts.ts). */
  zeroAmountIsBlank: boolean;
  notes: ImportIssue[];
}

/** Fields whose ambiguity is asked about rather than settled by column order. */
const DECIDED: ReadonlySet<ImportField> = new Set([
  'customerCode',
  'documentNumber',
  'dueDate',
  'residual',
  'amount',
]);
/** The customer name is judged first: a constant code column is wrong only when the names differ. */
const ORDER: readonly ImportField[] = [
  'customerName',
  ...(Object.keys(FIELD_LABELS) as ImportField[]).filter((f) => f !== 'customerName'),
];

/** The data rows among the first rows below the header (no blanks, no subtotal lines), at most 50. */
export function sampleRows(rows: readonly (readonly RawValue[])[]): (readonly RawValue[])[] {
  const out: (readonly RawValue[])[] = [];
  for (const row of rows) {
    if (out.length >= 50) break;
    if (row.some((v) => !isBlank(v)) && !isTotalRow(row)) out.push(row);
  }
  return out;
}

function samplesOf(rows: readonly (readonly RawValue[])[], c: number): string[] {
  const out: string[] = [];
  for (const v of columnValues(rows, c)) {
    const t = cellText(v);
    if (!out.includes(t)) out.push(t.length > 40 ? `${t.slice(0, 40)}…` : t);
    if (out.length >= 3) break;
  }
  return out;
}

export function detectColumns(
  headers: readonly string[],
  rows: readonly (readonly RawValue[])[],
  known: KnownLayout | null,
  date1904: boolean,
): DetectedMapping {
  const data = sampleRows(rows);
  const mapping: ImportMapping = {};
  const columns: Columns = {};
  const details: MappingDetail[] = [];
  const undecided: Partial<Record<ImportField, string[]>> = {};
  const notes: ImportIssue[] = [];
  const used = new Set<number>();
  const take = (field: ImportField, c: number, reason: string) => {
    mapping[field] = headers[c] as string;
    columns[field] = c;
    used.add(c);
    details.push({ field, header: headers[c] as string, reason, samples: samplesOf(data, c) });
  };

  if (known) {
    // Columns the layout says carry no field are never taken for one.
    for (const header of known.rules.ignore ?? []) {
      const c = findHeader(headers, header);
      if (c >= 0) used.add(c);
    }
    for (const [field, header] of Object.entries(known.mapping) as [ImportField, string][]) {
      const c = findHeader(headers, header);
      if (c >= 0 && !used.has(c)) take(field, c, `${known.name} layout: the column "${header}"`);
    }
  }

  for (const field of ORDER) {
    if (columns[field] !== undefined) continue;
    const label = FIELD_LABELS[field];
    const judged: { c: number; ok: boolean; share: number; note: string }[] = [];
    headers.forEach((h, c) => {
      if (!used.has(c) && fieldForHeader(h) === field) {
        judged.push({ c, ...fitField(field, columnValues(data, c), date1904) });
      }
    });
    if (judged.length === 0) continue;
    if (field === 'customerCode') rejectConstantCodes(judged, data, columns.customerName);
    let fits = judged.filter((j) => j.ok);
    if (fits.length === 0) {
      // The column whose values fit best is taken when some fit: the others are errors the rows report.
      const best = judged.reduce((a, b) => (b.share > a.share ? b : a));
      if (best.share >= SOLE_SHARE && !best.note.startsWith('holds one value')) {
        best.note = `${Math.round(best.share * 100)}% of the values fit; ${best.note}`;
        fits = [best];
      }
    }
    const passed = judged.filter((j) => !fits.includes(j)).map((j) => `"${headers[j.c]}": ${j.note}`);
    if (fits.length === 0) {
      undecided[field] = passed;
      if (!DECIDED.has(field)) {
        for (const p of passed) notes.push({ message: `Column ${p}: not taken as the ${label}` });
      }
      continue;
    }
    if (fits.length > 1 && DECIDED.has(field)) {
      const texts = fits.map((j) => JSON.stringify(columnValues(data, j.c).map(cellText)));
      if (new Set(texts).size > 1) {
        undecided[field] = [...fits.map((j) => `"${headers[j.c]}": ${j.note}`), ...passed];
        continue;
      }
    }
    const chosen = fits[0] as (typeof fits)[number];
    const over = passed.length > 0 ? `; passed over ${passed.join('; ')}` : '';
    take(field, chosen.c, `the header names the ${label}; ${chosen.note}${over}`);
  }

  if (columns.customerCode === undefined && columns.customerName !== undefined) {
    const c = columns.customerName;
    if (carriesCodes(columnValues(data, c))) {
      mapping.customerCode = headers[c] as string;
      columns.customerCode = c;
      details.push({
        field: 'customerCode',
        header: headers[c] as string,
        reason:
          'the customer column carries code and name ("C001 - Rossi S.r.l."): the code is the part before the dash',
        samples: samplesOf(data, c),
      });
      delete undecided.customerCode;
    } else if (known?.rules.codeFromName) {
      details.push({
        field: 'customerCode',
        header: headers[c] as string,
        reason: `the ${known.name} layout has no customer code: the name stands for it`,
        samples: samplesOf(data, c),
      });
    }
  }
  return { mapping, columns, details, undecided, notes };
}

/**
 * A customer code column holding one value on every row while the names differ is a general-ledger account
 * (Odoo's `Conto`: "150100 Crediti v/clienti"), not the customer: refused when its value reads like an
 * account description or another column competes for the code.
 */
function rejectConstantCodes(
  judged: { c: number; ok: boolean; share: number; note: string }[],
  data: readonly (readonly RawValue[])[],
  nameColumn: number | undefined,
): void {
  const names = nameColumn === undefined ? [] : columnValues(data, nameColumn);
  if (distinct(names, 2) < 2) return;
  for (const j of judged) {
    const values = columnValues(data, j.c);
    if (!j.ok || values.length < 3 || distinct(values, 2) !== 1) continue;
    const value = cellText(values[0] ?? null);
    if (judged.length > 1 || /\s/.test(value)) {
      j.ok = false;
      j.share = 0;
      j.note = `holds one value on every row ("${value}") while the customers differ`;
    }
  }
}

/** A mapping the user gave (by hand or in a profile), explained like a detected one. */
export function explainGiven(
  mapping: ImportMapping,
  columns: Columns,
  rows: readonly (readonly RawValue[])[],
  by: string,
  date1904: boolean,
): DetectedMapping {
  const data = sampleRows(rows);
  const details: MappingDetail[] = [];
  for (const [field, c] of Object.entries(columns) as [ImportField, number][]) {
    const fit = fitField(field, columnValues(data, c), date1904);
    details.push({
      field,
      header: headers(mapping, field),
      reason: `${by}${fit.ok ? `; ${fit.note}` : ` although its ${fit.note}`}`,
      samples: samplesOf(data, c),
    });
  }
  return { mapping, columns, details, undecided: {}, notes: [] };
}

function headers(mapping: ImportMapping, field: ImportField): string {
  return mapping[field] ?? '';
}

/** Type codes compared without case, spaces or punctuation: `Credit Memo` = `CREDITMEMO`. */
export function typeKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

export function resolveRules(
  known: KnownLayout | null,
  headerRow: readonly string[],
  columns: Columns,
  rows: readonly (readonly RawValue[])[],
): Rules {
  const r = known?.rules ?? {};
  const notes: ImportIssue[] = [];
  const minus =
    columns.residual === undefined && r.residualMinus
      ? r.residualMinus.map((h) => findHeader(headerRow, h)).filter((c) => c >= 0)
      : [];
  let codeFromName = -1;
  if (r.codeFromName) {
    codeFromName = findHeader(headerRow, r.codeFromName);
    if (codeFromName >= 0 && columns.customerCode === undefined && known) {
      notes.push({
        column: headerRow[codeFromName],
        message: `The ${known.name} layout has no customer code: "${headerRow[codeFromName]}" stands for it, so two customers whose names read the same there are one. Import the customer master data or map a code column to tell them apart.`,
      });
    }
  }
  const split =
    columns.customerCode !== undefined &&
    columns.customerCode === columns.customerName &&
    carriesCodes(columnValues(sampleRows(rows), columns.customerCode));
  return {
    residualMinus: minus,
    open: findHeader(headerRow, r.openColumn),
    currency: findHeader(headerRow, r.currencyColumn),
    series: findHeader(headerRow, r.seriesColumn),
    status: findHeader(headerRow, r.statusColumn),
    closedStatuses: new Set((r.closedStatuses ?? []).map(typeKey)),
    documentTypes: r.documentTypes
      ? new Map(Object.entries(r.documentTypes).map(([k, v]) => [typeKey(k), v]))
      : null,
    onlyListedTypes: r.onlyListedTypes === true,
    paymentCodes: r.paymentCodes ? new Map(Object.entries(r.paymentCodes)) : null,
    codeFromName,
    splitCodeName: split,
    subtotalRows: r.subtotalRows === true,
    zeroAmountIsBlank: r.zeroAmountIsBlank === true,
    notes,
  };
}
