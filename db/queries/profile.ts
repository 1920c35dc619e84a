/** Queries of the customer profile: header, items, payment history, timeline sources. */
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import {
  attachments,
  bankEntries,
  cases,
  contacts,
  customers,
  disputes,
  importBatches,
  itemEvents,
  openItems,
  planInstallments,
  plans,
  promises,
  tasks,
  users,
} from '../schema.ts';
import { ITEM_DOCUMENT_COLUMNS, isDisputed, openDisputes, stillOpen } from './items.ts';

export type CustomerRecord = typeof customers.$inferSelect;

export async function customerByCode(db: Ledger, code: string): Promise<CustomerRecord | null> {
  return db.select().from(customers).where(eq(customers.code, code)).get() ?? null;
}

export async function customerById(db: Ledger, id: number): Promise<CustomerRecord | null> {
  return db.select().from(customers).where(eq(customers.id, id)).get() ?? null;
}

export async function updateCustomer(
  db: Ledger,
  id: number,
  set: Partial<typeof customers.$inferInsert>,
): Promise<void> {
  db.update(customers).set(set).where(eq(customers.id, id)).run();
}

/** Open items with a non-zero residual, oldest due first, with whether an open dispute covers them. */
export async function openItemsOf(db: Ledger, customerId: number) {
  const disputed = openDisputes(db);
  return db
    .select({
      id: openItems.id,
      ...ITEM_DOCUMENT_COLUMNS,
      paymentMethod: openItems.paymentMethod,
      disputed: isDisputed(disputed),
    })
    .from(openItems)
    .leftJoin(disputed, eq(disputed.itemId, openItems.id))
    .where(and(eq(openItems.customerId, customerId), stillOpen()))
    .orderBy(asc(openItems.dueDate), asc(openItems.documentNumber))
    .all();
}

/** Payment events seen by imports still in force (undone batches excluded) and from bank statements, with their item's dates. */
export async function paymentEventsOf(db: Ledger, customerId: number, since: IsoDate) {
  return (
    db
      .select({
        date: itemEvents.date,
        kind: itemEvents.kind,
        amountCents: itemEvents.amountCents,
        dueDate: openItems.dueDate,
        documentDate: openItems.documentDate,
        documentNumber: openItems.documentNumber,
        documentType: openItems.documentType,
        /** Set for a payment or returned bill from a bank statement (dated on the booking date). */
        bankEntryId: itemEvents.bankEntryId,
        bankPayer: bankEntries.counterpartyName,
        // The creditor reference the payer quoted, else the payer's end-to-end id, else the bank's own.
        bankReference: sql<
          string | null
        >`coalesce(${bankEntries.reference}, ${bankEntries.endToEndId}, ${bankEntries.bankReference})`,
      })
      .from(itemEvents)
      .innerJoin(openItems, eq(openItems.id, itemEvents.itemId))
      // Bank events have no import batch: they count with the bank's date.
      .leftJoin(importBatches, eq(importBatches.id, itemEvents.batchId))
      .leftJoin(bankEntries, eq(bankEntries.id, itemEvents.bankEntryId))
      .where(
        and(
          eq(openItems.customerId, customerId),
          sql`${itemEvents.date} >= ${since}`,
          sql`${importBatches.undoneAt} IS NULL`,
        ),
      )
      .orderBy(asc(itemEvents.date), asc(itemEvents.id))
      .all()
  );
}

/** A table of rows that belong to a customer. */
type CustomerTable = typeof cases | typeof promises | typeof attachments;

/** The rows of `table` that belong to the customer, in `order`. */
async function rowsOfCustomer<T extends CustomerTable>(
  db: Ledger,
  table: T,
  customerId: number,
  order: SQL,
): Promise<T['$inferSelect'][]> {
  const t: CustomerTable = table;
  return db.select().from(t).where(eq(t.customerId, customerId)).orderBy(order).all();
}

export async function casesOf(db: Ledger, customerId: number) {
  return await rowsOfCustomer(db, cases, customerId, asc(cases.id));
}

export async function tasksOf(db: Ledger, customerId: number) {
  return db
    .select({ t: tasks, assignee: users.name })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(eq(tasks.customerId, customerId))
    .orderBy(asc(tasks.id))
    .all();
}

export async function promisesOf(db: Ledger, customerId: number) {
  return await rowsOfCustomer(db, promises, customerId, asc(promises.date));
}

export async function disputesOf(db: Ledger, customerId: number) {
  return db
    .select({ d: disputes, documentNumber: openItems.documentNumber })
    .from(disputes)
    .innerJoin(openItems, eq(openItems.id, disputes.itemId))
    .where(eq(disputes.customerId, customerId))
    .orderBy(asc(disputes.id))
    .all();
}

