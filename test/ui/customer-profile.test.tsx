// @vitest-environment jsdom
import './setup.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEventBase from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CustomerProfile } from '../../renderer/src/pages/customer/CustomerPage.tsx';
import type { MethodInput } from '../../shared/api/contract.ts';
import type { Profile } from '../../shared/api/contracts/customers.ts';
import { DEFAULT_POLICIES, type Policy } from '../../shared/domain/dunning/policy.ts';
import { mockClient, renderWithApp } from './render.tsx';

// jsdom has no FontFaceSet; Mantine's autosizing textarea listens to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

const PROFILE: Profile = {
  customer: {
    id: 7,
    code: 'C001',
    name: 'Bianchi Ferramenta S.r.l.',
    vat: '01234567890',
    taxCode: null,
    address: 'Via Roma 1, Milano',
    email: 'amministrazione@bianchi.it',
    pec: 'bianchi@pec.it',
    phone: '02 123456',
    phone2: null,
    area: 'Nord',
    salesperson: 'Marco Neri',
    paymentMethod: 'Ri.Ba. 60 gg',
    collectorId: 2,
    collector: 'Giulia',
    band: 'B',
    effectiveBand: 'B',
    policyOverride: null,
    policyOverrideReason: null,
    policy: 'Standard',
    policyOverrideMissing: false,
    creditLimitCents: 1_000_000,
    language: 'it',
    keyAccount: false,
    orderBlocked: true,
    orderBlockReason: 'Fido superato',
    orderBlockedOn: '2026-11-10',
    dunningContactName: 'Mario Bianchi',
    dunningContactEmail: null,
    notes: null,
  },
  items: [
    {
      id: 11,
      documentType: 'invoice',
      documentNumber: 'FT 1/2026',
      documentDate: '2026-08-01',
      dueDate: '2026-09-01',
      installment: null,
      amountCents: 123_456,
      residualCents: 123_456,
      disputed: false,
      daysLate: 83,
      planId: null,
    },
    {
      id: 12,
      documentType: 'invoice',
      documentNumber: 'FT 2/2026',
      documentDate: '2026-09-01',
      dueDate: '2026-10-01',
      installment: null,
      amountCents: 60_000,
      residualCents: 60_000,
      disputed: true,
      daysLate: 53,
      planId: null,
    },
    {
      id: 13,
      documentType: 'invoice',
      documentNumber: 'FT 3/2026',
      documentDate: '2026-11-01',
      dueDate: '2026-12-31',
      installment: null,
      amountCents: 40_000,
      residualCents: 40_000,
      disputed: false,
      daysLate: 0,
      planId: null,
    },
    {
      id: 14,
      documentType: 'credit_note',
      documentNumber: 'NC 5/2026',
      documentDate: '2026-10-15',
      dueDate: '2026-10-15',
      installment: null,
      amountCents: -10_000,
      residualCents: -10_000,
      disputed: false,
      daysLate: 39,
      planId: null,
    },
  ],
  figures: {
    overdueCents: 183_456,
    residualCents: 213_456,
    exposureCents: 223_456,
    creditsCents: -10_000,
    disputedCents: 60_000,
    avgDaysLate: 21.4,
    avgDaysToPay: 74,
    paymentsLast90Count: 2,
    paymentsLast90Cents: 150_000,
  },
  openCase: {
    id: 3,
    status: 'paused',
    policy: 'Fascia B',
    step: 'Secondo sollecito',
    openedOn: '2026-10-05',
    pausedReason: 'dispute',
    overdueCents: 183_456,
  },
  promises: [{ id: 1, date: '2026-10-20', amountCents: 20_000, status: 'broken' }],
  plans: [],
  disputes: [
    {
      id: 4,
      documents: ['FT 2/2026'],
      reason: 'quality',
      note: 'Merce danneggiata',
      status: 'open',
      openedOn: '2026-11-02',
      resolvedOn: null,
      outcome: null,
    },
  ],
  attachments: [],
  timeline: [
    {
      date: '2026-11-02',
      kind: 'dispute',
      title: 'dispute · quality · open',
      detail: 'FT 2/2026',
      amountCents: null,
    },
    {
      date: '2026-10-31',
      kind: 'payment',
      title: 'partial_payment FT 7/2026',
      detail: null,
      amountCents: 50_000,
    },
  ],
};

type Role = 'clerk' | 'accountant' | 'manager' | 'admin';

