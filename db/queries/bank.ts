/** Queries of the bank statements: statements, entries, matches, learned IBANs, item payments. */
import { and, desc, eq, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import {
  bankEntries,
  bankMatches,
  bankStatements,
  cases,
  customerIbans,
  customers,
  itemEvents,
  openItems,
} from '../schema.ts';

export type BankStatementRow = typeof bankStatements.$inferSelect;
export type BankEntryRow = typeof bankEntries.$inferSelect;
export type BankEntryInsert = typeof bankEntries.$inferInsert;
export type BankMatchRow = typeof bankMatches.$inferSelect;
export type BankMatchInsert = typeof bankMatches.$inferInsert;

// --- statements and entries ------------------------------------------------------------------

export function statementBySha(db: Ledger, sha256: string): BankStatementRow | null {
  return db.select().from(bankStatements).where(eq(bankStatements.sha256, sha256)).get() ?? null;
}

export function insertStatement(db: Ledger, row: typeof bankStatements.$inferInsert): number {
  return db.insert(bankStatements).values(row).returning({ id: bankStatements.id }).get().id;
}

export function setStatementCounts(db: Ledger, id: number, counts: unknown): void {
  db.update(bankStatements)
    .set({ counts: JSON.stringify(counts) })
    .where(eq(bankStatements.id, id))
    .run();
}

/** The fingerprints already in the ledger among these (the same movement reported twice). */
export function knownFingerprints(db: Ledger, fingerprints: string[]): Set<string> {
  const known = new Set<string>();
  for (let i = 0; i < fingerprints.length; i += 500) {
    const chunk = fingerprints.slice(i, i + 500);
    for (const r of db
      .select({ f: bankEntries.fingerprint })
      .from(bankEntries)
      .where(inArray(bankEntries.fingerprint, chunk))
      .all())
      known.add(r.f);
  }
  return known;
}

export function insertEntry(db: Ledger, row: BankEntryInsert): number {
  return db.insert(bankEntries).values(row).returning({ id: bankEntries.id }).get().id;
}

export function getEntry(db: Ledger, id: number): BankEntryRow | null {
  return db.select().from(bankEntries).where(eq(bankEntries.id, id)).get() ?? null;
}

export function updateEntry(db: Ledger, id: number, set: Partial<BankEntryInsert>): void {
  db.update(bankEntries).set(set).where(eq(bankEntries.id, id)).run();
}

export interface EntryFilter {
  status?: BankEntryRow['status'] | undefined;
  statementId?: number | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  limit: number;
}

export function listEntries(db: Ledger, f: EntryFilter) {
  const where = and(
    f.status ? eq(bankEntries.status, f.status) : undefined,
    f.statementId !== undefined ? eq(bankEntries.statementId, f.statementId) : undefined,
    f.from ? gte(bankEntries.bookingDate, f.from) : undefined,
    f.to ? lte(bankEntries.bookingDate, f.to) : undefined,
  );
  return db
    .select({
      entry: bankEntries,
      customerCode: customers.code,
      customerName: customers.name,
    })
    .from(bankEntries)
    .leftJoin(customers, eq(customers.id, bankEntries.customerId))
    .where(where)
    .orderBy(desc(bankEntries.bookingDate), desc(bankEntries.id))
    .limit(f.limit)
    .all();
}

// --- the ledger as the matcher sees it -------------------------------------------------------

export function matchCustomers(db: Ledger) {
  const rows = db
    .select({ id: customers.id, code: customers.code, name: customers.name, iban: customers.iban })
    .from(customers)
    .all();
  const learned = new Map<number, string[]>();
  for (const r of db
    .select({ c: customerIbans.customerId, iban: customerIbans.iban })
    .from(customerIbans)
    .all()) {
    const list = learned.get(r.c);
    if (list) list.push(r.iban);
    else learned.set(r.c, [r.iban]);
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    ibans: [...(r.iban ? [r.iban] : []), ...(learned.get(r.id) ?? [])],
  }));
}

