/**
 * Files between the user's disk and the backend, which carries them as base64: a Blob saved
 * through the browser's download (a temporary link), the Blob of a file the backend sent, and
 * the base64 of a file the user picked.
 */

/** Saves `blob` as `fileName` in the browser's downloads; nothing where Blob URLs do not exist. */
export function saveFile(blob: Blob, fileName: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has read the URL by then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The bytes of a base64 text, as a Blob of type `mime`. */
export function base64Blob(base64: string, mime: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** A file's bytes as base64 (without the `data:` prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
