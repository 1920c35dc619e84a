/**
 * XLSX, XLS and ODS through SheetJS (`xlsx`). Cells are read as stored: formulas are never evaluated (only
 * the value the spreadsheet saved is used), text stays text whatever its first character, and dates stay
 * serial numbers (no `cellDates`, which would build Dates in the machine's time zone).
 */
import * as XLSX from 'xlsx';
import type { ImportFormat } from '../types.ts';
import { fileError } from './errors.ts';
import type { OpenedFile, RawValue } from './source.ts';
import { isBlank } from './values.ts';
import { DamagedWorkbookError, workbookHead } from './workbook-head.ts';

/** Error cells (`#N/A` from a broken lookup...) keep their text so the row validation can name them. */
const ERROR_TEXT: Record<number, string> = {
  0: '#NULL!',
  7: '#DIV/0!',
  15: '#VALUE!',
  23: '#REF!',
  29: '#NAME?',
  36: '#NUM!',
  42: '#N/A',
  43: '#GETTING_DATA',
};
/** `#ERROR` stands for an error cell of unknown code (or a formula cell saved without its value). */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([...Object.values(ERROR_TEXT), '#ERROR']);

export function cellValue(cell: XLSX.CellObject | undefined): RawValue {
  if (cell === undefined) return null;
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return typeof v === 'string' ? v : v == null ? null : String(v);
    case 'n':
      return typeof v === 'number' ? v : null;
    case 'b':
      return typeof v === 'boolean' ? v : null;
    case 'e':
      return typeof v === 'number' ? (ERROR_TEXT[v] ?? '#ERROR') : '#ERROR';
    case 'd':
      // Not produced without `cellDates`; if a reader ever does, its UTC calendar day is the stored date.
      return v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : null;
    default:
      return null;
  }
}

/** How every workbook is parsed (the import benchmark's SheetJS floor parses with the same). */
export const WORKBOOK_READ_OPTIONS = {
  type: 'buffer',
  dense: true,
  // Values only: no formatted text, number formats, HTML, formulas or styles (faster, less memory).
  cellText: false,
  cellNF: false,
  cellHTML: false,
  cellFormula: false,
  cellStyles: false,
  cellDates: false,
  // HTML and XML tables (`.xls` from ERPs) keep their text: our parsers read Italian numbers and dates.
  raw: true,
} as const satisfies XLSX.ParsingOptions;

function readWorkbook(data: Buffer, fileName: string, sheetRows: number): XLSX.WorkBook {
  // Only the first rows wanted (detection): an XLSX's worksheets are cut there first (workbook-head.ts).
  const head =
    sheetRows > 0 && data[0] === 0x50 && data[1] === 0x4b ? headOrNull(data, sheetRows, fileName) : null;
  try {
    return XLSX.read(head ?? data, { ...WORKBOOK_READ_OPTIONS, ...(sheetRows > 0 ? { sheetRows } : {}) });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw fileError(fileName, `not a spreadsheet, or a damaged one (${reason})`);
  }
}

/**
 * A workbook our container reader cannot cut is read (and refused, with its reason) by SheetJS as
 * before — except one whose part inflates past its declared size, refused here: SheetJS's inflate has
 * no limit.
 */
function headOrNull(data: Buffer, rows: number, fileName: string): Buffer | null {
  try {
    return workbookHead(data, rows);
  } catch (err) {
    if (err instanceof DamagedWorkbookError)
      throw fileError(fileName, `the file is damaged (${err.message})`);
    return null;
  }
}

function denseRows(ws: XLSX.WorkSheet | undefined): (XLSX.CellObject[] | undefined)[] {
  const data = (ws as { '!data'?: XLSX.CellObject[][] } | undefined)?.['!data'];
  return data ?? [];
}

/** Stops at the first non-blank cell, so it is cheap on any real sheet. */
function hasData(ws: XLSX.WorkSheet | undefined): boolean {
  for (const row of denseRows(ws)) {
    if (row?.some((cell) => !isBlank(cellValue(cell)))) return true;
  }
  return false;
}

/**
 * @param sheetRows when > 0, only this many rows of each sheet are parsed (layout detection of a big file).
 */
export function openWorkbook(
  data: Buffer,
  fileName: string,
  format: ImportFormat,
  previewRows: number,
  sheetRows = 0,
): OpenedFile {
  const wb = readWorkbook(data, fileName, sheetRows);
  if (wb.SheetNames.length === 0) throw fileError(fileName, 'not a readable spreadsheet (no sheets)');
  const sheets = wb.SheetNames.map((name) => {
    // Array.from, not map: blank rows are holes in the dense array and map would keep them as holes.
    const rows = Array.from(denseRows(wb.Sheets[name]).slice(0, previewRows), (row) =>
      row ? Array.from(row, (cell) => cellValue(cell)) : [],
    );
    return { name, rows };
  });
  if (!wb.SheetNames.some((name) => hasData(wb.Sheets[name]))) {
    throw fileError(fileName, 'the file is empty: no sheet holds any data');
  }

  return {
    format,
    encoding: null,
    sheets,
    date1904: wb.Workbook?.WBProps?.date1904 === true,
    rowCount: (sheet) => denseRows(wb.Sheets[sheet]).length,
    forEachRow: (sheet, from, visit) => {
      const rows = denseRows(wb.Sheets[sheet]);
      // One scratch array for every row: the visitor copies what it keeps.
      const values: RawValue[] = [];
      for (let r = from; r < rows.length; r++) {
        const row = rows[r];
        values.length = 0;
        if (row) for (let c = 0; c < row.length; c++) values.push(cellValue(row[c]));
        // Each row's cells are released once visited: a 200k-row sheet's 3.4M cell objects no longer
        // stay beside the rows built from them through the sync and the write.
        rows[r] = undefined;
        visit(values, r);
      }
    },
  };
}
