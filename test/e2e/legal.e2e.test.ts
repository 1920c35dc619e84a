/**
 * End to end: the rating tab and the legal dossier of a demo customer with overdue items, in
 * browser mode (as the admin). Opens a dossier, adds a cost and a phase and checks the
 * convenience evaluation follows; exports the ZIP for the agency; screenshots in
 * test/artifacts/legal-*.png. The renderer must be built first (`npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { CustomerProfilePage, DEMO_CUSTOMER } from './customer-pages.ts';
import { appForSuite, text, until } from './pages.ts';

const { code: CODE, name: NAME } = DEMO_CUSTOMER;

describe('Rating tab and legal dossier (demo company)', () => {
  const s = appForSuite({ demo: true, today: '2026-11-23' });
  const profile = () => new CustomerProfilePage(s.page);

  it('shows the rating explained, with its history as chart and table', async () => {
    await s.shell.heading('Attività di oggi').waitFor();
    await s.page.goto(`${s.server.url}#/customers/${CODE}`);
    await profile().heading(NAME).waitFor();
    await profile().tab('Rating');
    const factors = s.page.getByRole('table', { name: 'Contributo dei fattori' });
    await factors.waitFor();
    expect(await factors.getByRole('row').count()).toBe(12);
    expect(await text(s.page.getByTestId('rating-class'))).toMatch(/^Classe [A-E]$/);
    await s.page.getByRole('img', { name: 'Grafico del punteggio nel tempo' }).waitFor();
    await factors.scrollIntoViewIfNeeded();
    await s.shell.screenshot('legal-0-rating');
    await s.page.getByText('Tabella', { exact: true }).click();
    await s.page.getByRole('table', { name: 'Storico del rating' }).waitFor();
  });

  it('opens a legal dossier and shows the convenience evaluation', async () => {
    await profile().tab('Legale');
    const open = s.page.getByRole('form', { name: 'Apri una pratica legale' });
    await open.waitFor();
    await open.getByRole('textbox', { name: /Nome del legale/ }).fill('Avv. Maria Rossi');
    await open.getByRole('textbox', { name: 'Riferimento' }).fill('R-2026/17');
    await open.getByRole('button', { name: 'Apri pratica legale' }).click();
    await s.page.getByTestId('legal-evaluation').waitFor();
    expect(await text(s.page.getByTestId('legal-phase'))).toBe('Affidata al legale');
    expect(await text(s.page.getByTestId('legal-verdict'))).toMatch(/conviene proseguire/i);
    expect(await text(s.page.getByTestId('legal-reason'))).not.toBe('');
    expect(await text(s.page.getByTestId('legal-costs'))).toBe('0,00 €');
    await s.page.getByTestId('legal-evaluation').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await s.shell.screenshot('legal-1-opened');
  });

  it('adds a cost and a phase, and the evaluation follows', async () => {
    const furtherBefore = await text(s.page.getByTestId('legal-further'));
    const netBefore = await text(s.page.getByTestId('legal-net'));

    const cost = s.page.getByRole('form', { name: 'Aggiungi una spesa' });
    await profile().choose(cost, 'Tipo di spesa', 'Spese di giustizia');
    await cost.getByRole('textbox', { name: 'Importo' }).fill('250,00');
    await cost.getByRole('button', { name: 'Aggiungi spesa' }).click();
    await until(
      () => text(s.page.getByTestId('legal-costs')),
      (v) => v === '250,00 €',
    );
    await s.page
      .getByRole('table', { name: 'Spese della pratica' })
      .getByText('Spese di giustizia')
      .waitFor();

    const phase = s.page.getByRole('form', { name: 'Cambia fase' });
    await profile().choose(phase, 'Nuova fase', 'Decreto ingiuntivo richiesto');
    await phase.getByRole('button', { name: 'Cambia fase' }).click();
    await until(
      () => text(s.page.getByTestId('legal-phase')),
      (v) => v === 'Decreto ingiuntivo richiesto',
    );
    const furtherAfter = await text(s.page.getByTestId('legal-further'));
    const netAfter = await text(s.page.getByTestId('legal-net'));
    expect(furtherAfter).not.toBe(furtherBefore);
    expect(netAfter).not.toBe(netBefore);
    await s.page
      .getByRole('table', { name: 'Eventi della pratica' })
      .getByText('Cambio di fase')
      .first()
      .waitFor();
    await s.page.getByTestId('legal-evaluation').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await s.shell.screenshot('legal-2-evaluation');
    await s.page.getByRole('table', { name: 'Eventi della pratica' }).scrollIntoViewIfNeeded();
    await s.shell.screenshot('legal-3-lists');
  });

  it('exports the dossier for the agency as a ZIP', async () => {
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: "Esporta per l'agenzia" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await profile().notification('Pratica esportata (ZIP)').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
