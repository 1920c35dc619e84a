/**
 * Files shipped with the app that letters need: the fonts embedded in every PDF and the
 * late-payment rate table that seeds `interest_rates`. From source they sit beside this module
 * and in db/seed/; a bundled build copies them and tells where with `setLetterAssets`.
 */
import { fileURLToPath } from 'node:url';

export interface LetterAssets {
  /** Folder with LiberationSans-{Regular,Bold,Italic,BoldItalic}.ttf. */
  fontsDir: string;
  /** The shipped rate table (from_date,to_date,ecb_rate_percent,moratory_rate_percent,source). */
  ratesCsv: string;
}

let assets: LetterAssets = {
  fontsDir: fileURLToPath(new URL('./fonts', import.meta.url)),
  ratesCsv: fileURLToPath(new URL('../../../../db/seed/interest_rates_231.csv', import.meta.url)),
};

export function setLetterAssets(next: LetterAssets): void {
  assets = next;
}

export function letterAssets(): LetterAssets {
  return assets;
}
