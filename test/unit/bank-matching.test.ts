import { describe, expect, it } from 'vitest';
import {
  allocateOldestFirst,
  buildMatchIndex,
  type CreditToMatch,
  documentKey,
  documentKeysInText,
  itemsForAmount,
  type MatchCustomer,
  type MatchItem,
  matchCredit,
  matchReturn,
  nameSimilarity,
} from '../../shared/domain/bank-matching.ts';
import {
  creditorReference,
  customerCreditorReference,
  findCreditorReferences,
  formatCreditorReference,
  isValidCreditorReference,
} from '../../shared/domain/creditor-reference.ts';

describe('ISO 11649 creditor reference', () => {
  it('computes the check digits of the standard example and verifies them', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidCreditorReference('RF19539007547034')).toBe(false);
    expect(isValidCreditorReference('RF18539007547035')).toBe(false);
  });

  it('derives a customer reference from the code (letters and digits only, at most 21)', () => {
    const ref = customerCreditorReference('C-002') as string;
    expect(ref).toBe('RF27C002');
    expect(isValidCreditorReference(ref)).toBe(true);
    expect(customerCreditorReference('---')).toBeNull();
    expect(customerCreditorReference('X'.repeat(22))).toBeNull();
    // Every generated reference verifies.
    for (const code of ['A', 'ZZ9', 'CLIENTE000123', '12345678901234567890A']) {
      expect(isValidCreditorReference(creditorReference(code) as string)).toBe(true);
    }
  });

  it('finds valid references in free text, with or without spaces, and ignores wrong check digits', () => {
    expect(findCreditorReferences('pagamento rif. RF27 C002 grazie')).toEqual(['RF27C002']);
    expect(findCreditorReferences('RF18539007547034')).toEqual(['RF18539007547034']);
    expect(findCreditorReferences('RF99C002 nothing valid')).toEqual([]);
  });
});

describe('document numbers and names', () => {
  it('compares document numbers without prefixes, spaces or leading zeros', () => {
    expect(documentKey('FT 0012/2026')).toBe('12/2026');
    expect(documentKey('12/2026')).toBe('12/2026');
    expect(documentKey('FT-000345')).toBe('345');
    expect([...documentKeysInText('Fatt. n. 000345')]).toEqual(['345']);
    expect([...documentKeysInText('Saldo FT 12/2026, FT 13/2026 - rif. ordine 9')]).toEqual([
      '12/2026',
      '13/2026',
    ]);
  });

  it('compares names without legal forms and accents', () => {
    expect(nameSimilarity('ROSSI COSTRUZIONI SRL', 'Rossi Costruzioni S.r.l.')).toBe(1);
    expect(nameSimilarity('Caffè Nerò S.p.A.', 'CAFFE NERO SPA')).toBe(1);
    expect(nameSimilarity('Rossi Mario', 'Bianchi Luigi')).toBe(0);
  });
});

const customers: MatchCustomer[] = [
  { id: 1, code: 'C001', name: 'Rossi Costruzioni S.r.l.', ibans: [] },
  { id: 2, code: 'C002', name: 'Bianchi S.p.A.', ibans: ['IT02A0306909606100000012345'] },
  { id: 3, code: 'C003', name: 'Verdi S.n.c.', ibans: [] },
  { id: 4, code: 'C004', name: 'Gialli S.r.l.', ibans: [] },
];
const item = (id: number, customerId: number, doc: string, due: string, residual: number): MatchItem => ({
  id,
  customerId,
  documentNumber: doc,
  dueDate: due,
  documentDate: '2026-01-01',
  residualCents: residual,
});
const items: MatchItem[] = [
  item(1, 1, '10/2026', '2026-10-31', 100_00),
  item(2, 1, '11/2026', '2026-11-30', 50_00),
  item(3, 2, '20/2026', '2026-09-30', 300_00),
  item(4, 2, '21/2026', '2026-10-31', 200_00),
  item(5, 3, '10/2026', '2026-08-31', 100_00), // the same number at another customer
  item(6, 4, '40/2026', '2026-10-31', 70_00),
  item(7, 4, '41/2026', '2026-11-30', 80_00),
  item(8, 4, '42/2026', '2026-12-31', 25_00),
];
const index = () => buildMatchIndex(customers, items);
const credit = (c: Partial<CreditToMatch>): CreditToMatch => ({
  amountCents: 0,
  debtorName: null,
  debtorIban: null,
  texts: [],
  references: [],
  ...c,
});

