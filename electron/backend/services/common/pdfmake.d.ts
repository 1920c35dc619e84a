/**
 * The part of pdfmake 0.3 (server side) that the app uses (pdf-engine.ts); the package ships no
 * types. Document nodes are typed loosely where documents are built (letters/pdf.ts…).
 */
declare module 'pdfmake' {
  export interface FontFiles {
    normal: string;
    bold?: string;
    italics?: string;
    bolditalics?: string;
  }
  export interface PdfOutput {
    getBuffer(): Promise<Buffer>;
  }
  export interface PdfMake {
    virtualfs: {
      writeFileSync(name: string, data: Buffer): void;
      existsSync(name: string): boolean;
    };
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>, options?: Record<string, unknown>): PdfOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}

/** pdfmake's pdfkit subclass: patched in pdf-engine.ts to share parsed fonts between documents. */
declare module 'pdfmake/js/PDFDocument.js' {
  export interface EmbeddedFontLike {
    /** The parsed (fontkit) font. */
    font: object;
    /** Word -> laid-out glyph run, when pdfkit's fontLayoutCache is on. */
    layoutCache?: Record<string, unknown>;
    constructor: new (doc: PdfKitDocumentLike, font: object, id: string) => EmbeddedFontLike;
  }
  export interface PdfKitDocumentLike {
    fontCache: Record<string, Record<string, EmbeddedFontLike>>;
    _fontFamilies: Record<string, EmbeddedFontLike>;
    _fontCount: number;
    getFontType(bold: boolean, italics: boolean): string;
    provideFont(familyName: string, bold: boolean, italics: boolean): EmbeddedFontLike;
  }
  const mod: { default: { prototype: PdfKitDocumentLike } };
  export default mod;
}
