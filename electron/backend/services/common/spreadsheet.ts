/**
 * Cells and sheets for the workbooks the app writes (the legal dossier, the monthly report): text
 * that cannot run as a formula, amounts in euros from cents, dates as serial numbers, and a sheet
 * from rows of cells with column widths (and an autofilter on a header row). SheetJS (`xlsx`)
 * writes the file.
 */
import * as XLSX from 'xlsx';
import { toDayNumber } from '../../../../shared/domain/dates.ts';
import { neutraliseFormula } from '../../../../shared/domain/formula-guard.ts';

/** A cell, or nothing in it. */
export type Cell = XLSX.CellObject | null;

export const MONEY_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'dd/mm/yyyy';
/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01 (day number 0). */
const EXCEL_EPOCH_OFFSET = 25_569;

/** Text a spreadsheet could run as a formula (=, +, -, @, tab, CR first) is neutralised with a quote. */
export function safeText(value: string | null | undefined): Cell {
  if (value === null || value === undefined || value === '') return null;
  return { t: 's', v: neutraliseFormula(value) };
}

export const euros = (cents: number | null | undefined): Cell =>
  cents === null || cents === undefined ? null : { t: 'n', v: cents / 100, z: MONEY_FORMAT };

export const int = (n: number | null | undefined): Cell =>
  n === null || n === undefined ? null : { t: 'n', v: n };

/** Dates as serial numbers computed from the ISO text: no Date object, so no time zone can shift them. */
export const date = (iso: string | null | undefined): Cell =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? { t: 'n', v: toDayNumber(iso) + EXCEL_EPOCH_OFFSET, z: DATE_FORMAT }
    : null;

export const header = (...titles: string[]): Cell[] => titles.map((t) => safeText(t));

/** A sheet of `rows`, columns `widths` characters wide; `filterRow` gets an autofilter over the rows below it. */
export function sheet(rows: Cell[][], widths: number[], filterRow?: number): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let maxCol = 0;
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell) ws[XLSX.utils.encode_cell({ r, c })] = cell;
      maxCol = Math.max(maxCol, c);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: Math.max(0, rows.length - 1), c: maxCol },
  });
  ws['!cols'] = widths.map((wch) => ({ wch }));
  if (filterRow !== undefined && rows.length > filterRow + 1) {
    ws['!autofilter'] = {
      ref: XLSX.utils.encode_range({ s: { r: filterRow, c: 0 }, e: { r: rows.length - 1, c: maxCol } }),
    };
  }
  return ws;
}
