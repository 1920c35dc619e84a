/**
 * The words of the periodic report (XLSX and PDF) in the company's language. The screens have
 * their own in the renderer's i18n files; these must say the same things.
 */
import type { AgingBucket } from '../../../../shared/domain/aging.ts';
import type { Dimension, KpiName, Period, ReasonCode } from '../../../../shared/domain/kpi.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';

export type ReportLanguage = Language;

export interface ReportLabels {
  title: string;
  subtitle: (company: string) => string;
  period: (p: Period) => string;
  generated: (date: string) => string;
  asOf: (date: string) => string;
  positionFrom: { ledger: string; snapshot: (date: string) => string; none: string };
  startFrom: { snapshot: (date: string) => string; none: string };
  page: (n: number, of: number) => string;
  sheets: {
    summary: string;
    trend: string;
    cases: string;
    contacts: string;
    payments: string;
    breakdowns: string;
    critical: string;
  };
  sections: {
    kpis: string;
    aging: string;
    activity: string;
    trend: string;
    collection: string;
    collectors: string;
    breakdown: (dimension: string) => string;
    critical: string;
    criticalCustomers: string;
    brokenPromises: string;
    disputes: string;
    legal: string;
    notes: string;
    none: string;
  };
  columns: Record<
    | 'kpi'
    | 'value'
    | 'previous'
    | 'change'
    | 'unit'
    | 'note'
    | 'bucket'
    | 'amount'
    | 'share'
    | 'month'
    | 'receivables'
    | 'overdue'
    | 'overdueRatio'
    | 'dso'
    | 'sales'
    | 'entered'
    | 'collected'
    | 'recoveryRate'
    | 'openCases'
    | 'inCollection'
    | 'customers'
    | 'dimension'
    | 'group'
    | 'code'
    | 'customer'
    | 'status'
    | 'policy'
    | 'step'
    | 'openedOn'
    | 'closedOn'
    | 'outcome'
    | 'openedOverdue'
    | 'recoveryDays'
    | 'paused'
    | 'collector'
    | 'date'
    | 'channel'
    | 'direction'
    | 'person'
    | 'user'
    | 'kind'
    | 'document'
    | 'documentDate'
    | 'dueDate'
    | 'daysLate'
    | 'avgDaysOverdue'
    | 'class'
    | 'score'
    | 'promiseDate'
    | 'resolvedOn'
    | 'days'
    | 'reason'
    | 'phase'
    | 'claim'
    | 'expectedNet'
    | 'count'
    | 'add'
    | 'cei'
    | 'payments',
    string
  >;
  kpi: Record<
    KpiName | 'receivables' | 'overdue' | 'credits' | 'sales' | 'openCases' | 'inCollection',
    string
  >;
  extra: {
    entered: string;
    collected: string;
    casesOpened: string;
    casesRecovered: string;
    promisesKept: string;
    promisesBroken: string;
    payments: string;
    paymentsCount: string;
    reversals: string;
    contacts: (channel: string) => string;
    letters: (template: string) => string;
  };
  units: { days: string; ratio: string; money: string; count: string };
  aging: Record<AgingBucket, string>;
  dimension: Record<Dimension, string>;
  none: string;
  channel: Record<string, string>;
  direction: Record<string, string>;
  template: Record<string, string>;
  caseStatus: Record<string, string>;
  outcome: Record<string, string>;
  eventKind: Record<string, string>;
  reason: Record<ReasonCode, string>;
  chart: {
    aging: string;
    trend: string;
    trendOverdue: string;
    trendDso: string;
    collection: string;
    collectors: string;
    noData: string;
  };
}

const MONTHS_IT = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const monthOf = (p: Period) => Number(p.from.slice(5, 7)) - 1;
const yearOf = (p: Period) => p.from.slice(0, 4);
const quarterOf = (p: Period) => Math.floor(monthOf(p) / 3) + 1;
const itDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const enDate = (iso: string) =>
  `${Number(iso.slice(8, 10))} ${MONTHS_EN[Number(iso.slice(5, 7)) - 1]?.slice(0, 3)} ${iso.slice(0, 4)}`;

