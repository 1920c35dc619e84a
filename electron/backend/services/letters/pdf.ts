/**
 * A composed letter (shared/domain/letters/model.ts) as a pdfmake document: A4, letterhead,
 * the addressee where a right-window envelope shows it, the item table, totals, the payment box
 * with the EPC QR code and the same data in plain text, signature, and "Pagina x di y".
 *
 * Several letters go into one document as pdfmake sections (each starts on a new page); the
 * page numbers in the footer count each letter's own pages, so a printed pile can be split
 * back into letters. Each section's background callback, which pdfmake calls once per page as
 * the page is laid out, records which pages belong to which letter; footers are drawn after
 * layout, when every letter's pages are known.
 */
import { formatDate, formatMoney, formatPercent } from '../../../../shared/domain/letters/format.ts';
import { LABELS, type LetterLabels } from '../../../../shared/domain/letters/labels.ts';
import type { Paragraph } from '../../../../shared/domain/letters/merge.ts';
import type { ItemRow, LetterModel } from '../../../../shared/domain/letters/model.ts';
import { FONT, renderPdf } from '../common/pdf-engine.ts';
import { letterAssets } from './assets.ts';
import type { LetterImages } from './load.ts';
import { epcQr, qrDataUrl } from './qr.ts';

type PdfNode = string | PdfNode[] | { [key: string]: unknown };

const GREY = '#555555';
const RULE = '#9a9a9a';
const FILL = '#eeeeee';
const MARGINS = [57, 42, 57, 54] as const;
/** The addressee column: starts ~109 mm from the page's left edge, as a right-window envelope shows it. */
const ADDRESS_WIDTH = 230;

const runs = (p: Paragraph): PdfNode[] => p.map((r) => (r.bold ? { text: r.text, bold: true } : r.text));

function paragraphs(ps: Paragraph[], margin: number[] = [0, 0, 0, 7]): PdfNode[] {
  return ps.map((p) => ({ text: runs(p), margin }));
}

const groupIban = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

function letterhead(m: LetterModel, images: LetterImages): PdfNode {
  const c = m.company;
  const L = LABELS[m.language];
  const ids = [c.vat && `${L.vat} ${c.vat}`, c.taxCode && c.taxCode !== c.vat && `${L.taxCode} ${c.taxCode}`];
  const contacts = [c.phone && `${L.phone} ${c.phone}`, c.email, c.pec && `PEC ${c.pec}`];
  // Compact: the address on one line, then identifiers, then contacts.
  const lines = [
    c.address
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' – '),
    ids.filter(Boolean).join(' – '),
    contacts.filter(Boolean).join(' – '),
  ].filter(Boolean);
  const text: PdfNode = {
    stack: [
      { text: c.name, bold: true, fontSize: 13 },
      { text: lines.join('\n'), fontSize: 8, color: GREY },
    ],
  };
  if (!images.logo) return { ...text, margin: [0, 0, 0, 6] };
  return {
    columns: [
      { image: 'logo', fit: [110, 48], width: 'auto' },
      { ...text, width: '*' },
    ],
    columnGap: 12,
    margin: [0, 0, 0, 6],
  };
}

function addressee(m: LetterModel): PdfNode {
  const L = LABELS[m.language];
  const stack: PdfNode[] = [];
  if (m.deliveryNote) stack.push({ text: m.deliveryNote, bold: true, fontSize: 9, margin: [0, 0, 0, 6] });
  if (m.language === 'it') stack.push({ text: 'Spett.le', fontSize: 9 });
  stack.push({ text: m.recipient.name, bold: true });
  if (m.recipient.lines.length > 0) stack.push({ text: m.recipient.lines.join('\n') });
  const left: PdfNode = {
    width: '*',
    stack: [
      { text: `${L.customerCode} ${m.customerCode}`, fontSize: 8, color: GREY },
      { text: `${L.reference} ${m.reference}`, fontSize: 8, color: GREY },
    ],
    margin: [0, 30, 0, 0],
  };
  return { columns: [left, { width: ADDRESS_WIDTH, stack }], columnGap: 12, margin: [0, 16, 0, 18] };
}

