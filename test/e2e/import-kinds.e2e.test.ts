/**
 * End to end: an accountant drops a FatturaPA e-invoice and then the customer master data on the
 * Imports page of an empty ledger: the page names each kind, previews it, imports it; the history
 * shows both batches and the customer carries the address the master data brought.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session, Shell, text } from './pages.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');
const EINVOICE = path.join(FIXTURES, 'fatturapa', 'IT01234567890_A0001.xml');
const MASTER = path.join(FIXTURES, 'master-data', 'danea-easyfatt.csv');

describe('Import of e-invoices and customer master data through the UI', () => {
  let s: Session;
  let shell: Shell;

  beforeAll(async () => {
    s = await openApp({ demo: false });
    shell = new Shell(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('an e-invoice is recognised, previewed document by document and imported', async () => {
    await shell.go('Importazioni', 'Importazioni');
    await s.page.locator('input[type="file"]').setInputFiles(EINVOICE);
    const panel = s.page.getByRole('region', { name: 'Importazione di IT01234567890_A0001.xml' });
    await panel.waitFor();
    expect(await text(panel.getByTestId('import-kind'))).toBe('Fatture elettroniche FatturaPA');
    const invoices = panel.getByRole('table', { name: 'Fatture e note di credito nel file' });
    await invoices.waitFor();
    expect(await invoices.getByRole('row').count()).toBe(3);
    await shell.screenshot('import-kinds-1-einvoice', { fullPage: true });
    await panel.getByRole('button', { name: 'Importa' }).click();
    await s.page.getByText('IT01234567890_A0001.xml importato (lotto 1)').waitFor();
    await panel.waitFor({ state: 'detached' });
  });

  it('customer master data is recognised, shows what changes, and fills the customer', async () => {
    await s.page.locator('input[type="file"]').setInputFiles(MASTER);
    const panel = s.page.getByRole('region', { name: 'Importazione di danea-easyfatt.csv' });
    await panel.waitFor();
    expect(await text(panel.getByTestId('import-kind'))).toBe('Anagrafica clienti');
    const changes = panel.getByRole('table', { name: 'Clienti che il file crea o modifica' });
    await changes.waitFor();
    // C001 is the e-invoice's buyer (same VAT number): it takes the accounting code.
    await changes.getByText('codice: C001').waitFor();
    await shell.screenshot('import-kinds-2-master-data', { fullPage: true });
    await panel.getByRole('button', { name: 'Importa' }).click();
    await s.page.getByText('danea-easyfatt.csv importato (lotto 2)').waitFor();
    const history = s.page.getByRole('table', { name: /Storico delle importazioni/ });
    await history.getByText('danea-easyfatt.csv').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
