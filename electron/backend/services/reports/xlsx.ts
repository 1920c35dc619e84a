/**
 * The periodic report as a workbook: KPIs with the previous period and aging, the 12-month trend,
 * cases with status and step, contacts, payments, breakdowns and critical cases. Numbers and dates
 * are typed cells with formats (amounts in euros, ratios as percentages, dates as serial numbers
 * computed from the ISO text so no time zone can shift them); text that a spreadsheet could run
 * as a formula is neutralised with a leading quote. No formulas are written.
 */
import * as XLSX from 'xlsx';
import { AGING_BUCKETS } from '../../../../shared/domain/aging.ts';
import type { KpiName, Kpis } from '../../../../shared/domain/kpi.ts';
import { type Cell, date, euros, header, int, safeText, sheet } from '../common/spreadsheet.ts';
import { labelOf, type ReportLabels, reportLabels } from './labels.ts';
import type { ReportData } from './report-data.ts';

const PERCENT_FORMAT = '0.0%';
const DAYS_FORMAT = '0.0';

const text = safeText;
const ratio = (r: number | null | undefined): Cell =>
  r === null || r === undefined ? null : { t: 'n', v: r, z: PERCENT_FORMAT };
const days = (d: number | null | undefined): Cell =>
  d === null || d === undefined ? null : { t: 'n', v: d, z: DAYS_FORMAT };

type Unit = 'days' | 'ratio' | 'money' | 'count';

interface KpiLine {
  label: string;
  unit: Unit;
  value: (k: Kpis) => number | null;
  reason?: KpiName;
}

export function kpiLines(L: ReportLabels, current: Kpis, previous: Kpis): KpiLine[] {
  const lines: KpiLine[] = [
    { label: L.kpi.dso, unit: 'days', value: (k) => k.dso, reason: 'dso' },
    {
      label: L.kpi.bestPossibleDso,
      unit: 'days',
      value: (k) => k.bestPossibleDso,
      reason: 'bestPossibleDso',
    },
    { label: L.kpi.add, unit: 'days', value: (k) => k.add, reason: 'add' },
    { label: L.kpi.cei, unit: 'ratio', value: (k) => k.cei, reason: 'cei' },
    { label: L.kpi.overdueRatio, unit: 'ratio', value: (k) => k.overdueRatio, reason: 'overdueRatio' },
    { label: L.kpi.recoveryRate, unit: 'ratio', value: (k) => k.recoveryRate, reason: 'recoveryRate' },
    {
      label: L.kpi.avgRecoveryDays,
      unit: 'days',
      value: (k) => k.avgRecoveryDays,
      reason: 'avgRecoveryDays',
    },
    { label: L.kpi.avgDaysLate, unit: 'days', value: (k) => k.avgDaysLate, reason: 'avgDaysLate' },
    { label: L.kpi.avgDaysToPay, unit: 'days', value: (k) => k.avgDaysToPay, reason: 'avgDaysToPay' },
    { label: L.kpi.receivables, unit: 'money', value: (k) => k.receivablesCents, reason: 'aging' },
    { label: L.kpi.overdue, unit: 'money', value: (k) => k.overdueCents, reason: 'aging' },
    { label: L.kpi.credits, unit: 'money', value: (k) => k.creditsCents, reason: 'aging' },
    { label: L.kpi.sales, unit: 'money', value: (k) => k.creditSalesCents },
    { label: L.kpi.openCases, unit: 'count', value: (k) => k.openCases, reason: 'aging' },
    { label: L.kpi.inCollection, unit: 'money', value: (k) => k.inCollectionCents, reason: 'aging' },
    { label: L.extra.casesOpened, unit: 'count', value: (k) => k.casesOpened },
    { label: L.extra.entered, unit: 'money', value: (k) => k.enteredCollectionCents },
    { label: L.extra.collected, unit: 'money', value: (k) => k.collectedCents },
    { label: L.extra.casesRecovered, unit: 'count', value: (k) => k.casesRecovered },
    { label: L.extra.promisesKept, unit: 'count', value: (k) => k.promises.kept },
    { label: L.extra.promisesBroken, unit: 'count', value: (k) => k.promises.broken },
    { label: L.extra.paymentsCount, unit: 'count', value: (k) => k.payments.count },
    { label: L.extra.payments, unit: 'money', value: (k) => k.payments.amountCents },
    { label: L.extra.reversals, unit: 'money', value: (k) => k.payments.reversalsCents },
  ];
  const channels = [
    ...new Set([...Object.keys(current.contacts.byChannel), ...Object.keys(previous.contacts.byChannel)]),
  ];
  for (const c of channels.sort()) {
    lines.push({
      label: L.extra.contacts(labelOf(L.channel, c)),
      unit: 'count',
      value: (k) => k.contacts.byChannel[c] ?? 0,
    });
  }
  const templates = [
    ...new Set([...Object.keys(current.letters.byTemplate), ...Object.keys(previous.letters.byTemplate)]),
  ];
  for (const t of templates.sort()) {
    lines.push({
      label: L.extra.letters(labelOf(L.template, t)),
      unit: 'count',
      value: (k) => k.letters.byTemplate[t] ?? 0,
    });
  }
  return lines;
}