describe('matchCredit', () => {
  it('our RF reference names the customer: paid oldest first, exact', () => {
    const m = matchCredit(credit({ amountCents: 350_00, references: ['RF27C002'] }), index());
    expect(m).toMatchObject({
      status: 'matched',
      customerId: 2,
      evidence: ['reference'],
      allocations: [
        { itemId: 3, amountCents: 300_00 },
        { itemId: 4, amountCents: 50_00 },
      ],
      creditCents: 0,
    });
  });

  it('an invoice number shared by two customers goes to the one the payer’s name points to', () => {
    const m = matchCredit(
      credit({ amountCents: 100_00, debtorName: 'VERDI SNC', texts: ['saldo fattura 10/2026'] }),
      index(),
    );
    expect(m).toMatchObject({
      status: 'matched',
      customerId: 3,
      allocations: [{ itemId: 5, amountCents: 100_00 }],
    });
    expect(m.evidence).toEqual(['invoice', 'name']);
  });

  it('an invoice number shared by two customers with nothing else to decide is only a suggestion', () => {
    const m = matchCredit(credit({ amountCents: 100_00, texts: ['fattura 10/2026'] }), index());
    expect(m.status).toBe('suggested');
    expect(m.reason).toMatch(/shared by 2 customers/);
  });

  it('a credit over several invoices, a partial payment and an overpayment (the payer named)', () => {
    const split = matchCredit(
      credit({ amountCents: 150_00, texts: ['FT 10/2026 e FT 11/2026'], debtorName: 'Rossi Costruzioni' }),
      index(),
    );
    expect(split).toMatchObject({ status: 'matched', customerId: 1, creditCents: 0 });
    expect(split.allocations).toEqual([
      { itemId: 1, amountCents: 100_00 },
      { itemId: 2, amountCents: 50_00 },
    ]);
    const partial = matchCredit(
      credit({ amountCents: 120_00, texts: ['21/2026'], debtorName: 'BIANCHI SPA' }),
      index(),
    );
    expect(partial).toMatchObject({
      status: 'matched',
      allocations: [{ itemId: 4, amountCents: 120_00 }],
      creditCents: 0,
    });
    expect(partial.reason).toMatch(/partial/);
    const over = matchCredit(
      credit({ amountCents: 250_00, texts: ['21/2026'], debtorName: 'Bianchi S.p.A.' }),
      index(),
    );
    expect(over).toMatchObject({
      status: 'matched',
      allocations: [{ itemId: 4, amountCents: 200_00 }],
      creditCents: 50_00,
    });
  });

  it('an invoice number alone: exact when the amount agrees, suggested when nothing else confirms it', () => {
    const same = matchCredit(
      credit({ amountCents: 200_00, texts: ['saldo 21/2026'], debtorName: 'Sconosciuto' }),
      index(),
    );
    expect(same).toMatchObject({ status: 'matched', customerId: 2, evidence: ['invoice', 'amount'] });
    const other = matchCredit(
      credit({ amountCents: 99_00, texts: ['saldo 21/2026'], debtorName: 'Sconosciuto' }),
      index(),
    );
    expect(other).toMatchObject({
      status: 'suggested',
      customerId: 2,
      allocations: [{ itemId: 4, amountCents: 99_00 }],
    });
  });

  it('a known IBAN and the amount of one item: exact', () => {
    const m = matchCredit(
      credit({ amountCents: 200_00, debtorIban: 'IT02 A030 6909 6061 0000 0012 345' }),
      index(),
    );
    expect(m).toMatchObject({
      status: 'matched',
      customerId: 2,
      allocations: [{ itemId: 4, amountCents: 200_00 }],
    });
    expect(m.evidence).toEqual(['iban', 'amount']);
  });

  it('an exact name and the oldest items adding up to the amount: exact; a subset only: suggested', () => {
    const oldest = matchCredit(credit({ amountCents: 150_00, debtorName: 'GIALLI SRL' }), index());
    expect(oldest).toMatchObject({ status: 'matched', customerId: 4 });
    expect(oldest.allocations.map((a) => a.itemId)).toEqual([6, 7]);
    const subset = matchCredit(credit({ amountCents: 95_00, debtorName: 'GIALLI SRL' }), index());
    expect(subset).toMatchObject({ status: 'suggested', customerId: 4 });
    expect(subset.allocations.map((a) => a.itemId)).toEqual([6, 8]);
  });

  it('the IBAN and our reference pointing to different customers: a human decides', () => {
    const m = matchCredit(
      credit({ amountCents: 100_00, references: ['RF54C001'], debtorIban: 'IT02A0306909606100000012345' }),
      index(),
    );
    expect(m.status).toBe('suggested');
  });

  it('nothing pointing anywhere: unmatched (the amount alone never matches)', () => {
    expect(matchCredit(credit({ amountCents: 70_00, debtorName: 'Sconosciuto' }), index()).status).toBe(
      'unmatched',
    );
  });
});

describe('helpers', () => {
  it('allocates oldest due first and keeps the rest', () => {
    expect(allocateOldestFirst([items[1] as MatchItem, items[0] as MatchItem], 120_00)).toEqual({
      allocations: [
        { itemId: 1, amountCents: 100_00 },
        { itemId: 2, amountCents: 20_00 },
      ],
      creditCents: 0,
    });
  });

  it('finds one item, a run oldest first, or a subset for an amount', () => {
    const gialli = items.filter((i) => i.customerId === 4);
    expect(itemsForAmount(gialli, 80_00)?.how).toBe('one');
    expect(itemsForAmount(gialli, 150_00)?.how).toBe('oldest-first');
    expect(itemsForAmount(gialli, 105_00)?.how).toBe('subset');
    expect(itemsForAmount(gialli, 1)).toBeNull();
  });

  it('finds the paid item a returned bill names, or the one paid item of that amount', () => {
    const paid = [
      { ...item(9, 1, '99/2026', '2026-10-31', 0), amountCents: 400_00 },
      { ...item(10, 1, '98/2026', '2026-10-31', 0), amountCents: 300_00 },
    ];
    const named = matchReturn(credit({ amountCents: 400_00, texts: ['INSOLUTO FT 99/2026'] }), index(), paid);
    expect(named?.item.id).toBe(9);
    const byName = matchReturn(
      credit({ amountCents: 300_00, debtorName: 'Rossi Costruzioni srl' }),
      index(),
      paid,
    );
    expect(byName?.item.id).toBe(10);
    expect(matchReturn(credit({ amountCents: 300_00 }), index(), paid)).toBeNull();
  });
});
