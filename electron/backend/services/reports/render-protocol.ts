/** What the report rendering worker and its parent exchange. */
import type { LetterAssets } from '../letters/assets.ts';
import type { ReportFormat } from './render.ts';
import type { ReportData } from './report-data.ts';

export interface ReportWorkerData {
  data: ReportData;
  format: ReportFormat;
  /** The shipped fonts (the PDF uses the letters' pdfmake setup). */
  assets: LetterAssets;
}

export type ReportWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; bytes: Uint8Array; pages: number | null; sheets: string[] }
  | { type: 'error'; message: string };
