/** What the letter rendering worker and its parent exchange. */
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import type { LetterAssets } from './assets.ts';
import type { RenderedFile } from './batch-render.ts';
import type { LetterImages } from './load.ts';

/** Given once, when the worker starts: what every chunk of the batch shares. */
export interface RenderWorkerData {
  images: LetterImages;
  outDir: string;
  assets: LetterAssets;
}

/** Parent to worker: render these letters (the batch's `first`… in order), or stop. */
export type RenderWorkerRequest =
  | { type: 'chunk'; chunk: number; first: number; models: LetterModel[] }
  | { type: 'end' };

/** Worker to parent: a letter's file is written, a chunk is done (its PDF transferred), or a failure. */
export type RenderWorkerMessage =
  | { type: 'letter' }
  | { type: 'chunk'; chunk: number; files: RenderedFile[]; pdf: Uint8Array }
  | { type: 'done' }
  | { type: 'error'; message: string };
