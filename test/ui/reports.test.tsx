// @vitest-environment jsdom
/**
 * The Reports page over a mocked client: KPI cards with their change against the previous period
 * (for the better or the worse), a KPI the data cannot support shown with its reason, a card that
 * opens the customers behind it, the breakdown, the period and dimension in the request, the
 * export as a job with progress and a cancel, and English.
 */
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ReportsPage } from '../../renderer/src/pages/reports/ReportsPage.tsx';
import type { KpiResult, KpisView, ReportFile } from '../../shared/api/contracts/reports.ts';
import { mockClient, renderWithApp } from './render.tsx';

function kpis(over: Partial<KpisView> = {}): KpisView {
  return {
    period: '2026-11',
    dso: 45,
    bestPossibleDso: 25,
    add: 20,
    cei: 0.6364,
    recoveryRate: 0.25,
    avgRecoveryDays: 15.5,
    avgDaysLate: 11.3,
    avgDaysToPay: 40.3,
    overdueRatio: 0.4444,
    aging: { notDue: 500_000, d1_30: 300_000, d31_60: 100_000, d61_90: 0, d91_180: 0, d181_plus: 0 },
    promises: { kept: 3, broken: 1 },
    contacts: { total: 6, byChannel: { phone: 4, email: 2 } },
    payments: { count: 2, amountCents: 400_000, reversalsCents: 0 },
    letters: { total: 1, byTemplate: { reminder1: 1 } },
    from: '2026-11-01',
    to: '2026-11-30',
    asOf: '2026-11-30',
    days: 30,
    receivablesCents: 900_000,
    overdueCents: 400_000,
    creditsCents: -15_000,
    openCases: 3,
    inCollectionCents: 350_000,
    creditSalesCents: 600_000,
    enteredCollectionCents: 200_000,
    collectedCents: 50_000,
    casesOpened: 2,
    casesRecovered: 2,
    reasons: {},
    ...over,
  };
}

const previous = kpis({
  period: '2026-10',
  from: '2026-10-01',
  to: '2026-10-31',
  asOf: '2026-10-31',
  dso: 50,
  overdueCents: 300_000,
  avgDaysLate: null,
  reasons: {
    avgDaysLate: { code: 'no_payments', message: 'No payment was detected by imports in the period.' },
  },
});

function result(over: Partial<KpiResult> = {}): KpiResult {
  return {
    ...kpis({
      cei: null,
      reasons: {
        cei: {
          code: 'no_start_position',
          message: 'No position of the ledger is known at the start of the period.',
        },
      },
    }),
    ledgerAsOf: '2026-11-30',
    sources: { end: { kind: 'ledger', date: '2026-11-30' }, start: null },
    previous,
    by: 'area',
    key: null,
    breakdown: [
      { key: 'Nord', label: 'Nord', customers: 2, kpis: kpis({ receivablesCents: 600_000 }) },
      { key: '', label: '', customers: 1, kpis: kpis({ receivablesCents: 300_000 }) },
    ],
    ...over,
  };
}

function client(onExport?: (job: string | undefined) => Promise<ReportFile>) {
  const api = mockClient({
    'system.info': () => ({
      version: '0.1.0',
      today: '2026-12-02',
      ledgerAsOf: '2026-11-30',
      dbPath: '/tmp/test.db',
      mode: 'browser',
    }),
    'kpi.get': (input) => result({ by: input.by ?? null }),
    'kpi.trend': () => ({
      points: [
        {
          month: '2026-10',
          asOf: '2026-10-31',
          source: 'snapshot',
          receivablesCents: 800_000,
          overdueCents: 300_000,
          overdueRatio: 0.375,
          dso: 50,
          creditSalesCents: 480_000,
          enteredCollectionCents: 0,
          collectedCents: 0,
        },
        {
          month: '2026-11',
          asOf: '2026-11-30',
          source: 'ledger',
          receivablesCents: 900_000,
          overdueCents: 400_000,
          overdueRatio: 0.4444,
          dso: 45,
          creditSalesCents: 600_000,
          enteredCollectionCents: 200_000,
          collectedCents: 50_000,
        },
      ],
    }),
    'reports.critical': () => ({
      asOf: '2026-11-30',
      customers: [
        {
          code: 'C9',
          name: 'Moroso S.r.l.',
          overdueCents: 300_000,
          avgDaysOverdue: 120,
          class: 'E',
          score: 1_080_000,
          openCase: true,
        },
      ],
      brokenPromises: [],
      disputes: [],
      legal: [],
    }),
    'kpi.customers': (input) => ({
      period: input.period,
      figure: input.figure ?? 'receivables',
      total: 1,
      rows: [
        {
          code: 'C9',
          name: 'Moroso S.r.l.',
          area: 'Nord',
          salesperson: null,
          collector: null,
          band: 'C',
          class: 'E',
          valueCents: 300_000,
          count: null,
        },
      ],
    }),
    'reports.export': () =>
      onExport ? onExport(api.calls.at(-1)?.job) : Promise.reject(new Error('no export in this test')),
    'jobs.cancel': () => ({ cancelled: true }),
  });
  return api;
}

const card = (name: string) => screen.getByTestId(`kpi-${name}`);