function client(role: Role = 'admin', profile: Profile = PROFILE) {
  return mockClient({
    'customers.get': () => profile,
    'users.list': () => [
      { id: 1, name: 'Anna', role, areas: [], active: true },
      { id: 2, name: 'Giulia', role: 'clerk', areas: ['Nord'], active: true },
    ],
    'customers.update': (input) => ({ code: input.code }),
    'policies.get': () => ({
      policies: [
        { ...DEFAULT_POLICIES.policies[0], name: 'Standard' } as Policy,
        { name: 'Nessun sollecito', bands: [], minOverdueCents: 0, minGapDays: 7, steps: [] },
      ],
    }),
    'ratings.get': () => ({
      customerCode: 'C001',
      score: 42,
      class: 'C',
      confidence: 'medium',
      factors: [
        { name: 'paymentDelay', value: 21.4, points: 2.9 },
        { name: 'overdueShare', value: 82.1, points: -16.4 },
      ],
      computedOn: '2026-11-23',
      customerName: 'Bianchi Ferramenta S.r.l.',
      base: 55,
      changedOn: '2026-11-16',
      stored: true,
      previous: { score: 51, class: 'C' },
      band: 'B',
      effectiveBand: 'B',
      history: [],
    }),
    'contacts.add': () => ({ id: 99, promiseIds: [1, 2], disputeIds: [] }),
    'plans.schedule': (input) => {
      const total = PROFILE.items
        .filter((i) => input.itemIds.includes(i.id))
        .reduce((s, i) => s + i.residualCents, 0);
      const base = Math.floor(total / input.installments);
      return {
        totalCents: total,
        interestCents: 0,
        installments: Array.from({ length: input.installments }, (_, k) => ({
          date: ['2026-12-23', '2027-01-23', '2027-02-23'][k] ?? '2027-03-23',
          amountCents: k === input.installments - 1 ? total - base * (input.installments - 1) : base,
        })),
      };
    },
  });
}

const userEvent = userEventBase.setup({ delay: null });
const euro = (s: string) => s.replace(/\u00a0/g, ' ');

async function renderProfile(api = client(), language: 'it' | 'en' = 'it') {
  renderWithApp(<CustomerProfile code="C001" />, api, language);
  await screen.findByRole('heading', { level: 1, name: 'Bianchi Ferramenta S.r.l.' });
  return api;
}

/** Puts text in a field the way a paste does (one input event). */
async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input);
  await userEvent.paste(text);
}

/** Types a date into a Mantine DateInput and leaves the field. */
async function typeDate(scope: HTMLElement, label: string, text: string) {
  const input = within(scope).getByRole('textbox', { name: label });
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
  await waitFor(() => expect((input as HTMLInputElement).value).toBe(text));
}

