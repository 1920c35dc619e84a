/**
 * A customer master-data file ("anagrafica clienti": Excel, OpenDocument or CSV) -> validated
 * rows, one per customer. The header row is found among the first rows of any sheet by the
 * columns it names (code, name and at least two identity or address fields); every problem names
 * the row as the spreadsheet shows it, the column and the value. The CSV and workbook sources of
 * the open-items reader do the file-format work (encodings, separators, ZIP guards).
 */
import { createHash } from 'node:crypto';
import type { MasterFields } from '../../../../../db/queries/master-data.ts';
import type { MasterField, MasterMapping } from '../../../../../shared/domain/master-data.ts';
import {
  checkEmails,
  checkIban,
  checkSdiCode,
  countryCode,
  looksLikeMasterData,
  MASTER_FIELDS,
  masterMapping,
  postalCodeText,
  taxCodeWarning,
  vatWarning,
} from '../../../../../shared/domain/master-data.ts';
import { openCsv } from '../../import/read/csv-source.ts';
import { fileError } from '../../import/read/errors.ts';
import { sniffFormat } from '../../import/read/format.ts';
import { checkFileSize, checkZip } from '../../import/read/guards.ts';
import { normalizeHeader } from '../../import/read/headers.ts';
import type { OpenedFile, RawValue } from '../../import/read/source.ts';
import { cellText, withoutControls } from '../../import/read/values.ts';
import { openWorkbook } from '../../import/read/workbook-source.ts';
import type { ImportFormat, ImportIssue } from '../../import/types.ts';

export const HEADER_ROWS = 50;
const MAX_TEXT = 500;

/** One customer of the file: the master columns (no composed postal block), name null when the cell is empty. */
export interface MasterRow extends Omit<MasterFields, 'name' | 'address'> {
  row: number;
  code: string;
  name: string | null;
}

export interface MasterLayout {
  fileName: string;
  sha256: string;
  format: ImportFormat;
  sheet: string | null;
  /** 1-based, as the spreadsheet shows it. */
  headerRow: number;
  headers: string[];
  mapping: MasterMapping;
}

export interface MasterRead extends MasterLayout {
  rows: MasterRow[];
  read: number;
  skipped: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface MasterReadOptions {
  sheet?: string;
  headerRow?: number;
}

function open(data: Buffer, fileName: string): OpenedFile {
  checkFileSize(data, fileName);
  const { format, container } = sniffFormat(data, fileName);
  if (container === 'csv') return openCsv(data, fileName, HEADER_ROWS);
  checkZip(data, fileName);
  return openWorkbook(data, fileName, format, HEADER_ROWS);
}

const headerTexts = (row: readonly RawValue[]) => row.map((v) => withoutControls(cellText(v)));

/** The first sheet and row, among the first rows, whose headers are a master-data file's. */
export function findMasterHeader(
  file: OpenedFile,
  options: MasterReadOptions = {},
): { sheet: string; index: number; headers: string[]; mapping: MasterMapping } | null {
  const sheets =
    options.sheet === undefined ? file.sheets : file.sheets.filter((s) => s.name === options.sheet);
  for (const s of sheets) {
    const candidates = options.headerRow === undefined ? s.rows.map((_, i) => i) : [options.headerRow - 1];
    for (const i of candidates) {
      const row = s.rows[i];
      if (!row) continue;
      const headers = headerTexts(row);
      const mapping = masterMapping(headers.map(normalizeHeader));
      if (looksLikeMasterData(mapping)) return { sheet: s.name, index: i, headers, mapping };
    }
  }
  return null;
}

function layoutOf(data: Buffer, fileName: string, file: OpenedFile, options: MasterReadOptions) {
  const found = findMasterHeader(file, options);
  if (!found) {
    throw fileError(
      fileName,
      `none of the first ${HEADER_ROWS} rows has the headers of a customer master-data file (a code, a name and at least two of VAT number, tax code, address, ZIP, city, e-mail, PEC, SDI code, IBAN)`,
    );
  }
  const layout: MasterLayout = {
    fileName,
    sha256: createHash('sha256').update(data).digest('hex'),
    format: file.format,
    sheet: file.format === 'csv' ? null : found.sheet,
    headerRow: found.index + 1,
    headers: found.headers,
    mapping: found.mapping,
  };
  return { layout, found };
}

export function detectMasterLayout(
  data: Buffer,
  fileName: string,
  options: MasterReadOptions = {},
): MasterLayout {
  return layoutOf(data, fileName, open(data, fileName), options).layout;
}

/** Builds and checks one row; problems go to `errors` / `warnings` with row, column and value. */
class MasterRowBuilder {
  readonly rows: MasterRow[] = [];
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  read = 0;
  skipped = 0;
  private readonly byCode = new Map<string, MasterRow>();

