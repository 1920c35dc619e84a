/**
 * The report's charts as SVG (pdfmake draws SVG nodes as vectors): aging bars, the 12-month
 * overdue and DSO trend, collected vs entered collection by month, and results by collector.
 * The same pictures as the Reports page; the exact figures are in the tables beside them.
 */
import { AGING_BUCKETS, type Aging } from '../../../../shared/domain/aging.ts';
import type { ReportLabels, ReportLanguage } from './labels.ts';

const INK = '#343a40';
const MUTED = '#868e96';
const GRID = '#dee2e6';
const ACCENT = '#1c7ed6';
const OK = '#2f9e44';
const AGING_COLORS: Record<(typeof AGING_BUCKETS)[number], string> = {
  notDue: '#20c997',
  d1_30: '#ffa8a8',
  d31_60: '#ff8787',
  d61_90: '#fa5252',
  d91_180: '#e03131',
  d181_plus: '#c92a2a',
};

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (n: number) => Math.round(n * 10) / 10;

/** 1234567 cents -> `12,3 k€` / `12.3k €`: axis labels, not amounts to read exactly. */
export function compactEuros(cents: number, language: ReportLanguage): string {
  const euros = cents / 100;
  const abs = Math.abs(euros);
  const [value, suffix] =
    abs >= 1_000_000 ? [euros / 1_000_000, 'M'] : abs >= 1_000 ? [euros / 1_000, 'k'] : [euros, ''];
  const digits = Math.abs(value) >= 100 || suffix === '' ? 0 : 1;
  const text = new Intl.NumberFormat(language === 'it' ? 'it-IT' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
  return `${text} ${suffix}€`;
}

function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body.join('')}</svg>`;
}

const txt = (
  x: number,
  y: number,
  s: string,
  o: { size?: number; anchor?: 'start' | 'middle' | 'end'; color?: string; bold?: boolean } = {},
) =>
  `<text x="${r1(x)}" y="${r1(y)}" font-size="${o.size ?? 8}" fill="${o.color ?? INK}" text-anchor="${o.anchor ?? 'start'}"${o.bold ? ' font-weight="bold"' : ''}>${esc(s)}</text>`;
const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(Math.max(0, w))}" height="${r1(Math.max(0, h))}" fill="${fill}"/>`;
const line = (x1: number, y1: number, x2: number, y2: number, color = GRID, width = 0.6) =>
  `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${color}" stroke-width="${width}"/>`;

/** A "nice" axis maximum and step for `max`. */
function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 0.25 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  return { top: step * Math.ceil(max / step), step };
}

/** The axis values 0, step, 2·step … top. */
function ticks(scale: { top: number; step: number }): number[] {
  const n = Math.round(scale.top / scale.step);
  return Array.from({ length: n + 1 }, (_, i) => i * scale.step);
}

export function agingChart(
  aging: Aging | null,
  L: ReportLabels,
  language: ReportLanguage,
  width = 480,
): string {
  const rowH = 20;
  const labelW = 100;
  const valueW = 90;
  const height = AGING_BUCKETS.length * rowH + 8;
  if (!aging) return svg(width, 40, [txt(width / 2, 24, L.chart.noData, { anchor: 'middle', color: MUTED })]);
  const max = Math.max(1, ...AGING_BUCKETS.map((b) => aging[b]));
  const barW = width - labelW - valueW - 10;
  const body: string[] = [];
  AGING_BUCKETS.forEach((b, i) => {
    const y = 4 + i * rowH;
    body.push(txt(0, y + 13, L.aging[b], { size: 8.5 }));
    body.push(rect(labelW, y + 3, barW, rowH - 6, '#f1f3f5'));
    body.push(rect(labelW, y + 3, (aging[b] / max) * barW, rowH - 6, AGING_COLORS[b]));
    body.push(txt(width, y + 13, compactEuros(aging[b], language), { size: 8.5, anchor: 'end' }));
  });
  return svg(width, height, body);
}

export interface TrendChartPoint {
  month: string;
  overdueCents: number | null;
  dso: number | null;
}

const monthLabel = (key: string) => `${key.slice(5, 7)}/${key.slice(2, 4)}`;

