/** What the letter rendering worker and its parent exchange. */
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import type { LetterAssets } from './assets.ts';
import type { BatchParts, RenderedFile } from './batch-render.ts';
import type { LetterImages } from './load.ts';

export interface RenderWorkerData {
  models: LetterModel[];
  images: LetterImages;
  outDir: string;
  assets: LetterAssets;
  parts: BatchParts;
}

export type RenderWorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; result: { files: RenderedFile[]; merged: RenderedFile | null } }
  | { type: 'error'; message: string };
