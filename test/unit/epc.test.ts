import { describe, expect, it } from 'vitest';
import { clip, EpcError, epcPayload, isValidIban, utf8Length } from '../../shared/domain/epc.ts';

describe('EPC QR payload', () => {
  it('matches the EPC069-12 layout: BCD, 002, UTF-8, SCT, optional BIC, name, IBAN, amount, remittance', () => {
    expect(
      epcPayload({
        beneficiaryName: 'Fornitore Esempio S.r.l.',
        iban: 'IT60 X054 2811 1010 0000 0123 456',
        amountCents: 122_000,
        remittance: 'Saldo fatt. 2025/123 del 15/03/2025',
      }),
    ).toBe(
      [
        'BCD',
        '002',
        '1',
        'SCT',
        '',
        'Fornitore Esempio S.r.l.',
        'IT60X0542811101000000123456',
        'EUR1220.00',
        '',
        '',
        'Saldo fatt. 2025/123 del 15/03/2025',
      ].join('\n'),
    );
  });
  it('keeps the remittance within 140 characters and the BIC when given', () => {
    const long = Array.from({ length: 40 }, (_, i) => `FT ${i + 1}/2026`).join(', ');
    const p = epcPayload({
      beneficiaryName: 'X S.p.A.',
      iban: 'IT60X0542811101000000123456',
      bic: 'BPMOIT22XXX',
      amountCents: 5,
      remittance: long,
    });
    const lines = p.split('\n');
    expect(lines[4]).toBe('BPMOIT22XXX');
    expect(lines[7]).toBe('EUR0.05');
    expect([...lines[10]!].length).toBeLessThanOrEqual(140);
    expect(clip('àèìòù '.repeat(40), 140).length).toBeLessThanOrEqual(140);
  });
  it('refuses a wrong IBAN, a zero amount and a bad BIC', () => {
    expect(isValidIban('IT60X0542811101000000123457')).toBe(false);
    expect(() =>
      epcPayload({
        beneficiaryName: 'X',
        iban: 'IT60X0542811101000000123457',
        amountCents: 100,
        remittance: 'a',
      }),
    ).toThrow(EpcError);
    expect(() =>
      epcPayload({
        beneficiaryName: 'X',
        iban: 'IT60X0542811101000000123456',
        amountCents: 0,
        remittance: 'a',
      }),
    ).toThrow(/0.01/);
    expect(() =>
      epcPayload({
        beneficiaryName: 'X',
        iban: 'IT60X0542811101000000123456',
        bic: 'NOPE',
        amountCents: 1,
        remittance: 'a',
      }),
    ).toThrow(/BIC/);
  });

  it('puts an ISO 11649 creditor reference in the structured field and leaves the unstructured one out', () => {
    const p = epcPayload({
      beneficiaryName: 'Fornitore Esempio S.r.l.',
      iban: 'IT60X0542811101000000123456',
      amountCents: 12_345,
      remittance: 'Saldo FT 1/2026',
      creditorReference: 'RF18 5390 0754 7034',
    });
    expect(p.split('\n').slice(7)).toEqual(['EUR123.45', '', 'RF18539007547034']);
    expect(() =>
      epcPayload({
        beneficiaryName: 'X',
        iban: 'IT60X0542811101000000123456',
        amountCents: 1,
        remittance: 'a',
        creditorReference: 'RF19539007547034',
      }),
    ).toThrow(EpcError);
  });

  it('counts the payload in UTF-8 bytes as the QR code carries it, accents and emoji included', () => {
    for (const text of ['', 'BCD', 'Società Cooperativa àèìòù', '€ 1.000', 'Straße 😀 𝄞', 'x\ud800y']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});
