/**
 * The periodic report as a PDF (A4): a cover, the KPI table against the previous period with the
 * aging, the charts (the Reports page's pictures, drawn as SVG) with their figures, the
 * breakdowns and the critical cases. Uses the app's pdfmake setup (shipped fonts, no file or
 * network access) — common/pdf-engine.ts.
 */
import { AGING_BUCKETS } from '../../../../shared/domain/aging.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { FONT, type PdfDocumentModule, pdfDocumentModule, renderPdf } from '../common/pdf-engine.ts';
import { letterAssets } from '../letters/assets.ts';
import { agingChart, pairChart, trendChart } from './charts.ts';
import { formatReportDate, type ReportLabels, reportLabels } from './labels.ts';
import type { ReportData } from './report-data.ts';
import { kpiLines, positionSource } from './xlsx.ts';

type PdfNode = string | PdfNode[] | { [key: string]: unknown };

const GREY = '#666666';
const HEAD_FILL = '#f1f3f5';
const CONTENT_WIDTH = 481;

interface SvgCapableDoc {
  registerFont(name: string, src: Buffer): void;
  font(src: unknown, family?: unknown, size?: unknown): unknown;
  virtualfs: { existsSync(name: string): boolean; readFileSync(name: string): Buffer } | null;
  _registeredFonts?: Record<string, unknown>;
}

let svgText = false;

/**
 * Text inside SVG: pdfmake hands svg-to-pdfkit the font's virtual file name, which pdfkit then
 * looks for on disk. Registering the virtual file under that name on first use keeps chart
 * labels in the shipped font (and the PDF free of the user's fonts).
 */
function enableSvgText(PDFDocumentModule: PdfDocumentModule): void {
  if (svgText) return;
  svgText = true;
  // The CommonJS class arrives as the default export or, through some loaders, as `default.default`.
  const mod = PDFDocumentModule as unknown as {
    default?: { prototype?: SvgCapableDoc };
    prototype?: SvgCapableDoc;
  };
  const proto = mod.default?.prototype ?? mod.prototype;
  if (!proto || typeof proto.font !== 'function' || typeof proto.registerFont !== 'function') return;
  const original = proto.font;
  proto.font = function font(this: SvgCapableDoc, src: unknown, family?: unknown, size?: unknown) {
    if (typeof src === 'string' && !this._registeredFonts?.[src] && this.virtualfs?.existsSync(src))
      this.registerFont(src, this.virtualfs.readFileSync(src));
    return original.call(this, src, family, size);
  };
}

interface Fmt {
  money: (cents: number | null) => string;
  days: (d: number | null) => string;
  pct: (r: number | null) => string;
  count: (n: number | null) => string;
  date: (iso: string | null) => string;
}

function formatters(data: ReportData): Fmt {
  const locale = data.language === 'it' ? 'it-IT' : 'en-GB';
  const one = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: 'always',
  });
  const pct = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: 'always' });
  return {
    money: (c) => (c === null ? '—' : formatCents(c, locale)),
    days: (d) => (d === null ? '—' : one.format(d)),
    pct: (r) => (r === null ? '—' : pct.format(r)),
    count: (n) => (n === null ? '—' : int.format(n)),
    date: (iso) => (iso ? formatReportDate(iso, data.language) : '—'),
  };
}

const th = (text: string, alignment: 'left' | 'right' = 'left'): PdfNode => ({
  text,
  bold: true,
  fillColor: HEAD_FILL,
  alignment,
  fontSize: 8,
});
const td = (text: string, alignment: 'left' | 'right' = 'left'): PdfNode => ({ text, alignment });

