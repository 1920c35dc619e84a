/**
 * End to end: browser mode on a temporary demo ledger, in Debian's Chromium. Navigates every
 * section, finds the demo customers, searches and sorts them, switches the language and back,
 * and saves screenshots (test/artifacts/, plus the README's docs/screenshot.png).
 * The renderer must be built first (`npm test` does it).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appForSuite, CustomersPage, DOCS, SettingsPage, text, until } from './pages.ts';

const SECTIONS_IT = [
  { link: 'Attività', heading: 'Attività di oggi', shot: 'worklist' },
  { link: 'Clienti', heading: 'Clienti', shot: 'customers' },
  { link: 'Importazioni', heading: 'Importazioni', shot: 'imports' },
  { link: 'Lettere', heading: 'Lettere', shot: 'letters' },
  { link: 'Politiche', heading: 'Politiche', shot: 'policies' },
  { link: 'Report', heading: 'Report', shot: 'reports' },
  { link: 'Impostazioni', heading: 'Impostazioni', shot: 'settings' },
] as const;

const SECTIONS_EN = [
  { link: 'Worklist', heading: "Today's worklist" },
  { link: 'Customers', heading: 'Customers' },
  { link: 'Imports', heading: 'Imports' },
  { link: 'Letters', heading: 'Letters' },
  { link: 'Policies', heading: 'Policies' },
  { link: 'Reports', heading: 'Reports' },
  { link: 'Settings', heading: 'Settings' },
] as const;

describe('Incasso in the browser (demo company)', () => {
  const s = appForSuite({ demo: true });

  it('opens on the worklist with the ledger figures, today’s tasks, the as-of date and the current user', async () => {
    await s.shell.heading('Attività di oggi').waitFor();
    // The demo ledger's first run gives the admin today's tasks, under the ledger's figures.
    await s.page.getByRole('region', { name: 'Riepilogo del libro partite' }).waitFor();
    await s.page.getByRole('table', { name: 'Elenco attività' }).waitFor();
    expect(await s.shell.asOf()).toContain('23/11/2026');
    expect(await s.page.getByRole('combobox', { name: 'Utente corrente' }).inputValue()).toContain('admin');
  });

  it('navigates every section by its name', async () => {
    for (const section of SECTIONS_IT) {
      await s.shell.go(section.link, section.heading);
      expect(await s.shell.nav(section.link).getAttribute('aria-current')).toBe('page');
      await s.shell.screenshot(`it-${section.shot}`);
    }
  });

  it('lists the demo customers, searches and sorts them', async () => {
    const customers = new CustomersPage(s.page);
    await s.shell.go('Clienti', 'Clienti');
    await until(
      () => customers.rows.count(),
      (n) => n > 10,
    );
    expect(await customers.count()).toBe('300 clienti');
    const firstRow = await text(customers.rows.first());
    expect(firstRow).toMatch(/\d{1,3}(\.\d{3})*,\d{2}\s€/);
    await s.shell.screenshot('customers', { file: path.join(DOCS, 'screenshot.png') });

    await customers.sortBy('Scaduto');
    await until(
      () => s.page.getByRole('columnheader', { name: 'Scaduto', exact: true }).getAttribute('aria-sort'),
      (v) => v === 'descending',
    );
    await s.shell.screenshot('it-customers-by-overdue');

    await customers.search.fill('Rossi');
    const narrowed = await until(
      () => customers.count(),
      (c) => c !== '300 clienti' && /trovat/.test(c),
    );
    const n = Number(narrowed.replace(/\D/g, ''));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(300);
    const names = await until(
      () => customers.names(),
      (list) => list.length > 0 && list.every((name) => /Rossi/i.test(name)),
    );
    expect(names.length).toBe(Math.min(n, names.length));
    await s.shell.screenshot('it-customers-search');

    await customers.search.fill('zzzz-nessuno');
    await s.page.getByRole('heading', { name: /Nessun cliente corrisponde/ }).waitFor();
    await customers.search.fill('');
    await until(
      () => customers.count(),
      (c) => c === '300 clienti',
    );
  });

  it('switches to English, remembers it across a reload, and back to Italian', async () => {
    const settings = new SettingsPage(s.page);
    await s.shell.go('Impostazioni', 'Impostazioni');
    await settings.language('English');
    await s.shell.heading('Settings').waitFor();
    await s.page.reload();
    await s.shell.heading('Settings').waitFor();
    for (const section of SECTIONS_EN) {
      await s.shell.go(section.link, section.heading);
    }
    await s.shell.go('Customers', 'Customers');
    const customers = new CustomersPage(s.page);
    await until(
      () => customers.rows.count(),
      (n) => n > 10,
    );
    expect(await customers.count()).toBe('300 customers');
    expect(await text(customers.rows.first())).toMatch(/€\d{1,3}(,\d{3})*\.\d{2}/);
    expect(await s.shell.asOf()).toContain('23 Nov 2026');
    await s.shell.screenshot('en-customers');

    await s.shell.go('Settings', 'Settings');
    await settings.language('Italiano');
    await s.shell.heading('Impostazioni').waitFor();
    await s.shell.nav('Clienti').waitFor();
  });

  it('works from the keyboard: sections, search and the shortcuts sheet', async () => {
    await s.shell.go('Attività', 'Attività di oggi');
    await s.page.keyboard.press('Alt+2');
    await s.shell.heading('Clienti').waitFor();
    await s.page.keyboard.press('Alt+1');
    await s.shell.heading('Attività di oggi').waitFor();
    await s.page.keyboard.press('/');
    await s.shell.heading('Clienti').waitFor();
    // The search box has the focus.
    await until(
      () => s.page.locator(':focus').getAttribute('aria-label'),
      (label) => label === 'Cerca clienti',
    );
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('heading', { level: 1 }).click();
    await s.page.keyboard.press('Shift+?');
    const help = s.page.getByRole('dialog', { name: 'Scorciatoie da tastiera' });
    await help.waitFor();
    await s.shell.screenshot('it-shortcuts');
    await s.page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('has a dark theme from the same tokens', async () => {
    await s.shell.go('Impostazioni', 'Impostazioni');
    await s.page.getByText('Scuro', { exact: true }).click();
    await until(
      () => s.page.locator('html').getAttribute('data-mantine-color-scheme'),
      (v) => v === 'dark',
    );
    await s.shell.go('Clienti', 'Clienti');
    await new CustomersPage(s.page).rows.first().waitFor();
    await s.shell.screenshot('dark-customers');
    await s.shell.go('Attività', 'Attività di oggi');
    await s.shell.screenshot('dark-worklist');
    await s.shell.go('Impostazioni', 'Impostazioni');
    await s.page.getByText('Chiaro', { exact: true }).click();
  });

  it('had no uncaught errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