/** Overdue as bars (left axis, euros) and DSO as a line (right axis, days); gaps where unknown. */
export function trendChart(
  points: TrendChartPoint[],
  L: ReportLabels,
  language: ReportLanguage,
  width = 480,
): string {
  const height = 190;
  const left = 52;
  const right = 34;
  const top = 22;
  const bottom = 22;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const money = niceScale(Math.max(0, ...points.map((p) => p.overdueCents ?? 0)));
  const dsoScale = niceScale(Math.max(0, ...points.map((p) => p.dso ?? 0)));
  const slot = plotW / Math.max(1, points.length);
  const body: string[] = [];
  body.push(rect(left, 4, 8, 8, '#ff8787'), txt(left + 12, 11, L.chart.trendOverdue, { size: 8 }));
  body.push(
    line(left + 90, 8, left + 104, 8, ACCENT, 1.6),
    txt(left + 108, 11, L.chart.trendDso, { size: 8 }),
  );
  for (const v of ticks(money)) {
    const y = top + plotH - (v / money.top) * plotH;
    body.push(line(left, y, left + plotW, y));
    body.push(txt(left - 4, y + 3, compactEuros(v, language), { size: 7, anchor: 'end', color: MUTED }));
  }
  for (const v of ticks(dsoScale)) {
    const y = top + plotH - (v / dsoScale.top) * plotH;
    body.push(txt(left + plotW + 4, y + 3, String(Math.round(v)), { size: 7, color: ACCENT }));
  }
  const dsoPath: string[] = [];
  points.forEach((p, i) => {
    const x = left + i * slot;
    if (p.overdueCents !== null) {
      const h = (p.overdueCents / money.top) * plotH;
      body.push(rect(x + slot * 0.2, top + plotH - h, slot * 0.6, h, '#ff8787'));
    }
    body.push(
      txt(x + slot / 2, height - 8, monthLabel(p.month), { size: 7, anchor: 'middle', color: MUTED }),
    );
    if (p.dso !== null) {
      const y = top + plotH - (p.dso / dsoScale.top) * plotH;
      dsoPath.push(`${r1(x + slot / 2)},${r1(y)}`);
      body.push(`<circle cx="${r1(x + slot / 2)}" cy="${r1(y)}" r="2.2" fill="${ACCENT}"/>`);
    } else if (dsoPath.length > 0) {
      body.push(
        `<polyline points="${dsoPath.join(' ')}" fill="none" stroke="${ACCENT}" stroke-width="1.6"/>`,
      );
      dsoPath.length = 0;
    }
  });
  if (dsoPath.length > 1)
    body.push(`<polyline points="${dsoPath.join(' ')}" fill="none" stroke="${ACCENT}" stroke-width="1.6"/>`);
  return svg(width, height, body);
}

export interface PairBar {
  label: string;
  a: number;
  b: number;
}

/** Two bars per group (entered collection vs collected), vertical. */
export function pairChart(
  groups: PairBar[],
  names: { a: string; b: string },
  language: ReportLanguage,
  width = 480,
  noData = '',
): string {
  const height = 170;
  const left = 52;
  const top = 22;
  const bottom = 24;
  const plotW = width - left - 6;
  const plotH = height - top - bottom;
  if (groups.length === 0)
    return svg(width, 40, [txt(width / 2, 24, noData, { anchor: 'middle', color: MUTED })]);
  const scale = niceScale(Math.max(0, ...groups.flatMap((g) => [g.a, g.b])));
  const slot = plotW / groups.length;
  const body: string[] = [
    rect(left, 4, 8, 8, '#adb5bd'),
    txt(left + 12, 11, names.a, { size: 8 }),
    rect(left + 150, 4, 8, 8, OK),
    txt(left + 162, 11, names.b, { size: 8 }),
  ];
  for (const v of ticks(scale)) {
    const y = top + plotH - (v / scale.top) * plotH;
    body.push(line(left, y, left + plotW, y));
    body.push(txt(left - 4, y + 3, compactEuros(v, language), { size: 7, anchor: 'end', color: MUTED }));
  }
  groups.forEach((g, i) => {
    const x = left + i * slot;
    const w = Math.min(18, slot * 0.35);
    const ha = (g.a / scale.top) * plotH;
    const hb = (g.b / scale.top) * plotH;
    body.push(rect(x + slot / 2 - w - 1, top + plotH - ha, w, ha, '#adb5bd'));
    body.push(rect(x + slot / 2 + 1, top + plotH - hb, w, hb, OK));
    const label = g.label.length > 14 ? `${g.label.slice(0, 13)}…` : g.label;
    body.push(txt(x + slot / 2, height - 8, label, { size: 7, anchor: 'middle', color: MUTED }));
  });
  return svg(width, height, body);
}