function table(
  widths: (number | string)[],
  head: PdfNode[],
  body: PdfNode[][],
  margin = [0, 0, 0, 12],
): PdfNode {
  return {
    table: { headerRows: 1, widths, body: [head, ...body], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin,
  };
}

/** A table whose first column names the row and whose other columns are figures, right-aligned. */
function figureTable(widths: (number | string)[], titles: string[], rows: string[][]): PdfNode {
  const cells = (row: string[], cell: (text: string, alignment?: 'left' | 'right') => PdfNode) =>
    row.map((text, i) => cell(text, i === 0 ? 'left' : 'right'));
  return table(
    widths,
    cells(titles, th),
    rows.map((row) => cells(row, td)),
  );
}

const heading = (text: string, pageBreak = false): PdfNode => ({
  text,
  fontSize: 13,
  bold: true,
  margin: [0, pageBreak ? 0 : 6, 0, 8],
  ...(pageBreak ? { pageBreak: 'before' } : {}),
});
/** A chart: SVG drawn as vectors, its labels in the shipped font. */
const chart = (svg: string): PdfNode => ({ svg, width: CONTENT_WIDTH, font: FONT, margin: [0, 0, 0, 10] });
const subheading = (text: string): PdfNode => ({ text, fontSize: 10, bold: true, margin: [0, 4, 0, 6] });

function cover(d: ReportData, L: ReportLabels, f: Fmt): PdfNode[] {
  const source = positionSource(d, L);
  const start = d.sources.start ? L.startFrom.snapshot(d.sources.start.date) : L.startFrom.none;
  return [
    { text: d.company, fontSize: 12, color: GREY, margin: [0, 150, 0, 6] },
    { text: L.title, fontSize: 30, bold: true },
    { text: L.period(d.period), fontSize: 20, margin: [0, 4, 0, 24] },
    { text: d.kpis.asOf ? L.asOf(d.kpis.asOf) : L.positionFrom.none, fontSize: 11 },
    { text: `${f.date(d.period.from)} – ${f.date(d.period.to)}`, fontSize: 11, color: GREY },
    { text: L.generated(d.generatedOn), fontSize: 11, color: GREY, margin: [0, 0, 0, 30] },
    {
      ul: [source, start],
      fontSize: 9,
      color: GREY,
    },
    {
      ol: [
        L.sections.kpis,
        L.sections.aging,
        L.sections.trend,
        L.sections.collection,
        L.sections.collectors,
        ...d.breakdowns.map((b) => L.sections.breakdown(L.dimension[b.by])),
        L.sections.critical,
      ],
      fontSize: 10,
      margin: [0, 24, 0, 0],
    },
  ];
}

function kpiSection(d: ReportData, L: ReportLabels, f: Fmt): PdfNode[] {
  const fmtOf = (unit: string) =>
    unit === 'money' ? f.money : unit === 'ratio' ? f.pct : unit === 'days' ? f.days : f.count;
  const body = kpiLines(L, d.kpis, d.previous).map((line) => {
    const v = line.value(d.kpis);
    const p = line.value(d.previous);
    const fmt = fmtOf(line.unit);
    const change = v !== null && p !== null ? v - p : null;
    const signed = change === null ? '—' : `${change > 0 ? '+' : ''}${fmt(change)}`;
    const reason = line.reason && v === null ? d.kpis.reasons[line.reason] : undefined;
    return [
      td(line.label),
      td(fmt(v), 'right'),
      td(fmt(p), 'right'),
      td(signed, 'right'),
      { text: reason ? L.reason[reason.code] : '', color: GREY, fontSize: 7 },
    ];
  });
  return [
    heading(L.sections.kpis, true),
    table(
      [138, 74, 74, 76, '*'],
      [
        th(L.columns.kpi),
        th(L.columns.value, 'right'),
        th(`${L.columns.previous}\n${L.period(d.previousPeriod)}`, 'right'),
        th(L.columns.change, 'right'),
        th(L.columns.note),
      ],
      body,
    ),
  ];
}

function agingSection(d: ReportData, L: ReportLabels, f: Fmt): PdfNode[] {
  const aging = d.kpis.aging;
  const total = aging ? AGING_BUCKETS.reduce((a, b) => a + aging[b], 0) : 0;
  const rows = AGING_BUCKETS.map((b) => [
    td(L.aging[b]),
    td(f.money(aging ? aging[b] : null), 'right'),
    td(f.pct(aging && total > 0 ? aging[b] / total : null), 'right'),
  ]);
  rows.push([
    { text: L.kpi.receivables, bold: true },
    { text: f.money(aging ? total : null), bold: true, alignment: 'right' },
    td('', 'right'),
  ]);
  rows.push([td(L.kpi.credits), td(f.money(d.kpis.creditsCents), 'right'), td('', 'right')]);
  return [
    heading(L.sections.aging, true),
    chart(agingChart(aging, L, d.language, CONTENT_WIDTH)),
    table(
      [180, 100, 60],
      [th(L.columns.bucket), th(L.columns.amount, 'right'), th(L.columns.share, 'right')],
      rows,
    ),
  ];
}

function chartsSection(d: ReportData, L: ReportLabels, f: Fmt): PdfNode[] {
  const trend = d.trend.map((p) => ({ month: p.month, overdueCents: p.overdueCents, dso: p.dso }));
  const trendRows = d.trend.map((p) => [
    p.month,
    f.money(p.receivablesCents),
    f.money(p.overdueCents),
    f.pct(p.overdueRatio),
    f.days(p.dso),
    f.money(p.enteredCollectionCents),
    f.money(p.collectedCents),
  ]);
  const collectors = d.collectors.map((r) => ({
    label: r.label || L.none,
    a: r.kpis.enteredCollectionCents,
    b: r.kpis.collectedCents,
  }));
  const collectorRows = d.collectors.map((r) => [
    r.label || L.none,
    f.count(r.kpis.openCases),
    f.money(r.kpis.inCollectionCents),
    f.money(r.kpis.enteredCollectionCents),
    f.money(r.kpis.collectedCents),
    f.pct(r.kpis.recoveryRate),
    f.days(r.kpis.avgRecoveryDays),
  ]);
  return [
    heading(L.sections.trend),
    chart(trendChart(trend, L, d.language, CONTENT_WIDTH)),
    heading(L.sections.collection, true),
    chart(
      pairChart(
        d.trend.map((p) => ({
          label: `${p.month.slice(5)}/${p.month.slice(2, 4)}`,
          a: p.enteredCollectionCents,
          b: p.collectedCents,
        })),
        { a: L.columns.entered, b: L.columns.collected },
        d.language,
        CONTENT_WIDTH,
        L.chart.noData,
      ),
    ),
    figureTable(
      [44, '*', '*', 44, 34, '*', '*'],
      [
        L.columns.month,
        L.columns.receivables,
        L.columns.overdue,
        L.columns.overdueRatio,
        L.columns.dso,
        L.columns.entered,
        L.columns.collected,
      ],
      trendRows,
    ),
    // The heading travels with its chart: never a title alone at the foot of a page.
    {
      stack: [
        heading(L.sections.collectors),
        chart(
          pairChart(
            collectors,
            { a: L.columns.entered, b: L.columns.collected },
            d.language,
            CONTENT_WIDTH,
            L.chart.noData,
          ),
        ),
      ],
      unbreakable: true,
    },
    figureTable(
      ['*', 46, 70, 70, 70, 50, 50],
      [
        L.columns.collector,
        L.columns.openCases,
        L.columns.inCollection,
        L.columns.entered,
        L.columns.collected,
        L.columns.recoveryRate,
        L.kpi.avgRecoveryDays,
      ],
      collectorRows,
    ),
  ];
}

function breakdownSections(d: ReportData, L: ReportLabels, f: Fmt): PdfNode[] {
  return d.breakdowns.flatMap((b, i) => [
    i === 0
      ? heading(L.sections.breakdown(L.dimension[b.by]), true)
      : subheading(L.sections.breakdown(L.dimension[b.by])),
    figureTable(
      ['*', 28, 60, 60, 34, 28, 28, 32, 56],
      [
        L.dimension[b.by],
        L.columns.customers,
        L.columns.receivables,
        L.columns.overdue,
        L.columns.overdueRatio,
        L.columns.dso,
        L.columns.add,
        L.columns.cei,
        L.columns.collected,
      ],
      b.rows.map((r) => [
        r.label || L.none,
        f.count(r.customers),
        f.money(r.kpis.receivablesCents),
        f.money(r.kpis.overdueCents),
        f.pct(r.kpis.overdueRatio),
        f.days(r.kpis.dso),
        f.days(r.kpis.add),
        f.pct(r.kpis.cei),
        f.money(r.kpis.collectedCents),
      ]),
    ),
  ]);
}

function criticalSection(d: ReportData, L: ReportLabels, f: Fmt): PdfNode[] {
  const c = d.critical;
  // pdfmake annotates the nodes it lays out: every place needs its own object.
  const none = (): PdfNode => ({ text: L.sections.none, color: GREY, margin: [0, 0, 0, 12] });
  /** A list of customers (code and name, then `head`'s columns), or "none". */
  const list = <T extends { code: string; name: string }>(
    items: T[],
    widths: (number | string)[],
    head: PdfNode[],
    row: (x: T) => PdfNode[],
  ) =>
    items.length === 0
      ? none()
      : table(
          widths,
          [th(L.columns.code), th(L.columns.customer), ...head],
          items.map((x) => [td(x.code), td(x.name), ...row(x)]),
        );
  return [
    heading(L.sections.critical, true),
    subheading(L.sections.criticalCustomers),
    list(
      c.customers,
      [44, '*', 70, 50, 34, 50],
      [
        th(L.columns.overdue, 'right'),
        th(L.columns.avgDaysOverdue, 'right'),
        th(L.columns.class),
        th(L.columns.score, 'right'),
      ],
      (x) => [
        td(f.money(x.overdueCents), 'right'),
        td(f.days(x.avgDaysOverdue), 'right'),
        td(x.class ?? '—'),
        td(f.count(x.score), 'right'),
      ],
    ),
    subheading(L.sections.brokenPromises),
    list(
      c.brokenPromises,
      [44, '*', 60, 70, 60],
      [th(L.columns.promiseDate), th(L.columns.amount, 'right'), th(L.columns.resolvedOn)],
      (x) => [td(f.date(x.date)), td(f.money(x.amountCents), 'right'), td(f.date(x.resolvedOn))],
    ),
    subheading(L.sections.disputes),
    list(
      c.disputes,
      [44, '*', 56, 34, 80, 60],
      [
        th(L.columns.openedOn),
        th(L.columns.days, 'right'),
        th(L.columns.reason),
        th(L.columns.amount, 'right'),
      ],
      (x) => [
        td(f.date(x.openedOn)),
        td(f.count(x.days), 'right'),
        td(x.reason),
        td(f.money(x.residualCents), 'right'),
      ],
    ),
    subheading(L.sections.legal),
    list(
      c.legal,
      [44, 90, 60, 60, '*'],
      [th(L.columns.claim, 'right'), th(L.columns.expectedNet, 'right'), th(L.columns.reason)],
      (x) => [
        td(f.money(x.claimCents), 'right'),
        td(f.money(x.expectedNetCents), 'right'),
        { text: x.reason, fontSize: 7 },
      ],
    ),
  ];
}

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
}

