/**
 * Page object of the customer profile for the end-to-end tests: driven by roles and accessible
 * names, the way a clerk uses it.
 */
import type { Locator, Page } from 'playwright-core';

/** The demo company's customer the profile tests work on (overdue items, in collection today). */
export const DEMO_CUSTOMER = { code: 'C00064', name: 'Arredamenti Costa S.n.c.' } as const;

export class CustomerProfilePage {
  constructor(readonly page: Page) {}

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  action(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Azioni sul cliente' }).getByRole('button', { name });
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  get invoices(): Locator {
    return this.page.getByRole('table', { name: 'Fatture aperte' });
  }

  invoiceRow(doc: string): Locator {
    return this.invoices.getByRole('row').filter({ has: this.page.getByText(doc, { exact: true }) });
  }

  async select(doc: string): Promise<void> {
    await this.invoices.getByRole('checkbox', { name: `Seleziona ${doc}` }).check();
  }

  get timeline(): Locator {
    return this.page.getByRole('table', { name: 'Cronologia del cliente' });
  }

  dialog(name?: string): Locator {
    return name ? this.page.getByRole('dialog', { name }) : this.page.getByRole('dialog');
  }

  /** Types a date in a `gg/mm/aaaa` field and leaves it. */
  async fillDate(scope: Locator, label: string, ddmmyyyy: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label, exact: true });
    await input.click();
    await input.fill(ddmmyyyy);
    await input.press('Tab');
  }

  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  notification(title: string): Locator {
    return this.page.locator('.mantine-Notification-root').filter({ hasText: title });
  }
}
