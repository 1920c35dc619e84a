/**
 * Settings › Notifications and the alerts on Reports in the real app (browser mode, Chromium):
 * the demo company's salespeople are listed for an address, the preview lists the recipients,
 * and the panels pass axe. Screenshots go to test/artifacts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, describeFindings } from './axe.ts';
import { ARTIFACTS, openApp, type Session, until } from './pages.ts';

let s: Session;
beforeAll(async () => {
  s = await openApp({ demo: true });
}, 120_000);
afterAll(async () => {
  await s?.close();
});

describe('notifications in the app', () => {
  it('lists the salespeople from the demo import and previews the digests', async () => {
    const { page } = s;
    await page.goto(`${new URL(page.url()).origin}/#/settings`);
    const section = page.getByRole('region', { name: 'Notifiche' });
    await section.getByRole('heading', { name: 'Agenti' }).waitFor();
    const emails = section.getByRole('textbox', { name: /^E-mail di / });
    await emails.first().waitFor();
    expect(await emails.count()).toBeGreaterThan(1);
    await section.getByRole('button', { name: "Mostra l'anteprima" }).click();
    const table = section.getByRole('table', { name: 'Anteprima' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(ARTIFACTS, 'notify-settings.png') });
    const serious = (await audit(page, 'settings with the notifications preview')).filter(
      (f) => f.impact === 'serious' || f.impact === 'critical',
    );
    expect(serious, describeFindings(serious)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 120_000);

  it('shows the open alerts on Reports, each with its reason, and acknowledges one', async () => {
    const { page } = s;
    await page.goto(`${new URL(page.url()).origin}/#/reports`);
    const panel = page.getByRole('region', { name: 'Avvisi' });
    await panel.waitFor();
    const buttons = panel.getByRole('button', { name: /^Presa visione: avviso di / });
    const none = panel.getByText('Nessun avviso da vedere.');
    // The list loads after the panel: count once it shows alerts or says there are none.
    await until(
      async () => (await buttons.count()) + (await none.count()),
      (n) => n > 0,
    );
    const before = await buttons.count();
    await panel.screenshot({ path: path.join(ARTIFACTS, 'notify-alerts.png') });
    const serious = (await audit(page, 'reports with the alerts')).filter(
      (f) => f.impact === 'serious' || f.impact === 'critical',
    );
    expect(serious, describeFindings(serious)).toEqual([]);
    if (before > 0) {
      await buttons.first().click();
      await page.getByText(/^Avviso di .* visto$/).waitFor();
      // The confirmation shows before the list reloads: wait for the acknowledged alert to leave it.
      await until(
        () => buttons.count(),
        (n) => n <= before - 1,
      );
      expect(await buttons.count()).toBe(before - 1);
    } else {
      await none.waitFor();
    }
    expect(s.pageErrors).toEqual([]);
  }, 120_000);
});
