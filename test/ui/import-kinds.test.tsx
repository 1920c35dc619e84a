// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client.ts';
import { ImportsPage } from '../../renderer/src/pages/imports/ImportsPage.tsx';
import type { MethodOutput } from '../../shared/api/contract.ts';
import { type Handlers, mockClient, renderWithApp } from './render.tsx';

const installment = (dueDate: string, amountCents: number) => ({
  installment: null,
  dueDate,
  amountCents,
  paymentMethod: 'MP05',
});

const EINVOICES: MethodOutput<'eInvoices.preview'> = {
  file: 'fatture.zip',
  format: 'zip',
  files: 2,
  documents: { new: 1, unchanged: 0, changed: 1, skipped: 0 },
  items: { new: 1, changed: 1, closed: 0 },
  customers: { new: 1, updated: 0 },
  invoices: [
    {
      file: 'IT01234567890_A0001.xml',
      body: 1,
      type: 'TD01',
      number: 'FV/2026/101',
      date: '2026-09-15',
      customerCode: 'IT09876543210',
      customerName: 'Rossi & Figli S.p.A.',
      newCustomer: true,
      installments: [installment('2026-10-31', 122000)],
      status: 'new',
      previous: [],
      reason: null,
    },
    {
      file: 'IT01234567890_A0002.xml',
      body: 1,
      type: 'TD01',
      number: 'FV/2026/99',
      date: '2026-08-01',
      customerCode: 'C001',
      customerName: 'Bianchi S.r.l.',
      newCustomer: false,
      installments: [installment('2026-09-30', 50000)],
      status: 'changed',
      previous: [installment('2026-09-30', 60000)],
      reason: 'a second version',
    },
  ],
  needsConfirmation: true,
  warnings: [{ file: 'fatture/ricevuta_MT_001.xml', message: 'skipped: not a FatturaPA e-invoice' }],
  errors: [],
  alreadyImported: false,
};

const MASTER: MethodOutput<'masterData.preview'> = {
  file: 'Soggetti.csv',
  format: 'csv',
  sheet: null,
  headerRow: 1,
  mapping: [
    { field: 'code', header: 'Cod.' },
    { field: 'name', header: 'Denominazione' },
    { field: 'postalCode', header: 'Cap' },
  ],
  rows: { read: 1, imported: 1, skipped: 0 },
  customers: { new: 1, updated: 0, unchanged: 0 },
  changes: [
    {
      code: 'C001',
      name: 'Rossi & Figli S.p.A.',
      status: 'new',
      fields: [{ field: 'address', before: null, after: 'Corso Italia, 10\n10121 Torino (TO)' }],
    },
  ],
  warnings: [],
  errors: [],
  alreadyImported: false,
};

/** The Imports page over a backend that identifies the file chosen as `identified`. */
function setup(identified: MethodOutput<'imports.identify'>, handlers: Handlers) {
  const api = mockClient({ 'imports.list': () => [], 'imports.identify': () => identified, ...handlers });
  renderWithApp(<ImportsPage />, api);
  return api;
}

/** Chooses the file `name` and waits for its import panel. */
async function openImport(name: string): Promise<HTMLElement> {
  const input = await screen.findByLabelText('Scegli il file', { selector: 'input' });
  await userEvent.upload(input, new File([new Uint8Array([60, 63, 120])], name));
  return screen.findByRole('region', { name: `Importazione di ${name}` });
}

describe('Imports page: e-invoices and customer master data', () => {
  it('an e-invoice file shows its kind, its documents and applies a second version only once confirmed', async () => {
    const api = setup(
      { fileId: 'z1', fileName: 'fatture.zip', kind: 'fatturapa', reason: 'a ZIP archive' },
      {
        'eInvoices.preview': () => EINVOICES,
        // Applied as previewed: the preview's file and counts, the ledger's totals after.
        'eInvoices.apply': () => {
          const { file, format, files, documents, items, customers } = EINVOICES;
          return {
            batch: 7,
            file,
            format,
            files,
            documents,
            items,
            customers,
            totals: { customers: 2, items: 2, residualCents: 172000, overdueCents: 50000 },
          };
        },
      },
    );
    const panel = await openImport('fatture.zip');
    expect(within(panel).getByTestId('import-kind').textContent).toBe('Fatture elettroniche FatturaPA');
    expect(api.calls.some((c) => c.method === 'imports.stage')).toBe(false);
    const table = await within(panel).findByRole('table', { name: 'Fatture e note di credito nel file' });
    expect(within(table).getByText(/FV\/2026\/101/)).toBeTruthy();
    expect(within(table).getByText('seconda versione: sostituisce quella importata')).toBeTruthy();
    expect(within(panel).getByRole('table', { name: 'Avvisi' })).toBeTruthy();

    const importButton = within(panel).getByRole('button', { name: 'Importa' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(
      within(panel).getByRole('checkbox', { name: /Sostituisci i documenti importati prima/ }),
    );
    expect((importButton as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(importButton);
    await waitFor(() => expect(api.calls.some((c) => c.method === 'eInvoices.apply')).toBe(true));
    expect(api.calls.find((c) => c.method === 'eInvoices.apply')?.input).toEqual({
      fileId: 'z1',
      confirmChanges: true,
      dryRun: false,
    });
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Importazione di fatture.zip' })).toBeNull(),
    );
  });

  it('a spreadsheet of customers is staged, recognised as master data and previewed customer by customer', async () => {
    const api = setup(
      { fileId: 'm1', fileName: 'Soggetti.csv', kind: 'customers', reason: 'master data' },
      {
        'imports.stage': () => {
          throw new ApiError({ code: 'VALIDATION', message: 'Soggetti.csv: no open-items header row' });
        },
        'masterData.preview': () => MASTER,
      },
    );
    const panel = await openImport('Soggetti.csv');
    expect(within(panel).getByTestId('import-kind').textContent).toBe('Anagrafica clienti');
    const table = await within(panel).findByRole('table', { name: 'Clienti che il file crea o modifica' });
    expect(within(table).getByText('C001')).toBeTruthy();
    expect(within(table).getByText('indirizzo postale: Corso Italia, 10, 10121 Torino (TO)')).toBeTruthy();
    expect(
      within(panel).getByText(/Cod\. → codice, Denominazione → ragione sociale, Cap → CAP/),
    ).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'imports.identify')?.input).toMatchObject({
      fileName: 'Soggetti.csv',
    });
  });
});
