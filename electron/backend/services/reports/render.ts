/**
 * Renders a gathered report to bytes, XLSX or PDF. Touches no database: runs in the report
 * worker (desktop and browser mode) or in-process (the CLI).
 */
import { renderReportPdf } from './pdf.ts';
import type { ReportData } from './report-data.ts';
import { renderXlsx, sheetNames } from './xlsx.ts';

export type ReportFormat = 'xlsx' | 'pdf';

export interface RenderedFile {
  bytes: Uint8Array;
  pages: number | null;
  sheets: string[];
}

export async function renderReport(
  data: ReportData,
  format: ReportFormat,
  progress: (done: number, total: number) => void,
): Promise<RenderedFile> {
  if (format === 'xlsx') {
    const bytes = renderXlsx(data, progress);
    return { bytes, pages: null, sheets: sheetNames(data) };
  }
  const { pdf, pages } = await renderReportPdf(data, progress);
  return { bytes: pdf, pages, sheets: [] };
}