export async function contactsOf(db: Ledger, customerId: number) {
  return db
    .select({ c: contacts, user: users.name })
    .from(contacts)
    .leftJoin(users, eq(users.id, contacts.userId))
    .where(eq(contacts.customerId, customerId))
    .orderBy(desc(contacts.date), desc(contacts.id))
    .all();
}

export async function attachmentsOf(db: Ledger, customerId: number) {
  return await rowsOfCustomer(db, attachments, customerId, asc(attachments.id));
}

/** The plans, each with its installments in order. */
async function withInstallments(db: Ledger, rows: (typeof plans.$inferSelect)[]) {
  const installments = rows.length
    ? db
        .select()
        .from(planInstallments)
        .where(
          inArray(
            planInstallments.planId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(planInstallments.planId), asc(planInstallments.seq))
        .all()
    : [];
  return rows.map((p) => ({ ...p, installments: installments.filter((i) => i.planId === p.id) }));
}

export async function plansOf(db: Ledger, customerId: number) {
  return await withInstallments(
    db,
    db.select().from(plans).where(eq(plans.customerId, customerId)).orderBy(asc(plans.id)).all(),
  );
}

export async function insertContact(db: Ledger, row: typeof contacts.$inferInsert): Promise<number> {
  return db.insert(contacts).values(row).returning({ id: contacts.id }).get().id;
}

export async function insertAttachment(db: Ledger, row: typeof attachments.$inferInsert): Promise<number> {
  return db.insert(attachments).values(row).returning({ id: attachments.id }).get().id;
}

export async function openCaseOf(db: Ledger, customerId: number) {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.customerId, customerId), ne(cases.status, 'closed')))
    .get();
}

export async function blockedCustomers(db: Ledger) {
  return db
    .select({
      code: customers.code,
      name: customers.name,
      vat: customers.vat,
      reason: customers.orderBlockReason,
      since: customers.orderBlockedOn,
      salesperson: customers.salesperson,
    })
    .from(customers)
    .where(eq(customers.orderBlocked, true))
    .orderBy(asc(customers.name))
    .all();
}

export async function insertPlan(
  db: Ledger,
  row: typeof plans.$inferInsert,
  installments: { dueDate: IsoDate; amountCents: number }[],
): Promise<number> {
  const id = db.insert(plans).values(row).returning({ id: plans.id }).get().id;
  db.insert(planInstallments)
    .values(
      installments.map((i, k) => ({
        planId: id,
        seq: k + 1,
        dueDate: i.dueDate,
        amountCents: i.amountCents,
      })),
    )
    .run();
  return id;
}

export function insertDisputeRows(db: Ledger, rows: (typeof disputes.$inferInsert)[]): number[] {
  return rows.map((r) => db.insert(disputes).values(r).returning({ id: disputes.id }).get().id);
}

export async function disputeById(db: Ledger, id: number) {
  return db.select().from(disputes).where(eq(disputes.id, id)).get() ?? null;
}

/** The dispute rows opened together with this one (same customer, day, reason and note). */
export async function disputeGroup(db: Ledger, id: number) {
  const d = await disputeById(db, id);
  if (!d) return [];
  return db
    .select()
    .from(disputes)
    .where(
      and(
        eq(disputes.customerId, d.customerId),
        eq(disputes.openedOn, d.openedOn),
        eq(disputes.reason, d.reason),
        eq(disputes.status, d.status),
        d.note === null ? sql`${disputes.note} IS NULL` : eq(disputes.note, d.note),
      ),
    )
    .all();
}

export async function updateDisputes(
  db: Ledger,
  ids: number[],
  set: Partial<typeof disputes.$inferInsert>,
): Promise<void> {
  if (ids.length) db.update(disputes).set(set).where(inArray(disputes.id, ids)).run();
}

export async function itemsOfCustomer(db: Ledger, customerId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select()
    .from(openItems)
    .where(and(eq(openItems.customerId, customerId), inArray(openItems.id, ids)))
    .all();
}

export async function attachmentById(db: Ledger, id: number) {
  return db.select().from(attachments).where(eq(attachments.id, id)).get() ?? null;
}

export async function activePlans(db: Ledger) {
  return await withInstallments(db, db.select().from(plans).where(eq(plans.status, 'active')).all());
}

export async function updatePlanInstallment(
  db: Ledger,
  id: number,
  set: Partial<typeof planInstallments.$inferInsert>,
): Promise<void> {
  db.update(planInstallments).set(set).where(eq(planInstallments.id, id)).run();
}

export async function updatePlan(
  db: Ledger,
  id: number,
  set: Partial<typeof plans.$inferInsert>,
): Promise<void> {
  db.update(plans).set(set).where(eq(plans.id, id)).run();
}