function dateLine(m: LetterModel): PdfNode {
  const place = m.company.place.trim();
  return { text: `${place ? `${place}, ` : ''}${formatDate(m.date)}`, margin: [0, 0, 0, 10] };
}

function subject(m: LetterModel): PdfNode {
  const L = LABELS[m.language];
  return {
    text: [
      { text: `${L.subject}: `, bold: true },
      { text: m.subject, bold: true },
    ],
    margin: [0, 0, 0, 12],
  };
}

const cell = (text: string, extra: Record<string, unknown> = {}): PdfNode => ({ text, ...extra });
const right = (text: string, extra: Record<string, unknown> = {}): PdfNode =>
  cell(text, { alignment: 'right', ...extra });

function documentCell(r: ItemRow, L: LetterLabels): PdfNode {
  const notes = [r.kind === 'credit' && L.creditNote, r.disputed && L.disputed].filter(Boolean);
  if (notes.length === 0) return cell(r.document);
  return { text: [r.document, { text: ` (${notes.join(', ')})`, italics: true, color: GREY }] };
}

function itemTable(m: LetterModel): PdfNode {
  const L = LABELS[m.language];
  const money = (c: number) => formatMoney(c, m.language);
  // Dunning letters list each invoice with its own level (per-invoice levels); the statement does not.
  const levels = m.rows.some((r) => r.level !== null);
  const head = [
    cell(L.document),
    cell(L.documentDate),
    cell(L.dueDate),
    right(L.amount),
    right(L.residual),
    right(L.daysLate),
    ...(levels ? [cell(L.level)] : []),
  ].map((h) => ({ ...(h as object), bold: true, fillColor: FILL }));
  const body = m.rows.map((r) => [
    documentCell(r, L),
    cell(formatDate(r.documentDate)),
    cell(formatDate(r.dueDate)),
    right(money(r.amountCents)),
    right(money(r.residualCents)),
    right(r.daysLate !== null ? String(r.daysLate) : r.kind === 'notDue' ? L.notDue : ''),
    ...(levels ? [cell(r.level !== null ? L.levels[r.level] : '')] : []),
  ]);
  const widths = levels ? ['*', 48, 48, 62, 62, 40, 62] : ['*', 52, 52, 70, 70, 48];
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [head, ...body] },
    layout: tableLayout(),
    fontSize: 8.5,
    margin: [0, 2, 0, 8],
  };
}

function tableLayout() {
  return {
    hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
      i === 0 || i === 1 || i === node.table.body.length ? 0.6 : 0.25,
    vLineWidth: () => 0,
    hLineColor: () => RULE,
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 2.5,
    paddingBottom: () => 2.5,
  };
}

function totals(m: LetterModel): PdfNode {
  const body = m.totals.map((t) => [
    { text: t.label, bold: t.strong === true, alignment: 'right' },
    {
      text: formatMoney(t.amountCents, m.language),
      bold: t.strong === true,
      alignment: 'right',
      noWrap: true,
    },
  ]);
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 360,
        table: { widths: ['*', 82], body },
        layout: {
          hLineWidth: (i: number) => (m.totals[i]?.strong ? 0.8 : 0),
          vLineWidth: () => 0,
          hLineColor: () => '#333333',
          paddingTop: () => 2,
          paddingBottom: () => 2,
          paddingLeft: () => 3,
          paddingRight: () => 3,
        },
      },
    ],
    fontSize: 9,
    unbreakable: true,
    margin: [0, 0, 0, 12],
  };
}

