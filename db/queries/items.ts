/** Pieces of the queries that read open items: the document columns, the open-dispute flag, what is still open. */
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { disputes, openItems } from '../schema.ts';

/** An item's document and amounts, in the order the item lists show them. */
export const ITEM_DOCUMENT_COLUMNS = {
  documentType: openItems.documentType,
  documentNumber: openItems.documentNumber,
  documentDate: openItems.documentDate,
  dueDate: openItems.dueDate,
  installment: openItems.installment,
  amountCents: openItems.amountCents,
  residualCents: openItems.residualCents,
};

/** The items an open dispute covers: a subquery to left-join on the item's id (see `isDisputed`). */
export function openDisputes(db: Ledger) {
  return db
    .selectDistinct({ itemId: disputes.itemId })
    .from(disputes)
    .where(eq(disputes.status, 'open'))
    .as('disputed');
}

/** 1 when the left-joined `openDisputes` row is there (an open dispute covers the item), else 0. */
export const isDisputed = (disputed: ReturnType<typeof openDisputes>) =>
  sql<number>`${disputed.itemId} IS NOT NULL`;

/** An item still open with something left on it (a credit note's residual is negative). */
export function stillOpen(): SQL | undefined {
  return and(eq(openItems.status, 'open'), ne(openItems.residualCents, 0));
}
