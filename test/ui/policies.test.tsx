// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client.ts';
import { PoliciesPage } from '../../renderer/src/pages/policies/PoliciesPage.tsx';
import type { MethodInput, MethodOutput, User } from '../../shared/api/contract.ts';
import { DEFAULT_POLICIES } from '../../shared/domain/dunning/policy.ts';
import { type Handlers, mockClient, renderWithApp } from './render.tsx';

const COUNTS: MethodOutput<'policies.dryRun'>['counts'] = {
  today: '2026-11-23',
  casesOpened: 2,
  casesClosed: 0,
  casesPaused: 0,
  casesResumed: 0,
  tasksCreated: 3,
  tasksCancelled: 0,
  tasksHeld: 0,
  tasksReleased: 0,
  byType: {
    email: 2,
    letter: 0,
    pec: 0,
    phone: 1,
    review: 0,
    blockOrders: 0,
    legal: 0,
    agency: 0,
    address: 0,
  },
};

function setup(handlers: Handlers = {}, user?: User) {
  const saved: MethodInput<'policies.save'>[] = [];
  const api = mockClient({
    ...(user ? { 'users.list': () => [user] } : {}),
    'policies.get': () => structuredClone(DEFAULT_POLICIES),
    'policies.dryRun': () => ({ counts: COUNTS, tasks: [] }),
    'policies.save': (input) => {
      saved.push(input);
      return structuredClone(input) as MethodOutput<'policies.save'>;
    },
    ...handlers,
  });
  renderWithApp(<PoliciesPage />, api);
  return { api, saved };
}

const policy = (name: string) => screen.findByRole('region', { name });
/** The header's Save button (found by its text: role queries over the whole editor are slow in jsdom). */
const saveButton = () => {
  const button = screen.getByText('Salva').closest('button');
  if (!button) throw new Error('no Save button');
  return button;
};

