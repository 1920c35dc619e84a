// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BankPage } from '../../renderer/src/pages/bank/BankPage.tsx';
import type { BankEntryView, BankImportResult } from '../../shared/api/contracts/bank.ts';
import { BANK_A_STATEMENT } from '../helpers/bank.ts';
import { type Handlers, mockClient, renderWithApp } from './render.tsx';

function entry(p: Partial<BankEntryView> & Pick<BankEntryView, 'id' | 'status'>): BankEntryView {
  return {
    statementId: 1,
    account: 'IT60X0542811101000000123456',
    bookingDate: '2026-11-20',
    valueDate: '2026-11-19',
    amountCents: 150_000,
    direction: 'credit',
    isReturn: false,
    counterpartyName: 'VERDI SNC',
    counterpartyIban: null,
    remittance: 'acconto',
    reference: null,
    endToEndId: null,
    chargesCents: 0,
    customerCode: 'C004',
    customerName: 'Verdi & Figli S.n.c.',
    reason: 'the amount fits a set of the customer’s items',
    evidence: ['name', 'amount'],
    allocations: [{ itemId: 5, documentNumber: '201/2026', dueDate: '2026-10-31', amountCents: 150_000 }],
    creditCents: 0,
    ...p,
  };
}

const RESULT: BankImportResult = {
  ...BANK_A_STATEMENT,
  matched: 1,
  matchedCents: 122_000,
  suggested: 1,
  unmatched: 0,
  returned: 0,
  creditsKeptCents: 0,
  duplicates: 0,
  statement: 7,
  alreadyImported: false,
  dryRun: false,
};

/** What the ledger holds for the latest booking day (no import in this session). */
const DAY = {
  date: '2026-11-20',
  credits: 5,
  creditsCents: 412_000,
  matched: 3,
  matchedCents: 272_000,
  suggested: 1,
  suggestedCents: 90_000,
  unmatched: 1,
  unmatchedCents: 50_000,
  returned: 1,
  returnedCents: 30_000,
  debits: 2,
  debitsCents: 32_000,
};

function client(extra: Handlers = {}) {
  let suggested = [entry({ id: 11, status: 'suggested' })];
  return mockClient({
    'bank.list': (input) => (input.status === 'suggested' ? suggested : []),
    'bank.match': (input) => {
      suggested = [];
      return entry({ id: input.entryId, status: 'matched' });
    },
    'bank.import': () => RESULT,
    'bank.day': (input) => ({ ...DAY, date: input.date ?? DAY.date }),
    ...extra,
  });
}

