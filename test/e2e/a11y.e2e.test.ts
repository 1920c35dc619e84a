/**
 * End to end: axe-core (WCAG 2.0/2.1 A and AA plus best practices) over every page, every tab of a
 * customer profile and the main dialogs of the demo company, in Chromium — once in Italian with the
 * light theme and once in English with the dark theme, so every state is checked in both languages
 * and both themes. Any critical or serious violation fails the test; moderate and minor ones are
 * listed in test/artifacts/a11y-findings.txt and must stay at zero too.
 * The renderer must be built first (`npm test` does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, describeFindings, type Finding } from './axe.ts';
import { ARTIFACTS, openApp, type Session, SettingsPage } from './pages.ts';

/** A customer with overdue items and a case (its profile shows every tab, Legal included). */
const CODE = 'C00064';

type Lang = 'it' | 'en';

const L = {
  it: {
    settings: 'Impostazioni',
    dark: 'Scuro',
    light: 'Chiaro',
    complete: 'Completa',
    skip: 'Salta',
    shortcuts: 'Scorciatoie da tastiera',
  },
  en: {
    settings: 'Settings',
    dark: 'Dark',
    light: 'Light',
    complete: 'Complete',
    skip: 'Skip',
    shortcuts: 'Keyboard shortcuts',
  },
} as const;

const PAGES = [
  '/',
  '/customers',
  '/imports',
  '/letters',
  '/policies',
  '/reports',
  '/settings',
  '/bank',
  '/settings/audit',
  '/settings/privacy',
] as const;

/** A dialog is audited on its own: the page behind it was audited just before. */
const DIALOG = '[role="dialog"]';

/** Opens a route and waits until its page heading and its data have arrived. */
async function open(page: Page, route: string): Promise<void> {
  // The heading of the page left behind is marked: the wait is for the new page's own heading.
  await page.evaluate((r) => {
    for (const h of document.querySelectorAll('main h1')) h.setAttribute('data-left', '');
    window.location.hash = `#${r}`;
  }, route);
  await page.locator('main h1:not([data-left])').first().waitFor();
  await settle(page);
}

/** Waits longer than a second for the data, in the timings artifact (what makes the test slow). */
const slowWaits: string[] = [];

/** No skeleton or loader left, and the animations (modals, tabs) done. */
async function settle(page: Page): Promise<void> {
  const started = performance.now();
  await page
    .locator('.mantine-Skeleton-root, .mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  const waited = Math.round(performance.now() - started);
  if (waited > 1000) slowWaits.push(`waited ${waited} ms for loading at ${page.url().split('#')[1] ?? '/'}`);
  await page.waitForTimeout(150);
}

describe('Accessibility (axe-core, WCAG 2.1 AA, demo company)', () => {
  let s: Session;
  const findings: Finding[] = [];
  const audited: string[] = [];

  beforeAll(async () => {
    s = await openApp({ demo: true, today: '2026-11-23' });
  });

  afterAll(async () => {
    await s?.close();
  });

  const timings: string[] = [];
  async function check(state: string, within?: string): Promise<void> {
    const started = performance.now();
    findings.push(...(await audit(s.page, state, within)));
    audited.push(state);
    timings.push(`${state}: ${Math.round(performance.now() - started)} ms`);
  }

  async function appearance(lang: Lang, theme: 'light' | 'dark'): Promise<void> {
    await open(s.page, '/settings');
    const settings = new SettingsPage(s.page);
    await settings.language(lang === 'it' ? 'Italiano' : 'English');
    await s.page.getByRole('heading', { level: 1, name: L[lang].settings }).waitFor();
    await s.page
      .locator('[aria-labelledby="theme-label"]')
      .getByText(theme === 'dark' ? L[lang].dark : L[lang].light, { exact: true })
      .click();
    await expect.poll(() => s.page.locator('html').getAttribute('data-mantine-color-scheme')).toBe(theme);
  }

  async function pass(lang: Lang, theme: 'light' | 'dark'): Promise<void> {
    const tag = `${lang}/${theme}`;
    await appearance(lang, theme);
    const page = s.page;
    for (const route of PAGES) {
      await open(page, route);
      await check(`${tag} ${route}`);
      if (route === '/')
        await page.screenshot({ path: path.join(ARTIFACTS, `a11y-${lang}-${theme}-worklist.png`) });
    }

    // The worklist's dialogs: complete, skip, the shortcuts sheet and the command palette.
    await open(page, '/');
    await page.getByRole('button', { name: L[lang].complete, exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await settle(page);
    // The whole page once with a dialog open (landmarks), the other dialogs on their own.
    await check(`${tag} / complete dialog`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: L[lang].skip, exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await settle(page);
    await check(`${tag} / skip dialog`, DIALOG);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: L[lang].shortcuts }).click();
    await page.getByRole('dialog', { name: L[lang].shortcuts }).waitFor();
    await settle(page);
    await check(`${tag} / shortcuts dialog`, DIALOG);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('Costa');
    await page.getByRole('dialog').getByRole('button', { name: /Costa/ }).first().waitFor();
    await settle(page);
    await check(`${tag} / command palette`, DIALOG);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // Every tab of a customer profile.
    await open(page, `/customers/${CODE}`);
    const tabs = page.getByRole('tab');
    await tabs.first().waitFor();
    const n = await tabs.count();
    expect(n).toBeGreaterThanOrEqual(7);
    for (let i = 0; i < n; i++) {
      const tab = tabs.nth(i);
      const name = ((await tab.textContent()) ?? '').replace(/\d+$/, '').trim();
      await tab.click();
      // The pointer parked on the logo: no hover tooltip left over the page being audited.
      await page.mouse.move(10, 10);
      await settle(page);
      // The whole profile with its first tab; then each other tab's panel (the rest is unchanged).
      await check(`${tag} /customers/${CODE} ${name}`, i === 0 ? undefined : '[role="tabpanel"]');
    }
  }

  it('finds no critical or serious violation in Italian with the light theme', async () => {
    await pass('it', 'light');
  }, 240_000);

  it('finds no critical or serious violation in English with the dark theme', async () => {
    await pass('en', 'dark');
  }, 240_000);

  it('reports what axe found', () => {
    fs.writeFileSync(path.join(ARTIFACTS, 'a11y-findings.txt'), `${describeFindings(findings)}\n`);
    fs.writeFileSync(path.join(ARTIFACTS, 'a11y-findings.json'), JSON.stringify(findings, null, 1));
    fs.writeFileSync(path.join(ARTIFACTS, 'a11y-timings.txt'), `${[...timings, ...slowWaits].join('\n')}\n`);
    // 10 pages, 4 dialogs and at least 7 profile tabs, in each of the two passes.
    expect(audited.length).toBeGreaterThanOrEqual(2 * (PAGES.length + 4 + 7));
    const blocking = findings.filter((f) => f.impact === 'critical' || f.impact === 'serious');
    expect(describeFindings(blocking)).toBe('');
    expect(describeFindings(findings)).toBe('');
  });

  it('had no uncaught errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
