/** What the bank statement fixtures hold, for the tests that import them or mock their import. */

/**
 * test/fixtures/bank/camt053-v02-bankA.xml: one day's camt.053 statement of account
 * IT60X0542811101000000123456 with three entries, two credits (2,720.00) and one debit (20.00).
 */
export const BANK_A_STATEMENT = {
  format: 'camt.053',
  account: 'IT60X0542811101000000123456',
  from: '2026-11-20',
  to: '2026-11-20',
  entries: 3,
  credits: 2,
  creditsCents: 272_000,
  debits: 1,
  debitsCents: 2_000,
} as const;
