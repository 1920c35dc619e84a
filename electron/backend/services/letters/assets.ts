/**
 * Files shipped with the app that letters need: the fonts embedded in every PDF and the
 * late-payment rate table that seeds `interest_rates`. From source they sit beside this module
 * and in db/seed/; a bundled build copies them and names them in createBackend's config
 * (`letterAssets`, electron/backend/config.ts), which the letter and report jobs hand their workers.
 */
import { fileURLToPath } from 'node:url';
import type { LetterAssets } from '../../config.ts';

export type { LetterAssets };

export const SOURCE_LETTER_ASSETS: LetterAssets = {
  fontsDir: fileURLToPath(new URL('./fonts', import.meta.url)),
  ratesCsv: fileURLToPath(new URL('../../../../db/seed/interest_rates_231.csv', import.meta.url)),
};

let assets: LetterAssets = SOURCE_LETTER_ASSETS;

/**
 * The assets this thread's PDF engine and rate table read: pdfmake keeps one font table per
 * thread, so they are the thread's, installed by createBackend from its config and by a worker
 * from the data its job was started with — never by the shell itself.
 */
export function setLetterAssets(next: LetterAssets): void {
  assets = next;
}

export function letterAssets(): LetterAssets {
  return assets;
}
