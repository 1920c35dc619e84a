/**
 * Pages of PDFs written by pdfkit (pdfmake's writer), copied into new PDFs without laying
 * anything out again: one letter's pages out of a document of many (its own file), and many
 * documents' pages one after another into one file written as it goes (the merged PDF).
 *
 * Why by hand and not a PDF library: the source is always pdfkit's plain layout (an xref table,
 * `N 0 obj` dictionaries, a `/Length` on every stream, a flat page tree), so copying pages is
 * renumbering the objects a page reaches — a few hundred lines of text per letter, the streams
 * (fonts, page contents, images) copied as bytes. A general PDF library parses and re-serialises
 * every object, holds the whole output in memory, and would be a second PDF stack beside pdfmake.
 * Any other input (compressed xref streams, object streams, encryption) is refused.
 */
import crypto from 'node:crypto';

interface PdfObject {
  /** The object's value (usually a dictionary) as written, latin1. */
  head: string;
  /** Its stream's bytes, exactly (no `stream`/`endstream` keywords), or null. */
  stream: Buffer | null;
}

export interface ParsedPdf {
  version: string;
  objects: Map<number, PdfObject>;
  /** The page objects, in order. */
  pages: number[];
  /** The source's creation date as written (`(D:…)`), kept in the copies. */
  creationDate: string | null;
}

const REF = /(\d+) (\d+) R\b/g;
const refsOf = (head: string) => Array.from(head.matchAll(REF), (m) => Number(m[1]));

function fail(why: string): never {
  throw new Error(`Not a PDF written by pdfkit (${why}).`);
}

/** Reads a pdfkit PDF: its objects, by number, and its pages in order. */
export function parsePdf(buf: Buffer): ParsedPdf {
  const version = /^%PDF-(\d\.\d)/.exec(buf.toString('latin1', 0, 16))?.[1] ?? fail('no header');
  const tail = buf.toString('latin1', Math.max(0, buf.length - 64));
  const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1] ?? fail('no startxref'));
  const trailerAt = buf.indexOf('trailer', xrefAt, 'latin1');
  if (trailerAt < 0) fail('no trailer');
  const xref = buf.toString('latin1', xrefAt, trailerAt);
  const trailer = buf.toString('latin1', trailerAt, buf.length);
  if (/\/Encrypt\b/.test(trailer)) fail('encrypted');
  const sub = /^xref\s+0 (\d+)\s+/.exec(xref) ?? fail('xref table');
  const count = Number(sub[1]);
  const entries = xref.slice(sub[0].length).split(/\r?\n/);
  const offsets: { num: number; at: number }[] = [];
  for (let num = 1; num < count; num++) {
    const e = /^(\d{10}) \d{5} ([nf])/.exec(entries[num] ?? '') ?? fail(`xref entry ${num}`);
    if (e[2] === 'n') offsets.push({ num, at: Number(e[1]) });
  }
  const objects = new Map<number, PdfObject>();
  const starts = offsets.map((o) => o.at).sort((a, b) => a - b);
  const spanEnd = (at: number) => {
    // The next object's offset (binary search), or the xref table after the last one.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= at) lo = mid + 1;
      else hi = mid;
    }
    return starts[lo] ?? xrefAt;
  };
  for (const { num, at } of offsets) {
    const opening = `${num} 0 obj\n`;
    if (buf.toString('latin1', at, at + opening.length) !== opening) fail(`object ${num} not at its offset`);
    const start = at + opening.length;
    const span = buf.subarray(start, spanEnd(at));
    const streamAt = span.indexOf('\nstream\n', 0, 'latin1');
    if (streamAt >= 0) {
      const head = span.toString('latin1', 0, streamAt);
      const length = Number(
        /\/Length (\d+)\b/.exec(head)?.[1] ?? fail(`stream ${num} without a direct /Length`),
      );
      const from = streamAt + '\nstream\n'.length;
      if (from + length > span.length) fail(`stream ${num} longer than its object`);
      objects.set(num, { head, stream: span.subarray(from, from + length) });
    } else {
      const endAt = span.lastIndexOf('\nendobj', span.length, 'latin1');
      if (endAt < 0) fail(`object ${num} has no end`);
      objects.set(num, { head: span.toString('latin1', 0, endAt), stream: null });
    }
  }
  const root = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1] ?? fail('no /Root'));
  const pagesRoot = Number(
    /\/Pages (\d+) 0 R/.exec(objects.get(root)?.head ?? '')?.[1] ?? fail('no page tree'),
  );
  const pages: number[] = [];
  const walk = (num: number) => {
    const head = objects.get(num)?.head ?? fail(`page node ${num} missing`);
    if (/\/Type \/Pages\b/.test(head)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(head)?.[1] ?? fail(`page node ${num} without /Kids`);
      for (const kid of refsOf(kids)) walk(kid);
    } else pages.push(num);
  };
  walk(pagesRoot);
  const info = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
  const infoHead = info ? (objects.get(Number(info))?.head ?? '') : '';
  return { version, objects, pages, creationDate: /\/CreationDate (\([^)]*\))/.exec(infoHead)?.[1] ?? null };
}