/** Open invoices with something left to pay. */
export function matchOpenItems(db: Ledger, customerId?: number) {
  return db
    .select({
      id: openItems.id,
      customerId: openItems.customerId,
      documentNumber: openItems.documentNumber,
      documentDate: openItems.documentDate,
      dueDate: openItems.dueDate,
      residualCents: openItems.residualCents,
    })
    .from(openItems)
    .where(
      and(
        eq(openItems.documentType, 'invoice'),
        eq(openItems.status, 'open'),
        sql`${openItems.residualCents} > 0`,
        customerId !== undefined ? eq(openItems.customerId, customerId) : undefined,
      ),
    )
    .all();
}

const ITEM_COLUMNS = {
  id: openItems.id,
  customerId: openItems.customerId,
  documentNumber: openItems.documentNumber,
  documentDate: openItems.documentDate,
  dueDate: openItems.dueDate,
  residualCents: openItems.residualCents,
  amountCents: openItems.amountCents,
};

/** Invoices (partly) paid whose amount is one of these: what a returned bill may have paid. */
export function paidItemsOfAmounts(db: Ledger, amounts: number[]) {
  if (amounts.length === 0) return [];
  return db
    .select(ITEM_COLUMNS)
    .from(openItems)
    .where(
      and(
        eq(openItems.documentType, 'invoice'),
        inArray(openItems.amountCents, [...new Set(amounts)]),
        lt(openItems.residualCents, openItems.amountCents),
      ),
    )
    .all();
}

export function itemsByNumbers(db: Ledger, numbers: string[], customerId?: number) {
  return db
    .select({ ...ITEM_COLUMNS, status: openItems.status })
    .from(openItems)
    .where(
      and(
        eq(openItems.documentType, 'invoice'),
        inArray(openItems.documentNumber, numbers),
        customerId !== undefined ? eq(openItems.customerId, customerId) : undefined,
      ),
    )
    .all();
}

export function itemsByIds(db: Ledger, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: openItems.id, documentNumber: openItems.documentNumber, dueDate: openItems.dueDate })
    .from(openItems)
    .where(inArray(openItems.id, ids))
    .all();
}

// --- payments and returns on items -------------------------------------------------------------

export interface ItemChange {
  itemId: number;
  eventId: number;
  residualBeforeCents: number;
  statusBefore: 'open' | 'closed';
  closedOnBefore: string | null;
  residualAfterCents: number;
}

function moveResidual(
  db: Ledger,
  itemId: number,
  amountCents: number,
  date: IsoDate,
  entryId: number,
  direction: 'pay' | 'reopen',
): ItemChange {
  const item = db
    .select({ residual: openItems.residualCents, status: openItems.status, closedOn: openItems.closedOn })
    .from(openItems)
    .where(eq(openItems.id, itemId))
    .get();
  if (!item) throw new Error(`open item ${itemId} not found`);
  const after = direction === 'pay' ? item.residual - amountCents : item.residual + amountCents;
  const closes = direction === 'pay' && after === 0;
  db.update(openItems)
    .set(
      closes
        ? { residualCents: 0, status: 'closed', closedOn: date }
        : direction === 'reopen'
          ? { residualCents: after, status: 'open', closedOn: null }
          : { residualCents: after },
    )
    .where(eq(openItems.id, itemId))
    .run();
  const eventId = db
    .insert(itemEvents)
    .values({
      itemId,
      batchId: null,
      date,
      kind: direction === 'reopen' ? 'reversal' : closes ? 'payment' : 'partial_payment',
      amountCents,
      residualBeforeCents: item.residual,
      residualAfterCents: after,
      bankEntryId: entryId,
    })
    .returning({ id: itemEvents.id })
    .get().id;
  return {
    itemId,
    eventId,
    residualBeforeCents: item.residual,
    statusBefore: item.status,
    closedOnBefore: item.closedOn,
    residualAfterCents: after,
  };
}

