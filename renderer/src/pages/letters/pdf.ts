/**
 * PDFs from the backend (base64) as Blob URLs: shown in a frame when the CSP lets frames load
 * blob: URLs, otherwise offered as a download (Electron denies new windows).
 */
import { CSP_DIRECTIVES } from '../../../../shared/security/csp.ts';

/** Whether the app's CSP lets an <iframe> show a blob: PDF (frame-src, else default-src). */
export const PDF_FRAMES_ALLOWED = (
  CSP_DIRECTIVES['frame-src'] ??
  CSP_DIRECTIVES['default-src'] ??
  []
).includes('blob:');

export function pdfBlob(base64: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

export function blobUrl(blob: Blob): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : null;
}

export function revokeUrl(url: string | null): void {
  if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}

/** Saves a PDF through the browser's download (the file name the backend gave). */
export function downloadPdf(base64: string, fileName: string): void {
  const url = blobUrl(pdfBlob(base64));
  if (!url) return;
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => revokeUrl(url), 60_000);
}