/** Where the period's closing position comes from: a stored snapshot, the ledger, or nothing. */
export function positionSource(d: Pick<ReportData, 'sources'>, L: ReportLabels): string {
  const end = d.sources.end;
  return end?.kind === 'snapshot'
    ? L.positionFrom.snapshot(end.date)
    : end
      ? L.positionFrom.ledger
      : L.positionFrom.none;
}

function typed(unit: Unit, v: number | null): Cell {
  if (v === null) return null;
  if (unit === 'money') return euros(v);
  if (unit === 'ratio') return ratio(v);
  if (unit === 'days') return days(v);
  return int(v);
}

function summarySheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const rows: Cell[][] = [
    [text(`${L.title} – ${L.period(d.period)}`)],
    [text(d.company)],
    [text(d.kpis.asOf ? L.asOf(d.kpis.asOf) : L.positionFrom.none)],
    [text(positionSource(d, L))],
    [text(L.generated(d.generatedOn))],
    [],
    header(
      L.columns.kpi,
      L.columns.value,
      `${L.columns.previous} (${L.period(d.previousPeriod)})`,
      L.columns.change,
      L.columns.unit,
      L.columns.note,
    ),
  ];
  const unitLabel: Record<Unit, string> = L.units;
  for (const line of kpiLines(L, d.kpis, d.previous)) {
    const v = line.value(d.kpis);
    const p = line.value(d.previous);
    const change = v !== null && p !== null ? (line.unit === 'ratio' ? v - p : v - p) : null;
    const reason = line.reason ? d.kpis.reasons[line.reason] : undefined;
    rows.push([
      text(line.label),
      typed(line.unit, v),
      typed(line.unit, p),
      typed(line.unit, change),
      text(unitLabel[line.unit]),
      text(v === null && reason ? L.reason[reason.code] : null),
    ]);
  }
  rows.push([], header(L.sections.aging, L.columns.amount, L.columns.share));
  const aging = d.kpis.aging;
  const total = aging ? AGING_BUCKETS.reduce((a, b) => a + aging[b], 0) : 0;
  for (const b of AGING_BUCKETS) {
    const v = aging ? aging[b] : null;
    rows.push([text(L.aging[b]), euros(v), ratio(v !== null && total > 0 ? v / total : null)]);
  }
  rows.push([text(L.kpi.receivables), euros(aging ? total : null), ratio(aging && total > 0 ? 1 : null)]);
  rows.push([text(L.kpi.credits), euros(d.kpis.creditsCents)]);
  return sheet(rows, [46, 16, 24, 14, 10, 60]);
}

/** A sheet of a header row and rows below it, with an autofilter over them. */
function listSheet(titles: string[], rows: Cell[][], widths: number[]): XLSX.WorkSheet {
  return sheet([header(...titles), ...rows], widths, 0);
}

function trendSheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const c = L.columns;
  return listSheet(
    [c.month, c.date, c.receivables, c.overdue, c.overdueRatio, c.dso, c.sales, c.entered, c.collected],
    d.trend.map((p) => [
      text(p.month),
      date(p.asOf),
      euros(p.receivablesCents),
      euros(p.overdueCents),
      ratio(p.overdueRatio),
      days(p.dso),
      euros(p.creditSalesCents),
      euros(p.enteredCollectionCents),
      euros(p.collectedCents),
    ]),
    [10, 12, 16, 16, 12, 10, 16, 18, 18],
  );
}

function casesSheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const c = L.columns;
  return listSheet(
    [
      c.code,
      c.customer,
      c.collector,
      c.status,
      c.policy,
      c.step,
      c.openedOn,
      c.closedOn,
      c.outcome,
      c.openedOverdue,
      c.overdue,
      c.recoveryDays,
      c.paused,
    ],
    d.cases.map((x) => [
      text(x.code),
      text(x.name),
      text(x.collector),
      text(labelOf(L.caseStatus, x.status)),
      text(x.policy),
      text(x.step),
      date(x.openedOn),
      date(x.closedOn),
      text(labelOf(L.outcome, x.outcome)),
      euros(x.openedOverdueCents),
      euros(x.overdueCents),
      int(x.recoveryDays),
      text(x.pausedReason),
    ]),
    [10, 36, 18, 12, 16, 26, 12, 12, 12, 16, 14, 12, 12],
  );
}

function contactsSheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const c = L.columns;
  return listSheet(
    [c.date, c.code, c.customer, c.channel, c.direction, c.person, c.outcome, c.note, c.user],
    d.contacts.map((x) => [
      date(x.date),
      text(x.code),
      text(x.name),
      text(labelOf(L.channel, x.channel)),
      text(labelOf(L.direction, x.direction)),
      text(x.person),
      text(x.outcome),
      text(x.note),
      text(x.user),
    ]),
    [12, 10, 36, 10, 10, 20, 14, 60, 14],
  );
}

function paymentsSheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const c = L.columns;
  return listSheet(
    [c.date, c.code, c.customer, c.kind, c.document, c.documentDate, c.dueDate, c.amount, c.daysLate],
    d.payments.map((x) => [
      date(x.date),
      text(x.code),
      text(x.name),
      text(labelOf(L.eventKind, x.kind)),
      text(x.documentNumber),
      date(x.documentDate || null),
      date(x.dueDate),
      euros(x.amountCents),
      int(x.daysLate),
    ]),
    [12, 10, 36, 18, 16, 14, 12, 14, 12],
  );
}

function breakdownsSheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const c = L.columns;
  return listSheet(
    [
      c.dimension,
      c.group,
      c.customers,
      c.receivables,
      c.overdue,
      c.overdueRatio,
      c.sales,
      c.dso,
      L.kpi.bestPossibleDso,
      c.add,
      c.cei,
      c.payments,
      L.kpi.avgDaysLate,
      c.entered,
      c.collected,
      c.recoveryRate,
      c.openCases,
      c.inCollection,
    ],
    d.breakdowns.flatMap((b) =>
      b.rows.map(({ label, customers, kpis: k }) => [
        text(L.dimension[b.by]),
        text(label || L.none),
        int(customers),
        euros(k.receivablesCents),
        euros(k.overdueCents),
        ratio(k.overdueRatio),
        euros(k.creditSalesCents),
        days(k.dso),
        days(k.bestPossibleDso),
        days(k.add),
        ratio(k.cei),
        euros(k.payments.amountCents),
        days(k.avgDaysLate),
        euros(k.enteredCollectionCents),
        euros(k.collectedCents),
        ratio(k.recoveryRate),
        int(k.openCases),
        euros(k.inCollectionCents),
      ]),
    ),
    [16, 30, 10, 16, 16, 10, 16, 8, 10, 8, 8, 14, 12, 16, 16, 12, 10, 14],
  );
}

function criticalSheet(d: ReportData, L: ReportLabels): XLSX.WorkSheet {
  const c = L.columns;
  const cr = d.critical;
  const rows: Cell[][] = [];
  /** A list of customers: its title and header, then per customer the code, the name and `cells`. */
  const list = <T extends { code: string; name: string }>(
    title: string,
    titles: string[],
    items: T[],
    cells: (x: T) => Cell[],
  ) => {
    rows.push([text(title)], header(c.code, c.customer, ...titles));
    for (const x of items) rows.push([text(x.code), text(x.name), ...cells(x)]);
  };
  /** A list below the first: a blank row before it, and "none" when it is empty. */
  const nextList: typeof list = (title, titles, items, cells) => {
    rows.push([]);
    list(title, titles, items, cells);
    if (items.length === 0) rows.push([text(L.sections.none)]);
  };
  list(
    L.sections.criticalCustomers,
    [c.overdue, c.avgDaysOverdue, c.class, c.score, c.openCases],
    cr.customers,
    (x) => [
      euros(x.overdueCents),
      days(x.avgDaysOverdue),
      text(x.class),
      int(x.score),
      text(x.openCase ? '✓' : ''),
    ],
  );
  nextList(L.sections.brokenPromises, [c.promiseDate, c.amount, c.resolvedOn], cr.brokenPromises, (x) => [
    date(x.date),
    euros(x.amountCents),
    date(x.resolvedOn),
  ]);
  nextList(L.sections.disputes, [c.openedOn, c.days, c.reason, c.document, c.amount], cr.disputes, (x) => [
    date(x.openedOn),
    int(x.days),
    text(x.reason),
    text(x.documentNumber),
    euros(x.residualCents),
  ]);
  nextList(L.sections.legal, [c.phase, c.claim, c.expectedNet, c.reason], cr.legal, (x) => [
    text(x.phase),
    euros(x.claimCents),
    euros(x.expectedNetCents),
    text(x.reason),
  ]);
  return sheet(rows, [10, 36, 16, 14, 26, 14, 12]);
}

export function sheetNames(data: Pick<ReportData, 'language'>): string[] {
  const L = reportLabels(data.language);
  return [
    L.sheets.summary,
    L.sheets.trend,
    L.sheets.cases,
    L.sheets.contacts,
    L.sheets.payments,
    L.sheets.breakdowns,
    L.sheets.critical,
  ];
}

/** The workbook as XLSX bytes; `progress` after each sheet. */
export function renderXlsx(data: ReportData, progress?: (done: number, total: number) => void): Buffer {
  const L = reportLabels(data.language);
  const names = sheetNames(data);
  const builders = [
    summarySheet,
    trendSheet,
    casesSheet,
    contactsSheet,
    paymentsSheet,
    breakdownsSheet,
    criticalSheet,
  ];
  const wb = XLSX.utils.book_new();
  builders.forEach((build, i) => {
    XLSX.utils.book_append_sheet(wb, build(data, L), names[i]);
    progress?.(i + 1, builders.length + 1);
  });
  wb.Props = { Title: `${L.title} ${data.period.key}`, Author: data.company || 'Incasso' };
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  progress?.(builders.length + 1, builders.length + 1);
  return out;
}
