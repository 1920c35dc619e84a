/**
 * Reports and KPIs through the dispatcher, over the two sample scadenzari imported as the office
 * would (the 31 October export on 2 November, the 15 November one on 16 November; each import's
 * run stores the day's KPI snapshot): snapshots, the KPIs of November, October and Q4 against
 * figures computed independently (expected.json, the ledger's own rows), breakdowns that add up
 * to the totals, drill-down, trend, critical cases; the XLSX report read back with the xlsx
 * library (typed cells, no formulas, formula-looking text neutralised), the PDF report through
 * pdftotext, a cancelled export leaving no file, and the CLI's `kpi` and `report`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { closeLedger } from '../../db/open.ts';
import { insertContactRow } from '../../db/queries/letters.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import type { AppEvent, Summary } from '../../shared/api/contract.ts';
import type { Critical, KpiResult, ReportFile, TrendPoint } from '../../shared/api/contracts/reports.ts';
import { AGING_BUCKETS, type Aging } from '../../shared/domain/aging.ts';
import { toDayNumber } from '../../shared/domain/dates.ts';
import { DIMENSIONS, overdueOf } from '../../shared/domain/kpi.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { SAMPLE_FIGURES, SAMPLES, type SampleFigures } from '../helpers/samples.ts';

const FIRST = 'scadenzario-2026-10-31.xlsx';
const SECOND = 'scadenzario-2026-11-15.xlsx';

const E1 = SAMPLE_FIGURES[FIRST] as SampleFigures;
const E2 = SAMPLE_FIGURES[SECOND] as SampleFigures;
const agingTotal = (a: Aging) => AGING_BUCKETS.reduce((s, b) => s + a[b], 0);

let dir: string;
let ctx: BackendContext;
let today = '2026-11-02';
let onEvent: (e: AppEvent) => void = () => {};
let formulaCustomer = '';

async function ok<T>(method: string, input: unknown, job?: string): Promise<T> {
  const res = await dispatch(ctx, { method, input, userId: 1, ...(job ? { job } : {}) });
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.data as T;
}

async function importSample(file: string, asOf: string): Promise<void> {
  const staged = await ok<{ fileId: string }>('imports.stage', {
    fileName: file,
    dataBase64: fs.readFileSync(path.join(SAMPLES, file)).toString('base64'),
  });
  await ok('imports.apply', { fileId: staged.fileId, asOf });
}

const rows = <T>(sql: string, ...params: unknown[]): T[] => ctx.db.$client.prepare(sql).all(...params) as T[];
const reportFiles = () =>
  fs.existsSync(path.join(ctx.dataDir, 'reports')) ? fs.readdirSync(path.join(ctx.dataDir, 'reports')) : [];

beforeAll(async () => {
  dir = tempDir('incasso-reports-');
  ctx = await createBackend({ dbPath: path.join(dir, 'ledger.db'), mode: 'cli', emit: (e) => onEvent(e) });
  ctx.today = () => today;
  await importSample(FIRST, E1.asOf);
  today = '2026-11-16';
  await importSample(SECOND, E2.asOf);
  today = '2026-11-20';
  formulaCustomer = rows<{ code: string }>('SELECT code FROM customers ORDER BY code LIMIT 1')[0]?.code ?? '';
  await ok('contacts.add', {
    code: formulaCustomer,
    channel: 'phone',
    person: '+39 02 1234567',
    outcome: 'reached',
    note: '=HYPERLINK("http://example.com","paga qui")',
  });
  await ok('contacts.add', { code: formulaCustomer, channel: 'email', note: '@SUM(A1:A9)' });
  // A digest told the salesperson about the customer: in the timeline, but no contact with the customer.
  await insertContactRow(ctx.db, {
    customerId: Number(
      ctx.db.$client.prepare('SELECT id FROM customers WHERE code = ?').pluck().get(formulaCustomer),
    ),
    caseId: null,
    taskId: null,
    date: today,
    channel: 'email',
    direction: 'out',
    person: 'Rossi Mario',
    outcome: 'notified',
    note: 'Riepilogo giornaliero → Rossi Mario',
    userId: null,
  });
  today = '2026-11-23';
}, 120_000);

afterAll(() => {
  closeLedger(ctx.db);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('KPI snapshots', () => {
  it('each import’s run stores one snapshot at the ledger’s as-of date, with the ledger’s figures', () => {
    const snaps = rows<{ date: string; taken_on: string; figures: string }>(
      'SELECT date, taken_on, figures FROM kpi_snapshots ORDER BY date',
    );
    expect(snaps.map((s) => [s.date, s.taken_on])).toEqual([
      ['2026-10-31', '2026-11-02'],
      ['2026-11-15', '2026-11-16'],
    ]);
    for (const [snap, e] of [
      [snaps[0], E1],
      [snaps[1], E2],
    ] as const) {
      const f = JSON.parse(snap?.figures ?? '{}');
      expect(f.aging).toEqual(e.aging);
      expect(f.overdueCents).toBe(e.overdueCents);
      // Aging adds up to the receivables; with the credit notes, to the ledger total.
      expect(f.receivablesCents).toBe(agingTotal(e.aging));
      expect(f.receivablesCents + f.creditsCents).toBe(e.residualCents);
    }
    // One line per customer owing something or in collection; lines sum to the totals.
    const lines = rows<{ s: number; n: number }>(
      'SELECT SUM(receivables_cents) AS s, COUNT(*) AS n FROM kpi_snapshot_lines l JOIN kpi_snapshots k ON k.id = l.snapshot_id WHERE k.date = ?',
      '2026-11-15',
    )[0];
    expect(lines?.s).toBe(agingTotal(E2.aging));
  });
});

describe('kpi.get', () => {
  it('November: the live ledger at 15 November, the 31 October snapshot as the start, figures checked by hand', async () => {
    const k = await ok<KpiResult>('kpi.get', { period: '2026-11', compare: true });
    expect(k).toMatchObject({
      period: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
      asOf: '2026-11-15',
      days: 15,
    });
    expect(k.sources).toEqual({
      end: { kind: 'ledger', date: '2026-11-15' },
      start: { kind: 'snapshot', date: '2026-10-31' },
    });
    expect(k.aging).toEqual(E2.aging);
    expect(k.receivablesCents).toBe(agingTotal(E2.aging));
    expect((k.receivablesCents ?? 0) + (k.creditsCents ?? 0)).toBe(E2.residualCents);
    const summary = await ok<Summary>('summary.get', {});
    expect(k.overdueCents).toBe(summary.overdueCents);

    // Credit sales: invoices dated 1–15 November, straight from the ledger's rows.
    const sales =
      rows<{ s: number }>(
        "SELECT SUM(amount_cents) AS s FROM open_items WHERE document_type = 'invoice' AND amount_cents > 0 AND document_date BETWEEN '2026-11-01' AND '2026-11-15'",
      )[0]?.s ?? 0;
    expect(sales).toBeGreaterThan(0);
    expect(k.creditSalesCents).toBe(sales);
    const receivables = agingTotal(E2.aging);
    expect(k.dso).toBe(Math.round((receivables / sales) * 15 * 10) / 10);
    expect(k.bestPossibleDso).toBe(Math.round((E2.aging.notDue / sales) * 15 * 10) / 10);
    expect(k.add).toBeCloseTo((k.dso ?? 0) - (k.bestPossibleDso ?? 0), 5);
    const start = agingTotal(E1.aging);
    expect(k.cei).toBe(
      Math.round(((start + sales - receivables) / (start + sales - E2.aging.notDue)) * 10_000) / 10_000,
    );
    expect(k.overdueRatio).toBe(Math.round((E2.overdueCents / receivables) * 10_000) / 10_000);

    // Payments: exactly what the second import detected (expected.json's afterPrevious).
    expect(k.payments.amountCents).toBe(E2.afterPrevious?.paymentsCents);
    expect(k.payments.reversalsCents).toBe(0);
    expect(k.avgDaysLate).not.toBeNull();
    expect(k.avgDaysToPay).not.toBeNull();
    expect(k.contacts).toEqual({ total: 2, byChannel: { phone: 1, email: 1 } });

    // Cases opened by the 2 November run entered collection; the 16 November run closed the paid ones.
    const opened = rows<{ n: number; s: number }>(
      "SELECT COUNT(*) AS n, SUM(opened_overdue_cents) AS s FROM cases WHERE opened_on BETWEEN '2026-11-01' AND '2026-11-30'",
    )[0];
    expect(k.casesOpened).toBe(opened?.n);
    expect(k.enteredCollectionCents).toBe(opened?.s);
    const paid = rows<{ n: number; d: number }>(
      "SELECT COUNT(*) AS n, AVG(recovery_days) AS d FROM cases WHERE outcome = 'paid' AND closed_on BETWEEN '2026-11-01' AND '2026-11-30'",
    )[0];
    expect(k.casesRecovered).toBe(paid?.n);
    expect(k.avgRecoveryDays).toBe(Math.round((paid?.d ?? 0) * 10) / 10);
    expect(k.collectedCents).toBeGreaterThan(0);
    expect(k.collectedCents).toBeLessThanOrEqual(k.payments.amountCents);
    expect(k.recoveryRate).toBe(Math.round((k.collectedCents / k.enteredCollectionCents) * 10_000) / 10_000);
    expect(k.reasons).toEqual({});

    // The previous period, for the page's "change against the previous period".
    expect(k.previous).toMatchObject({ period: '2026-10', asOf: '2026-10-31', aging: E1.aging });
  });

  it('October comes from its snapshot; Q4 reaches the live ledger; December is not known yet', async () => {
    const oct = await ok<KpiResult>('kpi.get', { period: '2026-10' });
    expect(oct.sources.end).toEqual({ kind: 'snapshot', date: '2026-10-31' });
    expect(oct.aging).toEqual(E1.aging);
    expect(oct.overdueCents).toBe(E1.overdueCents);
    expect(oct.cei).toBeNull();
    expect(oct.reasons.cei?.code).toBe('no_start_position');
    expect(oct.payments.count).toBe(0);
    expect(oct.reasons.avgDaysLate?.code).toBe('no_payments');

    const q4 = await ok<KpiResult>('kpi.get', { period: '2026-Q4' });
    expect(q4).toMatchObject({ from: '2026-10-01', asOf: '2026-11-15', days: 46, aging: E2.aging });
    expect(q4.sources.start).toBeNull();

    const dec = await ok<KpiResult>('kpi.get', { period: '2026-12' });
    expect(dec.asOf).toBeNull();
    expect(dec.dso).toBeNull();
    expect(dec.aging).toBeNull();
    expect(dec.reasons.dso?.code).toBe('future_period');

    const bad = await dispatch(ctx, { method: 'kpi.get', input: { period: '2026-13' }, userId: 1 });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
  });

  it('breakdowns by every dimension add up to the totals', async () => {
    const total = await ok<KpiResult>('kpi.get', { period: '2026-11' });
    for (const by of DIMENSIONS) {
      const k = await ok<KpiResult>('kpi.get', { period: '2026-11', by });
      const groups = k.breakdown ?? [];
      expect(groups.length, by).toBeGreaterThan(0);
      const sum = (f: (g: (typeof groups)[number]) => number | null) =>
        groups.reduce((a, g) => a + (f(g) ?? 0), 0);
      expect(
        sum((g) => g.customers),
        by,
      ).toBe(groups.reduce((a, g) => a + g.customers, 0));
      expect(
        sum((g) => g.kpis.receivablesCents),
        by,
      ).toBe(total.receivablesCents);
      expect(
        sum((g) => g.kpis.overdueCents),
        by,
      ).toBe(total.overdueCents);
      expect(
        sum((g) => g.kpis.creditsCents),
        by,
      ).toBe(total.creditsCents);
      expect(
        sum((g) => g.kpis.creditSalesCents),
        by,
      ).toBe(total.creditSalesCents);
      expect(
        sum((g) => g.kpis.payments.amountCents),
        by,
      ).toBe(total.payments.amountCents);
      expect(
        sum((g) => g.kpis.payments.count),
        by,
      ).toBe(total.payments.count);
      expect(
        sum((g) => g.kpis.enteredCollectionCents),
        by,
      ).toBe(total.enteredCollectionCents);
      expect(
        sum((g) => g.kpis.collectedCents),
        by,
      ).toBe(total.collectedCents);
      expect(
        sum((g) => g.kpis.openCases),
        by,
      ).toBe(total.openCases);
      expect(
        sum((g) => g.kpis.inCollectionCents),
        by,
      ).toBe(total.inCollectionCents);
      expect(
        sum((g) => g.kpis.contacts.total),
        by,
      ).toBe(total.contacts.total);
      for (const b of AGING_BUCKETS)
        expect(
          sum((g) => g.kpis.aging?.[b] ?? 0),
          `${by} ${b}`,
        ).toBe(total.aging?.[b]);
      expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
    }
    const areas = (await ok<KpiResult>('kpi.get', { period: '2026-11', by: 'area' })).breakdown ?? [];
    expect(areas.map((a) => a.key).sort()).toEqual(['Centro', 'Isole', 'Nord-Est', 'Nord-Ovest', 'Sud']);
  });
});

describe('drill-down, trend, critical cases', () => {
  it('the customers behind a figure add up to it, for the whole ledger and for one group', async () => {
    const k = await ok<KpiResult>('kpi.get', { period: '2026-11', by: 'area' });
    const all = await ok<{ total: number; rows: { code: string; valueCents: number | null }[] }>(
      'kpi.customers',
      {
        period: '2026-11',
        figure: 'overdue',
        limit: 5000,
      },
    );
    expect(all.rows.reduce((a, r) => a + (r.valueCents ?? 0), 0)).toBe(k.overdueCents);
    expect(all.total).toBe(all.rows.length);
    const values = all.rows.map((r) => r.valueCents ?? 0);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    const sud = k.breakdown?.find((g) => g.key === 'Sud');
    const drilled = await ok<{ rows: { area: string | null; valueCents: number | null }[] }>(
      'kpi.customers',
      {
        period: '2026-11',
        figure: 'd181_plus',
        by: 'area',
        key: 'Sud',
      },
    );
    expect(drilled.rows.every((r) => r.area === 'Sud')).toBe(true);
    expect(drilled.rows.reduce((a, r) => a + (r.valueCents ?? 0), 0)).toBe(sud?.kpis.aging?.d181_plus);
    const contacted = await ok<{ rows: { code: string; count: number | null }[] }>('kpi.customers', {
      period: '2026-11',
      figure: 'contacts',
    });
    expect(contacted.rows).toEqual([expect.objectContaining({ code: formulaCustomer, count: 2 })]);
  });

  it('the 12-month trend comes from the snapshots and the live ledger; months without them are unknown', async () => {
    const { points } = await ok<{ points: TrendPoint[] }>('kpi.trend', { period: '2026-11' });
    expect(points.map((p) => p.month)).toEqual([
      '2025-12',
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    ]);
    const oct = points.find((p) => p.month === '2026-10');
    const nov = points.find((p) => p.month === '2026-11');
    expect(oct).toMatchObject({ asOf: '2026-10-31', source: 'snapshot', overdueCents: E1.overdueCents });
    expect(nov).toMatchObject({ asOf: '2026-11-15', source: 'ledger', overdueCents: E2.overdueCents });
    const k = await ok<KpiResult>('kpi.get', { period: '2026-11' });
    expect(nov?.dso).toBe(k.dso);
    expect(nov?.enteredCollectionCents).toBe(k.enteredCollectionCents);
    expect(nov?.collectedCents).toBe(k.collectedCents);
    expect(points.filter((p) => p.source === null)).toHaveLength(10);
    const area = await ok<{ points: TrendPoint[] }>('kpi.trend', {
      period: '2026-11',
      by: 'area',
      key: 'Sud',
    });
    const sudNov = area.points.at(-1);
    const byArea = await ok<KpiResult>('kpi.get', { period: '2026-11', by: 'area' });
    expect(sudNov?.overdueCents).toBe(byArea.breakdown?.find((g) => g.key === 'Sud')?.kpis.overdueCents);
  });

  it('critical cases rank customers by overdue × days × rating', async () => {
    const c = await ok<Critical>('reports.critical', { period: '2026-11', limit: 10 });
    expect(c.asOf).toBe('2026-11-15');
    expect(c.customers).toHaveLength(10);
    const scores = c.customers.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const x of c.customers) {
      expect(x.overdueCents).toBeGreaterThan(0);
      expect(x.avgDaysOverdue).toBeGreaterThan(0);
    }
    expect(c.brokenPromises).toEqual([]);
    expect(c.disputes).toEqual([]);
    expect(c.legal).toEqual([]);
  });
});

describe('the periodic report', () => {
  it('XLSX: the documented sheets, typed numbers and dates, no formulas, formula-looking text neutralised', async () => {
    const r = await ok<ReportFile>('reports.export', { period: '2026-11', format: 'xlsx' });
    expect(r.fileName).toMatch(/^report-2026-11-2026-11-23-[0-9a-f]{6}\.xlsx$/);
    expect(fs.readFileSync(r.path).toString('base64')).toBe(r.dataBase64);
    expect(fs.statSync(r.path).mode & 0o777).toBe(0o600);
    const wb = XLSX.read(fs.readFileSync(r.path), { type: 'buffer', cellFormula: true, cellNF: true });
    expect(wb.SheetNames).toEqual([
      'Indicatori',
      'Andamento',
      'Pratiche',
      'Contatti',
      'Pagamenti',
      'Scomposizioni',
      'Casi critici',
    ]);
    expect(r.sheets).toEqual(wb.SheetNames);
    // No formulas anywhere.
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name] as XLSX.WorkSheet;
      for (const [addr, cell] of Object.entries(ws)) {
        if (addr.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f, `${name}!${addr}`).toBeUndefined();
      }
    }
    const k = await ok<KpiResult>('kpi.get', { period: '2026-11' });
    const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Indicatori as XLSX.WorkSheet, {
      header: 1,
    });
    const rowOf = (label: RegExp) =>
      summary.findIndex((row) => typeof row[0] === 'string' && label.test(row[0]));
    const dsoRow = rowOf(/^DSO \(/);
    expect(dsoRow).toBeGreaterThan(0);
    const ws = wb.Sheets.Indicatori as XLSX.WorkSheet;
    const dsoCell = ws[XLSX.utils.encode_cell({ r: dsoRow, c: 1 })] as XLSX.CellObject;
    expect(dsoCell).toMatchObject({ t: 'n', v: k.dso });
    const recRow = rowOf(/^Crediti verso clienti$/);
    const recCell = ws[XLSX.utils.encode_cell({ r: recRow, c: 1 })] as XLSX.CellObject;
    expect(recCell.t).toBe('n');
    expect(recCell.v).toBeCloseTo((k.receivablesCents ?? 0) / 100, 2);
    expect(recCell.z).toBe('#,##0.00');
    const ratioCell = ws[XLSX.utils.encode_cell({ r: rowOf(/^Quota scaduta$/), c: 1 })] as XLSX.CellObject;
    expect(ratioCell).toMatchObject({ t: 'n', v: k.overdueRatio, z: '0.0%' });

    // Dates are numbers with a date format: the serial of 15 November 2026.
    const pay = wb.Sheets.Pagamenti as XLSX.WorkSheet;
    const firstDate = pay.A2 as XLSX.CellObject;
    expect(firstDate.t).toBe('n');
    expect(firstDate.z).toBe('dd/mm/yyyy');
    expect(firstDate.v).toBe(toDayNumber('2026-11-15') + 25_569);
    expect(XLSX.SSF.format(String(firstDate.z), firstDate.v as number)).toBe('15/11/2026');
    const payRows = XLSX.utils.sheet_to_json<unknown[]>(pay, { header: 1 });
    expect(payRows.length - 1).toBe(k.payments.count);
    const amountSum = payRows.slice(1).reduce((a: number, row) => a + Number(row[7]), 0);
    expect(Math.round(amountSum * 100)).toBe(k.payments.amountCents);

    // Text a spreadsheet would run is stored as text, with a leading quote.
    const contacts = wb.Sheets.Contatti as XLSX.WorkSheet;
    const notes = [contacts.H2, contacts.H3] as XLSX.CellObject[];
    expect(notes.map((c) => c.t)).toEqual(['s', 's']);
    expect(notes.map((c) => c.v).sort()).toEqual([
      '\'=HYPERLINK("http://example.com","paga qui")',
      "'@SUM(A1:A9)",
    ]);
    // The notes to salespeople (outcome 'notified') are no contacts with the customer.
    expect(XLSX.utils.sheet_to_json<unknown[]>(contacts, { header: 1 })).toHaveLength(3);
    const person = XLSX.utils.sheet_to_json<unknown[]>(contacts, { header: 1 }).flat();
    expect(person).toContain("'+39 02 1234567");

    // The cases sheet lists every case alive in November with its status and step.
    const cases = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Pratiche as XLSX.WorkSheet);
    const n = rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM cases WHERE opened_on <= '2026-11-30' AND (closed_on IS NULL OR closed_on >= '2026-11-01')",
    )[0]?.n;
    expect(cases).toHaveLength(n ?? -1);
    expect(cases[0]).toHaveProperty('Stato');
    expect(cases[0]).toHaveProperty('Passo');

    // Breakdowns: every dimension but the customer, each adding up to the receivables.
    const bd = XLSX.utils
      .sheet_to_json<unknown[]>(wb.Sheets.Scomposizioni as XLSX.WorkSheet, { header: 1 })
      .slice(1);
    const dims = new Set(bd.map((row) => row[0]));
    expect([...dims]).toEqual(['Zona', 'Agente', 'Addetto', 'Fascia', 'Classe di rating']);
    for (const d of dims) {
      const s = bd.filter((row) => row[0] === d).reduce((a: number, row) => a + Number(row[3]), 0);
      expect(Math.round(s * 100), String(d)).toBe(k.receivablesCents);
    }
    // The export is in the audit log: who exported what.
    const audit = rows<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_log WHERE action = 'reports.export'",
    );
    expect(audit.map((a) => a.entity_id)).toContain(r.fileName);
  });

  it('PDF: cover, KPI table, charts and critical cases over several pages', async () => {
    const r = await ok<ReportFile>('reports.export', { period: '2026-11', format: 'pdf', by: 'area' });
    expect(r.mime).toBe('application/pdf');
    const info = execFileSync('pdfinfo', [r.path], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBe(r.pages);
    expect(pages).toBeGreaterThan(1);
    const text = execFileSync('pdftotext', ['-layout', r.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Report crediti');
    expect(text).toContain('novembre 2026');
    expect(text).toContain('Indicatori chiave');
    const k = await ok<KpiResult>('kpi.get', { period: '2026-11' });
    const dso = String(k.dso).replace('.', ',');
    expect(text).toMatch(new RegExp(`DSO \\(giorni medi di incasso\\)\\s+${dso}`));
    const receivables = new Intl.NumberFormat('it-IT', {
      minimumFractionDigits: 2,
      useGrouping: 'always',
    }).format((k.receivablesCents ?? 0) / 100);
    expect(text).toContain(`${receivables} €`);
    expect(text).toContain('Anzianità dello scaduto');
    expect(text).toContain('Andamento degli ultimi 12 mesi');
    expect(text).toContain('Per zona');
    expect(text).toContain('Casi critici');
    expect(text).toContain(`Pagina 2 di ${pages}`);
    const fonts = execFileSync('pdffonts', [r.path], { encoding: 'utf8' });
    expect(fonts).toContain('LiberationSans');
    expect(fonts).not.toMatch(/Helvetica|Roboto/);
  });

  it('English on request', async () => {
    const r = await ok<ReportFile>('reports.export', { period: '2026-Q4', format: 'xlsx', language: 'en' });
    expect(r.sheets).toEqual([
      'KPIs',
      'Trend',
      'Cases',
      'Contacts',
      'Payments',
      'Breakdowns',
      'Critical cases',
    ]);
  });

  it('a cancelled export leaves no file, in the worker thread and in-process', async () => {
    const before = reportFiles();
    for (const mode of ['browser', 'cli'] as const) {
      ctx.mode = mode;
      const job = `cancel-${mode}`;
      const phase = mode === 'browser' ? 'render' : 'data';
      onEvent = (e) => {
        if (e.type === 'job' && e.job === job && e.phase === phase) ctx.jobs.get(job)?.abort();
      };
      const res = await dispatch(ctx, {
        method: 'reports.export',
        input: { period: '2026-11', format: 'pdf' },
        userId: 1,
        job,
      });
      expect(res, mode).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    }
    ctx.mode = 'cli';
    onEvent = () => {};
    expect(reportFiles()).toEqual(before);
    expect(reportFiles().some((f) => f.includes('partial'))).toBe(false);
  });

  it('in the worker thread the export completes with progress', async () => {
    ctx.mode = 'browser';
    const phases: string[] = [];
    onEvent = (e) => {
      if (e.type === 'job' && e.job === 'w1') phases.push(e.phase);
    };
    try {
      const r = await ok<ReportFile>('reports.export', { period: '2026-11', format: 'xlsx' }, 'w1');
      expect(fs.existsSync(r.path)).toBe(true);
      expect(new Set(phases)).toEqual(new Set(['data', 'render', 'done']));
    } finally {
      ctx.mode = 'cli';
      onEvent = () => {};
    }
  });
});

describe('CLI', () => {
  const cli = (args: string[]) => runCliInProcess([...args, '--db', ctx.dbPath, '--today', '2026-11-23']);

  it('kpi --period --by --json prints the documented shape with a breakdown', async () => {
    const r = await cli(['kpi', '--period', '2026-11', '--by', 'band', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const k = JSON.parse(r.stdout);
    expect(Object.keys(k).slice(0, 15)).toEqual([
      'period',
      'dso',
      'bestPossibleDso',
      'add',
      'cei',
      'recoveryRate',
      'avgRecoveryDays',
      'avgDaysLate',
      'avgDaysToPay',
      'overdueRatio',
      'aging',
      'promises',
      'contacts',
      'payments',
      'letters',
    ]);
    expect(k.aging).toEqual(E2.aging);
    expect(k.breakdown.length).toBeGreaterThan(0);
    expect(
      k.breakdown.reduce(
        (a: number, g: { kpis: { receivablesCents: number } }) => a + g.kpis.receivablesCents,
        0,
      ),
    ).toBe(agingTotal(E2.aging));
    expect(overdueOf(k.aging)).toBe(E2.overdueCents);
  });

  it('kpi refuses a bad period with exit code 2; report writes the file asked', async () => {
    const bad = await cli(['kpi', '--period', 'novembre', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toMatch(/period/);
    const out = path.join(dir, 'out', 'q4.pdf');
    const r = await cli(['report', '--period', '2026-Q4', '--format', 'pdf', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({ period: '2026-Q4', format: 'pdf', file: out });
    expect(body.dataBase64).toBeUndefined();
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('undo', () => {
  it('undoing the latest import drops its snapshot; the run after the undo stores the earlier as-of date again', async () => {
    await ok('imports.undo', {});
    const snaps = rows<{ date: string; figures: string }>(
      'SELECT date, figures FROM kpi_snapshots ORDER BY date',
    );
    expect(snaps.map((s) => s.date)).toEqual(['2026-10-31']);
    expect(JSON.parse(snaps[0]?.figures ?? '{}').aging).toEqual(E1.aging);
    const k = await ok<KpiResult>('kpi.get', { period: '2026-11' });
    expect(k.asOf).toBeNull();
    expect(k.reasons.dso?.code).toBe('future_period');
    const oct = await ok<KpiResult>('kpi.get', { period: '2026-10' });
    expect(oct.sources.end).toEqual({ kind: 'ledger', date: '2026-10-31' });
    expect(oct.aging).toEqual(E1.aging);
  });
});
