// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CustomersPage } from '../../renderer/src/pages/customers/CustomersPage.tsx';
import type { CustomerRow } from '../../shared/api/contract.ts';
import { mockClient, renderWithApp } from './render.tsx';

const ROWS: CustomerRow[] = [
  {
    id: 1,
    code: 'C001',
    name: 'Bianchi S.r.l.',
    vat: '01234567890',
    area: 'Nord',
    salesperson: 'Marco Neri',
    band: 'B',
    orderBlocked: false,
    items: 3,
    residualCents: 123456,
    overdueCents: 0,
    oldestDueDate: null,
  },
  {
    id: 2,
    code: 'C002',
    name: 'Azzurra S.p.A.',
    vat: '09876543210',
    area: 'Sud',
    salesperson: null,
    band: null,
    orderBlocked: true,
    items: 5,
    residualCents: 998877,
    overdueCents: 554433,
    oldestDueDate: '2026-09-30',
  },
  {
    id: 3,
    code: 'C003',
    name: 'Colombo Ferramenta',
    vat: null,
    area: null,
    salesperson: 'Anna Verdi',
    band: 'A',
    orderBlocked: false,
    items: 1,
    residualCents: 5000,
    overdueCents: 5000,
    oldestDueDate: '2026-11-01',
  },
];

function client() {
  return mockClient({
    'customers.list': (input) => {
      const term = input.search?.toLowerCase() ?? '';
      const rows = ROWS.filter(
        (r) => !term || r.name.toLowerCase().includes(term) || r.code.toLowerCase().includes(term),
      );
      const key = input.sort ?? 'name';
      const value = (r: CustomerRow): string | number =>
        key === 'overdue'
          ? r.overdueCents
          : key === 'residual'
            ? r.residualCents
            : key === 'code'
              ? r.code
              : key === 'oldestDue'
                ? (r.oldestDueDate ?? '9999')
                : r.name;
      rows.sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0));
      if (input.desc) rows.reverse();
      return { total: rows.length, asOf: '2026-11-23', rows };
    },
  });
}

const names = () =>
  within(screen.getByRole('table', { name: 'Elenco clienti' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[1]?.textContent ?? '');

describe('Customers page', () => {
  it('renders the customers from the API in a named table with formatted amounts', async () => {
    renderWithApp(<CustomersPage />, client());
    const table = await screen.findByRole('table', { name: 'Elenco clienti' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(names()).toEqual(['Azzurra S.p.A.Bloccato', 'Bianchi S.r.l.', 'Colombo Ferramenta']);
    expect(table.textContent).toContain('1.234,56\u00a0€');
    expect(table.textContent).toContain('5.544,33\u00a0€');
    expect(table.textContent).toContain('30/09/2026');
    expect(screen.getByTestId('customers-count').textContent).toBe('3 clienti');
    const nameHeader = within(table).getByRole('columnheader', { name: /Ragione sociale/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
  });

  it('sorts by a column when its header button is pressed, and reverses on a second press', async () => {
    const api = client();
    renderWithApp(<CustomersPage />, api);
    const table = await screen.findByRole('table', { name: 'Elenco clienti' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));

    await userEvent.click(within(table).getByRole('button', { name: 'Scaduto' }));
    await waitFor(() => expect(names()[0]).toBe('Azzurra S.p.A.Bloccato'));
    expect(names()).toEqual(['Azzurra S.p.A.Bloccato', 'Colombo Ferramenta', 'Bianchi S.r.l.']);
    expect(
      within(table)
        .getByRole('columnheader', { name: /^Scaduto$/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
    const last = api.calls.filter((c) => c.method === 'customers.list').at(-1);
    expect(last?.input).toMatchObject({ sort: 'overdue', desc: true });

    await userEvent.click(within(table).getByRole('button', { name: 'Scaduto' }));
    await waitFor(() => expect(names()[0]).toBe('Bianchi S.r.l.'));
    expect(
      within(table)
        .getByRole('columnheader', { name: /^Scaduto$/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
  });

  it('narrows the list with the search box', async () => {
    renderWithApp(<CustomersPage />, client());
    const table = await screen.findByRole('table', { name: 'Elenco clienti' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Cerca clienti' }), 'colombo');
    await waitFor(() => expect(names()).toEqual(['Colombo Ferramenta']));
    expect(screen.getByTestId('customers-count').textContent).toBe('1 cliente trovato');
  });

  it('on a narrow window the VAT column makes room for the names until the user chooses', async () => {
    window.localStorage.removeItem('incasso.customers.hiddenColumns');
    renderWithApp(<CustomersPage />, client());
    const table = await screen.findByRole('table', { name: 'Elenco clienti' });
    expect(window.innerWidth).toBeLessThan(1500);
    expect(within(table).queryByRole('columnheader', { name: 'Partita IVA' })).toBeNull();
  });

  it('lets the user choose the columns, and remembers the choice', async () => {
    // A wide window shows every column until the user chooses.
    window.localStorage.removeItem('incasso.customers.hiddenColumns');
    const narrow = window.innerWidth;
    window.innerWidth = 1920;
    renderWithApp(<CustomersPage />, client());
    const table = await screen.findByRole('table', { name: 'Elenco clienti' });
    window.innerWidth = narrow;
    expect(within(table).getByRole('columnheader', { name: 'Partita IVA' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Colonne' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Partita IVA' }));
    await waitFor(() =>
      expect(within(table).queryByRole('columnheader', { name: 'Partita IVA' })).toBeNull(),
    );
    expect(JSON.parse(window.localStorage.getItem('incasso.customers.hiddenColumns') ?? '[]')).toEqual([
      'vat',
    ]);
    // The name and the overdue amount cannot be hidden.
    expect(screen.getByRole('checkbox', { name: 'Ragione sociale' }).hasAttribute('disabled')).toBe(true);
  });
});