export function formatReportDate(iso: string, language: ReportLanguage): string {
  return language === 'it' ? itDate(iso) : enDate(iso);
}

const IT: ReportLabels = {
  title: 'Report crediti',
  subtitle: (company) => company,
  period: (p) =>
    p.kind === 'month'
      ? `${MONTHS_IT[monthOf(p)]} ${yearOf(p)}`
      : p.kind === 'quarter'
        ? `${quarterOf(p)}° trimestre ${yearOf(p)}`
        : `anno ${yearOf(p)}`,
  generated: (d) => `Generato il ${itDate(d)}`,
  asOf: (d) => `Situazione al ${itDate(d)}`,
  positionFrom: {
    ledger: 'Posizione dal libro partite attuale',
    snapshot: (d) => `Posizione dall'istantanea del ${itDate(d)}`,
    none: 'Nessuna posizione nota alla fine del periodo',
  },
  startFrom: {
    snapshot: (d) => `Inizio periodo dall'istantanea del ${itDate(d)}`,
    none: "Nessuna istantanea all'inizio del periodo",
  },
  page: (n, of) => `Pagina ${n} di ${of}`,
  sheets: {
    summary: 'Indicatori',
    trend: 'Andamento',
    cases: 'Pratiche',
    contacts: 'Contatti',
    payments: 'Pagamenti',
    breakdowns: 'Scomposizioni',
    critical: 'Casi critici',
  },
  sections: {
    kpis: 'Indicatori chiave',
    aging: 'Anzianità dello scaduto',
    activity: 'Attività del periodo',
    trend: 'Andamento degli ultimi 12 mesi',
    collection: 'Incassato e affidato al recupero',
    collectors: 'Risultati per addetto',
    breakdown: (d) => `Per ${d.toLowerCase()}`,
    critical: 'Casi critici',
    criticalCustomers: 'Clienti più critici (scaduto × giorni × rating)',
    brokenPromises: 'Promesse non mantenute nel periodo',
    disputes: 'Contestazioni aperte più vecchie',
    legal: 'Pratiche legali con valutazione negativa',
    notes: 'Note',
    none: 'Nessuno',
  },
  columns: {
    kpi: 'Indicatore',
    value: 'Valore',
    previous: 'Periodo precedente',
    change: 'Variazione',
    unit: 'Unità',
    note: 'Nota',
    bucket: 'Fascia',
    amount: 'Importo',
    share: 'Quota',
    month: 'Mese',
    receivables: 'Crediti',
    overdue: 'Scaduto',
    overdueRatio: '% scaduto',
    dso: 'DSO',
    sales: 'Vendite a credito',
    entered: 'Affidato al recupero',
    collected: 'Incassato in recupero',
    recoveryRate: 'Tasso di recupero',
    openCases: 'Pratiche aperte',
    inCollection: 'In recupero',
    customers: 'Clienti',
    dimension: 'Dimensione',
    group: 'Gruppo',
    code: 'Codice',
    customer: 'Cliente',
    status: 'Stato',
    policy: 'Politica',
    step: 'Passo',
    openedOn: 'Aperta il',
    closedOn: 'Chiusa il',
    outcome: 'Esito',
    openedOverdue: "Scaduto all'apertura",
    recoveryDays: 'Giorni di recupero',
    paused: 'Sospesa per',
    collector: 'Addetto',
    date: 'Data',
    channel: 'Canale',
    direction: 'Direzione',
    person: 'Persona',
    user: 'Utente',
    kind: 'Tipo',
    document: 'Documento',
    documentDate: 'Data documento',
    dueDate: 'Scadenza',
    daysLate: 'Giorni di ritardo',
    avgDaysOverdue: 'Giorni medi di scaduto',
    class: 'Classe',
    score: 'Punteggio',
    promiseDate: 'Data promessa',
    resolvedOn: 'Verificata il',
    days: 'Giorni',
    reason: 'Motivo',
    phase: 'Fase',
    claim: 'Credito',
    expectedNet: 'Netto atteso',
    count: 'Numero',
    add: 'ADD',
    cei: 'CEI',
    payments: 'Incassi',
  },
  kpi: {
    dso: 'DSO (giorni medi di incasso)',
    bestPossibleDso: 'DSO migliore possibile',
    add: 'Giorni medi di ritardo (ADD)',
    cei: 'Efficacia di incasso (CEI)',
    recoveryRate: 'Tasso di recupero',
    avgRecoveryDays: 'Tempo medio di recupero',
    avgDaysLate: 'Ritardo medio dei pagamenti',
    avgDaysToPay: 'Tempo medio di pagamento',
    overdueRatio: 'Quota scaduta',
    aging: 'Anzianità',
    receivables: 'Crediti verso clienti',
    overdue: 'Scaduto',
    credits: 'Note di credito non compensate',
    sales: 'Vendite a credito del periodo',
    openCases: 'Pratiche aperte',
    inCollection: 'Importo in recupero',
  },
  extra: {
    entered: 'Affidato al recupero nel periodo',
    collected: 'Incassato sulle pratiche',
    casesOpened: 'Pratiche aperte nel periodo',
    casesRecovered: 'Pratiche chiuse per pagamento',
    promisesKept: 'Promesse mantenute',
    promisesBroken: 'Promesse non mantenute',
    payments: 'Incassi rilevati',
    paymentsCount: 'Numero di incassi',
    reversals: 'Insoluti e storni',
    contacts: (c) => `Contatti: ${c}`,
    letters: (t) => `Lettere inviate: ${t}`,
  },
  units: { days: 'giorni', ratio: '%', money: '€', count: 'n.' },
  aging: {
    notDue: 'A scadere',
    d1_30: '1–30 giorni',
    d31_60: '31–60 giorni',
    d61_90: '61–90 giorni',
    d91_180: '91–180 giorni',
    d181_plus: 'Oltre 180 giorni',
  },
  dimension: {
    area: 'Zona',
    salesperson: 'Agente',
    collector: 'Addetto',
    band: 'Fascia',
    class: 'Classe di rating',
    customer: 'Cliente',
  },
  none: '(nessuno)',
  channel: {
    phone: 'Telefono',
    email: 'E-mail',
    visit: 'Visita',
    note: 'Nota',
    letter: 'Lettera',
    pec: 'PEC',
  },
  direction: { in: 'Ricevuto', out: 'Inviato' },
  template: {
    reminder1: 'Sollecito cortese',
    reminder2: 'Secondo sollecito',
    formal_notice: 'Messa in mora',
    statement: 'Estratto conto',
  },
  caseStatus: {
    open: 'Aperta',
    paused: 'Sospesa',
    legal: 'Al legale',
    agency: "All'agenzia",
    closed: 'Chiusa',
  },
  outcome: {
    paid: 'Pagata',
    settled: 'Transatta',
    written_off: 'Stralciata',
    no_reminders: 'Nessun sollecito',
  },
  eventKind: { payment: 'Pagamento', partial_payment: 'Pagamento parziale', reversal: 'Insoluto / storno' },
  reason: {
    future_period: 'La data di riferimento del libro partite è precedente al periodo.',
    no_position: 'Nessuna istantanea del libro partite nel periodo.',
    no_start_position: "Nessuna istantanea all'inizio del periodo.",
    no_sales: 'Nessuna vendita a credito nel periodo.',
    no_receivables: 'Nessun credito alla fine del periodo.',
    cei_denominator: 'Nulla da incassare nel periodo.',
    no_payments: 'Nessun incasso rilevato nel periodo.',
    no_dated_payments: 'Le partite incassate non hanno data documento.',
    no_collection_entries: 'Nessun importo affidato al recupero nel periodo.',
    no_recoveries: 'Nessuna pratica chiusa per pagamento nel periodo.',
    sales_too_small:
      'Le vendite a credito del periodo sono troppo poche rispetto al credito: il DSO supererebbe due anni e non direbbe nulla.',
    too_few_cases: 'Meno di 3 pratiche: una percentuale su così pochi casi sarebbe fuorviante.',
  },
  chart: {
    aging: 'Anzianità dello scaduto',
    trend: 'Scaduto e DSO negli ultimi 12 mesi',
    trendOverdue: 'Scaduto',
    trendDso: 'DSO (giorni)',
    collection: 'Incassato e affidato al recupero per mese',
    collectors: 'Affidato e incassato per addetto',
    noData: 'Nessun dato',
  },
};

