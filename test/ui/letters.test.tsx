// @vitest-environment jsdom
import './setup.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactNode, useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LettersPage } from '../../renderer/src/pages/letters/LettersPage.tsx';
import type { MethodOutput } from '../../shared/api/contract.ts';
import type { LetterTask } from '../../shared/api/contracts/letters.ts';
import type { SettingsView } from '../../shared/api/contracts/settings.ts';
import { mailAccount, settingsView } from '../helpers/settings.ts';
import { type Handlers, mockClient, renderWithApp } from './render.tsx';

function task(
  p: Partial<LetterTask> & Pick<LetterTask, 'taskId' | 'customerName' | 'template' | 'type'>,
): LetterTask {
  return {
    step: p.template,
    customerCode: `C${p.taskId}`,
    language: 'it',
    recipient: p.type === 'letter' ? 'Via Roma 1' : `c${p.taskId}@example.it`,
    dueDate: '2026-11-23',
    overdueCents: 100_000 * p.taskId,
    assignee: null,
    letter: null,
    mail: null,
    ...p,
  };
}

const ROWS: LetterTask[] = [
  task({ taskId: 1, customerName: 'Alfa S.r.l.', template: 'reminder1', type: 'letter' }),
  task({ taskId: 2, customerName: 'Beta S.p.A.', template: 'reminder1', type: 'email' }),
  task({ taskId: 3, customerName: 'Gamma S.n.c.', template: 'reminder2', type: 'letter' }),
  task({ taskId: 4, customerName: 'Delta S.r.l.', template: 'formal_notice', type: 'pec' }),
  task({ taskId: 5, customerName: 'Epsilon S.r.l.', template: 'formal_notice', type: 'letter' }),
];

const SETTINGS: SettingsView = settingsView(
  {},
  { pec: mailAccount({ host: 'smtps.pec.example.it' }), mail: { attempts: 3, retryDelayMs: 0 } },
);

const PREVIEW: MethodOutput<'letters.preview'> = {
  pdfBase64: 'JVBERi0xLjQK',
  pages: 1,
  reference: 'S1-2026-0001',
  subject: 'Sollecito di pagamento',
  email: { subject: 'Sollecito', body: 'Gentile cliente' },
  amounts: {
    overdueCents: 100_000,
    notDueCents: 0,
    creditsCents: 0,
    netCents: 100_000,
    interestCents: 0,
    compensationCents: 0,
    feesCents: 0,
    toPayCents: 100_000,
  },
  epcPayload: null,
  issues: [],
  notices: [],
};

/** Opens the page at a URL (renderWithApp's router starts at "/"), as the worklist's link does. */
function At({ path, children }: { path: string; children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    navigate(path);
  }, [navigate, path]);
  return location.pathname === '/letters' ? children : null;
}

function setup(search: string, handlers: Handlers = {}) {
  const api = mockClient({
    'letters.tasks': () => ({ today: '2026-11-23', rows: ROWS, warnings: [], notices: [] }),
    'settings.get': () => SETTINGS,
    'letters.preview': () => PREVIEW,
    'jobs.cancel': () => ({ cancelled: true }),
    ...handlers,
  });
  renderWithApp(
    <At path={`/letters${search}`}>
      <LettersPage />
    </At>,
    api,
  );
  return api;
}

const table = () => screen.getByRole('table', { name: 'Lettere, e-mail e PEC di oggi' });
const box = (name: string) => within(table()).getByRole('checkbox', { name: `Seleziona ${name}` });

