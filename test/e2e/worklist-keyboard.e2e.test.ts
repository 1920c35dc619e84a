/**
 * End to end, keyboard only: a clerk's main loop on the demo company's worklist without the
 * mouse (no click, no mouse event: page.keyboard only). Skip link, one tab stop for the task
 * table and arrow keys in it, the side panel right after it, Enter on a button, completing a call
 * with a promise, the focus on the next task, opening the customer (its heading takes the focus),
 * the promise in its profile, and back to the worklist.
 * The renderer must be built first (`npm test` does it).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session, text, until } from './pages.ts';

interface Focused {
  tag: string;
  role: string | null;
  name: string;
  text: string;
  current: boolean;
  taskId: string | null;
  inPanel: boolean;
  inTable: boolean;
  inDialog: boolean;
  checked: boolean;
  phone: boolean;
  /** The row's place in the whole list (header row 1), and the list's size as the table tells it. */
  rowIndex: number;
  rowCount: number;
}

/** What has the focus now, read from the page (no mouse involved). */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const input = el instanceof HTMLInputElement ? el : null;
    const label = input?.labels?.[0]?.textContent ?? '';
    return {
      tag: el?.tagName ?? '',
      role: el?.getAttribute('role') ?? null,
      name: (el?.getAttribute('aria-label') ?? label).trim(),
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      current: el?.getAttribute('aria-current') === 'true',
      taskId: el?.getAttribute('data-task-id') ?? null,
      inPanel: !!el?.closest('aside'),
      inTable: !!el?.closest('.wl-table'),
      inDialog: !!el?.closest('[role="dialog"]'),
      checked: input?.checked ?? false,
      phone: !!el?.querySelector('.type-icon[data-type="phone"]'),
      rowIndex: Number(el?.getAttribute('aria-rowindex') ?? 0),
      rowCount: Number(el?.closest('table')?.getAttribute('aria-rowcount') ?? 0),
    };
  });
}

/** Presses `key` until `ok` holds for the focused element (at most `max` times); returns the presses. */
async function pressUntil(page: Page, key: string, ok: (f: Focused) => boolean, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (ok(await focused(page))) return i;
  }
  throw new Error(
    `${key} ×${max} never reached the wanted element; focus on ${JSON.stringify(await focused(page))}`,
  );
}

