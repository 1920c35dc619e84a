// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RatesSettings } from '../../renderer/src/pages/settings/letters/RatesSettings.tsx';
import { RateStep } from '../../renderer/src/pages/setup/RateStep.tsx';
import type { MethodInput, MethodOutput } from '../../shared/api/contract.ts';
import type { RateRow } from '../../shared/api/contracts/letters.ts';
import { mockClient, renderWithApp } from './render.tsx';

const MANAGER = { id: 2, name: 'Marta', role: 'manager' as const, areas: [], active: true };
const H1: RateRow = {
  from: '2026-01-01',
  to: '2026-06-30',
  ecbPercent: 2.15,
  moratoryPercent: 10.15,
  source: 'G.U. n. 12 del 16/01/2026',
  origin: 'shipped',
};

/** A rate table missing 2026-H2 until `rates.add` fills it. */
function ratesBackend() {
  const rates: RateRow[] = [H1];
  return mockClient({
    'users.list': () => [MANAGER],
    'rates.list': () => ({
      today: '2026-11-23',
      rates: [...rates],
      missing: rates.some((r) => r.from === '2026-07-01') ? [] : ['2026-07-01'],
    }),
    'rates.add': (input: MethodInput<'rates.add'>): MethodOutput<'rates.add'> => {
      const row: RateRow = {
        from: input.from,
        to: '2026-12-31',
        ecbPercent: input.ecbPercent,
        moratoryPercent: input.ecbPercent + 8,
        source: input.source ?? '',
        origin: 'user',
      };
      rates.push(row);
      return { ...row, replaced: null };
    },
  });
}

describe('adding a half-year rate', () => {
  it('in Settings: picks the missing half-year, sends the ECB rate and source, shows the new moratory rate', async () => {
    const client = ratesBackend();
    const user = userEvent.setup();
    renderWithApp(<RatesSettings />, client);
    const form = await screen.findByRole('form', { name: 'Aggiungi semestre' });
    await user.click(within(form).getAllByLabelText('Dal')[0] as HTMLElement);
    await user.click(await screen.findByRole('option', { name: '01/07/2026' }));
    const ecb = within(form).getByRole('textbox', { name: 'Tasso BCE %' });
    await user.type(ecb, '2,4');
    await user.type(within(form).getByRole('textbox', { name: 'Fonte' }), 'G.U. n. 160');
    await user.click(within(form).getByRole('button', { name: 'Aggiungi semestre' }));
    await waitFor(() => expect(client.calls.filter((c) => c.method === 'rates.list')).toHaveLength(2));
    expect(client.calls.find((c) => c.method === 'rates.add')?.input).toEqual({
      from: '2026-07-01',
      ecbPercent: 2.4,
      source: 'G.U. n. 160',
    });
    // The table shows the new half-year with ECB + 8 points; the draft is cleared.
    const table = screen.getByRole('table');
    expect(within(table).getByText('10,40 %')).toBeTruthy();
    expect((ecb as HTMLInputElement).value).toBe('');
  });

  it('in the setup step: the moratory rate previews as typed, and saving fills the missing half-year', async () => {
    const client = ratesBackend();
    const user = userEvent.setup();
    const onSaved = vi.fn();
    renderWithApp(<RateStep onSaved={onSaved} />, client);
    const form = await screen.findByRole('form', { name: 'Aggiungi il tasso del 2° semestre 2026' });
    await user.type(within(form).getByRole('textbox', { name: 'Tasso BCE' }), '2,4');
    expect(within(form).getByText('Mora: 10,40 %')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Aggiungi il tasso' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(client.calls.find((c) => c.method === 'rates.add')?.input).toEqual({
      from: '2026-07-01',
      ecbPercent: 2.4,
    });
  });
});