describe('Letters page', () => {
  it('shows paper letters first, a tab per channel with its count, grouped by template in the order of the ladder', async () => {
    setup('');
    await screen.findByText('Alfa S.r.l.');
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs.slice(0, 3)).toEqual(['Lettere cartacee · 3', 'PEC · 1', 'E-mail · 1']);
    expect(screen.getByRole('tab', { name: 'Lettere cartacee · 3' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const groups = within(table())
      .getAllByTestId(/^group-/)
      .map((g) => g.getAttribute('data-testid'));
    expect(groups).toEqual(['group-reminder1', 'group-reminder2', 'group-formal_notice']);
    expect(within(screen.getByTestId('group-formal_notice')).getByText('Messa in mora')).toBeTruthy();
    expect(within(screen.getByTestId('group-formal_notice')).getByText('1 attività')).toBeTruthy();
    // E-mails are on their own tab.
    expect(within(table()).queryByText('Beta S.p.A.')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'E-mail · 1' }));
    await within(table()).findByText('Beta S.p.A.');
    expect(within(table()).queryByText('Alfa S.r.l.')).toBeNull();
    // No SMTP server: said plainly, with the way to Settings.
    const missing = screen.getByTestId('mail-missing');
    expect(missing.textContent).toContain('Nessun server di posta (SMTP) configurato');
    expect(within(missing).getByRole('link', { name: 'Configura in Impostazioni' })).toBeTruthy();
  });

  it('preselects the tasks chosen in the worklist (?tasks=)', async () => {
    setup('?tasks=1,3,99');
    await screen.findByText('Alfa S.r.l.');
    await waitFor(() => expect((box('Alfa S.r.l.') as HTMLInputElement).checked).toBe(true));
    expect((box('Gamma S.n.c.') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Stampa (2)' })).toBeTruthy();
    // The first preselected task is previewed.
    await screen.findByText('Sollecito di pagamento');
  });

  it('prints with a progress bar; Cancel calls jobs.cancel with the job id', async () => {
    let release: (v: MethodOutput<'letters.batch'>) => void = () => {};
    const api = setup('?tasks=1,3', {
      'letters.batch': () =>
        new Promise<MethodOutput<'letters.batch'>>((resolve) => {
          release = resolve;
        }),
    });
    const user = userEvent.setup();
    await screen.findByText('Alfa S.r.l.');
    await user.click(screen.getByRole('button', { name: 'Stampa (2)' }));
    const batchCall = api.calls.find((c) => c.method === 'letters.batch');
    expect(batchCall?.input).toEqual({ taskIds: [1, 3] });
    const job = batchCall?.job ?? '';
    expect(job).not.toBe('');
    act(() => api.emit({ type: 'job', job, phase: 'letters', done: 1, total: 2 }));
    const bar = await screen.findByRole('status', { name: 'Stampa delle lettere in corso' });
    await waitFor(() => expect(within(bar).getByTestId('job-counts').textContent).toBe('Lettere: 1 di 2'));
    await user.click(within(bar).getByRole('button', { name: 'Interrompi' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'jobs.cancel')?.input).toEqual({ job }));
    act(() =>
      release({
        batchId: null,
        date: '2026-11-23',
        letters: 0,
        pages: 0,
        mergedPath: null,
        files: [],
        skipped: [],
      }),
    );
  });

  it('confirms a printed batch with the batch id: the tasks become done', async () => {
    const api = setup('?tasks=1,3,5', {
      'letters.batch': (input) => ({
        batchId: 7,
        date: '2026-11-23',
        letters: 3,
        pages: 4,
        mergedPath: '/data/letters/merged.pdf',
        files: (input.taskIds ?? []).map((taskId, i) => ({
          taskId,
          letterId: 100 + i,
          customerCode: `C${taskId}`,
          template: 'reminder1' as const,
          path: `/data/${taskId}.pdf`,
          sha256: 'x',
          pages: 1,
          totalCents: 1_000,
        })),
        skipped: [],
      }),
      'letters.confirm': (input) => ({ batchId: input.batchId, tasksDone: [1, 3, 5], letters: 3 }),
    });
    const user = userEvent.setup();
    await screen.findByText('Alfa S.r.l.');
    await user.click(screen.getByRole('button', { name: 'Stampa (3)' }));
    const panel = await screen.findByRole('region', { name: 'Lotto di stampa n. 7' });
    expect(within(panel).getByTestId('batch-summary').textContent).toContain('3 lettere, 4 pagine');
    await user.click(within(panel).getByRole('button', { name: 'Conferma stampa' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'letters.confirm')?.input).toEqual({
        batchId: 7,
        excludeTaskIds: [],
      }),
    );
    await within(panel).findByText('3 attività completate');
  });

  it('sends e-mail/PEC tasks and shows each result; a failure can be retried', async () => {
    const api = setup('?tasks=4', {
      'letters.send': (input) =>
        input.taskIds?.length === 1 && api.calls.filter((c) => c.method === 'letters.send').length > 1
          ? {
              today: '2026-11-23',
              sent: [
                {
                  taskId: 4,
                  customerCode: 'C4',
                  channel: 'pec',
                  to: 'c4@example.it',
                  messageId: '<m2@x>',
                  letterId: 2,
                  attempts: 1,
                },
              ],
              failed: [],
              skipped: [],
            }
          : {
              today: '2026-11-23',
              sent: [],
              failed: [
                {
                  taskId: 4,
                  customerCode: 'C4',
                  channel: 'pec',
                  to: 'c4@example.it',
                  attempts: 3,
                  error: '550 Mailbox unavailable',
                },
              ],
              skipped: [],
            },
    });
    const user = userEvent.setup();
    await screen.findByText('Delta S.r.l.');
    await user.click(screen.getByRole('button', { name: 'Invia (1)' }));
    const results = await screen.findByRole('region', { name: "Esito dell'invio" });
    expect(results.textContent).toContain('550 Mailbox unavailable (3 tentativi)');
    await user.click(within(results).getByRole('button', { name: "Riprova l'invio a Delta S.r.l." }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: "Esito dell'invio" }).textContent).toContain(
        'Message-ID <m2@x>',
      ),
    );
    const sends = api.calls.filter((c) => c.method === 'letters.send').map((c) => c.input);
    expect(sends).toEqual([{ taskIds: [4] }, { taskIds: [4] }]);
  });
});
