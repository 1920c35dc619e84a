/**
 * End to end: the dunning engine as the credit office lives it. Three weeks of history are built
 * through the backend (the sample aged receivables imported on 2 November, the tasks of each
 * Monday worked, a few left open), then browser mode opens on Monday 23 November: the admin sees
 * today's worklist by priority (late tasks badged), reads why a task has its priority, runs the
 * policies again (nothing new: runs are idempotent), completes a phone call with a promise (the
 * case pauses), and a manager sees the team's progress and drills down to an area's tasks.
 * Then the Policies page: the timeline of steps and the dry run beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { dispatchOk as call, importFirstSample, workedOutcome } from '../helpers/history.ts';
import { ARTIFACTS, openApp, type Session, Shell, text, until } from './pages.ts';

const TODAY = '2026-11-23';
/**
 * Three Mondays of work before today: the import of 2 November (its run opens the cases), then
 * each Monday's run and its tasks done — all but one in nine, left open to be late today. The
 * admin worked alone at first; from 16 November two collectors share the areas.
 */
async function weeksOfHistory(dbPath: string): Promise<void> {
  for (const [i, day] of ['2026-11-02', '2026-11-09', '2026-11-16'].entries()) {
    const ctx = await createBackend({ dbPath, mode: 'cli', today: day });
    try {
      if (i === 0) {
        await importFirstSample(ctx);
      } else {
        if (day === '2026-11-16') {
          await call(ctx, 'users.add', {
            name: 'Giulia Bianchi',
            role: 'clerk',
            areas: ['Nord-Ovest', 'Nord-Est'],
          });
          await call(ctx, 'users.add', {
            name: 'Marco Esposito',
            role: 'clerk',
            areas: ['Centro', 'Sud', 'Isole'],
          });
        }
        await call(ctx, 'dunning.run', { dryRun: false });
      }
      const { rows } = await call(ctx, 'worklist.list', { all: true, limit: 100_000 });
      for (const [n, task] of rows.entries()) {
        if (n % 9 === 8) continue;
        await call(ctx, 'tasks.complete', { id: task.id, outcome: workedOutcome(task.type) });
      }
    } finally {
      closeLedger(ctx.db);
    }
  }
}

