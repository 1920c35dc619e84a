/** FatturaPA and master-data rules that need no file: installments, due dates, signs, identities, headers. */
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../electron/backend/services/import/read/headers.ts';
import {
  compareVersions,
  plannedInstallments,
  receivableKind,
  xmlAmountToCents,
} from '../../shared/domain/fatturapa.ts';
import {
  checkEmails,
  checkIban,
  checkSdiCode,
  countryCode,
  identityKeys,
  looksLikeMasterData,
  masterFieldForHeader,
  masterMapping,
  postalBlock,
  postalCodeText,
} from '../../shared/domain/master-data.ts';

const doc = (over: Partial<Parameters<typeof plannedInstallments>[0]> = {}) => ({
  tipoDocumento: 'TD01',
  number: 'F1',
  date: '2026-09-15',
  totalCents: 122000,
  payments: [],
  ...over,
});
const pay = (over: object) => ({
  amountCents: 0,
  method: null,
  dueDate: null,
  termsFrom: null,
  termsDays: null,
  ...over,
});

describe('FatturaPA installments', () => {
  it('makes one open item per DettaglioPagamento, numbered, with the due date given or computed from the terms', () => {
    const items = plannedInstallments(
      doc({
        payments: [
          pay({ amountCents: 61000, method: 'MP12', dueDate: '2026-10-31' }),
          pay({ amountCents: 30000, termsFrom: '2026-09-30', termsDays: 60 }),
          pay({ amountCents: 31000, termsDays: 30 }),
        ],
      }),
    );
    expect(items).toEqual([
      {
        documentType: 'invoice',
        installment: '1',
        dueDate: '2026-10-31',
        amountCents: 61000,
        paymentMethod: 'MP12',
      },
      {
        documentType: 'invoice',
        installment: '2',
        dueDate: '2026-11-29',
        amountCents: 30000,
        paymentMethod: null,
      },
      {
        documentType: 'invoice',
        installment: '3',
        dueDate: '2026-10-15',
        amountCents: 31000,
        paymentMethod: null,
      },
    ]);
  });

  it('a single installment has no number; a body without payment data is one item of its total due on the document date', () => {
    expect(
      plannedInstallments(doc({ payments: [pay({ amountCents: 5000, dueDate: '2026-12-01' })] }))[0]
        ?.installment,
    ).toBeNull();
    expect(plannedInstallments(doc())).toEqual([
      {
        documentType: 'invoice',
        installment: null,
        dueDate: '2026-09-15',
        amountCents: 122000,
        paymentMethod: null,
      },
    ]);
  });

  it('TD04 credit notes are negative whatever sign the file writes; self-invoices make no item', () => {
    expect(plannedInstallments(doc({ tipoDocumento: 'TD04', totalCents: 12200 }))[0]?.amountCents).toBe(
      -12200,
    );
    expect(plannedInstallments(doc({ tipoDocumento: 'TD04', totalCents: -12200 }))[0]?.amountCents).toBe(
      -12200,
    );
    expect(receivableKind('TD17')).toBeNull();
    expect(receivableKind('TD29')).toBeNull();
    expect(receivableKind('TD24')).toBe('invoice');
    expect(plannedInstallments(doc({ tipoDocumento: 'TD17' }))).toEqual([]);
  });

  it('reads FatturaPA amounts exactly, rounding only past the cent', () => {
    expect(xmlAmountToCents('1220.00')).toBe(122000);
    expect(xmlAmountToCents('-0.50')).toBe(-50);
    expect(xmlAmountToCents('819.67')).toBe(81967);
    expect(xmlAmountToCents('10.12345678')).toBe(1012);
    expect(xmlAmountToCents('10.125')).toBe(1013);
    expect(xmlAmountToCents('1.220,00')).toBeNull();
    expect(xmlAmountToCents('99999999999999999.00')).toBeNull();
  });

  it('tells the same document from a second version', () => {
    const v1 = [
      { dueDate: '2026-10-31', installment: '1', amountCents: 100 },
      { dueDate: '2026-11-30', installment: '2', amountCents: 100 },
    ];
    expect(compareVersions([], v1)).toBe('new');
    expect(compareVersions(v1, [...v1].reverse())).toBe('unchanged');
    expect(
      compareVersions(v1, [v1[0] as (typeof v1)[0], { ...(v1[1] as (typeof v1)[0]), amountCents: 90 }]),
    ).toBe('changed');
    expect(compareVersions(v1, v1.slice(0, 1))).toBe('changed');
  });
});

