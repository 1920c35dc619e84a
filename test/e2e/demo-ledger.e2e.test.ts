/**
 * End to end: the demo company is marked "Demo" in the header, and the first real export dropped on
 * its Imports page offers to start the user's own ledger; choosing it goes on with that file in the
 * new, empty ledger (no badge, the demo's customers gone from view, the file detected there).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appForSuite, until } from './pages.ts';

const SAMPLE = path.resolve(import.meta.dirname, '..', 'fixtures', 'samples', 'scadenzario-2026-10-31.xlsx');

describe('The demo company in its own ledger', () => {
  const s = appForSuite({ demo: true });

  it('shows the Demo badge and offers to start the real ledger at the first import', async () => {
    const badge = s.page.locator('.demo-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('Demo');

    await s.shell.go('Importazioni', 'Importazioni');
    await s.page.locator('input[type="file"]').setInputFiles(SAMPLE);
    const dialog = s.page.getByRole('dialog', { name: "Questa è l'azienda dimostrativa" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(path.join(s.dir, 'ledger.db'));
    await s.shell.screenshot('demo-ledger-1-offer');

    await dialog.getByRole('button', { name: 'Avvia il mio archivio e importa' }).click();
    // The file goes on in the user's (new) ledger: detected there, and the badge is gone.
    await s.page.getByRole('button', { name: 'Anteprima' }).waitFor({ timeout: 30_000 });
    await until(
      () => badge.count(),
      (n) => n === 0,
    );
    expect(s.server.ctx.dbPath).toBe(path.join(s.dir, 'ledger.db'));
    await s.shell.screenshot('demo-ledger-2-own-ledger', { fullPage: true });
    expect(s.pageErrors).toEqual([]);
  });
});
