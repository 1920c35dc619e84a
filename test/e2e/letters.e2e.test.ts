/**
 * End to end: the Letters page as the credit office lives it. Weeks of history are built through
 * the backend (the sample aged receivables imported on 2 November, each Monday's e-mail, phone and
 * letter tasks worked), so on Monday 30 November the second reminders by letter fall due. The
 * letterhead (with a valid IBAN) is set through the API; browser mode opens the Letters page: the
 * tasks grouped by template, the preview, the print batch with its progress, the merged PDF
 * (its pages checked with pdfinfo), "Conferma stampa" and the tasks done. Then a real SMTP server
 * on loopback is configured through Settings and one e-mail task is sent: accepted, Message-ID.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { dispatchOk as call, importFirstSample, workedOutcome } from '../helpers/history.ts';
import { type Inbox, passwordOnly, startInbox } from '../helpers/smtp.ts';
import { openApp, type Session, Shell, text, until } from './pages.ts';

const TODAY = '2026-11-30';
/** Four Mondays of work: every task of each run done, so the next steps of the cases fall due. */
async function history(dbPath: string): Promise<void> {
  for (const [i, day] of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', TODAY].entries()) {
    const ctx = await createBackend({ dbPath, mode: 'cli', today: day });
    try {
      if (i === 0) {
        await importFirstSample(ctx);
        await call(ctx, 'settings.set', {
          values: {
            'company.name': 'Ferramenta Adriatica S.r.l.',
            'company.address': 'Via del Porto 18\n60121 Ancona (AN)',
            'company.vat': 'IT02345678901',
            'company.iban': 'IT60 X054 2811 1010 0000 0123 456',
            'company.bic': 'BPMOIT22XXX',
            'company.contact': 'Giulia Ferri, Ufficio Crediti',
            'company.signer': 'Marco Bianchi, Amministratore',
            'company.place': 'Ancona',
          },
        });
      } else {
        await call(ctx, 'dunning.run', { dryRun: false });
      }
      if (day === TODAY) break;
      const { rows } = await call(ctx, 'worklist.list', { all: true, limit: 100_000 });
      for (const task of rows) {
        await call(ctx, 'tasks.complete', { id: task.id, outcome: workedOutcome(task.type) });
      }
    } finally {
      closeLedger(ctx.db);
    }
  }
}

