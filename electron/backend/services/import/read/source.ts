/**
 * What the readers of each format (CSV, workbook) hand to the format-independent layout detection and row
 * validation: plain cell values, row by row.
 */
import type { ImportFormat } from '../types.ts';

/** A cell as read: text, a number (dates in workbooks are serial numbers), a boolean, or empty. */
export type RawValue = string | number | boolean | null;

export interface SheetPreview {
  name: string;
  /** The first rows of the sheet; index 0 is row 1 as the spreadsheet shows it. */
  rows: RawValue[][];
}

export interface OpenedFile {
  format: ImportFormat;
  encoding: string | null;
  /** Workbooks: every sheet in order. CSV: one sheet named ''. */
  sheets: SheetPreview[];
  /** Workbook dates count from 1904-01-01 instead of 1900 (old Mac Excel files). */
  date1904: boolean;
  /** Approximate number of rows of a sheet, for progress reports. */
  rowCount(sheet: string): number;
  /**
   * Calls `visit` for every row of `sheet` from the 0-based `from` to the end, in order. The `values` array may
   * be reused between calls: copy what must outlive the call. Errors thrown by `visit` propagate unchanged.
   * Once per sheet: the rows visited are released (a big file's cells are not kept beside its rows).
   */
  forEachRow(sheet: string, from: number, visit: (values: readonly RawValue[], index: number) => void): void;
}
