// @vitest-environment jsdom
import './setup.ts';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ImportsPage } from '../../renderer/src/pages/imports/ImportsPage.tsx';
import type { MethodOutput } from '../../shared/api/contract.ts';
import { type Handlers, mockClient, renderWithApp } from './render.tsx';

const DETECTION: MethodOutput<'imports.stage'> = {
  fileId: 'f-1',
  fileName: 'scadenzario.xlsx',
  format: 'xlsx',
  encoding: null,
  sheets: ['Scadenzario'],
  sheet: 'Scadenzario',
  headerRow: 1,
  headers: ['Cod. Cliente', 'Ragione Sociale', 'N. Documento', 'Data Scadenza', 'Residuo'],
  mapping: {
    customerCode: 'Cod. Cliente',
    customerName: 'Ragione Sociale',
    documentNumber: 'N. Documento',
    dueDate: 'Data Scadenza',
    residual: 'Residuo',
  },
  profile: null,
  asOf: '2026-10-31',
  asOfSource: 'fileName',
  missing: [],
  layout: null,
  mappingDetails: [
    {
      field: 'dueDate',
      header: 'Data Scadenza',
      reason: 'the header names the due date; values are dates',
      samples: ['31/10/2026', '30/11/2026'],
    },
  ],
  notes: [],
};

/** A SAP FBL5N export: codes only, the layout recognised with no profile. */
const FBL5N: MethodOutput<'imports.stage'> = {
  ...DETECTION,
  fileName: 'fbl5n.xlsx',
  headers: ['Account', 'Document Number', 'Net due date', 'Amount in doc. curr.'],
  mapping: {
    customerCode: 'Account',
    documentNumber: 'Document Number',
    dueDate: 'Net due date',
    residual: 'Amount in doc. curr.',
  },
  asOfSource: 'title',
  layout: 'SAP FBL5N',
  mappingDetails: [
    {
      field: 'dueDate',
      header: 'Net due date',
      reason: 'SAP FBL5N layout: the column "Net due date"',
      samples: ['16.09.2026'],
    },
  ],
};

const PREVIEW: MethodOutput<'imports.preview'> = {
  file: 'scadenzario.xlsx',
  format: 'xlsx',
  asOf: '2026-10-31',
  mode: 'snapshot',
  rows: { read: 630, imported: 624, skipped: 6 },
  customers: { new: 173, updated: 0 },
  items: { new: 624, changed: 12, closed: 40, reopened: 2, unchanged: 300 },
  creditNotesClosed: 1,
  paymentsCents: 1234567,
  reversalsCents: 0,
  newCustomers: [{ code: 'C1', name: 'Rossi S.r.l.' }],
  warnings: [{ row: 9, column: 'Partita IVA', value: '123', message: 'Partita IVA non valida' }],
  errors: [
    { row: 17, column: 'Data Scadenza', value: '31/02/2026', message: 'Data inesistente' },
    { row: 18, column: 'Residuo', value: 'abc', message: 'Importo non valido' },
  ],
  needsClosureConfirmation: false,
  alreadyImported: false,
  asOfSource: 'fileName',
  layout: null,
  mapping: [],
  olderThanLedger: false,
};

const file = () =>
  new File([new Uint8Array([80, 75, 3, 4])], 'scadenzario.xlsx', { type: 'application/zip' });

function setup(handlers: Handlers = {}) {
  const api = mockClient({
    'imports.list': () => [],
    'imports.stage': () => DETECTION,
    'imports.preview': () => PREVIEW,
    ...handlers,
  });
  renderWithApp(<ImportsPage />, api);
  return api;
}

async function chooseAndPreview() {
  const input = await screen.findByLabelText('Scegli il file', { selector: 'input' });
  await userEvent.upload(input, file());
  await userEvent.click(await screen.findByRole('button', { name: 'Anteprima' }));
}