describe('The worklist from the keyboard alone (demo company)', () => {
  let s: Session;
  let mouseEvents = 0;
  let customer = '';
  let doneTaskId = '';
  let countBefore = '';

  beforeAll(async () => {
    s = await openApp({ demo: true, today: '2026-11-23' });
    // Counts every mouse or pointer event the page receives: the test must produce none.
    await s.page.evaluate(() => {
      const w = window as unknown as { mouseEvents: number };
      w.mouseEvents = 0;
      for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'mousemove', 'pointermove'])
        document.addEventListener(
          type,
          (e) => {
            // A click that a keyboard press synthesises (Enter/Space on a button) has detail 0.
            if (e.type === 'click' && (e as MouseEvent).detail === 0) return;
            w.mouseEvents++;
          },
          true,
        );
    });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens with the focus on the page heading, and a skip link leads back to it', async () => {
    const page = s.page;
    await page.getByRole('table', { name: 'Elenco attività' }).waitFor({ timeout: 60_000 });
    await until(
      () => focused(page),
      (f) => f.tag === 'H1' && f.text === 'Attività di oggi',
    );
    // Back through the sidebar and the header to the first stop: the skip link.
    await pressUntil(page, 'Shift+Tab', (f) => f.tag === 'A' && f.text === 'Vai al contenuto principale');
    await page.keyboard.press('Enter');
    const f = await focused(page);
    expect(f.tag).toBe('H1');
    expect(f.text).toBe('Attività di oggi');
  }, 90_000);

  it('reaches the task table in a few Tab presses: one stop, the current row', async () => {
    const page = s.page;
    const presses = await pressUntil(page, 'Tab', (f) => f.inTable, 20);
    // Run-now, the what's-missing links, the tabs, search, type, grouping, team switch: then the rows.
    expect(presses).toBeLessThanOrEqual(15);
    const row = await focused(page);
    expect(row.tag).toBe('TR');
    expect(row.current).toBe(true);
    // The next Tab leaves the table for the side panel (not 276 check boxes later).
    await page.keyboard.press('Tab');
    expect((await focused(page)).inPanel).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).taskId).toBe(row.taskId);
  }, 90_000);

  it('moves between tasks with the arrow keys, the panel following the focused row', async () => {
    const page = s.page;
    const first = await focused(page);
    await page.keyboard.press('ArrowDown');
    const second = await focused(page);
    expect(second.tag).toBe('TR');
    expect(second.taskId).not.toBe(first.taskId);
    expect(second.current).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).taskId).toBe(first.taskId);
    // Only the calls, with the type filter (a dropdown, from the keyboard): their outcomes include a promise.
    await pressUntil(page, 'Shift+Tab', (f) => f.name === 'Tipo di attività', 6);
    await page.keyboard.press('ArrowDown');
    const option = page.locator('[data-combobox-selected]');
    for (let i = 0; i < 12; i++) {
      if ((await option.count()) > 0 && (await text(option)).startsWith('Telefonata')) break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await text(option)).toMatch(/^Telefonata \(\d+\)$/);
    await page.keyboard.press('Enter');
    await pressUntil(page, 'Tab', (f) => f.inTable && f.tag === 'TR', 6);
    const call = await until(
      () => focused(page),
      (f) => f.phone,
    );
    doneTaskId = call.taskId ?? '';
    customer = await text(page.getByTestId('panel-customer'));
    expect(call.text).toContain(customer);
  }, 90_000);

  it('completes the call with a promise from the side panel, Enter on its button', async () => {
    const page = s.page;
    countBefore = await text(page.getByTestId('worklist-count'));
    await pressUntil(page, 'Tab', (f) => f.inPanel && f.tag === 'BUTTON' && f.text === 'Completa', 6);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    const promise = dialog.getByRole('radio', { name: /Promessa di pagamento/ });
    for (let i = 0; i < 8 && !(await promise.isChecked()); i++) await page.keyboard.press('ArrowDown');
    expect(await promise.isChecked()).toBe(true);
    await pressUntil(page, 'Tab', (f) => f.tag === 'INPUT' && /Data promessa/.test(f.name), 3);
    // The fields come filled in (a week ahead, the overdue amount): replaced by what the customer promised.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('15/12/2026');
    await page.keyboard.press('Enter');
    await pressUntil(page, 'Tab', (f) => /Importo promesso/.test(f.name), 4);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('500');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('.mantine-Notification-root')
      .filter({ hasText: `Attività completata: ${customer}` })
      .waitFor();
  }, 90_000);

  it('puts the focus on the task that took its place', async () => {
    const page = s.page;
    const next = await until(
      () => focused(page),
      (f) => f.tag === 'TR' && f.taskId !== null && f.taskId !== doneTaskId,
    );
    expect(next.current).toBe(true);
    expect(await page.locator(`tr[data-task-id="${doneTaskId}"]`).count()).toBe(0);
    expect(await text(page.getByTestId('worklist-count'))).not.toBe(countBefore);
  }, 90_000);

  it('opens the customer from the command palette: its heading has the focus, the promise is there', async () => {
    const page = s.page;
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type(customer);
    // Enter right after typing, as a fast typist does: the search answers the name in full
    // (debounced), and Enter waits for that answer rather than opening a namesake listed first
    // for the first words typed (several demo names share them).
    await page.keyboard.press('Enter');
    await until(
      () => focused(page),
      (f) => f.tag === 'H1' && f.text === customer,
    );
    // To the profile's tabs, then along them to the promises.
    await pressUntil(page, 'Tab', (f) => f.role === 'tab', 40);
    await pressUntil(page, 'ArrowRight', (f) => f.role === 'tab' && f.text.startsWith('Promesse e piani'), 8);
    const panel = page.getByRole('tabpanel');
    await until(
      () => text(panel),
      (t) => t.includes('500,00 €') && t.includes('15/12/2026'),
    );
  }, 90_000);

  it('comes back to the worklist (Alt+1) with the focus on its heading, and Enter on a row opens its customer', async () => {
    const page = s.page;
    await page.keyboard.press('Alt+1');
    await until(
      () => focused(page),
      (f) => f.tag === 'H1' && f.text === 'Attività di oggi',
    );
    await page.getByRole('table', { name: 'Elenco attività' }).waitFor();
    await pressUntil(page, 'Tab', (f) => f.inTable && f.tag === 'TR', 20);
    await page.keyboard.press('ArrowDown');
    const row = await focused(page);
    const name = await text(page.getByTestId('panel-customer'));
    expect(row.text).toContain(name);
    await page.keyboard.press('Enter');
    await until(
      () => focused(page),
      (f) => f.tag === 'H1' && f.text === name,
    );
    await page.keyboard.press('Alt+1');
    await until(
      () => focused(page),
      (f) => f.tag === 'H1' && f.text === 'Attività di oggi',
    );
  }, 90_000);

  it('End goes to the last task that arrived, the next page follows, and End again reaches the end of the list', async () => {
    const page = s.page;
    // Back from the customer (Alt+1), the list reloads: tab once its rows are there, not past it
    // (a notification still showing from the step before adds its close button to the way).
    await page.locator('.wl-table tr[data-task-id]').first().waitFor();
    await pressUntil(page, 'Tab', (f) => f.inTable && f.tag === 'TR', 20);
    const first = await focused(page);
    expect(first.rowIndex).toBe(2);
    // More tasks than one page (200): the table tells the whole size though 200 have arrived.
    expect(first.rowCount).toBeGreaterThan(201);
    await page.keyboard.press('End');
    const end1 = await until(
      () => focused(page),
      (f) => f.tag === 'TR' && f.rowIndex === 201,
    );
    expect(end1.current).toBe(true);
    // Near the end of what arrived, the next page is asked: End now goes further, until the last task.
    let last = end1;
    for (let i = 0; i < 60 && last.rowIndex < last.rowCount; i++) {
      await page.waitForTimeout(250);
      await page.keyboard.press('End');
      last = await focused(page);
      expect(last.tag).toBe('TR');
    }
    expect(last.rowIndex).toBe(last.rowCount);
    expect(await text(page.getByTestId('panel-customer'))).not.toBe('');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).rowIndex).toBe(last.rowIndex - 1);
    await page.keyboard.press('Home');
    await until(
      () => focused(page),
      (f) => f.rowIndex === 2 && f.taskId === first.taskId,
    );
  }, 120_000);

  it('used no mouse, and the page had no uncaught errors', async () => {
    mouseEvents = await s.page.evaluate(() => (window as unknown as { mouseEvents: number }).mouseEvents);
    expect(mouseEvents).toBe(0);
    expect(s.pageErrors).toEqual([]);
  });
});
