/**
 * Small page objects for the end-to-end tests: the app is driven the way a user does it,
 * by roles and accessible names, never by CSS classes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web.ts';
import { TEST_SCRYPT } from '../helpers/backend.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
/**
 * The README's pictures: refreshed only when asked (`INCASSO_UPDATE_DOCS=1 npx vitest run test/e2e`),
 * so a test run never dirties the committed docs; otherwise they land with the other artifacts.
 */
export const DOCS = process.env.INCASSO_UPDATE_DOCS ? path.join(ROOT, 'docs') : path.join(ARTIFACTS, 'docs');
fs.mkdirSync(DOCS, { recursive: true });

export interface Session {
  server: WebServer;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page: a test ends by checking there were none. */
  pageErrors: string[];
  dir: string;
  close: () => Promise<void>;
}

/**
 * Browser mode on a temporary ledger, and Debian's Chromium pointed at it. `prepare` fills the
 * ledger file before the server opens it (e.g. weeks of history through the backend).
 */
export interface OpenOptions {
  demo: boolean;
  /** Go through the first-run screen (default: unless on the demo's own ledger). */
  firstRun?: boolean;
  today?: string;
  prepare?: (dbPath: string) => Promise<void>;
}

export async function openApp(opts: OpenOptions): Promise<Session> {
  if (!fs.existsSync(path.join(ROOT, 'renderer', 'dist', 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build:renderer` first (npm test does).');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-e2e-'));
  if (opts.prepare) await opts.prepare(path.join(dir, 'ledger.db'));
  const server = await startWebServer({
    dbPath: path.join(dir, 'ledger.db'),
    port: 0,
    demo: opts.demo,
    today: opts.today ?? '2026-11-23',
    // Passwords set and checked through the pages at the tests' scrypt cost (3 ms) rather than the
    // product's (2^17: about a second of CPU and 128 MB each); the default is checked in auth.test.
    auth: { scrypt: TEST_SCRYPT },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(server.url);
  // The demo's own ledger opens signed in; any other ledger starts with the first-run screen.
  if (opts.firstRun ?? !opts.demo) await firstRun(page);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    server,
    browser,
    page,
    pageErrors,
    dir,
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app a describe block's tests share: its session, and the shell over its page. */
export interface SuiteApp extends Session {
  readonly shell: Shell;
}

/**
 * Opens the app before the tests of the describe block this is called in (`openApp`) and closes it
 * after them. Read it inside the tests: its session exists once the app is open.
 */
export function appForSuite(opts: OpenOptions): SuiteApp {
  let session: Session | undefined;
  let shell: Shell | undefined;
  beforeAll(async () => {
    session = await openApp(opts);
    shell = new Shell(session.page);
  });
  afterAll(async () => {
    await session?.close();
  });
  const open = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('The app is not open yet: read it inside a test.');
    return v;
  };
  return {
    get server() {
      return open(session).server;
    },
    get browser() {
      return open(session).browser;
    },
    get page() {
      return open(session).page;
    },
    get pageErrors() {
      return open(session).pageErrors;
    },
    get dir() {
      return open(session).dir;
    },
    close: () => open(session).close(),
    get shell() {
      return open(shell);
    },
  };
}

export const E2E_ADMIN_PASSWORD = 'prova-e2e-2026';

/** The first-run screen: the administrator's password, as a new office would set it. */
export async function firstRun(page: Page): Promise<void> {
  await page.getByRole('heading', { name: "Primo avvio: la password dell'amministratore" }).waitFor();
  await page.getByLabel('Nuova password').fill(E2E_ADMIN_PASSWORD);
  await page.getByLabel('Ripeti la password').fill(E2E_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Salva e accedi' }).click();
  await page.getByRole('combobox', { name: 'Utente corrente' }).waitFor();
}

/** Waits until `fn` returns true (or throws after the timeout, with the last value seen). */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const end = performance.now() + timeout;
  let last: T = await fn();
  while (!ok(last)) {
    if (performance.now() > end) throw new Error(`Timed out; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await fn();
  }
  return last;
}

/**
 * Waits until the page has settled for a screenshot: no skeleton or loader left and the DOM unchanged
 * for `quietMs` (data rendered, chart animations done). Gives up after `timeout` (a screenshot is
 * taken anyway): it never fails a test, it only replaces fixed waits that were too long on a quiet
 * machine and too short on a loaded one. Returns how long it waited.
 */
export async function settled(page: Page, quietMs = 200, timeout = 5_000): Promise<number> {
  return page.evaluate(
    ({ quietMs, timeout }) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const busy = () => document.querySelector('.mantine-Skeleton-root, .mantine-Loader-root') !== null;
        let timer: ReturnType<typeof setTimeout>;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => (busy() ? arm() : done()), quietMs);
        };
        const observer = new MutationObserver(arm);
        const cap = setTimeout(() => done(), timeout);
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(cap);
          void document.fonts.ready.then(() => resolve(Math.round(performance.now() - started)));
        }
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        arm();
      }),
    { quietMs, timeout },
  );
}