describe('Imports page', () => {
  it('stages the chosen file and shows the detected mapping, sheet and as-of date', async () => {
    const api = setup();
    const input = await screen.findByLabelText('Scegli il file', { selector: 'input' });
    await userEvent.upload(input, file());
    await screen.findByRole('button', { name: 'Anteprima' });
    const stage = api.calls.find((c) => c.method === 'imports.stage');
    expect(stage?.input).toEqual({ fileName: 'scadenzario.xlsx', dataBase64: 'UEsDBA==' });
    expect((screen.getByRole('textbox', { name: /Situazione al/ }) as HTMLInputElement).value).toBe(
      '31/10/2026',
    );
    expect((screen.getByRole('combobox', { name: /Codice cliente/ }) as HTMLInputElement).value).toBe(
      'Cod. Cliente',
    );
  });

  it('in browser mode streams the file with a progress bar, then stages it by id (no base64)', async () => {
    const api = setup();
    let arrive: () => void = () => {};
    const arrived = new Promise<void>((r) => {
      arrive = r;
    });
    api.upload = async (f, onProgress) => {
      onProgress?.(2, 4);
      await arrived;
      onProgress?.(4, 4);
      return { fileId: 'up-1', fileName: f.name, kind: 'open-items', reason: 'an open-items export' };
    };
    const input = await screen.findByLabelText('Scegli il file', { selector: 'input' });
    await userEvent.upload(input, file());
    const bar = await screen.findByRole('progressbar', { name: 'Invio di scadenzario.xlsx a Incasso: 50%' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(api.calls.some((c) => c.method === 'imports.stage')).toBe(false);
    await act(async () => arrive());
    await screen.findByRole('button', { name: 'Anteprima' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(api.calls.find((c) => c.method === 'imports.stage')?.input).toEqual({ fileId: 'up-1' });
  });

  it('names a recognised layout, explains each column, and previews a codes-only export', async () => {
    const api = setup({ 'imports.stage': () => FBL5N });
    const input = await screen.findByLabelText('Scegli il file', { selector: 'input' });
    await userEvent.upload(input, file());
    expect(await screen.findByText('SAP FBL5N')).toBeTruthy();
    const reasons = screen.getByRole('table', { name: 'Perché ogni colonna' });
    expect(reasons.textContent).toContain('Net due date');
    expect(reasons.textContent).toContain('SAP FBL5N layout');
    // No customer name column: still previewable (the code shows until the name is known).
    const preview = screen.getByRole('button', { name: 'Anteprima' });
    expect(preview.hasAttribute('disabled')).toBe(false);
    await userEvent.click(preview);
    await screen.findByTestId('count-items-new');
    expect(api.calls.find((c) => c.method === 'imports.preview')?.input).toMatchObject({
      mapping: { customerCode: 'Account', dueDate: 'Net due date' },
    });
  });

  it('shows the preview counts and every error with row, column, value and message', async () => {
    const api = setup();
    await chooseAndPreview();
    await screen.findByTestId('count-items-new');
    expect(screen.getByTestId('count-items-new').textContent).toBe('624');
    expect(screen.getByTestId('count-items-changed').textContent).toBe('12');
    expect(screen.getByTestId('count-items-closed').textContent).toBe('40');
    expect(screen.getByTestId('count-items-reopened').textContent).toBe('2');
    expect(screen.getByTestId('count-items-unchanged').textContent).toBe('300');
    expect(screen.getByTestId('count-customers-new').textContent).toBe('1');
    expect(screen.getByTestId('count-payments').textContent).toBe('12.345,67\u00a0€');

    const errors = screen.getByRole('table', { name: 'Errori nel file' });
    const rows = within(errors).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('17');
    expect(rows[0]?.textContent).toContain('Data Scadenza');
    expect(rows[0]?.textContent).toContain('31/02/2026');
    expect(rows[0]?.textContent).toContain('Data inesistente');
    expect(screen.getByText(/Il file contiene 2 errori/)).toBeTruthy();
    // A file with errors cannot be applied.
    expect(screen.getByRole('button', { name: "Applica l'importazione" }).hasAttribute('disabled')).toBe(
      true,
    );

    const preview = api.calls.find((c) => c.method === 'imports.preview');
    expect(preview?.input).toMatchObject({ fileId: 'f-1', asOf: '2026-10-31', mode: 'snapshot' });
    expect(preview?.job).toBeTruthy();
  });

  it('shows the job progress while the preview runs, and cancels it', async () => {
    let release: () => void = () => {};
    const api = setup({
      'imports.preview': () =>
        new Promise((_resolve, reject) => {
          release = () => reject(new Error('cancelled'));
        }),
      'jobs.cancel': () => {
        release();
        return { cancelled: true };
      },
    });
    await chooseAndPreview();
    const status = await screen.findByRole('status', { name: 'Anteprima in corso' });
    const job = api.calls.find((c) => c.method === 'imports.preview')?.job ?? '';
    act(() => api.emit({ type: 'job', job, phase: 'read', done: 250, total: 1000 }));
    await waitFor(() => expect(status.textContent).toContain('Lettura: 250 di 1.000'));
    await userEvent.click(within(status).getByRole('button', { name: 'Annulla' }));
    expect(api.calls.find((c) => c.method === 'jobs.cancel')?.input).toEqual({ job });
  });

  it('asks once, with the count, before closing most of the ledger; then applies with the confirmation', async () => {
    const api = setup({
      'imports.preview': () => ({ ...PREVIEW, errors: [], needsClosureConfirmation: true }),
      'imports.apply': (input) => ({
        ...PREVIEW,
        batch: 7,
        asOf: input.asOf ?? '2026-10-31',
        totals: { customers: 173, items: 624, residualCents: 1, overdueCents: 1 },
      }),
    });
    await chooseAndPreview();
    await userEvent.click(await screen.findByRole('button', { name: "Applica l'importazione" }));
    const dialog = await screen.findByRole('dialog', { name: 'Chiudere 40 partite?' });
    expect(api.calls.some((c) => c.method === 'imports.apply')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Chiudi 40 partite e importa' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'imports.apply')).toBe(true));
    expect(api.calls.find((c) => c.method === 'imports.apply')?.input).toMatchObject({
      confirmClosures: true,
    });
  });

  it('on the demo company the file first asks; "import into the demo" allows it, then stages the file', async () => {
    let allowed = false;
    const api = setup({
      'demo.status': () => ({ demo: true, realLedgerPath: '/home/anna/incasso.db', importsAllowed: allowed }),
      'demo.allowImports': () => {
        allowed = true;
        return { demo: true, realLedgerPath: '/home/anna/incasso.db', importsAllowed: true };
      },
    });
    await waitFor(() => expect(api.calls.some((c) => c.method === 'demo.status')).toBe(true));
    const input = await screen.findByLabelText('Scegli il file', { selector: 'input' });
    await userEvent.upload(input, file());
    const dialog = await screen.findByRole('dialog', { name: "Questa è l'azienda dimostrativa" });
    expect(within(dialog).getByText(/scadenzario\.xlsx/)).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'imports.stage')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Importa nella demo' }));
    await screen.findByRole('button', { name: 'Anteprima' });
    const order = api.calls
      .map((c) => c.method)
      .filter((m) => m === 'demo.allowImports' || m === 'imports.stage');
    expect(order).toEqual(['demo.allowImports', 'imports.stage']);
  });
});
