/**
 * End to end: a clerk's morning on one customer of the demo company, in browser mode and
 * Debian's Chromium. Opens a customer from the worklist and one from the Customers list, logs a call with a promise,
 * attaches a PDF, opens a dispute on one invoice and creates a three-installment repayment plan,
 * checking each in the timeline, the disputes and the plans; screenshots in test/artifacts/customer-*.png.
 * The renderer must be built first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomerProfilePage, DEMO_CUSTOMER } from './customer-pages.ts';
import { appForSuite, CustomersPage, text, until } from './pages.ts';

const { code: CODE, name: NAME } = DEMO_CUSTOMER;

describe('Customer profile and the collector’s tools (demo company)', () => {
  const s = appForSuite({ demo: true, today: '2026-11-23' });
  const profile = () => new CustomerProfilePage(s.page);

  it('opens a customer from the worklist', async () => {
    await s.shell.heading('Attività di oggi').waitFor();
    const tasks = s.page.getByRole('table', { name: 'Elenco attività' });
    await tasks.waitFor();
    const open = s.page.getByRole('button', { name: /Apri la scheda cliente/ });
    await open.click();
    await until(
      () => Promise.resolve(s.page.url()),
      (url) => /#\/customers\/[^/?]+/.test(url),
    );
    // A customer with a task is in collection: its case is in the header.
    await s.page
      .getByTestId('case-line')
      .getByText(/^Pratica n\. \d+$/)
      .waitFor();
    await profile().action('Registra contatto').waitFor();
    await s.shell.screenshot('customer-0-from-worklist');
  });

  it('opens a customer from the Customers list', async () => {
    const customers = new CustomersPage(s.page);
    await s.shell.go('Clienti', 'Clienti');
    await customers.search.fill(CODE);
    await until(
      () => customers.names(),
      (names) => names.length === 1 && names[0] === NAME,
    );
    await customers.table.getByRole('link', { name: NAME }).click();
    await profile().heading(NAME).waitFor();
    expect(s.page.url()).toContain(`#/customers/${CODE}`);
    expect(await text(s.page.getByTestId('customer-code'))).toBe(CODE);
    // The Customers section stays highlighted in the sidebar.
    expect(await s.shell.nav('Clienti').getAttribute('aria-current')).toBe('page');
    expect(await text(s.page.getByTestId('figure-overdue'))).toMatch(/Scaduto\s*\d{1,3}(\.\d{3})*,\d{2}\s€/);
    // Credit notes are listed apart, as deductions.
    const credits = s.page.getByRole('table', { name: 'Note di credito da dedurre' });
    expect(await text(credits)).toContain('NC 320/2026');
    expect(await text(profile().invoices)).not.toContain('NC 320/2026');
    await s.shell.screenshot('customer-1-profile');
    // The rating explains itself: score, class and the points of each factor.
    await s.page.getByRole('button', { name: /^Rating \d+ · [A-E]: mostra come/ }).click();
    await s.page.getByRole('table', { name: 'Fattori del rating' }).waitFor();
    await s.shell.screenshot('customer-1-rating');
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('table', { name: 'Fattori del rating' }).waitFor({ state: 'hidden' });
  });

  it('logs a call with a promise to pay', async () => {
    await profile().action('Registra contatto').click();
    const drawer = profile().dialog();
    await drawer.getByText('Promessa di pagamento', { exact: true }).click();
    expect(await drawer.getByRole('radio', { name: 'Promessa di pagamento' }).isChecked()).toBe(true);
    await drawer.getByRole('textbox', { name: 'Persona contattata' }).fill('Sig.ra Costa, amministrazione');
    await profile().fillDate(drawer, 'Data 1', '15/12/2026');
    await drawer.getByRole('textbox', { name: 'Importo 1' }).fill('2.000,00');
    await drawer.getByRole('button', { name: 'Aggiungi una data' }).click();
    await profile().fillDate(drawer, 'Data 2', '15/01/2027');
    await drawer.getByRole('textbox', { name: 'Importo 2' }).fill('2.331,00');
    await drawer
      .getByRole('textbox', { name: 'Nota' })
      .fill('Conferma i due bonifici, chiede la copia di FT 310/2025.');
    await s.shell.screenshot('customer-2-contact-form');
    await drawer.getByRole('button', { name: 'Registra', exact: true }).click();
    await profile().notification('Contatto registrato').waitFor();
    await drawer.waitFor({ state: 'hidden' });

    await profile().tab('Cronologia');
    await profile().timeline.getByText('Telefonata · Promessa di pagamento').waitFor();
    expect(await text(profile().timeline)).toContain('Sig.ra Costa, amministrazione');
    await profile().timeline.getByText('Promessa per il 15/12/2026 · Aperta').waitFor();
    await profile().timeline.getByText('Promessa per il 15/01/2027 · Aperta').waitFor();
    await s.shell.screenshot('customer-3-timeline');

    await profile().tab('Promesse e piani');
    const promises = s.page.getByRole('table', { name: 'Promesse di pagamento' });
    expect(await text(promises)).toContain('15/12/2026');
    expect(await text(promises)).toMatch(/2\.000,00\s€/);
  });

  it('attaches a PDF received from the customer', async () => {
    const file = path.join(s.dir, 'contestazione-costa.pdf');
    fs.writeFileSync(
      file,
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    await s.page.getByLabel('File da allegare').setInputFiles(file);
    await profile().notification('contestazione-costa.pdf allegato').waitFor();
    await profile().tab('Documenti');
    const docs = s.page.getByRole('table', { name: 'Documenti del cliente' });
    await docs.getByRole('cell', { name: 'contestazione-costa.pdf', exact: true }).waitFor();
    // Opening it in browser mode shows it in a new tab (a Blob URL).
    const popup = s.page.waitForEvent('popup');
    await docs.getByRole('button', { name: 'Apri contestazione-costa.pdf' }).click();
    const tab = await popup;
    expect(tab.url()).toMatch(/^blob:/);
    await tab.close();
    await s.shell.screenshot('customer-4-documents');
    await profile().tab('Cronologia');
    await profile().timeline.getByText('Documento allegato: contestazione-costa.pdf').waitFor();
  });

  it('opens a dispute on one invoice', async () => {
    await profile().tab('Partite aperte');
    await profile().select('FT 310/2025');
    await s.page.getByRole('button', { name: 'Contesta le fatture selezionate' }).click();
    const dialog = profile().dialog('Apri una contestazione');
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'FT 310/2025' }).isChecked()).toBe(true);
    await profile().choose(dialog, 'Motivo', 'Qualità');
    await dialog.getByRole('textbox', { name: 'Nota' }).fill('Ante graffiate alla consegna, foto allegate.');
    await dialog.getByRole('button', { name: 'Apri la contestazione' }).click();
    await profile().notification('Contestazione aperta').waitFor();
    await profile().invoiceRow('FT 310/2025').getByText('Contestata').waitFor();

    await profile().tab('Contestazioni');
    const disputes = s.page.getByRole('table', { name: 'Contestazioni' });
    const row = disputes.getByRole('row').filter({ hasText: 'FT 310/2025' });
    await row.waitFor();
    expect(await text(row)).toContain('Qualità');
    expect(await text(row)).toContain('Aperta');
    expect(await text(row)).toContain('0 gg');
    await s.shell.screenshot('customer-5-disputes');
  });

  it('creates a three-installment repayment plan', async () => {
    await profile().tab('Partite aperte');
    await profile().select('FT 318/2026');
    await profile().select('FT 309/2026');
    await s.page.getByRole('button', { name: 'Piano di rientro con le fatture selezionate' }).click();
    const dialog = profile().dialog('Nuovo piano di rientro');
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Numero di rate' }).inputValue()).toBe('3');
    await dialog.getByRole('button', { name: 'Calcola le rate' }).click();
    const schedule = dialog.getByRole('table', { name: 'Rate proposte' });
    await schedule.waitFor();
    expect(await schedule.getByRole('row').count()).toBe(4);
    await dialog.getByText('Le rate coprono esattamente il dovuto.').waitFor();

    // An edited installment that breaks the total is flagged, and the plan cannot be saved.
    const first = dialog.getByRole('textbox', { name: 'Importo rata 1' });
    const last = dialog.getByRole('textbox', { name: 'Importo rata 3' });
    await last.fill('4.000,00');
    await dialog.getByText(/Mancano .* per coprire il dovuto\./).waitFor();
    await s.shell.screenshot('customer-6-plan-unbalanced');
    expect(await dialog.getByRole('button', { name: 'Salva il piano' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Ricalcola' }).click();
    await dialog.getByText('Le rate coprono esattamente il dovuto.').waitFor();
    expect(await first.inputValue()).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
    await s.shell.screenshot('customer-7-plan-editor');
    await dialog.getByRole('button', { name: 'Salva il piano' }).click();
    await profile().notification('Piano di rientro creato').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    await profile().tab('Promesse e piani');
    const plan = s.page.getByRole('table', { name: /^Piano n\. \d+$/ });
    await plan.waitFor();
    expect(await plan.getByRole('row').count()).toBe(4);
    expect(await text(plan)).toContain('Da pagare');
    await profile().timeline.or(plan).first().waitFor();
    await s.shell.screenshot('customer-8-promises-plans', { fullPage: true });
    await profile().tab('Cronologia');
    await profile().timeline.getByText('Piano di rientro · 3 rate · Attivo').waitFor();
  });

  it('shows the master data, imported fields read-only and local fields editable', async () => {
    await profile().tab('Anagrafica');
    await s.page.getByRole('heading', { name: 'Dalla contabilità' }).waitFor();
    const pec = s.page.getByRole('textbox', { name: 'PEC' });
    expect(await pec.isEditable()).toBe(true);
    await s.page.getByRole('textbox', { name: 'E-mail del referente' }).fill('non-una-mail');
    await s.page.getByRole('textbox', { name: 'Altro telefono' }).click();
    await s.page.getByText('Indirizzo e-mail non valido').waitFor();
    await s.page.getByRole('textbox', { name: 'E-mail del referente' }).fill('solleciti@arredamenticosta.it');
    await s.page.getByRole('button', { name: 'Salva' }).click();
    await profile().notification('Anagrafica salvata').waitFor();
    await s.shell.screenshot('customer-9-master-data');
    // Back at the top: the case is paused by the promise and the plan.
    await profile().tab('Partite aperte');
    await s.shell.screenshot('customer-10-after');
  });

  it('reads the same in the dark theme', async () => {
    await s.shell.go('Impostazioni', 'Impostazioni');
    await s.page.getByText('Scuro', { exact: true }).click();
    await until(
      () => s.page.locator('html').getAttribute('data-mantine-color-scheme'),
      (v) => v === 'dark',
    );
    await s.page.goBack();
    await profile().heading(NAME).waitFor();
    await profile().invoices.waitFor();
    await s.shell.screenshot('customer-11-dark');
    await s.shell.go('Impostazioni', 'Impostazioni');
    await s.page.getByText('Chiaro', { exact: true }).click();
  });

  it('had no uncaught errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
