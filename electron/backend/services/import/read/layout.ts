/**
 * Finds where the data is: the sheet and header row (the first rows of every sheet are scored by how many
 * required fields their cells name), the column names, the layout (a known accounting system's export, see
 * layouts.ts), the mapping (given, from a matching profile, the known layout's, or detected by header and
 * checked against the values, see mapping.ts) and the as-of date of the title rows or of the file name.
 */
import type { ImportField, ImportMapping } from '../../../../../shared/api/contract.ts';
import type { IsoDate } from '../../../../../shared/domain/dates.ts';
import type { ImportIssue, MappingDetail, ReadOptions } from '../types.ts';
import { asOfFromFileName, findAsOf } from './as-of.ts';
import { fileError } from './errors.ts';
import { FIELD_LABELS, fieldForHeader, headerSignature, normalizeHeader } from './headers.ts';
import { type KnownLayout, recogniseLayout } from './layouts.ts';
import { detectColumns, explainGiven, type Rules, resolveRules } from './mapping.ts';
import type { OpenedFile, RawValue } from './source.ts';
import { cellText } from './values.ts';

/** Title rows above the header are few; a header further down is not looked for unless the user says so. */
export const HEADER_SCAN_ROWS = 50;

/** What an import cannot do without. The customer name is not among them: codes-only exports import. */
export const REQUIRED: readonly ImportField[] = ['customerCode', 'documentNumber', 'dueDate'];
/** What makes a row a header row: the required fields and the customer name. */
const SCORED: readonly ImportField[] = ['customerCode', 'customerName', 'documentNumber', 'dueDate'];

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
  /** Where the as-of date comes from. */
  asOfSource: 'title' | 'fileName' | null;
  missing: ImportField[];
  /** The recognised layout of a known accounting system ("SAP FBL5N"), or null. */
  layoutName: string | null;
  /** Every mapped column: field, header, why, a few values. */
  details: MappingDetail[];
  /** For each missing required field, the columns considered and why each was passed over. */
  undecided: Partial<Record<ImportField, string[]>>;
  /** The value conventions of the layout (resolved to column indexes). */
  rules: Rules;
  /** Notes for the user from the detection (a column passed over, a code taken from the name...). */
  notes: ImportIssue[];
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

/** The header-name mapping of a row of headers: the first column naming a field gets it (scoring only). */
function headerMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const h of headers) {
    const field = fieldForHeader(h);
    if (field && mapping[field] === undefined) mapping[field] = h;
  }
  return mapping;
}

export function missingFields(
  mapping: ImportMapping,
  required: readonly ImportField[] = REQUIRED,
): ImportField[] {
  const missing = required.filter((f) => mapping[f] === undefined);
  // Either amount column will do (residual = amount when there is no residual); `residual` stands for both.
  if (mapping.residual === undefined && mapping.amount === undefined) missing.push('residual');
  return missing;
}

export function describeMissing(
  missing: readonly ImportField[],
  undecided: Partial<Record<ImportField, string[]>> = {},
): string {
  return missing
    .map((f) => {
      const label = f === 'residual' ? 'residual or amount' : FIELD_LABELS[f];
      const candidates =
        f === 'residual' ? [...(undecided.residual ?? []), ...(undecided.amount ?? [])] : undecided[f];
      return candidates?.length ? `${label} (undecided between ${candidates.join('; ')})` : label;
    })
    .join(', ');
}

/** Resolves a mapping given by header names against this file's columns (exactly, else normalized). */
export function resolveMapping(
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

/** A note per required field left undecided, naming the candidates: the user chooses. */
function undecidedNotes(missing: readonly ImportField[], undecided: Partial<Record<ImportField, string[]>>) {
  return missing
    .filter(
      (f) => (undecided[f]?.length ?? 0) > 0 || (f === 'residual' && (undecided.amount?.length ?? 0) > 0),
    )
    .map((f) => ({ message: `Choose the column of the ${describeMissing([f], undecided)}` }));
}

function sameMapping(a: ImportMapping, b: ImportMapping): boolean {
  const keys = Object.keys(a) as ImportField[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
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
  const mapping = headerMapping(headers);
  const fields = Object.keys(mapping).length;
  const required = SCORED.length + 1 - missingFields(mapping, SCORED).length;
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
      // A known layout's header row is the header row, whatever its synonyms score.
      if (recogniseLayout(headers)) {
        score += 10_000;
        acceptable = true;
      }
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
  const sheet = file.sheets.find((s) => s.name === chosen.sheet);
  const known = recogniseLayout(chosen.headers);
  const samples = (sheet?.rows ?? []).slice(chosen.index + 1);
  const given = options.mapping ?? chosen.profile?.mapping;
  let detected = detectColumns(chosen.headers, samples, known, file.date1904);
  if (given) {
    const { mapping, columns } = resolveMapping(given, chosen.headers);
    // The detected mapping sent back unchanged (the UI always sends one) keeps its reasons.
    if (!sameMapping(mapping, detected.mapping) || chosen.profile) {
      const by = options.mapping ? 'chosen by hand' : `profile "${chosen.profile?.name}"`;
      detected = explainGiven(mapping, columns, samples, by, file.date1904);
    }
  }
  const rules = resolveRules(known, chosen.headers, detected.columns, samples);
  const titleAsOf = findAsOf(sheet?.rows.slice(0, chosen.index) ?? [], file.date1904);
  const nameAsOf = titleAsOf ? null : asOfFromFileName(fileName);
  const mapping = detected.mapping;
  // The name stands for the code (a layout without codes) or the one column carries both.
  const codeCovered = mapping.customerCode !== undefined || rules.codeFromName >= 0;
  const missing = missingFields(codeCovered ? { ...mapping, customerCode: '' } : mapping);
  return {
    sheet: chosen.sheet,
    headerIndex: chosen.index,
    headers: chosen.headers,
    mapping,
    columns: detected.columns,
    profile: options.mapping ? null : (chosen.profile?.name ?? null),
    asOf: titleAsOf ?? nameAsOf,
    asOfSource: titleAsOf ? 'title' : nameAsOf ? 'fileName' : null,
    missing,
    layoutName: known?.name ?? null,
    details: detected.details,
    undecided: detected.undecided,
    rules,
    notes: [...undecidedNotes(missing, detected.undecided), ...detected.notes, ...rules.notes],
  };
}

export type { KnownLayout };