describe('Policies page', { timeout: 60_000 }, () => {
  it('shows each policy as a timeline of steps, and the dry run beside them', async () => {
    setup();
    const standard = await policy('Standard');
    const steps = within(standard).getAllByRole('listitem');
    expect(steps.map((s) => s.getAttribute('aria-label'))).toEqual([
      'Passo 1: Sollecito cortese via e-mail',
      'Passo 2: Secondo sollecito per lettera',
      'Passo 3: Telefonata',
      'Passo 4: Messa in mora via PEC',
      'Passo 5: Affidamento al legale',
    ]);
    expect(
      (within(standard).getByRole('textbox', { name: 'Giorni dalla scadenza, passo 2' }) as HTMLInputElement)
        .value,
    ).toBe('+25 gg');
    expect(
      (within(standard).getByRole('textbox', { name: 'Scaduto minimo' }) as HTMLInputElement).value,
    ).toBe('50,00 €');
    expect(await screen.findByTestId('dryrun-headline')).toHaveProperty(
      'textContent',
      'Applicata oggi questa configurazione creerebbe 3 attività',
    );
  });

  it('edits a step offset in place and saves the set', async () => {
    const { saved } = setup();
    const standard = await policy('Standard');
    const save = saveButton();
    expect(save.hasAttribute('disabled')).toBe(true);
    const offset = within(standard).getByRole('textbox', { name: 'Giorni dalla scadenza, passo 1' });
    await userEvent.clear(offset);
    await userEvent.type(offset, '10');
    expect((offset as HTMLInputElement).value).toBe('+10 gg');
    // The simulation no longer reflects the policies on screen.
    expect(await screen.findByText('Le politiche sono cambiate: aggiorna la simulazione.')).toBeTruthy();
    await waitFor(() => expect(save.hasAttribute('disabled')).toBe(false));
    await userEvent.click(save);
    await waitFor(() => expect(saved).toHaveLength(1));
    const sent = saved[0];
    expect(sent?.policies.map((p) => p.name)).toEqual(['Standard', 'Clienti chiave', 'Rischio']);
    expect(sent?.policies[0]?.steps[0]).toEqual({
      name: 'Sollecito cortese via e-mail',
      offsetDays: 10,
      channel: 'email',
      template: 'reminder1',
    });
    // The rest of the set is sent as it was.
    expect(sent?.policies[1]).toEqual(DEFAULT_POLICIES.policies[1]);
    // Saved: nothing left to save.
    await waitFor(() => expect(save.hasAttribute('disabled')).toBe(true));
  });

  it('a step can count from the previous reminder or fall at month end; a policy can set a minimum per item', async () => {
    const { saved } = setup();
    const standard = await policy('Standard');
    const timing = within(standard).getByRole('combobox', { name: 'Da quando contano i giorni, passo 2' });
    await userEvent.selectOptions(timing, 'Dal sollecito precedente');
    // The days now count from the previous reminder, and the field says so.
    const days = within(standard).getByRole('textbox', { name: 'Giorni dal sollecito precedente, passo 2' });
    await userEvent.clear(days);
    await userEvent.type(days, '5');
    await userEvent.selectOptions(
      within(standard).getByRole('combobox', { name: 'Da quando contano i giorni, passo 4' }),
      'Dalla scadenza, a fine mese',
    );
    await userEvent.type(within(standard).getByRole('textbox', { name: 'Importo minimo per partita' }), '25');
    // Five days after the previous reminder is not "before" it: no ordering error.
    expect(within(standard).queryByText(/I passi vanno in ordine di giorni/)).toBeNull();
    const save = saveButton();
    await waitFor(() => expect(save.hasAttribute('disabled')).toBe(false));
    await userEvent.click(save);
    await waitFor(() => expect(saved).toHaveLength(1));
    const sent = saved[0]?.policies[0];
    expect(sent?.minItemCents).toBe(2500);
    expect(sent?.steps[1]).toMatchObject({ offsetDays: 5, timing: 'previous' });
    expect(sent?.steps[3]).toMatchObject({ offsetDays: 50, timing: 'monthEnd' });
    expect(sent?.steps[0]).not.toHaveProperty('timing');
  });

  it('shows a server validation error next to the field its path names', async () => {
    setup({
      'policies.save': () => {
        throw new ApiError({
          code: 'VALIDATION',
          message: 'policies.1.bands: band B is already in "Standard"',
          details: { issues: [{ path: 'policies.1.bands', message: 'band B is already in "Standard"' }] },
        });
      },
    });
    const key = await policy('Clienti chiave');
    await userEvent.clear(within(key).getByRole('textbox', { name: 'Giorni minimi tra due passi' }));
    await userEvent.type(within(key).getByRole('textbox', { name: 'Giorni minimi tra due passi' }), '12');
    await userEvent.click(saveButton());
    expect(await within(key).findByText('La fascia B è già nella politica «Standard»')).toBeTruthy();
    // Only next to that policy's bands.
    expect(within(await policy('Standard')).queryByText(/già nella politica/)).toBeNull();
  });

  it('checks the set in the page too: an e-mail step needs a template, steps go in order of days', async () => {
    const { saved } = setup();
    const standard = await policy('Standard');
    const offset = within(standard).getByRole('textbox', { name: 'Giorni dalla scadenza, passo 3' });
    await userEvent.clear(offset);
    await userEvent.type(offset, '20');
    expect(
      await within(standard).findByText(
        'I passi vanno in ordine di giorni: questo viene prima del precedente',
      ),
    ).toBeTruthy();
    await userEvent.click(saveButton());
    expect(saved).toHaveLength(0);
    // Changing the channel to e-mail asks for a template first.
    await userEvent.selectOptions(
      within(standard).getByRole('combobox', { name: 'Canale del passo 3' }),
      'email',
    );
    expect(
      (within(standard).getByRole('combobox', { name: 'Modello del passo 3' }) as HTMLSelectElement).value,
    ).toBe('reminder1');
  });

  it('reorders and adds steps', async () => {
    const { saved } = setup();
    const risk = await policy('Rischio');
    await userEvent.click(within(risk).getByRole('button', { name: 'Aggiungi un passo' }));
    const steps = within(risk).getAllByRole('listitem');
    expect(steps).toHaveLength(6);
    await userEvent.click(within(risk).getByRole('textbox', { name: 'Nome del passo 6' }));
    await userEvent.paste('Ultima telefonata');
    await userEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.policies[2]?.steps[5]).toEqual({
      name: 'Ultima telefonata',
      offsetDays: 65,
      channel: 'phone',
    });
  });

  it('a policy without steps reads "Nessun sollecito"; a step can carry a dunning fee', async () => {
    const { saved } = setup();
    const key = await policy('Clienti chiave');
    expect(within(key).queryByTestId('no-reminders')).toBeNull();
    for (let i = 0; i < 5; i++)
      await userEvent.click(within(key).getByRole('button', { name: 'Rimuovi il passo 1' }));
    expect(within(key).getByTestId('no-reminders').textContent).toBe('Nessun sollecito');
    const standard = await policy('Standard');
    await userEvent.click(within(standard).getByRole('textbox', { name: 'Spese di sollecito al passo 2' }));
    await userEvent.paste('6,5');
    await userEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.policies[1]?.steps).toEqual([]);
    expect(saved[0]?.policies[0]?.steps[1]).toMatchObject({ channel: 'letter', feeCents: 650 });
    expect(saved[0]?.policies[0]?.steps[0]).not.toHaveProperty('feeCents');
  });

  it('is read-only for a clerk', async () => {
    setup({}, { id: 1, name: 'Paolo', role: 'clerk', areas: [], active: true });
    const standard = await policy('Standard');
    expect(screen.queryByText('Salva')).toBeNull();
    expect(screen.queryByText('Importa JSON')).toBeNull();
    expect(screen.getByText(/Solo un responsabile può modificare/)).toBeTruthy();
    expect(within(standard).getByRole('textbox', { name: 'Nome del passo 1' }).hasAttribute('readonly')).toBe(
      true,
    );
    expect(within(standard).queryByRole('button', { name: 'Rimuovi il passo 1' })).toBeNull();
  });
});