describe('Dunning: the daily worklist, a call with a promise, the manager’s progress', () => {
  let s: Session;
  let shell: Shell;

  const table = () => s.page.getByRole('table', { name: 'Elenco attività' });
  const rows = () => table().locator('tbody tr.wl-tr');
  const panel = () => s.page.getByRole('complementary', { name: "Dettaglio dell'attività" });

  beforeAll(async () => {
    s = await openApp({ demo: false, today: TODAY, prepare: weeksOfHistory });
    shell = new Shell(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens on the admin’s own tasks: the ones left open from earlier weeks, badged late', async () => {
    await shell.heading('Attività di oggi').waitFor();
    await until(
      () => rows().count(),
      (n) => n > 0,
    );
    expect(await text(s.page.getByTestId('worklist-count'))).toMatch(/^\d+ attività$/);
    await table()
      .getByText(/gg di ritardo/)
      .first()
      .waitFor();
    // The ledger's figures stay on top, as a strip.
    await s.page.getByRole('region', { name: 'Riepilogo del libro partite' }).waitFor();
    await shell.screenshot('dunning-1-my-worklist');
  });

  it('shows the team’s worklist, highest priority first, the current task in the side panel', async () => {
    await s.page.getByRole('switch', { name: 'Vista team' }).click({ force: true });
    await until(
      () => rows().count(),
      (n) => n > 10,
    );
    await table().getByRole('columnheader', { name: 'Assegnata a' }).waitFor();
    const priorities = (await rows().locator('.prio').allTextContents()).map(Number);
    expect(priorities.length).toBeGreaterThan(10);
    expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
    // The current row (it stays on the task chosen before) is the customer in the side panel.
    await s.page.keyboard.press('j');
    const current = await text(table().locator('tr[aria-current="true"] td').nth(2));
    await until(
      () => text(panel().getByTestId('panel-customer')),
      (name) => current.startsWith(name),
    );
    await panel().getByRole('region', { name: 'Contatti' }).waitFor();
    await shell.screenshot('dunning-2-team-worklist');

    // Late tasks first, then back to priority.
    await s.page.getByRole('button', { name: 'Prevista' }).click();
    await table()
      .getByText(/gg di ritardo/)
      .first()
      .waitFor();
    await shell.screenshot('dunning-3-late-first');
    await s.page.getByRole('button', { name: 'Priorità', exact: true }).click();
    await until(
      () => table().getByRole('columnheader', { name: 'Priorità' }).getAttribute('aria-sort'),
      (v) => v === 'descending',
    );
  });

  it('groups the tasks by collector', async () => {
    await s.page.getByRole('combobox', { name: 'Raggruppa' }).click();
    await s.page.getByRole('option', { name: 'Raggruppa per addetto' }).click();
    const groups = await until(
      () => table().locator('tr.wl-group').allTextContents(),
      (g) => g.length >= 2,
    );
    expect(groups.some((g) => g.startsWith('Giulia Bianchi'))).toBe(true);
    await shell.screenshot('dunning-4-grouped');
    await s.page.getByRole('combobox', { name: 'Raggruppa' }).click();
    await s.page.getByRole('option', { name: 'Nessun raggruppamento' }).click();
    await until(
      () => table().locator('tr.wl-group').count(),
      (n) => n === 0,
    );
  });

  it('explains a priority: the factors and their points, on hover', async () => {
    await rows().first().locator('.prio').hover();
    const tip = s.page.getByRole('table', { name: /^Priorità \d+$/ }).first();
    await tip.waitFor();
    expect(await text(tip)).toContain('Importo scaduto');
    await s.page.waitForTimeout(300);
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'dunning-5-priority.png') });
  });

  it('runs the policies again: nothing new today (runs are idempotent)', async () => {
    const before = await text(s.page.getByTestId('worklist-count'));
    await s.page.getByRole('button', { name: 'Esegui ora' }).click();
    const note = s.page
      .locator('.mantine-Notification-root')
      .filter({ hasText: 'Esecuzione del 23/11/2026' });
    await note.waitFor();
    expect(await text(note)).toContain('0 create');
    await shell.screenshot('dunning-6-run-now');
    expect(await text(s.page.getByTestId('worklist-count'))).toBe(before);
    await note.getByRole('button').last().click();
  });

  it('completes a phone call with a promise: the task leaves the list and the case pauses', async () => {
    await s.page.getByRole('combobox', { name: 'Tipo di attività' }).click();
    await s.page.getByRole('option', { name: /^Telefonata \(\d+\)$/ }).click();
    await until(
      () => rows().count(),
      (n) => n > 0,
    );
    const phoneCount = await rows().count();
    // Keyboard: j moves to the next call, k back, c completes.
    await shell.heading('Attività di oggi').click();
    // The current row survives the filter when it is a call, so start from wherever it is.
    const currentIndex = () =>
      rows().evaluateAll((trs) => trs.findIndex((tr) => tr.getAttribute('aria-current') === 'true'));
    const start = Math.max(0, await currentIndex());
    await s.page.keyboard.press('j');
    await until(currentIndex, (i) => i === Math.min(start + 1, phoneCount - 1));
    await s.page.keyboard.press('k');
    await until(currentIndex, (i) => i === start);
    const row = rows().nth(start);
    expect(await row.getAttribute('aria-current')).toBe('true');
    const taskId = Number(await row.getAttribute('data-task-id'));
    const customer = await text(panel().getByTestId('panel-customer'));
    await panel().getByRole('region', { name: 'Pratica' }).waitFor();
    await s.page.keyboard.press('c');

    const dialog = s.page.getByRole('dialog', { name: /^Completa: / });
    await dialog.waitFor();
    const outcomes = await dialog
      .getByRole('radio')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? ''));
    expect(outcomes).toEqual([
      'Cliente raggiunto',
      'Non raggiunto',
      'Promessa di pagamento',
      'Contestazione',
      'Da richiamare',
    ]);
    await s.page.keyboard.press('3');
    await dialog.getByRole('textbox', { name: 'Data promessa' }).waitFor();
    const amount = await dialog.getByRole('textbox', { name: 'Importo promesso' }).inputValue();
    expect(amount).toMatch(/^\d{1,3}(\.\d{3})*,\d{2} €$/);
    await dialog
      .getByRole('textbox', { name: 'Nota' })
      .fill('Bonifico promesso dal titolare entro fine mese');
    await shell.screenshot('dunning-7-complete-promise');
    await dialog.getByRole('button', { name: "Completa l'attività" }).click();
    await dialog.waitFor({ state: 'hidden' });
    const done = s.page
      .locator('.mantine-Notification-root')
      .filter({ hasText: `Attività completata: ${customer}` });
    await done.waitFor();
    expect(await text(done)).toMatch(
      /promessa di [\d.]+,\d{2} € entro il \d{2}\/\d{2}\/2026: pratica sospesa/,
    );
    await until(
      () => rows().count(),
      (n) => n === phoneCount - 1,
    );
    expect(await table().locator(`tr[data-task-id="${taskId}"]`).count()).toBe(0);

    // The case is paused by the promise.
    const cases = await call(s.server.ctx, 'cases.list', { status: 'open' });
    const paused = cases.find((c) => c.customerName === customer);
    expect(paused?.status).toBe('paused');
    expect(paused?.pausedReason).toBe('promise');
    await shell.screenshot('dunning-8-after-promise');

    // Enter opens the current task's customer.
    const next = await table().locator('tr[aria-current="true"] td').nth(2).locator('.num').textContent();
    await s.page.keyboard.press('Enter');
    await until(
      async () => s.page.url(),
      (url) => url.includes(`#/customers/${next ?? ''}`),
    );
    await s.page.goBack();
    await shell.heading('Attività di oggi').waitFor();
  });

  it('a task a colleague completes at another workstation leaves the list within seconds, without a reload', async () => {
    await until(
      () => rows().count(),
      (n) => n > 1,
    );
    // "N attività", or "N di M attività" when a filter is on: N (and M) drop by one.
    const counted = async () =>
      (await text(s.page.getByTestId('worklist-count'))).match(/\d+/g)?.map(Number) ?? [];
    const countBefore = await counted();
    const taskId = Number(await rows().nth(1).getAttribute('data-task-id'));
    // A page reload would lose this mark.
    await s.page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    // Giulia, signed in at her own workstation on the same office server, does that task.
    const db = s.server.ctx.db.$client;
    const giulia = db.prepare("SELECT id FROM users WHERE name = 'Giulia Bianchi'").get() as { id: number };
    const { type } = db.prepare('SELECT type FROM tasks WHERE id = ?').get(taskId) as { type: string };
    await call(s.server.ctx, 'tasks.complete', { id: taskId, outcome: workedOutcome(type) }, giulia.id);

    await until(
      () => table().locator(`tr[data-task-id="${taskId}"]`).count(),
      (n) => n === 0,
      5_000,
    );
    await until(
      counted,
      (now) => now.length === countBefore.length && now.every((n, i) => n === (countBefore[i] ?? 0) - 1),
      5_000,
    );
    expect(await s.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  });

  it('a manager sees the team’s progress and drills down to an area’s tasks', async () => {
    await call(s.server.ctx, 'users.add', {
      name: 'Laura Conti',
      role: 'manager',
      areas: [],
      password: 'laura-chiave-1',
    });
    await s.page.reload();
    await shell.heading('Attività di oggi').waitFor();
    await s.page.getByRole('combobox', { name: 'Utente corrente' }).click();
    await s.page.getByRole('option', { name: 'Laura Conti · Responsabile' }).click();
    // Switching user asks for her password (the session is the backend's).
    await s.page.getByLabel('Password di Laura Conti').fill('laura-chiave-1');
    await s.page.getByRole('button', { name: 'Cambia utente' }).click();
    await until(
      () => s.page.getByRole('combobox', { name: 'Utente corrente' }).inputValue(),
      (v) => v.startsWith('Laura Conti'),
    );
    // Her own list is empty (the collectors have the tasks): the page says what to do.
    await s.page.getByRole('heading', { name: 'Nessuna attività per oggi' }).waitFor();
    await shell.screenshot('dunning-9-manager-own-tasks');
    await s.page.getByRole('tab', { name: 'Andamento del team' }).click();
    const progress = s.page.getByRole('table', { name: 'Andamento del team' });
    await progress.waitFor();
    const names = await progress.locator('tbody tr td:first-child').allTextContents();
    expect(names.sort()).toEqual(['Giulia Bianchi', 'Marco Esposito', 'admin'].sort());
    expect(await text(progress.locator('tfoot'))).toMatch(/Totale/);
    await shell.screenshot('dunning-10-progress-by-collector');

    await s.page
      .getByRole('tabpanel', { name: 'Andamento del team' })
      .getByText('Zona', { exact: true })
      .click();
    await progress.getByRole('button', { name: 'Vedi le attività di Sud' }).waitFor();
    await shell.screenshot('dunning-11-progress-by-area');
    await progress.getByRole('button', { name: 'Vedi le attività di Sud' }).click();

    await until(
      () => rows().count(),
      (n) => n > 0,
    );
    expect(await s.page.getByRole('switch', { name: 'Vista team' }).isChecked()).toBe(true);
    await s.page.getByRole('button', { name: 'Rimuovi il filtro' }).waitFor();
    const groups = await table().locator('tr.wl-group').allTextContents();
    expect(groups.length).toBe(1);
    expect(groups[0]).toMatch(/^Sud/);
    await shell.screenshot('dunning-12-drill-area');
  });

  it('shows the policies as timelines, with today’s dry run beside them', async () => {
    await shell.go('Politiche', 'Politiche');
    const standard = s.page.getByRole('region', { name: 'Standard' });
    await standard.waitFor();
    await s.page.getByRole('region', { name: 'Rischio' }).waitFor();
    expect(await standard.getByRole('textbox', { name: 'Giorni dalla scadenza, passo 1' }).inputValue()).toBe(
      '+7 gg',
    );
    await until(
      () => text(s.page.getByTestId('dryrun-headline')),
      (t) => /^Applicata oggi questa configurazione creerebbe \d+ attività$/.test(t),
      30_000,
    );
    await shell.screenshot('dunning-13-policies');
    await shell.screenshot('dunning-13-policies-full', { fullPage: true });
  });

  it('exports the policies as JSON and imports them back, checked by the server first', async () => {
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Esporta JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('politiche-sollecito-2026-11-23.json');
    const exported = path.join(s.dir, 'politiche.json');
    await download.saveAs(exported);
    const set = JSON.parse(fs.readFileSync(exported, 'utf8')) as {
      policies: { name: string; bands: string[]; minGapDays: number }[];
    };
    expect(set.policies.map((p) => p.name)).toEqual(['Standard', 'Clienti chiave', 'Rischio']);

    // A file with a mistake opens in the editor, the problem next to its field; nothing is saved.
    const bad = structuredClone(set);
    bad.policies[1]?.bands.push('B');
    const badFile = path.join(s.dir, 'politiche-errate.json');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    await s.page.locator('input[type="file"]').setInputFiles(badFile);
    const key = s.page.getByRole('region', { name: 'Clienti chiave' });
    await key.getByText('La fascia B è già nella politica «Standard»').waitFor();
    await shell.screenshot('dunning-14-import-errors');
    await s.page.getByRole('button', { name: 'Annulla le modifiche' }).click();
    await key.getByText('La fascia B è già nella politica «Standard»').waitFor({ state: 'hidden' });

    // A good file: the dry run's count, one confirmation, saved.
    const good = structuredClone(set);
    if (good.policies[2]) good.policies[2].minGapDays = 6;
    const goodFile = path.join(s.dir, 'politiche-nuove.json');
    fs.writeFileSync(goodFile, JSON.stringify(good));
    await s.page.locator('input[type="file"]').setInputFiles(goodFile);
    const confirm = s.page.getByRole('dialog', { name: 'Sostituire le politiche con politiche-nuove.json?' });
    await confirm.waitFor();
    expect(await text(confirm)).toMatch(
      /3 politiche e 15 passi\. Applicata oggi questa configurazione creerebbe \d+ attività/,
    );
    await shell.screenshot('dunning-15-import-confirm');
    await confirm.getByRole('button', { name: 'Sostituisci e salva' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const stored = await until(
      () => call(s.server.ctx, 'policies.get', {}),
      (p) => p.policies[2]?.minGapDays === 6,
    );
    expect(stored.policies[2]?.name).toBe('Rischio');
    expect(
      await s.page
        .getByRole('region', { name: 'Rischio' })
        .getByRole('textbox', { name: 'Giorni minimi tra due passi' })
        .inputValue(),
    ).toBe('6');
  });

  it('had no uncaught errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
