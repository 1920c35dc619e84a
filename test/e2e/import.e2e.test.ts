/**
 * End to end: an accountant imports an aged-receivables export through the Imports page of an
 * empty ledger — chooses the file, checks the detected columns, previews (counts), applies,
 * sees the header's as-of date follow the import, and undoes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SAMPLE } from '../helpers/samples.ts';
import { CustomersPage, ImportsPage, openApp, type Session, Shell, text, until } from './pages.ts';

describe('Import of an aged-receivables export through the UI', () => {
  let s: Session;
  let shell: Shell;
  let imports: ImportsPage;

  beforeAll(async () => {
    s = await openApp({ demo: false });
    shell = new Shell(s.page);
    imports = new ImportsPage(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('starts on an empty ledger that says what to do', async () => {
    await s.page.getByRole('heading', { name: 'Il libro partite è vuoto' }).waitFor();
    await s.page.getByRole('button', { name: 'Importa lo scadenzario' }).waitFor();
    await shell.screenshot('import-0-empty-ledger');
  });

  it('detects the file and previews the import', async () => {
    await s.page.getByRole('button', { name: 'Importa lo scadenzario' }).click();
    await shell.heading('Importazioni').waitFor();
    await imports.choose(FIRST_SAMPLE);
    await shell.screenshot('import-1-detected', { fullPage: true });
    await imports.setAsOf('31/10/2026');
    await imports.preview();
    expect(await imports.counted('items-new')).toBe('624');
    expect(await imports.counted('customers-new')).toBe('173');
    expect(await imports.counted('items-closed')).toBe('0');
    await shell.screenshot('import-2-preview');
  });

  it('applies it: the header and the customers follow', async () => {
    await imports.apply();
    await until(
      () => shell.asOf(),
      (text) => text.includes('31/10/2026'),
      60_000,
    );
    await imports.history().getByRole('cell', { name: 'scadenzario-2026-10-31.xlsx' }).waitFor();
    await shell.screenshot('import-3-applied', { fullPage: true });

    await shell.go('Clienti', 'Clienti');
    const customers = new CustomersPage(s.page);
    expect(
      await until(
        () => customers.count(),
        (c) => c === '173 clienti',
      ),
    ).toBe('173 clienti');
  });

  it('undoes it: the ledger is empty again', async () => {
    await shell.go('Importazioni', 'Importazioni');
    await imports.undoLatest();
    await until(
      () => shell.asOf(),
      (text) => text.includes('23/11/2026'),
      60_000,
    );
    await imports.history().getByText('Annullata').waitFor();
    await shell.screenshot('import-4-undone');
    await shell.go('Attività', 'Attività di oggi');
    await s.page.getByRole('heading', { name: 'Il libro partite è vuoto' }).waitFor();
  });

  it('shows every invalid row of a bad file, with row, column and value, and does not apply it', async () => {
    const bad = path.join(s.dir, 'partite-errate.csv');
    fs.writeFileSync(
      bad,
      'Cod. Cliente;Ragione Sociale;N. Documento;Data Scadenza;Residuo\n' +
        'C1;Rossi S.r.l.;1;31/02/2026;100,00\n' +
        'C2;Bianchi S.p.A.;2;15/11/2026;abc\n',
    );
    await shell.go('Importazioni', 'Importazioni');
    await imports.choose(bad);
    await imports.preview();
    const errors = s.page.getByRole('table', { name: 'Errori nel file' });
    await errors.waitFor();
    const rows = errors.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await text(rows.nth(0))).toContain('31/02/2026');
    expect(await text(rows.nth(0))).toContain('Data Scadenza');
    expect(await text(rows.nth(1))).toContain('abc');
    expect(await s.page.getByRole('button', { name: "Applica l'importazione" }).isDisabled()).toBe(true);
    await shell.screenshot('import-5-errors');
  });

  it('says clearly when a file is not an aged-receivables export', async () => {
    const notSheet = path.join(s.dir, 'appunti.xlsx');
    fs.writeFileSync(notSheet, 'just some notes');
    await s.page.getByRole('button', { name: 'Scegli un altro file' }).first().click();
    await s.page.locator('input[type="file"]').setInputFiles(notSheet);
    const alert = s.page.getByRole('alert').filter({ hasText: 'Impossibile importare appunti.xlsx' });
    await alert.waitFor();
    await shell.screenshot('import-6-not-a-spreadsheet');
  });

  it('had no uncaught errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
