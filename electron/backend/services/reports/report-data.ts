/**
 * Everything the periodic report shows, gathered from the ledger in one go (plain data: it is
 * handed to the rendering worker, which has no ledger connection): the KPIs of the period and of
 * the previous one, breakdowns, the 12-month trend, results by collector, the cases with their
 * status and step, contacts, payments and the critical cases.
 */
import type { Ledger } from '../../../../db/open.ts';
import { latestStepNames } from '../../../../db/queries/dunning.ts';
import { casesDuring, contactsIn, paymentEvents } from '../../../../db/queries/kpi.ts';
import { getSetting } from '../../../../db/queries/settings.ts';
import type { Critical } from '../../../../shared/api/contracts/reports.ts';
import { daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import {
  DIMENSIONS,
  type Dimension,
  type Kpis,
  type Period,
  previousPeriod,
} from '../../../../shared/domain/kpi.ts';
import { criticalCases } from './critical.ts';
import {
  type BreakdownRow,
  breakdown,
  gatherPeriod,
  kpiTrend,
  type PositionSource,
  type TrendPoint,
  totalKpis,
} from './kpi.ts';
import type { ReportLanguage } from './labels.ts';

export interface CaseLine {
  id: number;
  code: string;
  name: string;
  collector: string | null;
  status: string;
  policy: string;
  step: string | null;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  outcome: string | null;
  openedOverdueCents: number;
  overdueCents: number;
  recoveryDays: number | null;
  pausedReason: string | null;
}

export interface ContactLine {
  date: IsoDate;
  code: string;
  name: string;
  channel: string;
  direction: string;
  person: string | null;
  outcome: string | null;
  note: string | null;
  user: string | null;
}

export interface PaymentLine {
  date: IsoDate;
  code: string;
  name: string;
  kind: string;
  documentType: string;
  documentNumber: string;
  documentDate: IsoDate | '';
  dueDate: IsoDate;
  amountCents: number;
  daysLate: number;
}

export interface ReportData {
  language: ReportLanguage;
  company: string;
  generatedOn: IsoDate;
  period: Period;
  previousPeriod: Period;
  ledgerAsOf: IsoDate;
  sources: { end: PositionSource; start: PositionSource };
  kpis: Kpis;
  previous: Kpis;
  breakdowns: { by: Dimension; rows: BreakdownRow[] }[];
  collectors: BreakdownRow[];
  trend: TrendPoint[];
  cases: CaseLine[];
  contacts: ContactLine[];
  payments: PaymentLine[];
  critical: Critical;
}

/** The breakdowns a report carries: the one asked, or every dimension but `customer`. */
export function reportDimensions(by: Dimension | undefined): Dimension[] {
  return by ? [by] : DIMENSIONS.filter((d) => d !== 'customer');
}

export async function buildReportData(
  db: Ledger,
  opts: {
    period: Period;
    today: IsoDate;
    by?: Dimension | undefined;
    language?: ReportLanguage | undefined;
    progress?: (done: number, total: number) => void;
  },
): Promise<ReportData> {
  const { period, today } = opts;
  const steps = 6;
  const tick = (n: number) => opts.progress?.(n, steps);
  const language = opts.language ?? (await getSetting<ReportLanguage>(db, 'language', 'it'));
  const data = await gatherPeriod(db, period, today);
  const prevPeriod = previousPeriod(period);
  const prev = await gatherPeriod(db, prevPeriod, today);
  tick(1);
  const breakdowns = reportDimensions(opts.by).map((by) => ({ by, rows: breakdown(data, by) }));
  const collectors = breakdown(data, 'collector');
  tick(2);
  // ISO dates compare as text: the trend ends with the period, or at the ledger's as-of date.
  const trendEnd = [period.to, data.ledgerAsOf].sort()[0] ?? period.to;
  const trend = await kpiTrend(db, today, trendEnd, 12);
  tick(3);

  const dims = data.dims;
  const who = (id: number) => dims.get(id);
  const codeAndName = (id: number) => ({ code: who(id)?.code ?? '', name: who(id)?.name ?? '' });
  const steps_ = await latestStepNames(db);
  const cases: CaseLine[] = (await casesDuring(db, period.from, period.to)).map((c) => ({
    id: c.id,
    ...codeAndName(c.customerId),
    collector: who(c.customerId)?.collector ?? null,
    status: c.status,
    policy: c.policyName,
    step: steps_.get(c.id) ?? null,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
    outcome: c.outcome,
    openedOverdueCents: c.openedOverdueCents,
    overdueCents: c.overdueCents,
    recoveryDays: c.recoveryDays,
    pausedReason: c.pausedReason,
  }));
  const contacts: ContactLine[] = (await contactsIn(db, period.from, period.to)).map((c) => ({
    date: c.date,
    ...codeAndName(c.customerId),
    channel: c.channel,
    direction: c.direction,
    person: c.person,
    outcome: c.outcome,
    note: c.note,
    user: c.user,
  }));
  tick(4);
  const payments: PaymentLine[] = (await paymentEvents(db, period.from, period.to)).map((e) => ({
    date: e.date,
    ...codeAndName(e.customerId),
    kind: e.kind,
    documentType: e.documentType,
    documentNumber: e.documentNumber,
    documentDate: e.documentDate,
    dueDate: e.dueDate,
    amountCents: e.amountCents,
    daysLate: Math.max(0, daysBetween(e.dueDate, e.date)),
  }));
  tick(5);
  const critical = await criticalCases(db, period, today, 15);
  tick(6);
  return {
    language,
    // The same default the settings show until the company's name is set.
    company: await getSetting<string>(db, 'companyName', 'La mia azienda S.r.l.'),
    generatedOn: today,
    period,
    previousPeriod: prevPeriod,
    ledgerAsOf: data.ledgerAsOf,
    sources: { end: data.end, start: data.start },
    kpis: totalKpis(data),
    previous: totalKpis(prev),
    breakdowns,
    collectors,
    trend,
    cases,
    contacts,
    payments,
    critical,
  };
}