describe('party identity', () => {
  it('one VAT number is one party whatever its spelling, and a company tax code is its VAT number', () => {
    expect(identityKeys('IT 09876543210', null)).toEqual(['vat:IT09876543210', 'cf:09876543210']);
    expect(identityKeys('09876543210', null)).toEqual(identityKeys('it09876543210', null));
    expect(identityKeys(null, '09876543210')).toContain('vat:IT09876543210');
    expect(identityKeys(null, 'vrdmra70a01h501w')).toEqual(['cf:VRDMRA70A01H501W']);
    expect(identityKeys('DE123456789', null)).toEqual(['vat:DE123456789']);
  });
});

describe('master-data headers and values', () => {
  const field = (h: string) => masterFieldForHeader(normalizeHeader(h));

  it('recognises the headers of Danea Easyfatt, TeamSystem, Business Central, Odoo and SAP exports', () => {
    expect(
      ['Cod.', 'Denominazione', 'Indirizzo', 'Cap', 'Città', 'Prov.', 'Nazione', 'Tel.', 'e-mail', 'Pec'].map(
        field,
      ),
    ).toEqual([
      'code',
      'name',
      'street',
      'postalCode',
      'city',
      'province',
      'country',
      'phone',
      'email',
      'pec',
    ]);
    expect(['Cod. destinatario Fatt. elettr.', 'Codice fiscale', 'Partita Iva'].map(field)).toEqual([
      'sdiCode',
      'taxCode',
      'vat',
    ]);
    expect(
      [
        'No.',
        'Name',
        'Address 2',
        'Post Code',
        'County',
        'Country/Region Code',
        'VAT Registration No.',
        'E-Mail',
      ].map(field),
    ).toEqual(['code', 'name', 'street2', 'postalCode', 'province', 'country', 'vat', 'email']);
    expect(
      ['Codice cliente', 'Ragione sociale', 'P.IVA', 'Civico', 'Comune', 'Codice SDI', 'IBAN'].map(field),
    ).toEqual(['code', 'name', 'vat', 'streetNumber', 'city', 'sdiCode', 'iban']);
    expect(['Regione', 'Referente', 'Listino', 'Fido', 'Note'].map(field)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('a header row is master data only with a code, a name and two identity or address columns', () => {
    const m = (hs: string[]) => looksLikeMasterData(masterMapping(hs.map(normalizeHeader)));
    expect(m(['Codice', 'Ragione sociale', 'Partita IVA', 'Città'])).toBe(true);
    expect(m(['Codice', 'Ragione sociale', 'Partita IVA'])).toBe(false);
    expect(m(['Ragione sociale', 'Partita IVA', 'Città', 'CAP'])).toBe(false);
  });

  it('checks and normalises values', () => {
    expect(checkEmails('a@x.it; b@y.it', 'e-mail')).toEqual({ value: 'a@x.it, b@y.it' });
    expect(checkEmails('n/d', 'e-mail')).toEqual({ error: 'not a valid e-mail address: "n/d"' });
    expect(checkSdiCode('krrh6b9')).toEqual({ value: 'KRRH6B9' });
    expect(checkSdiCode('0000000')).toEqual({ value: null });
    expect(checkSdiCode('ABC')).toHaveProperty('error');
    expect(checkIban('IT60 X054 2811 1010 0000 0123 456')).toEqual({ value: 'IT60X0542811101000000123456' });
    expect(checkIban('IT61X0542811101000000123456')).toHaveProperty('error');
    expect(postalCodeText('184', 'IT')).toBe('00184');
    expect(postalCodeText('8080', 'DE')).toBe('8080');
    expect(countryCode('Italia')).toBe('IT');
    expect(countryCode('Germania')).toBe('DE');
    expect(countryCode('Atlantide')).toBe('Atlantide');
  });

  it('composes the postal block a letter prints, with the country only abroad', () => {
    expect(
      postalBlock({
        street: 'Corso Italia, 10',
        postalCode: '10121',
        city: 'Torino',
        province: 'TO',
        country: 'IT',
      }),
    ).toBe('Corso Italia, 10\n10121 Torino (TO)');
    expect(
      postalBlock({
        street: 'Leopoldstraße 12',
        postalCode: '80802',
        city: 'München',
        province: null,
        country: 'DE',
      }),
    ).toBe('Leopoldstraße 12\n80802 München\nDE');
    expect(
      postalBlock({ street: null, postalCode: null, city: null, province: null, country: null }),
    ).toBeNull();
  });
});