  constructor(
    private readonly mapping: MasterMapping,
    private readonly headers: string[],
  ) {}

  private cell(values: readonly RawValue[], f: MasterField): string | null {
    const i = this.mapping[f];
    if (i === undefined) return null;
    const t = withoutControls(cellText(values[i] ?? null));
    return t === '' ? null : t;
  }

  add(values: readonly RawValue[], index: number): void {
    const row = index + 1;
    const text: Partial<Record<MasterField, string | null>> = {};
    for (const f of MASTER_FIELDS) text[f] = this.cell(values, f);
    if (MASTER_FIELDS.every((f) => text[f] === null || text[f] === undefined)) {
      this.skipped++;
      return;
    }
    this.read++;
    const column = (f: MasterField) => this.headers[this.mapping[f] as number] ?? f;
    const rowErrors: { at: number; issue: ImportIssue }[] = [];
    const error = (f: MasterField, value: string | null, message: string) => {
      rowErrors.push({
        at: this.mapping[f] ?? 0,
        issue: { row, column: column(f), ...(value !== null ? { value } : {}), message },
      });
    };
    const warn = (f: MasterField, value: string, message: string) =>
      this.warnings.push({ row, column: column(f), value, message });
    for (const f of MASTER_FIELDS) {
      const v = text[f];
      if (v && v.length > MAX_TEXT) error(f, `${v.slice(0, 40)}…`, `longer than ${MAX_TEXT} characters`);
    }
    const code = text.code ?? null;
    if (code === null) error('code', null, 'the customer code is missing');
    if (text.name === null && this.mapping.name !== undefined)
      error('name', null, 'the customer name is missing');
    const checked = (f: MasterField, check: (s: string) => { value: string | null } | { error: string }) => {
      const v = text[f] ?? null;
      if (v === null) return null;
      const r = check(v);
      if ('error' in r) {
        error(f, v, r.error);
        return null;
      }
      return r.value;
    };
    const email = checked('email', (s) => checkEmails(s, 'e-mail'));
    const pec = checked('pec', (s) => checkEmails(s, 'PEC'));
    const sdiCode = checked('sdiCode', checkSdiCode);
    const iban = checked('iban', checkIban);
    const vat = text.vat ? text.vat.replace(/\s+/g, '').toUpperCase() : null;
    if (vat) {
      const w = vatWarning(vat);
      if (w) warn('vat', vat, w);
    }
    const taxCode = text.taxCode ? text.taxCode.replace(/\s+/g, '').toUpperCase() : null;
    if (taxCode) {
      const w = taxCodeWarning(taxCode);
      if (w) warn('taxCode', taxCode, w);
    }
    const country = text.country ? countryCode(text.country) : null;
    const street =
      [text.street, text.streetNumber, text.street2].filter((s): s is string => !!s).join(', ') || null;
    if (rowErrors.length > 0 || code === null) {
      // In the order of the file's columns, as the user reads the row.
      rowErrors.sort((a, b) => a.at - b.at);
      for (const e of rowErrors) this.errors.push(e.issue);
      return;
    }
    const r: MasterRow = {
      row,
      code,
      name: text.name ?? null,
      vat,
      taxCode,
      street,
      postalCode: text.postalCode ? postalCodeText(text.postalCode, country) : null,
      city: text.city ?? null,
      province: text.province ? text.province.toUpperCase() : null,
      country,
      email,
      pec,
      phone: text.phone ?? null,
      sdiCode,
      iban,
    };
    const twin = this.byCode.get(code);
    if (twin) {
      const same = (Object.keys(r) as (keyof MasterRow)[]).every((k) => k === 'row' || r[k] === twin[k]);
      if (same) {
        this.skipped++;
        this.warnings.push({
          row,
          column: column('code'),
          value: code,
          message: `the same customer as row ${twin.row}: read once`,
        });
      } else {
        this.errors.push({
          row,
          column: column('code'),
          value: code,
          message: `customer ${code} is also on row ${twin.row} with other data: keep one row per customer`,
        });
      }
      return;
    }
    this.byCode.set(code, r);
    this.rows.push(r);
  }
}

export function readMasterDataFile(
  data: Buffer,
  fileName: string,
  options: MasterReadOptions = {},
): MasterRead {
  const file = open(data, fileName);
  const { layout, found } = layoutOf(data, fileName, file, options);
  const builder = new MasterRowBuilder(found.mapping, found.headers);
  file.forEachRow(found.sheet, found.index + 1, (values, index) => builder.add(values, index));
  if (builder.read === 0 && builder.errors.length === 0) {
    throw fileError(fileName, 'the file has headers but no customer rows');
  }
  return {
    ...layout,
    rows: builder.rows,
    read: builder.read,
    skipped: builder.skipped,
    errors: builder.errors,
    warnings: builder.warnings,
  };
}
