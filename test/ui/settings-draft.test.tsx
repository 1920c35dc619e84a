// @vitest-environment jsdom
/**
 * The settings forms keep what the user types: an answer from the server that arrives after the
 * first keystroke (a slow first load, a refetch after a ledger change) used to overwrite it.
 */
import './setup.ts';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CompanySettings } from '../../renderer/src/pages/settings/CompanySettings.tsx';
import { IbanStep } from '../../renderer/src/pages/setup/IbanStep.tsx';
import type { SettingsView } from '../../shared/api/contracts/settings.ts';
import { mailAccount, settingsView } from '../helpers/settings.ts';
import { mockClient, renderWithApp } from './render.tsx';

const SETTINGS: SettingsView = settingsView(
  {},
  { pec: mailAccount(), mail: { attempts: 3, retryDelayMs: 0 } },
);

const inputValue = (el: HTMLElement) => (el as HTMLInputElement).value;

describe('settings forms and late answers', () => {
  it('the company name typed before the settings arrive stays, and can be saved', async () => {
    let answer: (v: SettingsView) => void = () => {};
    const api = mockClient({
      'settings.get': () => new Promise((resolve) => (answer = resolve)),
      'settings.set': () => settingsView({ name: 'Nuova S.r.l.' }),
    });
    renderWithApp(<CompanySettings />, api);
    const box = await screen.findByRole('textbox', { name: 'Ragione sociale' });
    await userEvent.type(box, 'Nuova S.r.l.');
    await act(async () => answer(settingsView({ name: 'Vecchia S.r.l.' })));
    expect(inputValue(box)).toBe('Nuova S.r.l.');
    const save = screen.getByRole('button', { name: 'Salva' });
    await waitFor(() => expect(save.hasAttribute('disabled')).toBe(false));
    await userEvent.click(save);
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'settings.set')?.input).toEqual({
        values: { 'company.name': 'Nuova S.r.l.' },
      }),
    );
  });

  it('an IBAN being typed survives the refetch a ledger change causes; the saved value shows until then', async () => {
    let fetches = 0;
    const api = mockClient({
      'settings.get': () => {
        fetches += 1;
        return { ...SETTINGS, company: { ...SETTINGS.company, iban: 'IT60X0542811101000000123456' } };
      },
    });
    renderWithApp(<IbanStep onSaved={() => {}} />, api);
    const iban = await screen.findByRole('textbox', { name: /IBAN/ });
    await waitFor(() => expect(inputValue(iban)).toBe('IT60X0542811101000000123456'));
    await userEvent.clear(iban);
    await userEvent.type(iban, 'IT61');
    const before = fetches;
    act(() => api.emit({ type: 'ledger-changed', asOf: '2026-11-23' }));
    await waitFor(() => expect(fetches).toBeGreaterThan(before));
    // Let the answer reach the form (it is applied after the call returns).
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(inputValue(iban)).toBe('IT61');
  });
});
