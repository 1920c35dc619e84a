/** Documents received from the customer: read a chosen file for `attachments.add`, open a stored one. */

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const ATTACH_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.eml,.doc,.docx,.xls,.xlsx,.odt,.ods,.txt';
const ALLOWED = new Set(ATTACH_ACCEPT.split(','));

export type AttachProblem = 'tooLarge' | 'empty' | 'type';

/** Why a file cannot be attached, before sending it (the backend checks the same rules). */
export function attachProblem(file: { name: string; size: number }): AttachProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'tooLarge';
  const dot = file.name.lastIndexOf('.');
  const ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
  return ALLOWED.has(ext) ? null : 'type';
}

/** A file's bytes as base64 (without the `data:` prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

export function base64ToBlob(base64: string, mime: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** What a browser can show by itself; anything else is downloaded and opened with the system viewer. */
const VIEWABLE = /^(application\/pdf|image\/|text\/plain)/;

/**
 * Opens a stored document: in browser mode PDFs, images and text open in a new tab; other files
 * (and every file inside the desktop app, where new windows are not allowed) are downloaded.
 */
export function openDocument(doc: {
  fileName: string;
  mime: string;
  dataBase64: string;
}): 'tab' | 'download' {
  const url = URL.createObjectURL(base64ToBlob(doc.dataBase64, doc.mime));
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  if (!window.incasso && VIEWABLE.test(doc.mime)) {
    const win = window.open(url, '_blank');
    if (win) return 'tab';
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return 'download';
}