describe('Letters: print the day’s letters, confirm, send an e-mail', () => {
  let s: Session;
  let shell: Shell;
  let inbox: Inbox;
  const table = () => s.page.getByRole('table', { name: 'Lettere, e-mail e PEC di oggi' });

  beforeAll(async () => {
    inbox = await startInbox({}, () => ({ onAuth: passwordOnly('posta-segreta') }));
    s = await openApp({ demo: false, today: TODAY, prepare: history });
    shell = new Shell(s.page);
  }, 240_000);

  afterAll(async () => {
    await s?.close();
    await inbox?.close();
  });

  it('lists today’s letters, e-mails and PEC grouped by template, with the preview', async () => {
    await shell.heading('Attività di oggi').waitFor();
    await shell.go('Lettere', 'Lettere');
    await table().waitFor();
    const groups = await table()
      .getByTestId(/^group-/)
      .allTextContents();
    expect(groups.length).toBeGreaterThan(0);
    const tasks = await call(s.server.ctx, 'letters.tasks', {});
    expect(tasks.rows.some((r) => r.type === 'letter')).toBe(true);
    expect(tasks.rows.some((r) => r.type === 'email')).toBe(true);
    // No mail server yet: said plainly.
    await s.page.getByTestId('mail-missing').waitFor();
    // The preview of the first row: its figures.
    await s.page.getByTestId('preview-to-pay').waitFor({ timeout: 30_000 });
    await shell.screenshot('letters-1-page');
  });

  it('prints the letters: progress, merged PDF, "Conferma stampa", tasks done', async () => {
    const before = await call(s.server.ctx, 'letters.tasks', {});
    const letterIds = before.rows.filter((r) => r.type === 'letter').map((r) => r.taskId);
    // Select every letter task (their template groups; e-mails in them are not printed).
    for (const g of new Set(before.rows.filter((r) => r.type === 'letter').map((r) => r.template))) {
      await table().getByTestId(`group-${g}`).getByRole('checkbox').check({ force: true });
    }
    const print = s.page.getByRole('button', { name: `Stampa (${letterIds.length})` });
    await print.click();
    await s.page.getByRole('status', { name: 'Stampa delle lettere in corso' }).waitFor();
    await shell.screenshot('letters-2-printing');
    const panel = s.page.getByRole('region', { name: /^Lotto di stampa n\. \d+$/ });
    await panel.waitFor({ timeout: 120_000 });
    const batchId = Number((await panel.getAttribute('aria-label'))?.replace(/\D+/g, ''));
    expect(await text(panel.getByTestId('batch-summary'))).toMatch(
      new RegExp(`^${letterIds.length} lettere, \\d+ pagine`),
    );
    await shell.screenshot('letters-3-printed');

    // The merged PDF: one file, every letter on its own pages.
    const file = await call(s.server.ctx, 'letters.file', { batchId });
    const merged = path.join(s.dir, 'merged.pdf');
    fs.writeFileSync(merged, Buffer.from(file.pdfBase64, 'base64'));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [merged], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(letterIds.length);
    expect(fs.statSync(merged).size).toBeGreaterThan(20_000);

    // The download button hands over the same file.
    const download = s.page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Scarica il PDF unico' }).click();
    expect((await download).suggestedFilename()).toBe(file.fileName);

    await panel.getByRole('button', { name: 'Conferma stampa' }).click();
    await panel.getByText(new RegExp(`^${letterIds.length} attività complet`)).waitFor();
    const after = await call(s.server.ctx, 'letters.tasks', {});
    expect(after.rows.filter((r) => letterIds.includes(r.taskId))).toEqual([]);
    // The paper-letters tab stays open, now empty; e-mails and PEC wait on their own tabs.
    await until(
      () => table().locator('tr.letters-row').count(),
      (n) => n === after.rows.filter((r) => r.type === 'letter').length,
    );
    await shell.screenshot('letters-4-confirmed');
  }, 90_000);

  it('configures the SMTP server in Settings and sends one e-mail: accepted with its Message-ID', async () => {
    await shell.go('Impostazioni', 'Impostazioni');
    const mail = s.page.getByRole('form', { name: 'Caselle di posta' });
    await mail.getByRole('textbox', { name: 'Server' }).fill('127.0.0.1');
    await mail.getByRole('textbox', { name: 'Porta' }).fill(String(inbox.port));
    await mail.getByRole('textbox', { name: 'Utente' }).fill('incasso');
    await mail
      .getByRole('textbox', { name: 'Mittente' })
      .fill('Ufficio crediti <crediti@ferramenta-adriatica.it>');
    await mail.getByLabel('Nuova password').fill('posta-segreta');
    await mail.getByRole('button', { name: 'Salva la casella' }).click();
    await mail.getByText('Una password è memorizzata').waitFor();
    expect(await mail.getByLabel('Nuova password').inputValue()).toBe('');
    await mail.getByRole('button', { name: 'Verifica connessione' }).click();
    await mail.getByTestId('mail-verify').waitFor();
    await shell.screenshot('letters-5-settings', { fullPage: true });

    await shell.go('Lettere', 'Lettere');
    await table().waitFor();
    const { rows } = await call(s.server.ctx, 'letters.tasks', {});
    await s.page.getByRole('tab', { name: /^E-mail · / }).click();
    // The first e-mail on the tab's first page that has an address. The tab renders after the
    // click: wait until the rows shown are the e-mail tab's (the paper tab is empty by now).
    const emailIds = new Set(rows.filter((r) => r.type === 'email').map((r) => r.taskId));
    const shown = await until(
      () =>
        table()
          .locator('tr.letters-row')
          .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-task')))) as Promise<number[]>,
      (ids) => ids.length > 0 && ids.every((id) => emailIds.has(id)),
    );
    const email = shown
      .map((id) => rows.find((r) => r.taskId === id))
      .find((r) => r?.type === 'email' && r.recipient);
    expect(email).toBeDefined();
    if (!email) return;
    await table()
      .getByRole('checkbox', { name: `Seleziona ${email.customerName}`, exact: true })
      .check({ force: true });
    await s.page.getByRole('button', { name: 'Invia (1)' }).click();
    const results = s.page.getByRole('region', { name: "Esito dell'invio" });
    await results.waitFor({ timeout: 60_000 });
    expect(await text(results.getByTestId('send-summary'))).toBe(
      '1 accettate dal server, 0 non inviate, 0 saltate',
    );
    expect(await text(results)).toMatch(/Message-ID <[^>]+>/);
    expect(inbox.received).toHaveLength(1);
    const got = inbox.received[0];
    expect(got?.to && 'text' in got.to ? got.to.text : '').toContain(email.recipient ?? '');
    expect(got?.attachments.some((a) => a.contentType === 'application/pdf')).toBe(true);
    const left = await call(s.server.ctx, 'letters.tasks', {});
    expect(left.rows.some((r) => r.taskId === email.taskId)).toBe(false);
    await shell.screenshot('letters-6-sent');
    expect(s.pageErrors).toEqual([]);
  }, 90_000);
});