export interface PdfInfo {
  title: string;
  author: string;
  creator: string;
  producer: string;
  /** As written in the source (`(D:…)`). */
  creationDate?: string | null | undefined;
}

/** A PDF text string: UTF-16BE with its byte-order mark, in hex (any character, no escaping). */
function textString(s: string): string {
  const b = Buffer.from(s, 'utf16le').swap16();
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

const PAGES = 1;
const CATALOG = 2;
const INFO = 3;

/**
 * A new PDF written front to back through `sink`: pages added from parsed sources (each with the
 * objects it reaches: contents, resources, fonts, images), then `finish` writes the page tree,
 * the catalog, the info and the cross-reference table. Only the offsets stay in memory.
 */
export class PdfAssembler {
  private position = 0;
  private readonly offsets: number[] = [];
  private next = INFO + 1;
  private readonly kids: number[] = [];

  constructor(
    private readonly sink: (bytes: Buffer) => void,
    version = '1.3',
  ) {
    this.write(Buffer.from(`%PDF-${version}\n%\xFF\xFF\xFF\xFF\n`, 'latin1'));
  }

  private write(bytes: Buffer): void {
    this.sink(bytes);
    this.position += bytes.length;
  }

  private object(num: number, head: string, stream: Buffer | null): void {
    this.offsets[num] = this.position;
    if (stream) {
      this.write(Buffer.from(`${num} 0 obj\n${head}\nstream\n`, 'latin1'));
      this.write(stream);
      this.write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    } else this.write(Buffer.from(`${num} 0 obj\n${head}\nendobj\n`, 'latin1'));
  }

  get pageCount(): number {
    return this.kids.length;
  }

  /** Copies `pages` (page object numbers of `src`, in the order given) and all they reach. */
  addPages(src: ParsedPdf, pages: readonly number[]): void {
    const renumber = new Map<number, number>();
    const order: number[] = [];
    const isPage = new Set(pages);
    const stack = [...pages].reverse();
    while (stack.length > 0) {
      const num = stack.pop() as number;
      if (renumber.has(num)) continue;
      const o = src.objects.get(num);
      if (!o) throw new Error(`PDF object ${num} is missing.`);
      renumber.set(num, this.next++);
      order.push(num);
      // A page's /Parent is the old page tree: not followed, it becomes the new one.
      const head = isPage.has(num) ? o.head.replace(/\/Parent \d+ \d+ R/, '') : o.head;
      for (const ref of refsOf(head).reverse()) if (!renumber.has(ref)) stack.push(ref);
    }
    for (const num of order) {
      const o = src.objects.get(num) as PdfObject;
      const head = o.head.replace(
        /(\/Parent )?(\d+) (\d+) R\b/g,
        (_m, parent: string | undefined, n: string) =>
          parent && isPage.has(num)
            ? `/Parent ${PAGES} 0 R`
            : `${parent ?? ''}${renumber.get(Number(n))} 0 R`,
      );
      this.object(renumber.get(num) as number, head, o.stream);
    }
    for (const page of pages) this.kids.push(renumber.get(page) as number);
  }

  /** Writes the page tree, catalog, info and cross-reference table: the PDF is complete. */
  finish(info: PdfInfo): void {
    this.object(
      PAGES,
      `<<\n/Type /Pages\n/Count ${this.kids.length}\n/Kids [${this.kids.map((k) => `${k} 0 R`).join(' ')}]\n>>`,
      null,
    );
    this.object(CATALOG, `<<\n/Type /Catalog\n/Pages ${PAGES} 0 R\n>>`, null);
    const entries = [
      `/Producer ${textString(info.producer)}`,
      `/Creator ${textString(info.creator)}`,
      ...(info.creationDate ? [`/CreationDate ${info.creationDate}`] : []),
      `/Title ${textString(info.title)}`,
      `/Author ${textString(info.author)}`,
    ];
    this.object(INFO, `<<\n${entries.join('\n')}\n>>`, null);
    const xrefAt = this.position;
    const lines = ['xref', `0 ${this.next}`, '0000000000 65535 f '];
    for (let num = 1; num < this.next; num++) {
      const at = this.offsets[num];
      if (at === undefined) throw new Error(`PDF object ${num} was never written.`);
      lines.push(`${String(at).padStart(10, '0')} 00000 n `);
    }
    const id = crypto
      .createHash('md5')
      .update(`${info.title}\n${info.author}\n${this.position}`)
      .digest('hex');
    lines.push(
      'trailer',
      `<<\n/Size ${this.next}\n/Root ${CATALOG} 0 R\n/Info ${INFO} 0 R\n/ID [<${id}> <${id}>]\n>>`,
      'startxref',
      String(xrefAt),
      '%%EOF',
      '',
    );
    this.write(Buffer.from(lines.join('\n'), 'latin1'));
  }
}

/** A new PDF, in memory, of some pages of a parsed source. */
export function pdfOfPages(src: ParsedPdf, pages: readonly number[], info: PdfInfo): Buffer {
  const parts: Buffer[] = [];
  const out = new PdfAssembler((b) => parts.push(b), src.version);
  out.addPages(src, pages);
  out.finish({ ...info, creationDate: info.creationDate ?? src.creationDate });
  return Buffer.concat(parts);
}
