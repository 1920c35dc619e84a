/**
 * Renders a batch of composed letters into a folder: one PDF per letter, then the merged PDF
 * for printing (each letter on a new page). Touches no database, so a cancelled batch only
 * leaves a folder for the caller to delete. Runs in the render worker or, for the CLI,
 * in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import { sha256 } from './archive.ts';
import type { LetterImages } from './load.ts';
import { type LetterDoc, prepareLetter, renderLetters } from './pdf.ts';

export interface RenderedFile {
  /** File name inside the output folder. */
  file: string;
  sha256: string;
  bytes: number;
  pages: number;
}

export interface BatchFiles {
  files: RenderedFile[];
  merged: RenderedFile;
}

/** Which outputs to render: both, or one of them (two workers can share a batch). */
export interface BatchParts {
  letters: boolean;
  merged: boolean;
}

export interface RenderHooks {
  progress: (phase: string, done: number, total: number) => void;
  cancelled: () => boolean;
}

export class RenderCancelled extends Error {}

export const MERGED_FILE = 'merged.pdf';

export function letterFileName(index: number, m: LetterModel): string {
  const code = m.customerCode.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
  return `${String(index + 1).padStart(4, '0')}-${code}-${m.template}.pdf`;
}

function write(outDir: string, file: string, pdf: Buffer, pages: number): RenderedFile {
  fs.writeFileSync(path.join(outDir, file), pdf, { mode: 0o600, flag: 'wx' });
  return { file, sha256: sha256(pdf), bytes: pdf.length, pages };
}

export async function renderBatchFiles(
  models: readonly LetterModel[],
  images: LetterImages,
  outDir: string,
  hooks: RenderHooks,
  parts: BatchParts = { letters: true, merged: true },
): Promise<{ files: RenderedFile[]; merged: RenderedFile | null }> {
  const docs: LetterDoc[] = models.map(prepareLetter);
  const files: RenderedFile[] = [];
  if (parts.letters) {
    for (const [i, doc] of docs.entries()) {
      if (hooks.cancelled()) throw new RenderCancelled();
      const one = await renderLetters([doc], images);
      files.push(write(outDir, letterFileName(i, doc.model), one.pdf, one.pages[0] ?? 0));
      hooks.progress('letters', i + 1, models.length);
    }
  }
  if (!parts.merged) return { files, merged: null };
  if (hooks.cancelled()) throw new RenderCancelled();
  hooks.progress('merge', 0, 1);
  const merged = await renderLetters(docs, images);
  if (hooks.cancelled()) throw new RenderCancelled();
  hooks.progress('merge', 1, 1);
  return {
    files,
    merged: write(
      outDir,
      MERGED_FILE,
      merged.pdf,
      merged.pages.reduce((a, b) => a + b, 0),
    ),
  };
}
