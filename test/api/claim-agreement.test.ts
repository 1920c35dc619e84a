/**
 * One claim everywhere (shared/domain/claim.ts): with one of two overdue invoices disputed, the
 * `interest` figures, the formal notice and the legal dossier claim the same interest and the same
 * flat compensation, and all three leave the disputed invoice out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { addCustomer, addItem, setLetterhead } from '../helpers/letters.ts';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2026-03-31');
  await setLetterhead(b.ctx.db);
  const k1 = addCustomer(b.ctx.db, {
    code: 'K1',
    name: 'Cliente Uno S.r.l.',
    address: 'Via Roma 1\n20121 Milano (MI)',
  });
  addItem(b.ctx.db, k1, { number: 'FT 1', date: '2025-11-15', due: '2025-12-15', amount: 100_000 });
  addItem(b.ctx.db, k1, { number: 'FT 2', date: '2025-11-15', due: '2025-12-15', amount: 100_000 });
});
afterEach(() => b.close());

function ok<T>(method: string, input: unknown): Promise<T> {
  return callData<T>(b, method, input);
}

interface Figures {
  interestCents: number;
  compensationCents: number;
}

describe('one claim', () => {
  it('interest, the formal notice and the legal dossier agree when one invoice is disputed', async () => {
    const before = await ok<Figures>('interest.get', { customerCode: 'K1' });
    const ft2 = b.ctx.db.$client
      .prepare("SELECT id FROM open_items WHERE document_number = 'FT 2'")
      .get() as {
      id: number;
    };
    await ok('disputes.add', { code: 'K1', itemIds: [ft2.id], reason: 'quality' });

    const interest = await ok<
      Figures & { items: { document: string }[]; claim: { excludedCents: number; capitalCents: number } }
    >('interest.get', { customerCode: 'K1' });
    expect(interest.items.map((i) => i.document)).toEqual(['FT 1']);
    expect(interest.claim).toMatchObject({ capitalCents: 100_000, excludedCents: 100_000 });
    // Half of the undisputed claim: two equal invoices, one left out.
    expect(interest.interestCents * 2).toBeGreaterThanOrEqual(before.interestCents - 1);
    expect(interest.interestCents * 2).toBeLessThanOrEqual(before.interestCents + 1);
    expect(interest.interestCents).toBeGreaterThan(0);
    expect(interest.compensationCents).toBe(4000);

    const notice = await ok<{ amounts: Figures & { overdueCents: number } }>('letters.preview', {
      customerCode: 'K1',
      template: 'formal_notice',
    });
    expect(notice.amounts).toMatchObject({
      overdueCents: 100_000,
      interestCents: interest.interestCents,
      compensationCents: interest.compensationCents,
    });

    await ok('legal.open', { code: 'K1', to: 'lawyer', name: 'Avv. Neri' });
    const dossier = await ok<{ evaluation: Figures & { residualCents: number } }>('legal.get', {
      code: 'K1',
    });
    expect(dossier.evaluation).toMatchObject({
      residualCents: 100_000,
      interestCents: interest.interestCents,
      compensationCents: interest.compensationCents,
    });
  });
});
