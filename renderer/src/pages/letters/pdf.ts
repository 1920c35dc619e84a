/**
 * PDFs from the backend (base64) as Blob URLs: shown in a frame when the CSP lets frames load
 * blob: URLs, otherwise offered as a download (Electron denies new windows).
 */
import { CSP_DIRECTIVES } from '../../../../shared/security/csp.ts';
import { base64Blob, saveFile } from '../../components/files.ts';

/** Whether the app's CSP lets an <iframe> show a blob: PDF (frame-src, else default-src). */
export const PDF_FRAMES_ALLOWED = (
  CSP_DIRECTIVES['frame-src'] ??
  CSP_DIRECTIVES['default-src'] ??
  []
).includes('blob:');

export function pdfBlob(base64: string): Blob {
  return base64Blob(base64, 'application/pdf');
}

export function blobUrl(blob: Blob): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : null;
}

export function revokeUrl(url: string | null): void {
  if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}

/** Saves a PDF through the browser's download (the file name the backend gave). */
export function downloadPdf(base64: string, fileName: string): void {
  saveFile(pdfBlob(base64), fileName);
}
