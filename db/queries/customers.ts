import { and, asc, desc, eq, like, ne, or, type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import { customers, openItems } from '../schema.ts';

export type CustomerSort = 'name' | 'code' | 'residual' | 'overdue' | 'oldestDue';

export interface CustomerListQuery {
  asOf: IsoDate;
  search?: string;
  sort: CustomerSort;
  desc: boolean;
  onlyOpen: boolean;
  offset: number;
  limit: number;
}

export interface CustomerListRow {
  id: number;
  code: string;
  name: string;
  vat: string | null;
  area: string | null;
  salesperson: string | null;
  band: string | null;
  orderBlocked: boolean;
  items: number;
  residualCents: number;
  overdueCents: number;
  oldestDueDate: IsoDate | null;
}

/** Customers with their open-item totals at `asOf`; search over name, code and VAT. */
export async function listCustomers(
  db: Ledger,
  q: CustomerListQuery,
): Promise<{ total: number; rows: CustomerListRow[] }> {
  const totals = db
    .select({
      customerId: openItems.customerId,
      items: sql<number>`COUNT(*)`.as('items'),
      residualCents: sql<number>`SUM(${openItems.residualCents})`.as('residual_cents'),
      overdueCents:
        sql<number>`SUM(CASE WHEN ${openItems.residualCents} > 0 AND ${openItems.dueDate} < ${q.asOf} THEN ${openItems.residualCents} ELSE 0 END)`.as(
          'overdue_cents',
        ),
      oldestDueDate: sql<
        string | null
      >`MIN(CASE WHEN ${openItems.residualCents} > 0 AND ${openItems.dueDate} < ${q.asOf} THEN ${openItems.dueDate} END)`.as(
        'oldest_due_date',
      ),
    })
    .from(openItems)
    .where(and(eq(openItems.status, 'open'), ne(openItems.residualCents, 0)))
    .groupBy(openItems.customerId)
    .as('totals');

  const filters: SQL[] = [];
  const term = q.search?.trim();
  if (term) {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const f = or(
      sql`${customers.name} LIKE ${pattern} ESCAPE '\\'`,
      sql`${customers.code} LIKE ${pattern} ESCAPE '\\'`,
      like(customers.vat, pattern),
    );
    if (f) filters.push(f);
  }
  if (q.onlyOpen) filters.push(sql`${totals.customerId} IS NOT NULL`);
  const where = filters.length > 0 ? and(...filters) : undefined;

  const sortCol = {
    name: customers.name,
    code: customers.code,
    residual: sql`COALESCE(${totals.residualCents}, 0)`,
    overdue: sql`COALESCE(${totals.overdueCents}, 0)`,
    oldestDue: sql`COALESCE(${totals.oldestDueDate}, '9999-12-31')`,
  }[q.sort];

  const base = db.select().from(customers).leftJoin(totals, eq(totals.customerId, customers.id));
  const total = db
    .select({ n: sql<number>`COUNT(*)` })
    .from(customers)
    .leftJoin(totals, eq(totals.customerId, customers.id))
    .where(where)
    .get()?.n;
  const rows = base
    .where(where)
    .orderBy(q.desc ? desc(sortCol) : asc(sortCol), asc(customers.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return {
    total: total ?? 0,
    rows: rows.map(({ customers: c, totals: t }) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      vat: c.vat,
      area: c.area,
      salesperson: c.salesperson,
      band: c.band,
      orderBlocked: c.orderBlocked,
      items: t?.items ?? 0,
      residualCents: t?.residualCents ?? 0,
      overdueCents: t?.overdueCents ?? 0,
      oldestDueDate: t?.oldestDueDate ?? null,
    })),
  };
}