const EN: ReportLabels = {
  title: 'Credit report',
  subtitle: (company) => company,
  period: (p) =>
    p.kind === 'month'
      ? `${MONTHS_EN[monthOf(p)]} ${yearOf(p)}`
      : p.kind === 'quarter'
        ? `Q${quarterOf(p)} ${yearOf(p)}`
        : `Year ${yearOf(p)}`,
  generated: (d) => `Generated on ${enDate(d)}`,
  asOf: (d) => `As of ${enDate(d)}`,
  positionFrom: {
    ledger: 'Position from the current ledger',
    snapshot: (d) => `Position from the snapshot of ${enDate(d)}`,
    none: 'No position known at the end of the period',
  },
  startFrom: {
    snapshot: (d) => `Start of the period from the snapshot of ${enDate(d)}`,
    none: 'No snapshot at the start of the period',
  },
  page: (n, of) => `Page ${n} of ${of}`,
  sheets: {
    summary: 'KPIs',
    trend: 'Trend',
    cases: 'Cases',
    contacts: 'Contacts',
    payments: 'Payments',
    breakdowns: 'Breakdowns',
    critical: 'Critical cases',
  },
  sections: {
    kpis: 'Key figures',
    aging: 'Aging of receivables',
    activity: 'Activity in the period',
    trend: 'Trend over the last 12 months',
    collection: 'Collected and entered collection',
    collectors: 'Results by collector',
    breakdown: (d) => `By ${d.toLowerCase()}`,
    critical: 'Critical cases',
    criticalCustomers: 'Most critical customers (overdue × days × rating)',
    brokenPromises: 'Promises broken in the period',
    disputes: 'Oldest open disputes',
    legal: 'Legal dossiers evaluated as not worth continuing',
    notes: 'Notes',
    none: 'None',
  },
  columns: {
    kpi: 'KPI',
    value: 'Value',
    previous: 'Previous period',
    change: 'Change',
    unit: 'Unit',
    note: 'Note',
    bucket: 'Bucket',
    amount: 'Amount',
    share: 'Share',
    month: 'Month',
    receivables: 'Receivables',
    overdue: 'Overdue',
    overdueRatio: 'Overdue %',
    dso: 'DSO',
    sales: 'Credit sales',
    entered: 'Entered collection',
    collected: 'Collected in collection',
    recoveryRate: 'Recovery rate',
    openCases: 'Open cases',
    inCollection: 'In collection',
    customers: 'Customers',
    dimension: 'Dimension',
    group: 'Group',
    code: 'Code',
    customer: 'Customer',
    status: 'Status',
    policy: 'Policy',
    step: 'Step',
    openedOn: 'Opened on',
    closedOn: 'Closed on',
    outcome: 'Outcome',
    openedOverdue: 'Overdue when opened',
    recoveryDays: 'Recovery days',
    paused: 'Paused for',
    collector: 'Collector',
    date: 'Date',
    channel: 'Channel',
    direction: 'Direction',
    person: 'Person',
    user: 'User',
    kind: 'Kind',
    document: 'Document',
    documentDate: 'Document date',
    dueDate: 'Due date',
    daysLate: 'Days late',
    avgDaysOverdue: 'Avg days overdue',
    class: 'Class',
    score: 'Score',
    promiseDate: 'Promised for',
    resolvedOn: 'Checked on',
    days: 'Days',
    reason: 'Reason',
    phase: 'Phase',
    claim: 'Claim',
    expectedNet: 'Expected net',
    count: 'Count',
    add: 'ADD',
    cei: 'CEI',
    payments: 'Payments',
  },
  kpi: {
    dso: 'DSO (days sales outstanding)',
    bestPossibleDso: 'Best possible DSO',
    add: 'Average days delinquent (ADD)',
    cei: 'Collection effectiveness (CEI)',
    recoveryRate: 'Recovery rate',
    avgRecoveryDays: 'Average recovery time',
    avgDaysLate: 'Average days late',
    avgDaysToPay: 'Average days to pay',
    overdueRatio: 'Overdue ratio',
    aging: 'Aging',
    receivables: 'Receivables',
    overdue: 'Overdue',
    credits: 'Credit notes not applied',
    sales: 'Credit sales of the period',
    openCases: 'Open cases',
    inCollection: 'Amount in collection',
  },
  extra: {
    entered: 'Entered collection in the period',
    collected: 'Collected on cases',
    casesOpened: 'Cases opened in the period',
    casesRecovered: 'Cases closed as paid',
    promisesKept: 'Promises kept',
    promisesBroken: 'Promises broken',
    payments: 'Payments received',
    paymentsCount: 'Number of payments',
    reversals: 'Returned and reversed',
    contacts: (c) => `Contacts: ${c}`,
    letters: (t) => `Letters sent: ${t}`,
  },
  units: { days: 'days', ratio: '%', money: '€', count: 'no.' },
  aging: {
    notDue: 'Not yet due',
    d1_30: '1–30 days',
    d31_60: '31–60 days',
    d61_90: '61–90 days',
    d91_180: '91–180 days',
    d181_plus: 'Over 180 days',
  },
  dimension: {
    area: 'Area',
    salesperson: 'Salesperson',
    collector: 'Collector',
    band: 'Band',
    class: 'Rating class',
    customer: 'Customer',
  },
  none: '(none)',
  channel: { phone: 'Phone', email: 'E-mail', visit: 'Visit', note: 'Note', letter: 'Letter', pec: 'PEC' },
  direction: { in: 'Received', out: 'Sent' },
  template: {
    reminder1: 'Courteous reminder',
    reminder2: 'Second reminder',
    formal_notice: 'Formal notice',
    statement: 'Statement of account',
  },
  caseStatus: {
    open: 'Open',
    paused: 'Paused',
    legal: 'With the lawyer',
    agency: 'With the agency',
    closed: 'Closed',
  },
  outcome: { paid: 'Paid', settled: 'Settled', written_off: 'Written off', no_reminders: 'No reminders' },
  eventKind: { payment: 'Payment', partial_payment: 'Partial payment', reversal: 'Returned / reversed' },
  reason: {
    future_period: 'The ledger’s as-of date is before the period.',
    no_position: 'No snapshot of the ledger in the period.',
    no_start_position: 'No snapshot at the start of the period.',
    no_sales: 'No credit sales in the period.',
    no_receivables: 'Nothing owed at the end of the period.',
    cei_denominator: 'Nothing was collectible in the period.',
    no_payments: 'No payment detected in the period.',
    no_dated_payments: 'The items paid have no document date.',
    no_collection_entries: 'Nothing entered collection in the period.',
    no_recoveries: 'No case closed as paid in the period.',
    sales_too_small:
      'The credit sales of the period are too small against what is owed: DSO would pass two years and mean nothing.',
    too_few_cases: 'Fewer than 3 cases: a rate over so few cases would mislead.',
  },
  chart: {
    aging: 'Aging of receivables',
    trend: 'Overdue and DSO over the last 12 months',
    trendOverdue: 'Overdue',
    trendDso: 'DSO (days)',
    collection: 'Collected and entered collection by month',
    collectors: 'Entered and collected by collector',
    noData: 'No data',
  },
};

export function reportLabels(language: ReportLanguage): ReportLabels {
  return language === 'en' ? EN : IT;
}

/** A label from a map, the raw value when unknown. */
export const labelOf = (map: Record<string, string>, key: string | null | undefined): string =>
  key ? (map[key] ?? key) : '';
