/**
 * allRows (db/queries/rows.ts) gives the rows the query builder's .all() gives — booleans,
 * nulls, .mapWith() decoders, aggregates, a subquery's columns — and falls back to drizzle for a
 * nested selection. The day's run reads its per-customer facts through it.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRows, allRowsCached, allRowsIndexedBy } from '../../db/queries/rows.ts';
import { customers, openItems } from '../../db/schema.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend();
  const db = b.ctx.db.$client;
  const c = db.prepare(
    'INSERT INTO customers (code, name, band, key_account, order_blocked, email) VALUES (?, ?, ?, ?, ?, ?)',
  );
  c.run('C1', 'Alfa S.r.l.', 'A', 1, 0, 'a@alfa.it');
  c.run('C2', 'Beta S.p.A.', null, 0, 1, null);
  const i = db.prepare(
    "INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment, amount_cents, residual_cents) VALUES (?, 'invoice', ?, '2026-09-01', ?, '', ?, ?)",
  );
  i.run(1, 'FT 1', '2026-10-01', 10_000, 10_000);
  i.run(1, 'FT 2', '2026-11-01', 25_050, 5_050);
  i.run(2, 'NC 1', '2026-10-15', -3_000, -3_000);
});
afterAll(() => b?.close());

describe('allRows', () => {
  it('returns what .all() returns: column types, nulls, aggregates and .mapWith()', () => {
    const db = b.ctx.db;
    const q = () =>
      db
        .select({
          id: customers.id,
          band: customers.band,
          keyAccount: customers.keyAccount,
          orderBlocked: customers.orderBlocked,
          email: customers.email,
          items: sql<number>`(SELECT COUNT(*) FROM open_items o WHERE o.customer_id = customers.id)`,
          residual:
            sql<string>`(SELECT SUM(residual_cents) FROM open_items o WHERE o.customer_id = customers.id)`.mapWith(
              String,
            ),
        })
        .from(customers)
        .orderBy(customers.id);
    const rows = allRows(q());
    expect(rows).toEqual(q().all());
    expect(rows).toEqual([
      {
        id: 1,
        band: 'A',
        keyAccount: true,
        orderBlocked: false,
        email: 'a@alfa.it',
        items: 2,
        residual: '15050',
      },
      { id: 2, band: null, keyAccount: false, orderBlocked: true, email: null, items: 1, residual: '-3000' },
    ]);
  });

  it("reads a subquery's columns and a grouped query as drizzle does", () => {
    const db = b.ctx.db;
    const g = db
      .select({
        customerId: openItems.customerId,
        total: sql<number>`SUM(${openItems.residualCents})`.as('total'),
      })
      .from(openItems)
      .groupBy(openItems.customerId)
      .as('g');
    const q = () => db.select({ customerId: g.customerId, total: g.total }).from(g).orderBy(g.customerId);
    expect(allRows(q())).toEqual(q().all());
    expect(allRows(q())).toEqual([
      { customerId: 1, total: 15_050 },
      { customerId: 2, total: -3_000 },
    ]);
  });

  it('a nested selection from a left join comes out as drizzle maps it: null where the row has none', () => {
    const db = b.ctx.db;
    const q = () =>
      db
        .select({ code: customers.code, item: { number: openItems.documentNumber, due: openItems.dueDate } })
        .from(customers)
        .leftJoin(
          openItems,
          and(eq(openItems.customerId, customers.id), eq(openItems.documentNumber, 'FT 2')),
        )
        .orderBy(customers.id);
    expect(allRows(q())).toEqual(q().all());
    expect(allRows(q())).toEqual([
      { code: 'C1', item: { number: 'FT 2', due: '2026-11-01' } },
      { code: 'C2', item: null },
    ]);
  });

  it('a nested selection (a joined table as an object) comes out as drizzle maps it', () => {
    const db = b.ctx.db;
    const q = () =>
      db
        .select({ item: { number: openItems.documentNumber }, customer: { code: customers.code } })
        .from(openItems)
        .innerJoin(customers, eq(customers.id, openItems.customerId))
        .orderBy(openItems.id);
    expect(allRows(q())).toEqual(q().all());
    expect(allRows(q())[2]).toEqual({ item: { number: 'NC 1' }, customer: { code: 'C2' } });
  });

  it('allRowsIndexedBy reads through the index named and gives the rows drizzle gives; it refuses another FROM', async () => {
    const db = b.ctx.db;
    const q = () =>
      db
        .select({ item: { number: openItems.documentNumber }, code: customers.code, due: openItems.dueDate })
        .from(openItems)
        .crossJoin(customers)
        .where(eq(customers.id, openItems.customerId))
        .orderBy(openItems.dueDate);
    expect(await allRowsIndexedBy(db, q(), 'open_items', 'open_items_status_due_idx')).toEqual(q().all());
    // A misspelt index is SQLite's error: proof that the hint reached the statement.
    await expect(
      (async () => await allRowsIndexedBy(db, q(), 'open_items', 'no_such_idx'))(),
    ).rejects.toThrow(/no such index/);
    await expect(
      (async () => await allRowsIndexedBy(db, q(), 'customers_x', 'open_items_status_due_idx'))(),
    ).rejects.toThrow(/does not read from customers_x/);
    const outer = db
      .select({ code: customers.code, item: { number: openItems.documentNumber } })
      .from(customers)
      .leftJoin(openItems, eq(openItems.customerId, customers.id));
    await expect(
      (async () => await allRowsIndexedBy(db, outer, 'customers', 'customers_name_nocase_idx'))(),
    ).rejects.toThrow(/outer join/);
  });

  it('allRowsCached gives the rows drizzle gives, asked again with other values, and for an outer join', async () => {
    const db = b.ctx.db;
    const byCustomer = (id: number) =>
      db
        .select({ item: { number: openItems.documentNumber }, code: customers.code })
        .from(openItems)
        .innerJoin(customers, eq(customers.id, openItems.customerId))
        .where(eq(customers.id, id))
        .orderBy(openItems.id);
    for (const id of [1, 2, 1]) expect(await allRowsCached(db, byCustomer(id))).toEqual(byCustomer(id).all());
    expect(await allRowsCached(db, byCustomer(2))).toEqual([{ item: { number: 'NC 1' }, code: 'C2' }]);
    const outer = () =>
      db
        .select({ code: customers.code, item: { number: openItems.documentNumber } })
        .from(customers)
        .leftJoin(
          openItems,
          and(eq(openItems.customerId, customers.id), eq(openItems.documentNumber, 'FT 2')),
        )
        .orderBy(customers.id);
    for (let i = 0; i < 2; i++) expect(await allRowsCached(db, outer())).toEqual(outer().all());
    expect((await allRowsCached(db, outer()))[1]).toEqual({ code: 'C2', item: null });
  });
});
