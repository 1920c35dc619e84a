// @vitest-environment jsdom
import './setup.ts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TemplatesTab } from '../../renderer/src/pages/letters/TemplatesTab.tsx';
import type { MethodInput, MethodOutput } from '../../shared/api/contract.ts';
import { SHIPPED_TEMPLATES } from '../../shared/domain/letters/shipped.ts';
import { mockClient, renderWithApp } from './render.tsx';

const text = { ...SHIPPED_TEMPLATES.it.reminder1, subject: 'Promemoria' };
const row = {
  name: 'reminder1' as const,
  language: 'it' as const,
  title: 'Sollecito cortese',
  edited: false,
  text,
  shipped: text,
};
const LIST: MethodOutput<'templates.list'> = {
  fields: [
    { name: 'customer.name', description: 'customer name' },
    { name: 'totals.net', description: 'net overdue' },
  ],
  flags: [{ name: 'qr', description: 'the letter carries a payment QR code' }],
  templates: [row, { ...row, language: 'en' }],
};

// jsdom has no FontFaceSet; the autosizing text areas listen to it.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
    configurable: true,
  });

describe('template form on the Letters page', () => {
  it('inserts a field picked from the list at the cursor and previews the unsaved text for a customer picked by name', async () => {
    const previews: MethodInput<'letters.preview'>[] = [];
    const api = mockClient({
      'templates.list': () => LIST,
      'customers.list': () => ({
        total: 1,
        asOf: '2026-11-23',
        rows: [
          {
            id: 1,
            code: 'C001',
            name: 'Rossi S.r.l.',
            vat: null,
            area: null,
            salesperson: null,
            band: null,
            orderBlocked: false,
            items: 1,
            residualCents: 1000,
            overdueCents: 1000,
            oldestDueDate: '2026-10-01',
          },
        ],
      }),
      'letters.preview': (input) => {
        previews.push(input);
        return {
          pdfBase64: 'JVBERi0xLjQK',
          pages: 1,
          reference: 'C001-20261123-S1',
          subject: 'Promemoria Rossi S.r.l.',
          email: { subject: 's', body: 'b' },
          // Whatever figures the contract carries: none of them is under test here.
          amounts: {
            overdueCents: 1000,
            notDueCents: 0,
            creditsCents: 0,
            netCents: 1000,
            interestCents: 0,
            compensationCents: 0,
            feesCents: 0,
            toPayCents: 1000,
          } as MethodOutput<'letters.preview'>['amounts'],
          epcPayload: null,
          issues: [],
          notices: [],
        };
      },
    });
    renderWithApp(<TemplatesTab />, api);
    const subject = (await screen.findByRole('textbox', { name: 'Oggetto' })) as HTMLTextAreaElement;
    await waitFor(() => expect(subject.value).toBe('Promemoria'));
    // The cursor at the end of the subject, then the field chosen by its name in words.
    await userEvent.click(subject);
    subject.setSelectionRange(10, 10);
    fireEvent.select(subject);
    const picker = screen.getByRole('combobox', { name: 'Inserisci un campo in «Oggetto»' });
    await userEvent.click(picker);
    await userEvent.click(await screen.findByRole('option', { name: 'Ragione sociale del cliente' }));
    await waitFor(() => expect(subject.value).toBe('Promemoria{{customer.name}}'));
    // The part says in words what it uses.
    expect(screen.getByText('Campi: Ragione sociale del cliente')).toBeTruthy();
    // Live preview of the unsaved text for the first customer, picked by name.
    await waitFor(() => expect(previews.at(-1)?.text?.subject).toBe('Promemoria{{customer.name}}'), {
      timeout: 3000,
    });
    expect(previews.at(-1)).toMatchObject({ customerCode: 'C001', template: 'reminder1', language: 'it' });
    expect(await screen.findByText('Promemoria Rossi S.r.l.')).toBeTruthy();
  });
});
