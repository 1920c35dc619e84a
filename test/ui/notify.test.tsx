// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AlertsPanel } from '../../renderer/src/pages/notify/AlertsPanel.tsx';
import { NotificationsSettings } from '../../renderer/src/pages/notify/NotificationsSettings.tsx';
import type { MethodOutput, User } from '../../shared/api/contract.ts';
import type { AlertView } from '../../shared/api/contracts/notify.ts';
import { NOTIFY_DEFAULTS } from '../../shared/domain/notify.ts';
import { ADMIN, mockClient, renderWithApp, signedInAs } from './render.tsx';

const MANAGER: User = { id: 2, name: 'Marta', role: 'manager', areas: [], active: true };
const CLERK: User = { id: 3, name: 'Carla', role: 'clerk', areas: [], active: true };

const CONFIG: MethodOutput<'notify.config.get'> = {
  ...NOTIFY_DEFAULTS,
  minOverdueCents: 0,
  time: '07:00',
  users: [{ userId: 3, name: 'Carla', role: 'clerk', email: '', language: 'it' }],
};

describe('Settings › Notifications', () => {
  it('edits a salesperson, the alerts and the time of day, and previews what would be sent', async () => {
    const user = userEvent.setup();
    const api = mockClient({
      'users.list': () => [ADMIN, MANAGER, CLERK],
      'session.status': signedInAs(MANAGER),
      'notify.config.get': () => CONFIG,
      'notify.config.set': () => ({ saved: true }),
      'salespeople.list': () => [
        { name: 'Rossi Mario', email: null, language: 'it', customers: 2 },
        { name: 'Bianchi Luca', email: 'luca@agenti.example.it', language: 'en', customers: 1 },
      ],
      'salespeople.set': (i) => ({
        name: i.name,
        email: i.email ?? null,
        language: i.language ?? 'it',
        customers: 2,
      }),
      'notify.send': () => ({ today: '2026-12-07', newAlerts: 0, sent: [], failed: [], skipped: [] }),
      'notify.messages': () => [
        {
          id: 1,
          date: '2026-12-06',
          kind: 'digest',
          to: 'Bianchi Luca',
          role: 'salesperson',
          email: 'luca@agenti.example.it',
          status: 'failed',
          attempts: 3,
          error: '550 mailbox unavailable',
          customers: 1,
        },
      ],
      'notify.preview': () => [
        {
          to: 'Rossi Mario',
          role: 'salesperson',
          email: 'mario@agenti.example.it',
          language: 'it',
          customers: [
            {
              code: 'K1',
              name: 'Alfa S.r.l.',
              overdueCents: 120_000,
              step: null,
              nextAction: null,
              asked: [],
            },
          ],
          alerts: [],
          nothingNew: false,
          subject: 'Test S.r.l.: i tuoi clienti – 07/12/2026',
          text: 'Buongiorno Rossi Mario,\n- K1 Alfa S.r.l.: 1.200,00 €',
        },
      ],
    });
    renderWithApp(<NotificationsSettings />, api);
    const section = await screen.findByRole('region', { name: 'Notifiche' });

    // A failed message says why (the next pass retries it).
    const sent = await within(section).findByRole('table', { name: 'Messaggi inviati' });
    expect(within(sent).getByText('550 mailbox unavailable')).toBeTruthy();

    // A salesperson from the imports gets an address.
    const email = await within(section).findByRole('textbox', { name: 'E-mail di Rossi Mario' });
    expect(within(section).getByText('2 clienti')).toBeTruthy();
    await user.click(email);
    await user.paste('mario@agenti.example.it');
    await user.click(within(section).getByRole('button', { name: 'Salva Rossi Mario' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'salespeople.set')?.input).toEqual({
        name: 'Rossi Mario',
        email: 'mario@agenti.example.it',
        language: 'it',
      }),
    );

    // Rating falls sent at once, from 08:15, and the collector's address.
    await user.click(within(section).getByRole('switch', { name: 'Rating in calo: invia subito' }));
    const time = within(section).getByRole('textbox', { name: 'Ora di invio' });
    await user.clear(time);
    await user.paste('08:15');
    await user.click(within(section).getByRole('textbox', { name: 'E-mail di Carla' }));
    await user.paste('carla@example.it');
    await user.click(within(section).getByRole('button', { name: 'Salva' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'notify.config.set')).toBe(true));
    const saved = api.calls.find((c) => c.method === 'notify.config.set')?.input as {
      time: string;
      alerts: typeof NOTIFY_DEFAULTS.alerts;
      users: { userId: number; email: string }[];
    };
    expect(saved.time).toBe('08:15');
    expect(saved.alerts.ratingDrop).toEqual({ enabled: true, urgent: true, threshold: 1 });
    expect(saved.users).toEqual([{ userId: 3, email: 'carla@example.it', language: 'it' }]);

    // The preview lists each recipient; opening one shows the e-mail's text.
    await user.click(within(section).getByRole('button', { name: "Mostra l'anteprima" }));
    const table = await within(section).findByRole('table', { name: 'Anteprima' });
    expect(within(table).getByText('Da inviare')).toBeTruthy();
    await user.click(within(table).getByRole('button', { name: 'Rossi Mario' }));
    expect(within(table).getByText(/Buongiorno Rossi Mario/)).toBeTruthy();

    // Send now: a job (progress and cancel), then the counts.
    await user.click(within(section).getByRole('button', { name: 'Invia ora' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'notify.preview')).toHaveLength(2));
    expect(api.calls.find((c) => c.method === 'notify.send')).toMatchObject({
      input: { now: true },
      job: expect.any(String),
    });
  }, 60_000);

  it('is not shown to a collector', async () => {
    const api = mockClient({ 'users.list': () => [ADMIN, CLERK], 'session.status': signedInAs(CLERK) });
    const { container } = renderWithApp(
      <div>
        <NotificationsSettings />
        <p>end</p>
      </div>,
      api,
    );
    await screen.findByText('end');
    expect(container.querySelector('section')).toBeNull();
  });
});

describe('Alerts panel', () => {
  it('lists each alert with its reason in words and acknowledges it', async () => {
    const user = userEvent.setup();
    const alert: AlertView = {
      id: 7,
      kind: 'overLimit',
      customerCode: 'K1',
      customerName: 'Alfa S.r.l.',
      date: '2026-12-07',
      reason: 'exposure above the credit limit',
      params: { exposureCents: 150_000, limitCents: 100_000 },
      urgent: true,
      sentAt: null,
      lastError: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    let open = [alert];
    const api = mockClient({
      'users.list': () => [ADMIN, MANAGER],
      'session.status': signedInAs(MANAGER),
      'notify.alerts.list': () => open,
      'notify.alerts.acknowledge': () => {
        open = [];
        return { ...alert, acknowledgedAt: '2026-12-07T12:00:00.000Z', acknowledgedBy: 'Marta' };
      },
    });
    renderWithApp(<AlertsPanel />, api);
    const panel = await screen.findByRole('region', { name: 'Avvisi' });
    await within(panel).findByText('Esposizione 1.500,00 € oltre il fido di 1.000,00 €');
    expect(within(panel).getByText('Fido superato')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Presa visione: avviso di K1' }));
    await within(panel).findByText('Nessun avviso da vedere.');
    expect(api.calls.find((c) => c.method === 'notify.alerts.acknowledge')?.input).toEqual({ id: 7 });
  });
});