describe('Bank page', () => {
  it('lists the suggestions with what they would pay, and confirms one with the keyboard', async () => {
    const api = client();
    renderWithApp(<BankPage />, api, 'en');
    const table = await screen.findByRole('table', { name: 'To confirm' });
    expect(await within(table).findByText(/201\/2026/)).toBeTruthy();
    expect(within(table).getByText('VERDI SNC')).toBeTruthy();
    const confirm = within(table).getByRole('button', { name: 'Confirm bank entry 11' });
    confirm.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'bank.match')).toBe(true));
    expect(api.calls.find((c) => c.method === 'bank.match')?.input).toEqual({ entryId: 11 });
    await waitFor(() => expect(screen.getByText('No entries here.')).toBeTruthy());
  });

  it('re-assigns a credit to the documents and customer typed', async () => {
    const api = client();
    renderWithApp(<BankPage />, api, 'en');
    const table = await screen.findByRole('table', { name: 'To confirm' });
    await userEvent.type(await within(table).findByLabelText('Documents'), '202/2026');
    await userEvent.click(within(table).getByRole('button', { name: 'Assign bank entry 11' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'bank.match')?.input).toEqual({
        entryId: 11,
        items: ['202/2026'],
        customerCode: 'C004',
      }),
    );
  });

  it('shows the day’s totals from the ledger before any import, and those of the day chosen', async () => {
    const api = client();
    renderWithApp(<BankPage />, api, 'it');
    const totals = await screen.findByRole('region', { name: /I movimenti del giorno · 20\/11\/2026/ });
    const stat = (label: string) =>
      (within(totals).getByText(label).nextElementSibling as HTMLElement).textContent;
    expect(stat('Accrediti')).toMatch(/^5 · 4\.120,00/);
    expect(stat('Abbinati')).toMatch(/^3 · 2\.720,00/);
    expect(stat('Da confermare')).toMatch(/^1 · 900,00/);
    expect(stat('Non abbinati')).toMatch(/^1 · 500,00/);
    expect(stat('Insoluti')).toMatch(/^1 · 300,00/);
    expect(api.calls.some((c) => c.method === 'bank.import')).toBe(false);
    const day = within(totals).getByRole('textbox', { name: 'Giorno contabile' });
    await userEvent.clear(day);
    await userEvent.type(day, '19/11/2026');
    await userEvent.tab();
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'bank.day').at(-1)?.input).toEqual({ date: '2026-11-19' }),
    );
    expect(await screen.findByRole('region', { name: /19\/11\/2026/ })).toBeTruthy();
  });

  it('says there is nothing yet when no statement was ever imported', async () => {
    const api = client({ 'bank.day': () => ({ ...DAY, date: null }) });
    renderWithApp(<BankPage />, api, 'en');
    expect(await screen.findByText(/No statement imported yet/)).toBeTruthy();
  });

  it('imports a statement with a job id and shows the day’s totals', async () => {
    const api = client();
    renderWithApp(<BankPage />, api, 'it');
    const input = await screen.findByLabelText("Scegli il file dell'estratto conto", { selector: 'input' });
    const file = new File(['<Document/>'], 'estratto.xml', { type: 'text/xml' });
    await userEvent.upload(input as HTMLInputElement, file);
    await waitFor(() => expect(api.calls.some((c) => c.method === 'bank.import')).toBe(true));
    const call = api.calls.find((c) => c.method === 'bank.import');
    expect(call?.job).toEqual(expect.any(String));
    expect(call?.input).toMatchObject({ fileName: 'estratto.xml', dryRun: false });
    const totals = await screen.findByLabelText("I totali dell'estratto conto");
    expect(within(totals).getByText(/Accrediti/)).toBeTruthy();
    expect(within(totals).getByText(/^2 · 2\.720,00/)).toBeTruthy();
  });

  it('on the demo company a statement first offers to start my ledger, as the Imports page does', async () => {
    let demo = true;
    const api = client({
      'demo.status': () => ({ demo, realLedgerPath: '/home/anna/incasso.db', importsAllowed: false }),
      'demo.startRealLedger': () => {
        demo = false;
        return { dbPath: '/home/anna/incasso.db', signedIn: true };
      },
    });
    renderWithApp(<BankPage />, api, 'en');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'demo.status')).toBe(true));
    const input = await screen.findByLabelText('Choose a statement file', { selector: 'input' });
    await userEvent.upload(input as HTMLInputElement, new File(['<Document/>'], 'estratto.xml'));
    const dialog = await screen.findByRole('dialog', { name: 'This is the demo company' });
    expect(within(dialog).getByText(/the bank statement estratto\.xml into the demo's ledger/)).toBeTruthy();
    expect(within(dialog).getByText('/home/anna/incasso.db')).toBeTruthy();
    // Nothing imported while the question is open.
    expect(api.calls.some((c) => c.method === 'bank.import')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start my ledger and import' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'bank.import')).toBe(true));
    const order = api.calls
      .map((c) => c.method)
      .filter((m) => m === 'demo.startRealLedger' || m === 'bank.import');
    expect(order).toEqual(['demo.startRealLedger', 'bank.import']);
    expect(api.calls.find((c) => c.method === 'bank.import')?.input).toMatchObject({
      fileName: 'estratto.xml',
    });
  });
});
