import { describe, expect, it } from 'vitest';
import { halfYearParts, type SetupInput, setupSteps } from '../../renderer/src/pages/setup/setupModel.ts';
import { mailAccount, settingsView } from '../helpers/settings.ts';

const empty: SetupInput = {
  settings: settingsView({ name: '' }, { pec: mailAccount(), mail: { attempts: 3, retryDelayMs: 1000 } }),
  rates: { today: '2026-11-23', rates: [], missing: ['H2 2026 (2026-07-01 – 2026-12-31)'] },
  summary: {
    asOf: '2026-11-23',
    customers: 0,
    items: 0,
    residualCents: 0,
    overdueCents: 0,
    aging: { notDue: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, d181_plus: 0 },
  },
};

describe('first-run checklist', () => {
  it('a fresh ledger lacks every step, each saying what is missing', () => {
    const steps = setupSteps(empty);
    expect(steps.map((s) => [s.key, s.done])).toEqual([
      ['company', false],
      ['iban', false],
      ['rate', false],
      ['mail', false],
      ['import', false],
    ]);
    expect(steps[0]?.missing.map((m) => m.key)).toEqual(['companyName', 'companyAddress', 'companyVat']);
    expect(steps[2]?.missing).toEqual([{ key: 'rate', params: { half: '2', year: '2026' } }]);
  });

  it('each step turns done from the data alone; an IBAN with wrong check digits is not done', () => {
    const ready: SetupInput = {
      settings: {
        ...empty.settings,
        company: {
          ...empty.settings.company,
          name: 'Fornitore S.r.l.',
          address: 'Via Roma 1\n40100 Bologna',
          vat: 'IT01234567890',
          iban: 'IT60 X054 2811 1010 0000 0123 456',
        },
        smtp: mailAccount({ host: 'smtp.example.it', from: 'crediti@example.it' }),
      },
      rates: { ...empty.rates, missing: [] },
      summary: { ...empty.summary, items: 12 },
    };
    expect(setupSteps(ready).every((s) => s.done)).toBe(true);
    const badIban = {
      ...ready,
      settings: {
        ...ready.settings,
        company: { ...ready.settings.company, iban: 'IT61X0542811101000000123456' },
      },
    };
    expect(setupSteps(badIban)[1]).toEqual({ key: 'iban', done: false, missing: [{ key: 'ibanInvalid' }] });
    const noSender = {
      ...ready,
      settings: { ...ready.settings, smtp: mailAccount({ host: 'smtp.example.it' }) },
    };
    expect(setupSteps(noSender)[3]?.missing).toEqual([{ key: 'mailFrom' }]);
  });

  it('reads the half-years rates.list names', () => {
    expect(halfYearParts('H2 2026 (2026-07-01 – 2026-12-31)')).toEqual({
      half: '2',
      year: '2026',
      from: '2026-07-01',
    });
    expect(halfYearParts('2027-01-01')).toEqual({ half: '1', year: '2027', from: '2027-01-01' });
    expect(halfYearParts('something else')).toBeNull();
  });

  it('the placeholder company name of a new ledger is not a company name', () => {
    const placeholder = {
      ...empty,
      settings: { ...empty.settings, company: { ...empty.settings.company, name: 'La mia azienda S.r.l.' } },
    };
    expect(setupSteps(placeholder)[0]?.missing.map((m) => m.key)).toContain('companyName');
  });
});
