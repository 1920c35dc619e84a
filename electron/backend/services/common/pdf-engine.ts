/**
 * pdfmake, set up once per process (or worker thread) for every PDF the app writes (letters,
 * agreements, reports): the shipped fonts (from the folder the caller names: the letter assets'
 * `fontsDir`) in pdfmake's virtual file system (the PDF never depends on the user's installed fonts), no URL or local file access
 * (images arrive as data URLs, so templates cannot reach the disk or the network), and parsed
 * fonts shared between documents.
 *
 * Why the font patch: pdfkit parses each TTF anew for every document (fontkit.create), and a
 * fresh parsed font also loses its glyph and layout caches — about half the cost of a one-page
 * letter (STACK.md). pdfmake asks its PDFDocument for fonts through `provideFont`; the patch
 * keeps the first parsed font per family/style and wraps it in a new per-document embedded font
 * (its own subset, so each PDF embeds only the glyphs it uses). Measured: ~130 -> ~45 ms per
 * separate letter. Should pdfmake change shape, the patch steps aside and fonts are parsed per
 * document as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Pdfmake from 'pdfmake';
import type PDFDocumentModuleType from 'pdfmake/js/PDFDocument.js';
import type { EmbeddedFontLike, PdfKitDocumentLike } from 'pdfmake/js/PDFDocument.js';

type PdfmakeInstance = typeof Pdfmake;
export type PdfDocumentModule = typeof PDFDocumentModuleType;

/**
 * pdfmake and its PDFDocument (pdfkit, fontkit…, ~27 MB and a few hundred ms to load) arrive on
 * the first PDF: an import, a run or a worklist session never writes one and never pays for them.
 */
let loaded: Promise<{ pdfmake: PdfmakeInstance; PDFDocumentModule: PdfDocumentModule }> | null = null;
function loadPdfmake() {
  loaded ??= Promise.all([import('pdfmake'), import('pdfmake/js/PDFDocument.js')]).then(([m, d]) => ({
    pdfmake: m.default,
    PDFDocumentModule: d.default,
  }));
  return loaded;
}

/** pdfmake's PDFDocument module, for the patches the reports add (reports/pdf.ts). */
export async function pdfDocumentModule(): Promise<PdfDocumentModule> {
  return (await loadPdfmake()).PDFDocumentModule;
}

export const FONT = 'LiberationSans';

const FILES = {
  normal: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italics: 'LiberationSans-Italic.ttf',
  bolditalics: 'LiberationSans-BoldItalic.ttf',
} as const;

/** The fonts folder pdfmake was set up with in this thread (null: not yet). */
let readyWith: string | null = null;
let patched = false;

/** How many documents share one word-layout cache before it is started afresh (bounds memory). */
const LAYOUT_CACHE_DOCUMENTS = 2000;

function shareParsedFonts(PDFDocumentModule: PdfDocumentModule): void {
  const proto = PDFDocumentModule.default?.prototype;
  if (!proto || typeof proto.provideFont !== 'function' || typeof proto.getFontType !== 'function') return;
  const original = proto.provideFont;
  const parsed = new Map<string, SharedFont>();
  proto.provideFont = function provideFont(this: PdfKitDocumentLike, family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const key = `${family}/${type}`;
    const shared = parsed.get(key);
    if (!shared || typeof this._fontCount !== 'number' || !this._fontFamilies) {
      const font = original.call(this, family, bold, italics);
      if (font?.font && typeof font.constructor === 'function') {
        parsed.set(key, {
          font: font.font,
          Embedded: font.constructor,
          layoutCache: font.layoutCache ?? null,
          uses: 1,
        });
      }
      return font;
    }
    const id = `F${++this._fontCount}`;
    const font = new shared.Embedded(this, shared.font, id);
    // Words laid out once serve every document: a run depends on the font only, and pdfkit
    // copies runs before changing them (word spacing).
    if (shared.layoutCache && font.layoutCache) {
      if (++shared.uses > LAYOUT_CACHE_DOCUMENTS) {
        shared.layoutCache = font.layoutCache;
        shared.uses = 1;
      }
      font.layoutCache = shared.layoutCache;
    }
    // pdfkit writes out (subsets and embeds) every font listed here when the document ends.
    this._fontFamilies[id] = font;
    this.fontCache[family] = { ...this.fontCache[family], [type]: font };
    return font;
  };
}

interface SharedFont {
  font: object;
  Embedded: EmbeddedFontLike['constructor'];
  layoutCache: Record<string, unknown> | null;
  uses: number;
}

/** pdfmake with the fonts of `fontsDir` (read once per thread, again only if the folder changes). */
async function pdfEngine(fontsDir: string): Promise<PdfmakeInstance> {
  const { pdfmake, PDFDocumentModule } = await loadPdfmake();
  if (readyWith === fontsDir) return pdfmake;
  for (const file of Object.values(FILES))
    pdfmake.virtualfs.writeFileSync(file, fs.readFileSync(path.join(fontsDir, file)));
  pdfmake.setFonts({ [FONT]: { ...FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  if (!patched) shareParsedFonts(PDFDocumentModule);
  patched = true;
  readyWith = fontsDir;
  return pdfmake;
}

export async function renderPdf(doc: Record<string, unknown>, fontsDir: string): Promise<Buffer> {
  return (await pdfEngine(fontsDir)).createPdf(doc).getBuffer();
}
