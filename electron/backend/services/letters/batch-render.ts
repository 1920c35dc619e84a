/**
 * Renders a batch of composed letters into a folder: one PDF per letter and the merged PDF for
 * printing (each letter from a new page). Touches no database, so a cancelled batch only leaves
 * a folder for the caller to delete.
 *
 * Each letter is laid out once: a chunk of consecutive letters is rendered as one document (a
 * worker thread renders one chunk at a time, render-job.ts), each letter's pages are copied out
 * of it into the letter's own file, and the chunk's pages are appended to the merged PDF in the
 * batch's order as they arrive (common/pdf-assemble.ts) — so the merged file is written as it
 * goes, never held whole in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import { PdfAssembler, type PdfInfo, parsePdf, pdfOfPages } from '../common/pdf-assemble.ts';
import { sha256 } from './archive.ts';
import type { LetterImages } from './load.ts';
import { letterInfo, prepareLetter, renderLetters } from './pdf.ts';

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

export class RenderCancelled extends Error {}

export const MERGED_FILE = 'merged.pdf';

export function letterFileName(index: number, m: LetterModel): string {
  const code = m.customerCode.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
  return `${String(index + 1).padStart(4, '0')}-${code}-${m.template}.pdf`;
}

/** A chunk rendered: its letters' files, and the chunk's PDF for the merged file. */
export interface RenderedChunk {
  files: RenderedFile[];
  pdf: Uint8Array;
}

/**
 * Renders letters `first…` of the batch as one document and writes each letter's own file.
 * `letterDone` is called after each file; `cancelled` is asked before each.
 */
export async function renderChunk(
  models: readonly LetterModel[],
  first: number,
  images: LetterImages,
  outDir: string,
  hooks: { cancelled: () => boolean; letterDone: () => void },
): Promise<RenderedChunk> {
  const docs = models.map(prepareLetter);
  const rendered = await renderLetters(docs, images);
  const parsed = parsePdf(rendered.pdf);
  if (parsed.pages.length !== rendered.pages.reduce((a, b) => a + b, 0))
    throw new Error('The letters rendered do not add up to the document’s pages.');
  const files: RenderedFile[] = [];
  let page = 0;
  for (const [i, doc] of docs.entries()) {
    if (hooks.cancelled()) throw new RenderCancelled();
    const count = rendered.pages[i] ?? 0;
    const pdf = pdfOfPages(parsed, parsed.pages.slice(page, page + count), letterInfo([doc]));
    page += count;
    const file = letterFileName(first + i, doc.model);
    fs.writeFileSync(path.join(outDir, file), pdf, { mode: 0o600, flag: 'wx' });
    files.push({ file, sha256: sha256(pdf), bytes: pdf.length, pages: count });
    hooks.letterDone();
  }
  return { files, pdf: rendered.pdf };
}

/**
 * The merged PDF, written front to back: chunks may arrive in any order (two workers), each is
 * appended once all the chunks before it are in.
 */
export class MergedPdf {
  private readonly fd: number;
  private readonly hash = crypto.createHash('sha256');
  private bytes = 0;
  private closed = false;
  private out: PdfAssembler | null = null;
  private nextChunk = 0;
  private readonly waiting = new Map<number, Uint8Array>();

  constructor(
    private readonly file: string,
    private readonly info: PdfInfo,
  ) {
    this.fd = fs.openSync(file, 'wx', 0o600);
  }

  private sink = (b: Buffer) => {
    fs.writeSync(this.fd, b);
    this.hash.update(b);
    this.bytes += b.length;
  };

  add(chunk: number, pdf: Uint8Array): void {
    this.waiting.set(chunk, pdf);
    for (let next = this.waiting.get(this.nextChunk); next; next = this.waiting.get(this.nextChunk)) {
      this.waiting.delete(this.nextChunk);
      this.nextChunk++;
      const parsed = parsePdf(Buffer.from(next.buffer, next.byteOffset, next.byteLength));
      this.out ??= new PdfAssembler(this.sink, parsed.version);
      this.info.creationDate ??= parsed.creationDate;
      this.out.addPages(parsed, parsed.pages);
    }
  }

  /** Completes the file once every chunk is in. */
  finish(chunks: number): RenderedFile {
    if (this.nextChunk !== chunks || !this.out) throw new Error('The merged PDF is missing letters.');
    this.out.finish(this.info);
    this.close();
    return {
      file: path.basename(this.file),
      sha256: this.hash.digest('hex'),
      bytes: this.bytes,
      pages: this.out.pageCount,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}