/** A locator's text with whitespace collapsed. */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export class Shell {
  constructor(readonly page: Page) {}

  nav(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  async go(name: string, heading: string): Promise<void> {
    await this.nav(name).click();
    await this.heading(heading).waitFor();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The ledger's as-of date shown in the header. */
  async asOf(): Promise<string> {
    return text(this.page.getByTestId('ledger-as-of'));
  }

  /**
   * `settle` is how the page must settle after the mouse is parked (see `settled`): by default until
   * nothing changes for 150 ms, at most 400 ms; a page just opened may ask for longer.
   */
  async screenshot(
    name: string,
    opts: { file?: string; fullPage?: boolean; settle?: { quietMs: number; timeout: number } } = {},
  ): Promise<void> {
    // Park the mouse on the header (no hover effects), let notifications and scrolling settle: until
    // nothing changes for 150 ms, at most the 400 ms this used to wait every time.
    await this.page.mouse.move(720, 26);
    await settled(this.page, opts.settle?.quietMs ?? 150, opts.settle?.timeout ?? 400);
    await this.page.screenshot({
      path: opts.file ?? path.join(ARTIFACTS, `${name}.png`),
      fullPage: opts.fullPage ?? false,
    });
  }
}

export class CustomersPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: /Elenco clienti|Customer list/ });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: /Cerca clienti|Search customers/ });
  }

  /** Data rows currently rendered (the table is virtualized: only the visible ones). */
  get rows(): Locator {
    return this.table.locator('tbody tr:not([aria-hidden])');
  }

  async count(): Promise<string> {
    return text(this.page.getByTestId('customers-count'));
  }

  async names(): Promise<string[]> {
    return this.rows.locator('td:nth-child(2)').allTextContents();
  }

  async sortBy(column: string): Promise<void> {
    await this.table.getByRole('button', { name: column, exact: true }).click();
  }
}

export class SettingsPage {
  constructor(readonly page: Page) {}

  async language(label: 'Italiano' | 'English'): Promise<void> {
    // The language switch, not the letter templates' language picker further down the page.
    await this.page.locator('[aria-labelledby="language-label"]').getByText(label, { exact: true }).click();
  }
}

export class ImportsPage {
  constructor(readonly page: Page) {}

  async choose(file: string): Promise<void> {
    await this.page.locator('input[type="file"]').setInputFiles(file);
    await this.page.getByRole('button', { name: /^(Anteprima|Preview)$/ }).waitFor();
  }

  async setAsOf(ddmmyyyy: string): Promise<void> {
    const input = this.page.getByRole('textbox', { name: /^(Situazione al|As of)/ });
    await input.click();
    await input.fill(ddmmyyyy);
    await input.press('Escape');
    await this.page.getByRole('heading', { level: 1 }).click();
  }

  async preview(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Anteprima|Preview)$/ }).click();
    await this.page.getByTestId('count-items-new').waitFor({ timeout: 60_000 });
  }

  async counted(id: string): Promise<string> {
    return text(this.page.getByTestId(`count-${id}`));
  }

  async apply(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Applica l'importazione|Apply the import)$/ }).click();
  }

  history(): Locator {
    return this.page.getByRole('table', { name: /Storico delle importazioni|Import history/ });
  }

  async undoLatest(): Promise<void> {
    await this.history()
      .getByRole('button', { name: /^(Annulla importazione|Undo import)$/ })
      .click();
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Annulla l'importazione|Undo the import)$/ })
      .click();
  }
}
