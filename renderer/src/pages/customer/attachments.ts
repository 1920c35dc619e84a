/** Documents received from the customer: read a chosen file for `attachments.add`, open a stored one. */
import { base64Blob } from '../../components/files.ts';

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
  const url = URL.createObjectURL(base64Blob(doc.dataBase64, doc.mime));
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
