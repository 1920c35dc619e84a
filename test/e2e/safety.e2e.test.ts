/**
 * End to end, safety: backups in Settings (back up now), the audit trail with filters and a row's
 * details, the data-protection page with a customer past retention, and a damaged ledger at start:
 * the recovery screen restores the latest sound backup and the app opens. Screenshots in
 * test/artifacts/safety-*.png.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { createBackup } from '../../electron/backend/services/safety/backup.ts';
import { corruptMiddle } from '../helpers/dump.ts';
import { firstRun, openApp, type Session, Shell } from './pages.ts';

/** The demo company plus a customer whose positions closed in 2014: due for anonymisation. */
async function demoWithOldCustomer(dbPath: string): Promise<void> {
  const ctx = await createBackend({ dbPath, mode: 'cli', today: '2026-11-23' });
  await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
  const c = ctx.db.$client;
  const { lastInsertRowid } = c
    .prepare(
      "INSERT INTO customers (code, name, vat, email, created_at) VALUES ('C09001', 'Vecchi Ricambi S.n.c.', '01234567890', 'info@vecchiricambi.it', '2012-01-01T00:00:00Z')",
    )
    .run();
  c.prepare(
    "INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment, amount_cents, residual_cents, status, closed_on) VALUES (?, 'invoice', '2013/0042', '2013-10-01', '2013-12-31', '', 250000, 0, 'closed', '2014-03-15')",
  ).run(lastInsertRowid);
  ctx.close();
}

describe('safety in the browser', () => {
  const sessions: Session[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });

  it('backs up from Settings, browses the audit trail and the data-protection tools', async () => {
    const s = await openApp({ demo: false, prepare: demoWithOldCustomer });
    sessions.push(s);
    const shell = new Shell(s.page);
    const page = s.page;
    await shell.heading('Attività di oggi').waitFor();
    await shell.go('Impostazioni', 'Impostazioni');

    const backups = page.getByRole('region', { name: 'Backup', exact: true });
    await backups.getByRole('button', { name: 'Esegui backup ora' }).click();
    const list = backups.getByRole('table', { name: 'Backup disponibili' });
    await list.getByText('Manuale').waitFor();
    await backups.scrollIntoViewIfNeeded();
    await shell.screenshot('safety-1-backups');
    await list
      .getByRole('button', { name: /^Verifica il backup del/ })
      .first()
      .click();
    await page.getByText('Backup integro').waitFor();

    await page.getByRole('link', { name: 'Registro attività' }).click();
    await shell.heading('Registro attività').waitFor();
    const trail = page.getByRole('table', { name: 'Registro attività' });
    await trail.getByText('backups.create').waitFor();
    await page.getByRole('combobox', { name: 'Azione' }).click();
    await page.getByRole('option', { name: 'backups.create' }).click();
    await trail
      .getByRole('button', { name: /Dettagli dell'attività/ })
      .first()
      .click();
    await trail.getByText(/"folder":/).waitFor();
    expect(await page.getByText(/^1 attività$/).count()).toBe(1);
    await shell.screenshot('safety-2-audit');

    await page.getByRole('link', { name: 'Impostazioni' }).first().click();
    await page.getByRole('link', { name: 'Protezione dei dati' }).click();
    await shell.heading('Protezione dei dati').waitFor();
    const due = page.getByRole('table', { name: 'Clienti da anonimizzare' });
    await due.getByText('Vecchi Ricambi S.n.c.').waitFor();
    await shell.screenshot('safety-3-privacy');
    await page.getByRole('button', { name: 'Anonimizza 1 cliente' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anonimizzare i clienti selezionati?' });
    await dialog.getByRole('button', { name: 'Anonimizza' }).click();
    await page.getByText('Nessun cliente da anonimizzare oggi.').waitFor();
    expect(s.pageErrors).toEqual([]);
  }, 180_000);

  it('a damaged ledger opens on the recovery screen, which restores the latest sound backup', async () => {
    const s = await openApp({
      demo: false,
      // The damaged ledger's recovery screen comes before anyone can sign in.
      firstRun: false,
      prepare: async (dbPath) => {
        const ctx = await createBackend({ dbPath, mode: 'cli', today: '2026-11-23' });
        await inTransaction(ctx.db, async () => await fillDemoCompany(ctx.db, '2026-11-23'));
        await createBackup(ctx, { kind: 'daily' });
        ctx.close();
        corruptMiddle(dbPath, 8);
      },
    });
    sessions.push(s);
    const shell = new Shell(s.page);
    const page = s.page;
    await page.getByText("L'archivio è danneggiato").waitFor();
    await page.getByRole('button', { name: 'Ripristina questo backup' }).waitFor();
    await shell.screenshot('safety-4-damaged');
    await page.getByRole('button', { name: 'Ripristina questo backup' }).click();
    await page.getByText('Archivio ripristinato').waitFor({ timeout: 60_000 });
    await shell.screenshot('safety-5-restored');
    await page.getByRole('button', { name: 'Apri Incasso' }).click();
    // The restored ledger's admin has no password yet: the first-run screen, then the app.
    await firstRun(page);
    await shell.heading('Attività di oggi').waitFor();
    await shell.go('Clienti', 'Clienti');
    expect(s.pageErrors).toEqual([]);
  }, 180_000);
});
