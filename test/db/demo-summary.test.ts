import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCustomers } from '../../db/queries/customers.ts';
import { insertCustomers, insertOpenItems } from '../../db/queries/ledger.ts';
import { ledgerSummary } from '../../db/queries/summary.ts';
import { fillDemoCompany } from '../../electron/backend/services/demo.ts';
import { isValidItalianVat } from '../../shared/domain/vat.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend();
});
afterEach(() => b.close());

describe('demo company', () => {
  it('fills an empty ledger with ~300 customers and ~1,500 items in every aging bucket', async () => {
    const res = await b.call('demo.fill');
    expect(res.ok).toBe(true);
    const s = await ledgerSummary(b.ctx.db, '2026-11-23');
    expect(s.customers).toBe(300);
    expect(s.items).toBeGreaterThan(1300);
    expect(s.items).toBeLessThan(1700);
    for (const v of Object.values(s.aging)) expect(v).toBeGreaterThan(0);
    const { rows } = await listCustomers(b.ctx.db, {
      asOf: '2026-11-23',
      sort: 'name',
      desc: false,
      onlyOpen: true,
      offset: 0,
      limit: 5000,
    });
    expect(rows.every((r) => r.vat !== null && isValidItalianVat(r.vat))).toBe(true);
    expect(new Set(rows.map((r) => r.area)).size).toBeGreaterThanOrEqual(4);
    // Credit notes and partial payments exist.
    const credit = b.ctx.db.$client
      .prepare("SELECT COUNT(*) AS n FROM open_items WHERE document_type='credit_note'")
      .get() as {
      n: number;
    };
    const partial = b.ctx.db.$client
      .prepare(
        'SELECT COUNT(*) AS n FROM open_items WHERE residual_cents > 0 AND residual_cents < amount_cents',
      )
      .get() as { n: number };
    expect(credit.n).toBeGreaterThan(10);
    expect(partial.n).toBeGreaterThan(10);
  });

  it('is deterministic and refuses a ledger that already has data', async () => {
    const other = await testBackend();
    try {
      await fillDemoCompany(b.ctx.db, '2026-11-23');
      await fillDemoCompany(other.ctx.db, '2026-11-23');
      expect(await ledgerSummary(b.ctx.db, '2026-11-23')).toEqual(
        await ledgerSummary(other.ctx.db, '2026-11-23'),
      );
      const again = await b.call('demo.fill');
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.code).toBe('CONFLICT');
    } finally {
      other.close();
    }
  });
});

describe('ledger summary', () => {
  it('counts non-zero residuals, ages positive ones by days past due and nets credit notes', async () => {
    const [c1, c2, c3] = insertCustomers(b.ctx.db, [
      { code: 'A', name: 'Alfa S.r.l.' },
      { code: 'B', name: 'Beta S.p.A.' },
      { code: 'C', name: 'Gamma S.n.c.' },
    ]);
    const item = (customerId: number, n: string, dueDate: string, residualCents: number, extra = {}) => ({
      customerId,
      documentType: residualCents < 0 ? ('credit_note' as const) : ('invoice' as const),
      documentNumber: n,
      documentDate: '2026-01-01',
      dueDate,
      amountCents: residualCents,
      residualCents,
      ...extra,
    });
    await insertOpenItems(b.ctx.db, [
      item(c1!, '1', '2026-11-20', 10000), // due on as-of: not due
      item(c1!, '2', '2026-11-19', 20000), // 1 day
      item(c1!, '3', '2026-05-23', 30000), // 181 days
      item(c2!, '4', '2026-10-01', -5000), // credit note: residual only
      item(c2!, '5', '2026-10-01', 0), // zero residual: not counted
      item(c3!, '6', '2026-10-01', 7000, { status: 'closed' }), // closed: not counted
    ]);
    expect(await ledgerSummary(b.ctx.db, '2026-11-20')).toEqual({
      asOf: '2026-11-20',
      customers: 2,
      items: 4,
      residualCents: 55000,
      overdueCents: 50000,
      aging: { notDue: 10000, d1_30: 20000, d31_60: 0, d61_90: 0, d91_180: 0, d181_plus: 30000 },
    });
  });

  it('lists customers searchable by name, code and VAT, sorted by overdue', async () => {
    await b.call('demo.fill');
    const res = await b.call('customers.list', { search: 'Ferramenta', sort: 'overdue', desc: true });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const data = res.data as { total: number; rows: { name: string; overdueCents: number; vat: string }[] };
    expect(data.total).toBeGreaterThan(0);
    expect(data.rows.every((r) => r.name.includes('Ferramenta'))).toBe(true);
    const overdue = data.rows.map((r) => r.overdueCents);
    expect(overdue).toEqual([...overdue].sort((x, y) => y - x));
    const byVat = await b.call('customers.list', { search: data.rows[0]!.vat });
    expect(byVat.ok && (byVat.data as { rows: { name: string }[] }).rows[0]?.name).toBe(data.rows[0]!.name);
  });
});