function paymentBox(m: LetterModel, qr: string | null): PdfNode | null {
  const p = m.payment;
  if (!p) return null;
  const L = LABELS[m.language];
  const line = (label: string, value: string, bold = false): PdfNode => ({
    text: [
      { text: `${label}: `, color: GREY },
      { text: value, bold },
    ],
    margin: [0, 1, 0, 1],
  });
  const details: PdfNode[] = [{ text: L.payBy, bold: true, margin: [0, 0, 0, 4] }];
  if (p.note && !p.epcPayload) details.push({ text: p.note, margin: [0, 0, 0, 4] });
  if (p.amountCents > 0) {
    details.push(line(L.beneficiary, p.beneficiary));
    if (p.iban) details.push(line(L.iban, groupIban(p.iban), true));
    if (p.bic) details.push(line(L.bic, p.bic));
    details.push(line(L.amountToPay, formatMoney(p.amountCents, m.language), true));
    details.push(line(L.remittance, p.remittance));
    if (p.creditorReference) details.push(line(L.creditorReference, p.creditorReference, true));
  }
  if (qr) details.push({ text: L.qrHint, fontSize: 7.5, color: GREY, margin: [0, 4, 0, 0] });
  const content: PdfNode = qr
    ? {
        columns: [
          { image: qr, width: 96, height: 96 },
          { width: '*', stack: details },
        ],
        columnGap: 12,
      }
    : { stack: details };
  return {
    table: { widths: ['*'], body: [[content]] },
    layout: {
      hLineWidth: () => 0.6,
      vLineWidth: () => 0.6,
      hLineColor: () => RULE,
      vLineColor: () => RULE,
      paddingLeft: () => 8,
      paddingRight: () => 8,
      paddingTop: () => 7,
      paddingBottom: () => 7,
    },
    fontSize: 9,
    unbreakable: true,
    margin: [0, 0, 0, 12],
  };
}

function signature(m: LetterModel, images: LetterImages): PdfNode {
  const c = m.company;
  const L = LABELS[m.language];
  const signer = m.signed ? c.signer || c.contact : c.contact;
  const stack: PdfNode[] = [{ text: c.name, bold: true }];
  if (m.signed) {
    stack.push(
      images.signature
        ? { image: 'signature', fit: [150, 48], margin: [0, 4, 0, 2] }
        : { text: `${L.signatureLine}: ______________________________`, margin: [0, 22, 0, 4] },
    );
  }
  if (signer) stack.push({ text: signer });
  return {
    columns: [
      { width: '*', text: '' },
      { width: ADDRESS_WIDTH, stack },
    ],
    columnGap: 12,
    margin: [0, 6, 0, 0],
  };
}

function interestDetail(m: LetterModel): PdfNode[] {
  if (m.interestRows.length === 0) return [];
  const L = LABELS[m.language];
  const money = (c: number) => formatMoney(c, m.language);
  const body: PdfNode[][] = [
    [
      cell(L.document),
      cell(L.period),
      right(L.days),
      right(L.residual),
      right(L.rate),
      right(L.interestAmount),
    ].map((h) => ({ ...(h as object), bold: true, fillColor: FILL })),
  ];
  for (const r of m.interestRows) {
    r.periods.forEach((p, i) => {
      body.push([
        cell(i === 0 ? r.document : ''),
        cell(`${formatDate(p.from)} – ${formatDate(p.to)}`),
        right(String(p.days)),
        right(i === 0 ? money(r.residualCents) : ''),
        right(formatPercent(p.ratePercent, m.language)),
        right(money(p.interestCents)),
      ]);
    });
    if (r.periods.length > 1) {
      body.push([
        right(`${L.interestAmount} ${r.document}`, { colSpan: 5, bold: true }),
        '',
        '',
        '',
        '',
        right(money(r.interestCents), { bold: true }),
      ]);
    }
  }
  const total = m.interestRows.reduce((a, r) => a + r.interestCents, 0);
  body.push([
    { text: L.interest(formatDate(m.date)), colSpan: 5, bold: true, alignment: 'right' },
    '',
    '',
    '',
    '',
    right(money(total), { bold: true }),
  ]);
  return [
    { text: L.interestDetail, bold: true, margin: [0, 18, 0, 4], headlineLevel: 1 },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: ['*', 110, 34, 66, 44, 62], body },
      layout: tableLayout(),
      fontSize: 8,
    },
    { text: L.interestNote, fontSize: 7.5, color: GREY, margin: [0, 4, 0, 0] },
  ];
}