export async function renderReportPdf(
  data: ReportData,
  progress?: (done: number, total: number) => void,
): Promise<RenderedReport> {
  enableSvgText(await pdfDocumentModule());
  const L = reportLabels(data.language);
  const f = formatters(data);
  const parts = [cover, kpiSection, agingSection, chartsSection, breakdownSections, criticalSection];
  const content: PdfNode[] = [];
  parts.forEach((part, i) => {
    content.push(...part(data, L, f));
    progress?.(i + 1, parts.length + 1);
  });
  let pages = 0;
  const title = `${L.title} – ${L.period(data.period)}`;
  const pdf = await renderPdf(
    {
      pageSize: 'A4',
      pageMargins: [57, 48, 57, 48],
      info: { title, author: data.company || 'Incasso', creator: 'Incasso', producer: 'Incasso' },
      defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.15 },
      content,
      footer: (page: number, count: number) => {
        pages = Math.max(pages, count);
        if (page === 1) return null;
        return {
          columns: [
            { text: `${data.company ? `${data.company} – ` : ''}${title}`, width: '*' },
            { text: L.page(page, count), width: 'auto', alignment: 'right' },
          ],
          fontSize: 7.5,
          color: GREY,
          margin: [57, 18, 57, 0],
        };
      },
    },
    letterAssets().fontsDir,
  );
  progress?.(parts.length + 1, parts.length + 1);
  return { pdf, pages };
}
