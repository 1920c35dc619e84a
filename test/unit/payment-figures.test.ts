import { expect, it } from 'vitest';
import { paymentFigures } from '../../shared/domain/payment-figures.ts';

it('weights days late by amount, counts early payments as on time, ignores credits and old events', () => {
  const f = paymentFigures(
    [
      // 30 days late on 1.000 €, early on 3.000 € -> (30×1000 + 0×3000) / 4000 = 7.5
      {
        date: '2026-10-31',
        kind: 'payment',
        amountCents: 100_000,
        dueDate: '2026-10-01',
        documentDate: '2026-09-01',
      },
      {
        date: '2026-09-20',
        kind: 'partial_payment',
        amountCents: 300_000,
        dueDate: '2026-09-30',
        documentDate: '2026-08-31',
      },
      {
        date: '2026-10-01',
        kind: 'credit_applied',
        amountCents: 50_000,
        dueDate: '2026-06-01',
        documentDate: '2026-05-01',
      },
      {
        date: '2025-01-10',
        kind: 'payment',
        amountCents: 999_999,
        dueDate: '2024-01-01',
        documentDate: '2023-12-01',
      },
    ],
    '2026-11-23',
  );
  expect(f.avgDaysLate).toBe(7.5);
  // (60×1000 + 20×3000) / 4000 = 30
  expect(f.avgDaysToPay).toBe(30);
  expect(f.paymentsLast90Count).toBe(2);
  expect(f.paymentsLast90Cents).toBe(400_000);
  expect(paymentFigures([], '2026-11-23').avgDaysLate).toBeNull();
});