describe('Customer profile', () => {
  it('shows the header figures, the open case and the order block', async () => {
    await renderProfile();
    expect(screen.getByTestId('customer-code').textContent).toBe('C001');
    expect(screen.getByText('01234567890')).toBeTruthy();
    expect(screen.getByTestId('band').textContent).toBe('Fascia B');
    expect((await screen.findByTestId('rating')).textContent).toBe('Rating 42 · C');
    expect(screen.getByTestId('order-block').textContent).toBe('Ordini bloccati: Fido superato');
    expect(euro(screen.getByTestId('figure-overdue').textContent ?? '')).toContain('1.834,56 €');
    expect(euro(screen.getByTestId('figure-exposure').textContent ?? '')).toContain('2.234,56 €');
    expect(euro(screen.getByTestId('figure-exposure').textContent ?? '')).toContain('su 10.000,00 €');
    expect(euro(screen.getByTestId('figure-credits').textContent ?? '')).toContain('-100,00 €');
    expect(screen.getByTestId('figure-avg-days-late').textContent).toContain('21 gg');
    const caseLine = screen.getByTestId('case-line').textContent ?? '';
    expect(caseLine).toContain('Pratica n. 3');
    expect(caseLine).toContain('Sospesa per contestazione');
    expect(caseLine).toContain('Fase: Secondo sollecito');
    expect(screen.getByRole('toolbar', { name: 'Azioni sul cliente' })).toBeTruthy();
  });

  it('lists the invoices apart from the credit notes, and marks the disputed ones', async () => {
    await renderProfile();
    const invoices = screen.getByRole('table', { name: 'Fatture aperte' });
    const rows = within(invoices).getAllByRole('row');
    // Header, three invoices, total.
    expect(rows).toHaveLength(5);
    expect(invoices.textContent).not.toContain('NC 5/2026');
    const disputedRow = within(invoices).getByText('FT 2/2026').closest('tr') as HTMLElement;
    expect(within(disputedRow).getByText('Contestata')).toBeTruthy();
    const overdueRow = within(invoices).getByText('FT 1/2026').closest('tr') as HTMLElement;
    expect(overdueRow.textContent).toContain('Scaduta da 83 gg');
    expect(within(overdueRow).queryByText('Contestata')).toBeNull();
    expect(euro(screen.getByTestId('invoices-total').textContent ?? '')).toBe('2.234,56 €');

    const credits = screen.getByRole('table', { name: 'Note di credito da dedurre' });
    expect(credits.textContent).toContain('NC 5/2026');
    expect(euro(screen.getByTestId('credits-total').textContent ?? '')).toBe('-100,00 €');
  });

  it('logs a call with a promise of two dated amounts', async () => {
    const api = await renderProfile();
    await userEvent.click(screen.getByRole('button', { name: 'Registra contatto' }));
    const drawer = await screen.findByRole('dialog');
    await userEvent.click(within(drawer).getByRole('radio', { name: 'Promessa di pagamento' }));
    await typeDate(drawer, 'Data 1', '01/12/2026');
    await fill(within(drawer).getByRole('textbox', { name: 'Importo 1' }), '500');
    await userEvent.click(within(drawer).getByRole('button', { name: 'Aggiungi una data' }));
    await typeDate(drawer, 'Data 2', '15/12/2026');
    await fill(within(drawer).getByRole('textbox', { name: 'Importo 2' }), '750,50');
    expect(euro(within(drawer).getByTestId('promise-total').textContent ?? '')).toBe(
      'Totale promesso 1.250,50 €',
    );
    await fill(within(drawer).getByRole('textbox', { name: 'Nota' }), 'Paga in due volte');
    await userEvent.click(within(drawer).getByRole('button', { name: 'Registra' }));

    await waitFor(() => expect(api.calls.some((c) => c.method === 'contacts.add')).toBe(true));
    const call = api.calls.find((c) => c.method === 'contacts.add');
    expect(call?.input).toEqual({
      code: 'C001',
      channel: 'phone',
      direction: 'out',
      person: 'Mario Bianchi',
      outcome: 'promise',
      note: 'Paga in due volte',
      promise: [
        { date: '2026-12-01', cents: 50_000 },
        { date: '2026-12-15', cents: 75_050 },
      ],
    } satisfies MethodInput<'contacts.add'>);
  }, 60_000);

  it('does not send a promise without its date', async () => {
    const api = await renderProfile();
    await userEvent.click(screen.getByRole('button', { name: 'Registra contatto' }));
    const drawer = await screen.findByRole('dialog');
    await userEvent.click(within(drawer).getByRole('radio', { name: 'Promessa di pagamento' }));
    await userEvent.type(within(drawer).getByRole('textbox', { name: 'Importo 1' }), '500');
    await userEvent.click(within(drawer).getByRole('button', { name: 'Registra' }));
    expect(await within(drawer).findByText('Indica la data')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'contacts.add')).toBe(false);
  });

  it('builds a plan from the selected invoices and flags a schedule that does not add up', async () => {
    await renderProfile();
    const invoices = screen.getByRole('table', { name: 'Fatture aperte' });
    await userEvent.click(within(invoices).getByRole('checkbox', { name: 'Seleziona FT 1/2026' }));
    await userEvent.click(within(invoices).getByRole('checkbox', { name: 'Seleziona FT 3/2026' }));
    expect(euro(screen.getByTestId('selection-summary').textContent ?? '')).toBe(
      '2 fatture selezionate · 1.634,56 €',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Piano di rientro' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nuovo piano di rientro' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Calcola le rate' }));
    const schedule = await within(dialog).findByRole('table', { name: 'Rate proposte' });
    expect(within(schedule).getAllByRole('row')).toHaveLength(4);
    const check = within(dialog).getByTestId('plan-check');
    expect(check.textContent).toContain('Le rate coprono esattamente il dovuto.');
    const save = within(dialog).getByRole('button', { name: 'Salva il piano' });
    expect(save.hasAttribute('disabled')).toBe(false);

    const second = within(dialog).getByRole('textbox', { name: 'Importo rata 2' });
    await userEvent.clear(second);
    await userEvent.type(second, '500');
    await waitFor(() =>
      expect(euro(check.textContent ?? '')).toContain('Mancano 44,85 € per coprire il dovuto.'),
    );
    expect(check.getAttribute('data-ok')).toBeNull();
    expect(save.hasAttribute('disabled')).toBe(true);

    await userEvent.clear(second);
    await userEvent.type(second, '600');
    await waitFor(() =>
      expect(euro(check.textContent ?? '')).toContain('Le rate superano il dovuto di 55,15 €.'),
    );
    expect(save.hasAttribute('disabled')).toBe(true);
  }, 60_000);

  it('asks a manager the reason of a band change, and sends only what changed', async () => {
    const api = await renderProfile(client('manager'));
    await userEvent.click(screen.getByRole('tab', { name: 'Anagrafica' }));
    await userEvent.click(await screen.findByRole('combobox', { name: 'Fascia' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Fascia A' }));
    const reason = await screen.findByRole('textbox', { name: /Motivo del cambio di fascia/ });
    await userEvent.click(screen.getByRole('button', { name: 'Salva' }));
    expect(await screen.findByText('Spiega il motivo del cambio (almeno 3 caratteri)')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'customers.update')).toBe(false);

    await fill(reason, 'Paga sempre puntuale da un anno');
    const email = screen.getByRole('textbox', { name: /E-mail del referente/ });
    await userEvent.type(email, 'mario@');
    await userEvent.click(screen.getByRole('button', { name: 'Salva' }));
    // Not an e-mail address: the error is shown by the field and nothing is sent.
    expect(await screen.findByText('Indirizzo e-mail non valido')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'customers.update')).toBe(false);
    await userEvent.clear(email);
    await userEvent.click(screen.getByRole('button', { name: 'Salva' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'customers.update')).toBe(true));
    expect(api.calls.find((c) => c.method === 'customers.update')?.input).toEqual({
      code: 'C001',
      band: 'A',
      bandReason: 'Paga sempre puntuale da un anno',
    });
  }, 60_000);

  it('lets a manager put the customer on another policy, with a reason', async () => {
    const api = await renderProfile(client('manager'));
    await userEvent.click(screen.getByRole('tab', { name: 'Rating' }));
    const card = await screen.findByTestId('policy-override');
    expect(within(card).getByText('Vale la politica della fascia B: «Standard»')).toBeTruthy();
    await userEvent.click(within(card).getByRole('combobox', { name: 'Politica' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Nessun sollecito (nessun sollecito)' }));
    const save = within(card).getByRole('button', { name: 'Cambia politica' });
    // No reason yet: nothing can be sent.
    expect(save.hasAttribute('disabled')).toBe(true);
    await fill(within(card).getByRole('textbox', { name: 'Motivo della scelta' }), 'Accordo commerciale');
    await userEvent.click(save);
    await waitFor(() => expect(api.calls.some((c) => c.method === 'customers.update')).toBe(true));
    expect(api.calls.find((c) => c.method === 'customers.update')?.input).toEqual({
      code: 'C001',
      policyOverride: 'Nessun sollecito',
      policyOverrideReason: 'Accordo commerciale',
    });
  }, 60_000);

  it('warns that an overriding policy left the set and the band policy applies; a clerk cannot change it', async () => {
    const gone: Profile = {
      ...PROFILE,
      customer: {
        ...PROFILE.customer,
        policyOverride: 'Vecchia',
        policyOverrideReason: 'storico',
        policy: 'Standard',
        policyOverrideMissing: true,
      },
    };
    await renderProfile(client('clerk', gone));
    await userEvent.click(screen.getByRole('tab', { name: 'Rating' }));
    expect((await screen.findByTestId('policy-override-missing')).textContent).toBe(
      'La politica «Vecchia» impostata a mano non esiste più: vale quella della fascia, «Standard».',
    );
    expect(screen.getByText('Solo un responsabile può cambiare la politica.')).toBeTruthy();
    expect(within(screen.getByTestId('policy-override')).queryByRole('button')).toBeNull();
  });

  it('keeps the manager-only fields and the order block disabled for a clerk', async () => {
    await renderProfile(client('clerk'));
    const block = screen.getByRole('button', { name: 'Sblocca ordini' });
    expect(block.hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Registra contatto' }).hasAttribute('disabled')).toBe(false);
    await userEvent.click(screen.getByRole('tab', { name: 'Anagrafica' }));
    expect((await screen.findByRole('combobox', { name: 'Fascia' })).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Fido' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Referente solleciti' }).hasAttribute('disabled')).toBe(false);
    expect(screen.getByText('Fascia, fido, addetto e key account li imposta un responsabile.')).toBeTruthy();
  });

  it('speaks English with English amounts and dates', async () => {
    await renderProfile(client(), 'en');
    expect(screen.getByRole('tab', { name: /Open items/ })).toBeTruthy();
    expect(euro(screen.getByTestId('figure-overdue').textContent ?? '')).toContain('€1,834.56');
    const invoices = screen.getByRole('table', { name: 'Open invoices' });
    expect(invoices.textContent).toContain('01 Sept 2026');
    expect(invoices.textContent).toContain('83 d overdue');
    await userEvent.click(screen.getByRole('tab', { name: /Timeline/ }));
    const timeline = await screen.findByRole('table', { name: 'Customer timeline' });
    expect(timeline.textContent).toContain('Partial payment of FT 7/2026');
    expect(timeline.textContent).toContain('Dispute · Quality · Open');
  });
});