describe('Reports page', () => {
  it('shows the KPI cards of the month with the change against the previous month', async () => {
    const api = client();
    renderWithApp(<ReportsPage />, api);
    await screen.findByTestId('kpi-dso');
    // The month of the ledger's as-of date, compared with the previous one.
    expect(api.calls.find((c) => c.method === 'kpi.get')?.input).toMatchObject({
      period: '2026-11',
      by: 'area',
      compare: true,
    });
    expect(card('dso').textContent).toContain('45,0 gg');
    expect(card('dso').textContent).toContain('Migliore possibile 25,0 gg · ADD 20,0 gg');
    // DSO went down from 50 to 45 days: for the better.
    const dsoChange = within(card('dso')).getByTestId('kpi-change');
    expect(dsoChange.textContent).toBe('−5,0 gg rispetto a ottobre 2026');
    expect(dsoChange.getAttribute('aria-label')).toContain('in miglioramento');
    // Overdue went up: for the worse.
    expect(card('overdue').textContent).toContain('4.000,00\u00a0€');
    expect(card('overdue').textContent).toContain('44,4% dei crediti');
    const overdueChange = within(card('overdue')).getByTestId('kpi-change');
    expect(overdueChange.textContent).toBe('+1.000,00\u00a0€ rispetto a ottobre 2026');
    expect(overdueChange.getAttribute('aria-label')).toContain('in peggioramento');
    // Receivables are neither better nor worse when they grow.
    expect(within(card('receivables')).getByTestId('kpi-change').getAttribute('aria-label')).not.toMatch(
      /miglioramento|peggioramento/,
    );
    // Days late unknown in October: no comparison, said so.
    expect(within(card('avgDaysLate')).getByTestId('kpi-change').textContent).toBe(
      'nessun confronto con ottobre 2026',
    );
  });

  it('shows why a KPI is missing, and how each is computed', async () => {
    renderWithApp(<ReportsPage />, client());
    await screen.findByTestId('kpi-cei');
    expect(card('cei').textContent).toContain('—');
    expect(card('cei').textContent).toContain("Nessuna istantanea all'inizio del periodo.");
    await userEvent.click(screen.getByRole('button', { name: 'Come si calcola: DSO' }));
    expect(await screen.findByText(/vendite a credito del periodo × giorni del periodo/)).toBeTruthy();
  });

  it('opens the customers behind a figure', async () => {
    const api = client();
    renderWithApp(<ReportsPage />, api);
    await screen.findByTestId('kpi-overdue');
    await userEvent.click(screen.getByRole('button', { name: /, Mostra i clienti: Scaduto$/ }));
    const table = await screen.findByRole('table', { name: 'Clienti dietro la cifra' });
    await waitFor(() => expect(within(table).getByText('Moroso S.r.l.')).toBeTruthy());
    expect(api.calls.find((c) => c.method === 'kpi.customers')?.input).toMatchObject({
      period: '2026-11',
      figure: 'overdue',
    });
    expect(table.textContent).toContain('3.000,00\u00a0€');
    expect(within(table).getByRole('button', { name: 'Apri la scheda di Moroso S.r.l.' })).toBeTruthy();
  });

  it('lists the breakdown by area with the totals, and the critical customers', async () => {
    renderWithApp(<ReportsPage />, client());
    const table = await screen.findByRole('table', { name: 'Scomposizione per zona' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain('Nord');
    expect(rows[2]?.textContent).toContain('(nessuno)');
    expect(rows[3]?.textContent).toContain('Totale');
    expect(rows[3]?.textContent).toContain('9.000,00\u00a0€');
    const critical = await screen.findByRole('region', { name: 'Casi critici' });
    expect(within(critical).getByText('Moroso S.r.l.')).toBeTruthy();
  });

  it('exports the report as a job with progress and a cancel', async () => {
    let release: (file: ReportFile) => void = () => {};
    const api = client(
      () =>
        new Promise<ReportFile>((resolve) => {
          release = resolve;
        }),
    );
    const urls: string[] = [];
    URL.createObjectURL = () => {
      urls.push('blob:1');
      return 'blob:1';
    };
    URL.revokeObjectURL = () => {};
    renderWithApp(<ReportsPage />, api);
    await screen.findByTestId('kpi-dso');
    await userEvent.click(screen.getByRole('button', { name: 'Esporta PDF' }));
    const exportCall = api.calls.find((c) => c.method === 'reports.export');
    expect(exportCall?.input).toEqual({ period: '2026-11', format: 'pdf' });
    expect(exportCall?.job).toBeTruthy();
    api.emit({ type: 'job', job: exportCall?.job ?? '', phase: 'render', done: 3, total: 7 });
    const status = await screen.findByRole('status', { name: 'Preparazione del report PDF' });
    await waitFor(() => expect(status.textContent).toContain('Impaginazione: 3 di 7'));
    await userEvent.click(within(status).getByRole('button', { name: 'Annulla' }));
    expect(api.calls.find((c) => c.method === 'jobs.cancel')?.input).toEqual({ job: exportCall?.job });
    release({
      period: '2026-11',
      format: 'pdf',
      fileName: 'report-2026-11.pdf',
      path: '/tmp/report-2026-11.pdf',
      mime: 'application/pdf',
      sizeBytes: 4,
      sha256: 'x',
      pages: 2,
      sheets: [],
      dataBase64: btoa('%PDF'),
    });
    await waitFor(() =>
      expect(screen.queryByRole('status', { name: 'Preparazione del report PDF' })).toBeNull(),
    );
    expect(urls).toEqual(['blob:1']);
  });

  it('speaks English', async () => {
    renderWithApp(<ReportsPage />, client(), 'en');
    await screen.findByTestId('kpi-dso');
    expect(card('dso').textContent).toContain('45.0 d');
    expect(within(card('dso')).getByTestId('kpi-change').textContent).toBe('−5.0 d against October 2026');
    expect(await screen.findByRole('table', { name: 'Breakdown by area' })).toBeTruthy();
  });
});
