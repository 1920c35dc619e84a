// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEventBase from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LegalTab } from '../../renderer/src/pages/customer/LegalTab.tsx';
import type { MethodInput } from '../../shared/api/contract.ts';
import type { DossierView } from '../../shared/api/contracts/legal.ts';
import { mockClient, renderWithApp } from './render.tsx';

const DOSSIER: DossierView = {
  id: 3,
  customerCode: 'C001',
  customerName: 'Bianchi Ferramenta S.r.l.',
  caseId: 9,
  caseStatus: 'legal',
  handler: 'lawyer',
  handlerName: 'Avv. Rossi',
  reference: 'R-17',
  phase: 'entrusted',
  phaseOn: '2026-11-01',
  openedOn: '2026-11-01',
  closedOn: null,
  note: null,
  probabilityPercent: null,
  furtherCostsCents: null,
  events: [
    {
      id: 1,
      date: '2026-11-01',
      kind: 'opened',
      phase: 'entrusted',
      description: 'Affidata al legale Avv. Rossi',
      interruptive: false,
      attachmentId: null,
      fileName: null,
      user: 'admin',
    },
  ],
  costs: [{ id: 1, date: '2026-11-02', kind: 'lawyer', amountCents: 50_000, note: null }],
  recoveries: [],
  items: [],
  evaluation: {
    phase: 'entrusted',
    claimCents: 100_000,
    costsCents: 50_000,
    recoveredCents: 0,
    furtherCostsCents: 120_000,
    probability: 0.4,
    expectedNetCents: -80_000,
    breakEvenProbability: 1.2,
    worthContinuing: false,
    prescriptionDate: '2036-09-01',
    reason: 'Non conviene proseguire: le spese previste superano il recupero atteso.',
    reasonCode: 'not_worth',
    residualCents: 100_000,
    interestCents: 0,
    compensationCents: 0,
    feesCents: 0,
    probabilitySource: 'default',
    ratingClass: 'D',
    warnings: [],
    notices: [],
  },
  prescription: {
    date: '2036-09-01',
    from: '2026-09-01',
    basis: 'due_date',
    warningOn: '2036-06-03',
    lastInterruptiveAct: null,
  },
};

const userEvent = userEventBase.setup({ delay: null });

describe('Legal tab', () => {
  it('shows the evaluation: verdict, reason and figures', async () => {
    const client = mockClient({ 'legal.find': () => DOSSIER });
    renderWithApp(<LegalTab code="C001" today="2026-11-23" />, client);
    const card = await screen.findByTestId('legal-evaluation');
    expect(within(card).getByTestId('legal-verdict').textContent).toBe('Non conviene proseguire');
    expect(within(card).getByTestId('legal-reason').textContent).toContain('le spese previste superano');
    expect(within(card).getByTestId('legal-claim').textContent).toMatch(/1\.000,00\s€/);
    expect(within(card).getByTestId('legal-costs').textContent).toMatch(/500,00\s€/);
    expect(within(card).getByTestId('legal-further').textContent).toMatch(/1\.200,00\s€/);
    expect(within(card).getByTestId('legal-net').textContent).toMatch(/-800,00\s€/);
    expect(within(card).getByTestId('legal-probability').textContent).toMatch(/40\s?%/);
    expect(within(card).getByTestId('legal-prescription').textContent).toBe('01/09/2036');
    expect(screen.getByRole('table', { name: 'Spese della pratica' }).textContent).toContain(
      'Onorario legale',
    );
  });

  it('adds a cost with the kind, amount and date typed', async () => {
    const sent: MethodInput<'legal.cost'>[] = [];
    const client = mockClient({
      'legal.find': () => DOSSIER,
      'legal.cost': (input) => {
        sent.push(input);
        return { id: 2, dossierId: 3 };
      },
    });
    renderWithApp(<LegalTab code="C001" today="2026-11-23" />, client);
    const form = await screen.findByRole('form', { name: 'Aggiungi una spesa' });
    await userEvent.click(within(form).getByRole('combobox', { name: 'Tipo di spesa' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Spese di giustizia' }));
    await userEvent.type(within(form).getByRole('textbox', { name: 'Importo' }), '250,50');
    await userEvent.click(within(form).getByRole('button', { name: 'Aggiungi spesa' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ code: 'C001', cents: 25_050, kind: 'court_fees', date: '2026-11-23' });
  });

  it('offers a manager to open a dossier when there is none (legal.find answers null: no 404)', async () => {
    const called: string[] = [];
    const client = mockClient({
      'legal.find': () => {
        called.push('legal.find');
        return null;
      },
      'legal.get': () => {
        called.push('legal.get');
        return DOSSIER;
      },
    });
    renderWithApp(<LegalTab code="C001" today="2026-11-23" />, client);
    const form = await screen.findByRole('form', { name: 'Apri una pratica legale' });
    expect(within(form).getByRole('button', { name: 'Apri pratica legale' })).toBeTruthy();
    expect(called).toEqual(['legal.find']);
  });
});