/** The body of one letter (pdfmake content). */
export function letterContent(m: LetterModel, images: LetterImages, qr: string | null): PdfNode[] {
  const box = paymentBox(m, qr);
  return [
    letterhead(m, images),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 481, y2: 0, lineWidth: 0.6, lineColor: RULE }] },
    addressee(m),
    dateLine(m),
    subject(m),
    ...paragraphs(m.body),
    itemTable(m),
    totals(m),
    // What to pay and how, right under the figures: most readers stop there.
    ...(box ? [box] : []),
    ...paragraphs(m.after),
    // The closing and the signature stay together: a signature alone on a page looks forged.
    { stack: [...paragraphs(m.closing, [0, 0, 0, 4]), signature(m, images)], unbreakable: true },
    ...interestDetail(m),
  ];
}

function footer(m: LetterModel, page: number, of: number): PdfNode {
  return {
    columns: [
      { text: `${m.company.name} – ${m.reference}`, width: '*' },
      { text: LABELS[m.language].page(page, of), width: 'auto', alignment: 'right' },
    ],
    fontSize: 7.5,
    color: GREY,
    margin: [MARGINS[0], 20, MARGINS[2], 0],
  };
}

export interface RenderedPdf {
  pdf: Buffer;
  /** Pages of each letter, in order. */
  pages: number[];
}

export interface LetterDoc {
  model: LetterModel;
  /** The payment QR code as a PNG data URL. */
  qr: string | null;
}

export function prepareLetter(model: LetterModel): LetterDoc {
  return { model, qr: model.payment?.epcPayload ? qrDataUrl(epcQr(model.payment.epcPayload)) : null };
}

/** The document's title, author and maker: one letter's subject and reference, or the day's batch. */
export function letterInfo(docs: readonly LetterDoc[]): {
  title: string;
  author: string;
  creator: string;
  producer: string;
} {
  const first = docs[0]?.model;
  return {
    title:
      docs.length === 1 && first ? `${first.subject} – ${first.reference}` : `Lettere ${first?.date ?? ''}`,
    author: first?.company.name ?? '',
    creator: 'Incasso',
    producer: 'Incasso',
  };
}

/**
 * The pdfmake document of several letters, each a section starting on a new page; `pages()`
 * gives each letter's page count once the document is laid out.
 */
export function lettersDocument(
  docs: readonly LetterDoc[],
  images: LetterImages,
): { doc: Record<string, unknown>; pages: () => number[] } {
  const pagesOf = docs.map(() => new Set<number>());
  const sections = docs.map((d, i) => ({
    section: letterContent(d.model, images, d.qr),
    background: (page: number) => {
      pagesOf[i]?.add(page);
      return null;
    },
    footer: (page: number) => {
      const own = [...(pagesOf[i] ?? [])].sort((a, b) => a - b);
      return footer(d.model, own.indexOf(page) + 1, own.length);
    },
  }));
  const imageMap: Record<string, string> = {};
  if (images.logo) imageMap.logo = images.logo;
  if (images.signature) imageMap.signature = images.signature;
  const doc = {
    pageSize: 'A4',
    pageMargins: [...MARGINS],
    info: letterInfo(docs),
    defaultStyle: { font: FONT, fontSize: 9.5, lineHeight: 1.18 },
    images: imageMap,
    content: sections,
  };
  return { doc, pages: () => pagesOf.map((s) => s.size) };
}

/** Renders letters into one PDF, each letter starting on a new page and numbering its own pages. */
export async function renderLetters(docs: readonly LetterDoc[], images: LetterImages): Promise<RenderedPdf> {
  if (docs.length === 0) throw new Error('renderLetters: no letters');
  const { doc, pages } = lettersDocument(docs, images);
  const pdf = await renderPdf(doc, letterAssets().fontsDir);
  return { pdf, pages: pages() };
}

export async function renderLetter(model: LetterModel, images: LetterImages): Promise<RenderedPdf> {
  return renderLetters([prepareLetter(model)], images);
}
