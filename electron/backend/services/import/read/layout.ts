/**
 * Finds where the data is: the sheet and header row (the first rows of every sheet are scored by how many
 * required fields their cells name), the column names, the mapping (given, from a matching profile, or
 * detected) and the as-of date of the title rows.
 */
import type { ImportField, ImportMapping } from '../../../../../shared/api/contract.ts';
import type { IsoDate } from '../../../../../shared/domain/dates.ts';
import type { ReadOptions } from '../types.ts';
import { findAsOf } from './as-of.ts';
import { fileError } from './errors.ts';
import { FIELD_LABELS, fieldForHeader, headerSignature, normalizeHeader } from './headers.ts';
import type { OpenedFile, RawValue } from './source.ts';
import { cellText } from './values.ts';

/** Title rows above the header are few; a header further down is not looked for unless the user says so. */
export const HEADER_SCAN_ROWS = 50;

export const REQUIRED: readonly ImportField[] = ['customerCode', 'customerName', 'documentNumber', 'dueDate'];

export type Columns = Partial<Record<ImportField, number>>;

export interface Layout {
  sheet: string;
  /** 0-based index of the header row. */
  headerIndex: number;
  headers: string[];
  mapping: ImportMapping;
  columns: Columns;
  profile: string | null;
  asOf: IsoDate | null;
  missing: ImportField[];
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * One name per column up to the last non-blank header: blank headers become `Column F`, repeated ones
 * `Data (2)`, so a mapping (field -> header name) can point at any column.
 */
export function columnNames(row: readonly RawValue[]): string[] {
  let last = row.length - 1;
  while (last >= 0 && cellText(row[last] ?? null) === '') last--;
  const names: string[] = [];
  const used = new Set<string>();
  for (let c = 0; c <= last; c++) {
    const base = cellText(row[c] ?? null) || `Column ${columnLetter(c)}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base} (${k})`;
    used.add(name);
    names.push(name);
  }
  return names;
}

/** The detected mapping of a header row: the first column naming a field gets it. */
export function detectMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const h of headers) {
    const field = fieldForHeader(h);
    if (field && mapping[field] === undefined) mapping[field] = h;
  }
  return mapping;
}

export function missingFields(mapping: ImportMapping): ImportField[] {
  const missing = REQUIRED.filter((f) => mapping[f] === undefined);
  // Either amount column will do (residual = amount when there is no residual); `residual` stands for both.
  if (mapping.residual === undefined && mapping.amount === undefined) missing.push('residual');
  return missing;
}

export function describeMissing(missing: readonly ImportField[]): string {
  return missing.map((f) => (f === 'residual' ? 'residual or amount' : FIELD_LABELS[f])).join(', ');
}

/** Resolves a mapping given by header names against this file's columns (exactly, else normalized). */
function resolveMapping(
  given: ImportMapping,
  headers: readonly string[],
): { mapping: ImportMapping; columns: Columns } {
  const normalized = headers.map(normalizeHeader);
  const mapping: ImportMapping = {};
  const columns: Columns = {};
  for (const [field, header] of Object.entries(given) as [ImportField, string | undefined][]) {
    if (!header) continue;
    let c = headers.indexOf(header);
    if (c < 0) c = normalized.indexOf(normalizeHeader(header));
    if (c < 0) continue;
    mapping[field] = headers[c] as string;
    columns[field] = c;
  }
  return { mapping, columns };
}

type Profile = NonNullable<ReadOptions['profiles']>[number];

interface Candidate {
  sheet: string;
  index: number;
  headers: string[];
  score: number;
  profile: Profile | null;
}

function scoreRow(headers: readonly string[], options: ReadOptions): { score: number; acceptable: boolean } {
  const mapping = detectMapping(headers);
  const fields = Object.keys(mapping).length;
  const required = REQUIRED.length + 1 - missingFields(mapping).length;
  let score = required * 100 + fields;
  let acceptable = required >= 2 || fields >= 3;
  if (options.mapping) {
    const { columns } = resolveMapping(options.mapping, headers);
    const found = Object.keys(columns).length;
    score += found * 1000;
    if (found >= 2) acceptable = true;
  }
  return { score, acceptable };
}

export function findLayout(file: OpenedFile, fileName: string, options: ReadOptions): Layout {
  let sheets = file.sheets;
  if (options.sheet !== undefined && file.format !== 'csv') {
    sheets = sheets.filter((s) => s.name === options.sheet);
    if (sheets.length === 0) {
      throw fileError(
        fileName,
        `no sheet named "${options.sheet}" (sheets: ${file.sheets.map((s) => s.name).join(', ')})`,
      );
    }
  }
  const profiles = (options.profiles ?? []).map((p) => ({
    profile: p,
    signature: headerSignature(p.headers),
  }));

  let best: Candidate | null = null;
  for (const sheet of sheets) {
    const first = options.headerRow !== undefined ? options.headerRow - 1 : 0;
    const last = options.headerRow !== undefined ? options.headerRow - 1 : HEADER_SCAN_ROWS - 1;
    for (let index = first; index <= last && index < sheet.rows.length; index++) {
      const row: readonly RawValue[] = sheet.rows[index] ?? [];
      const headers = columnNames(row);
      if (!row.some((v) => cellText(v) !== '')) continue;
      let { score, acceptable } = scoreRow(headers, options);
      let profile: Profile | null = null;
      if (profiles.length > 0 && !options.mapping) {
        const signature = headerSignature(headers);
        profile = profiles.find((p) => p.signature === signature)?.profile ?? null;
        if (profile) {
          score += 100_000;
          acceptable = true;
        }
      }
      // The user's choice of header row stands even when its cells name no known field.
      if (options.headerRow !== undefined) acceptable = true;
      if (acceptable && (best === null || score > best.score)) {
        best = { sheet: sheet.name, index, headers, score, profile };
      }
    }
  }
  if (!best) {
    const where =
      options.headerRow !== undefined
        ? `row ${options.headerRow} is blank`
        : `none of the first ${HEADER_SCAN_ROWS} rows${file.format === 'csv' ? '' : ' of any sheet'} has the column headers of an open-items export (customer code, customer name, document number, due date, residual or amount)`;
    throw fileError(fileName, `no header row found: ${where}`);
  }

  const chosen: Candidate = best;
  const given = options.mapping ?? chosen.profile?.mapping;
  const { mapping, columns } = resolveMapping(given ?? detectMapping(chosen.headers), chosen.headers);
  const sheet = file.sheets.find((s) => s.name === chosen.sheet);
  return {
    sheet: chosen.sheet,
    headerIndex: chosen.index,
    headers: chosen.headers,
    mapping,
    columns,
    profile: options.mapping ? null : (chosen.profile?.name ?? null),
    asOf: findAsOf(sheet?.rows.slice(0, chosen.index) ?? [], file.date1904),
    missing: missingFields(mapping),
  };
}
