/**
 * End to end: the Reports page in browser mode, in Debian's Chromium.
 *  - On the demo company: KPI cards with the change against October, the charts, the breakdown by
 *    area; a card opens the customers behind it and one of them opens its profile; a quarter and
 *    another dimension; the page limited to one area; the PDF exported with progress (its first
 *    pages rendered to PNG).
 *  - On the sample history (the 31 October and 15 November exports imported through the backend,
 *    each with its run and snapshot): the trend has two months, CEI is known, the XLSX downloads.
 * Screenshots in test/artifacts/; the dashboard and the PDF's first page also in docs/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { ARTIFACTS, DOCS, openApp, type Session, Shell, text, until } from './pages.ts';

const SAMPLES = path.resolve(import.meta.dirname, '..', 'fixtures', 'samples');

class ReportsPage {
  constructor(readonly s: Session) {}

  card(name: string) {
    return this.s.page.getByTestId(`kpi-${name}`);
  }

  async ready(): Promise<void> {
    await this.card('dso').waitFor();
    await this.s.page.getByRole('region', { name: /^Casi critici|^Critical cases/ }).waitFor();
    await this.s.page
      .getByRole('region', { name: /Scaduto e DSO|Overdue and DSO/ })
      .locator('.recharts-surface')
      .first()
      .waitFor();
  }

  drawer() {
    return this.s.page.getByRole('dialog');
  }
}

async function importSamples(dbPath: string): Promise<void> {
  for (const [file, asOf, today] of [
    ['scadenzario-2026-10-31.xlsx', '2026-10-31', '2026-11-02'],
    ['scadenzario-2026-11-15.xlsx', '2026-11-15', '2026-11-16'],
  ] as const) {
    const ctx = await createBackend({ dbPath, mode: 'cli', today });
    try {
      const staged = await dispatch(ctx, {
        method: 'imports.stage',
        input: { fileName: file, dataBase64: fs.readFileSync(path.join(SAMPLES, file)).toString('base64') },
        userId: 1,
      });
      if (!staged.ok) throw new Error(staged.error.message);
      const fileId = (staged.data as { fileId: string }).fileId;
      const applied = await dispatch(ctx, { method: 'imports.apply', input: { fileId, asOf }, userId: 1 });
      if (!applied.ok) throw new Error(applied.error.message);
    } finally {
      closeLedger(ctx.db);
    }
  }
}

describe('Reports on the demo company', () => {
  let s: Session;
  let shell: Shell;
  let reports: ReportsPage;

  beforeAll(async () => {
    s = await openApp({ demo: true });
    shell = new Shell(s.page);
    reports = new ReportsPage(s);
    await shell.heading('Attività di oggi').waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows the KPI cards with the change against the previous month, the charts and the breakdown', async () => {
    await shell.go('Report', 'Report');
    await reports.ready();
    expect(await text(reports.card('overdue'))).toMatch(/Scaduto\s*.*\d{1,3}(\.\d{3})*,\d{2}\s€/);
    expect(await text(reports.card('dso'))).toMatch(/DSO.*\d+,\d gg/);
    // The demo has no October snapshot: no comparison, said so.
    expect(await text(reports.card('overdue').getByTestId('kpi-change'))).toMatch(
      /nessun confronto con ottobre 2026/,
    );
    const table = s.page.getByRole('table', { name: 'Scomposizione per zona' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await text(s.page.getByText(/^Posizione al 23\/11\/2026/))).toContain('libro partite attuale');
    await shell.screenshot('reports-1-demo', { fullPage: true });
    await shell.screenshot('reports-dashboard', { file: path.join(DOCS, 'reports.png') });
  });

  it('opens the customers behind a figure, then one customer’s profile', async () => {
    await s.page.getByRole('button', { name: 'Mostra i clienti: Scaduto' }).click();
    const drawer = reports.drawer();
    await drawer.getByText('Clienti: Scaduto').waitFor();
    const rows = drawer.getByRole('table', { name: 'Clienti dietro la cifra' }).locator('tbody tr');
    await until(
      () => rows.count(),
      (n) => n > 10,
    );
    await shell.screenshot('reports-2-drill');
    const first = rows.first();
    const name = await text(first.locator('td').nth(1));
    await first.getByRole('button', { name: `Apri la scheda di ${name}` }).click();
    await s.page.getByRole('heading', { level: 1, name }).waitFor();
    await s.page.goBack();
    await reports.ready();
  });

  it('switches to a quarter and to salespeople, and limits the page to one area', async () => {
    await s.page.getByRole('radiogroup', { name: 'Tipo di periodo' }).getByText('Trimestre').click();
    await until(
      () => s.page.getByRole('combobox', { name: 'Periodo' }).inputValue(),
      (v) => v === '4° trimestre 2026',
    );
    await reports.ready();
    await s.page.getByRole('radiogroup', { name: 'Tipo di periodo' }).getByText('Mese').click();
    await until(
      () => s.page.getByRole('combobox', { name: 'Periodo' }).inputValue(),
      (v) => v === 'novembre 2026',
    );
    const total = await text(reports.card('overdue').locator('.rp-value'));
    await s.page
      .getByRole('button', { name: /^Limita la pagina a / })
      .first()
      .click();
    await s.page.getByText(/^Solo zona: /).waitFor();
    await until(
      () => text(reports.card('overdue').locator('.rp-value')),
      (v) => v !== total,
    );
    await shell.screenshot('reports-3-one-area');
    await s.page.getByRole('button', { name: 'Togli il filtro' }).first().click();
    await until(
      () => text(reports.card('overdue').locator('.rp-value')),
      (v) => v === total,
    );
    await s.page.getByRole('combobox', { name: 'Scomponi per' }).click();
    await s.page.getByRole('option', { name: 'Scomponi per: agente' }).click();
    await s.page.getByRole('table', { name: 'Scomposizione per agente' }).waitFor();
  });

  it('shows a chart as a table with the exact figures', async () => {
    const aging = s.page.getByRole('region', { name: 'Anzianità dello scaduto' });
    await aging.getByText('Tabella').click();
    const table = aging.getByRole('table', { name: 'Anzianità dello scaduto' });
    await table.waitFor();
    expect(await text(table.locator('tfoot'))).toMatch(/Totale crediti\s*\d{1,3}(\.\d{3})*,\d{2}\s€/);
    await aging.getByText('Grafico').click();
  });

  it('exports the PDF with progress and downloads it', async () => {
    const download = s.page.waitForEvent('download', { timeout: 60_000 });
    await s.page.getByRole('button', { name: 'Esporta PDF' }).click();
    await s.page.getByRole('status', { name: 'Preparazione del report PDF' }).waitFor();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^report-2026-11-2026-11-23-[0-9a-f]{6}\.pdf$/);
    const saved = path.join(s.dir, file.suggestedFilename());
    await file.saveAs(saved);
    await s.page.getByText('Report pronto').waitFor();
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [saved], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    const prefix = path.join(s.dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '3', saved, prefix]);
    const shots = fs
      .readdirSync(s.dir)
      .filter((f) => f.startsWith('page-') && f.endsWith('.png'))
      .sort()
      .map((f) => path.join(s.dir, f));
    expect(shots).toHaveLength(3);
    fs.copyFileSync(shots[0] as string, path.join(DOCS, 'report-pdf-page1.png'));
    for (const [i, shot] of shots.entries())
      fs.copyFileSync(shot, path.join(ARTIFACTS, `reports-pdf-${i + 1}.png`));
    expect(s.pageErrors).toEqual([]);
  });
});

describe('Reports over the sample history', () => {
  let s: Session;
  let shell: Shell;
  let reports: ReportsPage;

  beforeAll(async () => {
    s = await openApp({ demo: false, today: '2026-11-23', prepare: importSamples });
    shell = new Shell(s.page);
    reports = new ReportsPage(s);
    await shell.heading('Attività di oggi').waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('compares November with October’s snapshot and draws two months of trend', async () => {
    await shell.go('Report', 'Report');
    await reports.ready();
    expect(await text(s.page.getByText(/^Posizione al 15\/11\/2026/))).toContain('libro partite attuale');
    expect(await text(reports.card('cei'))).toMatch(/CEI\)\d+(,\d)?\s?%/);
    expect(await text(reports.card('overdue').getByTestId('kpi-change'))).toMatch(/^\+.*ottobre 2026/);
    const trend = s.page.getByRole('region', { name: 'Scaduto e DSO negli ultimi 12 mesi' });
    await trend.getByText('Tabella').click();
    const rows = trend.getByRole('table').locator('tbody tr');
    expect(await text(rows.nth(10))).toMatch(/^31\/10\/2026/);
    expect(await text(rows.nth(11))).toMatch(/^15\/11\/2026/);
    await trend.getByText('Grafico').click();
    await shell.screenshot('reports-4-samples', { fullPage: true });
  });

  it('exports the XLSX', async () => {
    const download = s.page.waitForEvent('download', { timeout: 60_000 });
    await s.page.getByRole('button', { name: 'Esporta Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await s.page.getByText('Report pronto').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