/** Pays `amountCents` on an item: residual down, closed at 0, a payment event dated `date`. */
export function payItem(
  db: Ledger,
  itemId: number,
  amountCents: number,
  date: IsoDate,
  entryId: number,
): ItemChange {
  return moveResidual(db, itemId, amountCents, date, entryId, 'pay');
}

/** A returned bill: the item reopens by `amountCents` on `date` (a reversal event). */
export function reopenItem(
  db: Ledger,
  itemId: number,
  amountCents: number,
  date: IsoDate,
  entryId: number,
): ItemChange {
  return moveResidual(db, itemId, amountCents, date, entryId, 'reopen');
}

/** Takes back what a match did to its item: the residual moves back by the amount, the event goes. */
export function revertItemChange(
  db: Ledger,
  m: Pick<BankMatchRow, 'itemId' | 'kind' | 'amountCents' | 'eventId' | 'statusBefore' | 'closedOnBefore'>,
): void {
  if (m.itemId === null) return;
  const item = db
    .select({ residual: openItems.residualCents })
    .from(openItems)
    .where(eq(openItems.id, m.itemId))
    .get();
  if (!item) return;
  const residual = m.kind === 'return' ? item.residual - m.amountCents : item.residual + m.amountCents;
  const closed = residual === 0;
  db.update(openItems)
    .set({
      residualCents: residual,
      status: closed ? 'closed' : 'open',
      closedOn: closed ? (m.statusBefore === 'closed' ? m.closedOnBefore : null) : null,
    })
    .where(eq(openItems.id, m.itemId))
    .run();
  if (m.eventId !== null) db.delete(itemEvents).where(eq(itemEvents.id, m.eventId)).run();
}

export function insertMatch(db: Ledger, row: BankMatchInsert): number {
  return db.insert(bankMatches).values(row).returning({ id: bankMatches.id }).get().id;
}

export function activeMatchesOf(db: Ledger, entryId: number): BankMatchRow[] {
  return db
    .select()
    .from(bankMatches)
    .where(and(eq(bankMatches.entryId, entryId), isNull(bankMatches.undoneAt)))
    .all();
}

export function markMatchesUndone(db: Ledger, entryId: number, at: string, userId: number | null): void {
  db.update(bankMatches)
    .set({ undoneAt: at, undoneBy: userId })
    .where(and(eq(bankMatches.entryId, entryId), isNull(bankMatches.undoneAt)))
    .run();
}

/** Overpayments kept on a customer's account (credits from the bank not undone). */
export function bankCreditsOf(db: Ledger, customerId: number): number {
  return (
    db
      .select({ s: sql<number>`COALESCE(SUM(${bankMatches.amountCents}), 0)` })
      .from(bankMatches)
      .where(
        and(
          eq(bankMatches.customerId, customerId),
          eq(bankMatches.kind, 'credit'),
          isNull(bankMatches.undoneAt),
        ),
      )
      .get()?.s ?? 0
  );
}

// --- IBANs learned -----------------------------------------------------------------------------

export function learnIban(
  db: Ledger,
  customerId: number,
  iban: string,
  on: IsoDate,
  entryId: number,
): boolean {
  const r = db
    .insert(customerIbans)
    .values({ customerId, iban, learnedOn: on, entryId })
    .onConflictDoNothing()
    .run();
  return r.changes > 0;
}

export function forgetIbansFrom(db: Ledger, entryId: number): void {
  db.delete(customerIbans).where(eq(customerIbans.entryId, entryId)).run();
}

export function ibansOf(db: Ledger, customerId: number): string[] {
  return db
    .select({ iban: customerIbans.iban })
    .from(customerIbans)
    .where(eq(customerIbans.customerId, customerId))
    .all()
    .map((r) => r.iban);
}

// --- the collector's task for a returned bill ---------------------------------------------------

export function activeCaseOf(db: Ledger, customerId: number) {
  return (
    db
      .select()
      .from(cases)
      .where(and(eq(cases.customerId, customerId), ne(cases.status, 'closed')))
      .get() ?? null
  );
}
