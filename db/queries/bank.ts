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
  importBatches,
  itemEvents,
  openItems,
} from '../schema.ts';

export type BankStatementRow = typeof bankStatements.$inferSelect;
export type BankEntryRow = typeof bankEntries.$inferSelect;
export type BankEntryInsert = typeof bankEntries.$inferInsert;
export type BankMatchRow = typeof bankMatches.$inferSelect;
export type BankMatchInsert = typeof bankMatches.$inferInsert;

/**
 * Prepared statements for the import's hot writes (one entry, a few item payments and matches per
 * credit): drizzle's builders cost ~10x more per row (STACK.md), which matters at 10,000 credits.
 */
const hot = new WeakMap<Ledger, ReturnType<typeof prepareHot>>();
function prepareHot(db: Ledger) {
  const c = db.$client;
  return {
    insertEntry: c.prepare(
      `INSERT INTO bank_entries (statement_id, position, account, booking_date, value_date, amount_cents, direction,
         is_return, counterparty_name, counterparty_iban, remittance, reference, end_to_end_id, bank_reference,
         bank_code, charges_cents, return_reason, fingerprint, status, customer_id, suggestion, reason, evidence)
       VALUES (@statementId, @position, @account, @bookingDate, @valueDate, @amountCents, @direction,
         @isReturn, @counterpartyName, @counterpartyIban, @remittance, @reference, @endToEndId, @bankReference,
         @bankCode, @chargesCents, @returnReason, @fingerprint, @status, @customerId, @suggestion, @reason, @evidence)`,
    ),
    setOutcome: c.prepare(
      `UPDATE bank_entries SET status = @status, customer_id = @customerId, suggestion = @suggestion,
         reason = @reason, evidence = @evidence WHERE id = @id`,
    ),
    openItems: c.prepare(
      `SELECT id, customer_id AS customerId, document_number AS documentNumber, document_date AS documentDate,
         due_date AS dueDate, residual_cents AS residualCents
       FROM open_items WHERE document_type = 'invoice' AND status = 'open' AND residual_cents > 0`,
    ),
    item: c.prepare(
      'SELECT residual_cents AS residual, status, closed_on AS closedOn FROM open_items WHERE id = ?',
    ),
    setItem: c.prepare(
      'UPDATE open_items SET residual_cents = @residual, status = @status, closed_on = @closedOn WHERE id = @id',
    ),
    insertEvent: c.prepare(
      `INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents, bank_entry_id)
       VALUES (@itemId, NULL, @date, @kind, @amountCents, @before, @after, @entryId)`,
    ),
    insertMatch: c.prepare(
      `INSERT INTO bank_matches (entry_id, customer_id, item_id, kind, amount_cents, event_id, residual_before_cents,
         status_before, closed_on_before, origin, user_id, at)
       VALUES (@entryId, @customerId, @itemId, @kind, @amountCents, @eventId, @residualBeforeCents,
         @statusBefore, @closedOnBefore, @origin, @userId, @at)`,
    ),
  };
}
async function statements(db: Ledger) {
  let s = hot.get(db);
  if (!s) {
    s = prepareHot(db);
    hot.set(db, s);
  }
  return s;
}

// --- statements and entries ------------------------------------------------------------------

export async function statementBySha(db: Ledger, sha256: string): Promise<BankStatementRow | null> {
  return db.select().from(bankStatements).where(eq(bankStatements.sha256, sha256)).get() ?? null;
}

export async function insertStatement(db: Ledger, row: typeof bankStatements.$inferInsert): Promise<number> {
  return db.insert(bankStatements).values(row).returning({ id: bankStatements.id }).get().id;
}

export async function setStatementCounts(db: Ledger, id: number, counts: unknown): Promise<void> {
  db.update(bankStatements)
    .set({ counts: JSON.stringify(counts) })
    .where(eq(bankStatements.id, id))
    .run();
}

/** The fingerprints already in the ledger for these accounts between two booking dates (the same movement reported twice). */
export async function knownFingerprints(
  db: Ledger,
  accounts: string[],
  from: IsoDate,
  to: IsoDate,
): Promise<Set<string>> {
  const known = new Set<string>();
  for (const r of db
    .select({ f: bankEntries.fingerprint })
    .from(bankEntries)
    .where(
      and(
        inArray(bankEntries.account, accounts),
        gte(bankEntries.bookingDate, from),
        lte(bankEntries.bookingDate, to),
      ),
    )
    .all())
    known.add(r.f);
  return known;
}

export interface EntryInsert {
  statementId: number;
  position: string;
  account: string;
  bookingDate: IsoDate;
  valueDate: IsoDate | null;
  amountCents: number;
  direction: 'credit' | 'debit';
  isReturn: boolean;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string;
  reference: string | null;
  endToEndId: string | null;
  bankReference: string | null;
  bankCode: string | null;
  chargesCents: number;
  returnReason: string | null;
  fingerprint: string;
}

/** Inserts an entry with what matching decided for it. */
export async function insertEntry(db: Ledger, row: EntryInsert, outcome: EntryOutcome): Promise<number> {
  return Number(
    (await statements(db)).insertEntry.run({ ...row, ...outcome, isReturn: row.isReturn ? 1 : 0 })
      .lastInsertRowid,
  );
}

export interface EntryOutcome {
  status: BankEntryRow['status'];
  customerId: number | null;
  suggestion: string | null;
  reason: string | null;
  evidence: string;
}

/** What matching decided for an entry. */
export async function setEntryOutcome(db: Ledger, id: number, o: EntryOutcome): Promise<void> {
  (await statements(db)).setOutcome.run({ ...o, id });
}

export async function getEntry(db: Ledger, id: number): Promise<BankEntryRow | null> {
  return db.select().from(bankEntries).where(eq(bankEntries.id, id)).get() ?? null;
}

export interface EntryFilter {
  status?: BankEntryRow['status'] | undefined;
  statementId?: number | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  limit: number;
}

export async function listEntries(db: Ledger, f: EntryFilter) {
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

export async function matchCustomers(db: Ledger) {
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

/** Open invoices with something left to pay (all of them: one prepared query, no row mapping). */
export async function allMatchOpenItems(db: Ledger): Promise<MatchItemRow[]> {
  return (await statements(db)).openItems.all() as MatchItemRow[];
}

export interface MatchItemRow {
  id: number;
  customerId: number;
  documentNumber: string;
  documentDate: string;
  dueDate: string;
  residualCents: number;
}

/** What the matching reads of an item (MatchItemRow). */
const MATCH_COLUMNS = {
  id: openItems.id,
  customerId: openItems.customerId,
  documentNumber: openItems.documentNumber,
  documentDate: openItems.documentDate,
  dueDate: openItems.dueDate,
  residualCents: openItems.residualCents,
};

/** Open invoices with something left to pay. */
export async function matchOpenItems(db: Ledger, customerId?: number) {
  return db
    .select(MATCH_COLUMNS)
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

const ITEM_COLUMNS = { ...MATCH_COLUMNS, amountCents: openItems.amountCents };

/** Invoices (partly) paid whose amount is one of these: what a returned bill may have paid. */
export async function paidItemsOfAmounts(db: Ledger, amounts: number[]) {
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

export async function itemsByNumbers(db: Ledger, numbers: string[], customerId?: number) {
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

export async function itemsByIds(db: Ledger, ids: number[]) {
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

async function moveResidual(
  db: Ledger,
  itemId: number,
  amountCents: number,
  date: IsoDate,
  entryId: number,
  direction: 'pay' | 'reopen',
  known?: ItemState,
): Promise<ItemChange> {
  const st = await statements(db);
  const item = known ?? (st.item.get(itemId) as ItemState | undefined);
  if (!item) throw new Error(`open item ${itemId} not found`);
  const after = direction === 'pay' ? item.residual - amountCents : item.residual + amountCents;
  const closes = direction === 'pay' && after === 0;
  st.setItem.run({
    id: itemId,
    residual: after,
    status: closes ? 'closed' : direction === 'reopen' ? 'open' : item.status,
    closedOn: closes ? date : direction === 'reopen' ? null : item.closedOn,
  });
  const eventId = Number(
    st.insertEvent.run({
      itemId,
      date,
      kind: direction === 'reopen' ? 'reversal' : closes ? 'payment' : 'partial_payment',
      amountCents,
      before: item.residual,
      after,
      entryId,
    }).lastInsertRowid,
  );
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
export interface ItemState {
  residual: number;
  status: 'open' | 'closed';
  closedOn: string | null;
}

/**
 * Pays `amountCents` on an item: residual down, closed at 0, a payment event dated `date`.
 * `known`: the item's state as the caller holds it in the same transaction (the import's index),
 * which spares a read per payment.
 */
export async function payItem(
  db: Ledger,
  itemId: number,
  amountCents: number,
  date: IsoDate,
  entryId: number,
  known?: ItemState,
): Promise<ItemChange> {
  return await moveResidual(db, itemId, amountCents, date, entryId, 'pay', known);
}

/** A returned bill: the item reopens by `amountCents` on `date` (a reversal event). */
export async function reopenItem(
  db: Ledger,
  itemId: number,
  amountCents: number,
  date: IsoDate,
  entryId: number,
): Promise<ItemChange> {
  return await moveResidual(db, itemId, amountCents, date, entryId, 'reopen');
}

/** Takes back what a match did to its item: the residual moves back by the amount, the event goes. */
export async function revertItemChange(
  db: Ledger,
  m: Pick<BankMatchRow, 'itemId' | 'kind' | 'amountCents' | 'eventId' | 'statusBefore' | 'closedOnBefore'>,
): Promise<void> {
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

export async function insertMatch(db: Ledger, row: BankMatchInsert): Promise<number> {
  return Number(
    (await statements(db)).insertMatch.run({
      itemId: null,
      eventId: null,
      residualBeforeCents: null,
      statusBefore: null,
      closedOnBefore: null,
      userId: null,
      ...row,
    }).lastInsertRowid,
  );
}

export async function activeMatchesOf(db: Ledger, entryId: number): Promise<BankMatchRow[]> {
  return db
    .select()
    .from(bankMatches)
    .where(and(eq(bankMatches.entryId, entryId), isNull(bankMatches.undoneAt)))
    .all();
}

export async function markMatchesUndone(
  db: Ledger,
  entryId: number,
  at: string,
  userId: number | null,
): Promise<void> {
  db.update(bankMatches)
    .set({ undoneAt: at, undoneBy: userId })
    .where(and(eq(bankMatches.entryId, entryId), isNull(bankMatches.undoneAt)))
    .run();
}

/** Overpayments kept on a customer's account (credits from the bank not undone). */
export async function bankCreditsOf(db: Ledger, customerId: number): Promise<number> {
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

export async function learnIban(
  db: Ledger,
  customerId: number,
  iban: string,
  on: IsoDate,
  entryId: number,
): Promise<boolean> {
  const r = db
    .insert(customerIbans)
    .values({ customerId, iban, learnedOn: on, entryId })
    .onConflictDoNothing()
    .run();
  return r.changes > 0;
}

export async function forgetIbansFrom(db: Ledger, entryId: number): Promise<void> {
  db.delete(customerIbans).where(eq(customerIbans.entryId, entryId)).run();
}

export async function ibansOf(db: Ledger, customerId: number): Promise<string[]> {
  return db
    .select({ iban: customerIbans.iban })
    .from(customerIbans)
    .where(eq(customerIbans.customerId, customerId))
    .all()
    .map((r) => r.iban);
}

// --- the collector's task for a returned bill ---------------------------------------------------

export async function activeCaseOf(db: Ledger, customerId: number) {
  return (
    db
      .select()
      .from(cases)
      .where(and(eq(cases.customerId, customerId), ne(cases.status, 'closed')))
      .get() ?? null
  );
}

// --- bank payments a later export does not reflect ------------------------------------------------

/**
 * Payments from the bank still in force whose item a later aged-receivables import reopened or
 * raised again beyond what it owed before the bank paid it (an export that only lags behind the bank
 * keeps the payment: services/import/bank-lag.ts): one row per such payment, for the accountant.
 */
export async function unreflectedBankPayments(db: Ledger) {
  const rows = db
    .select({
      matchId: bankMatches.id,
      entryId: bankMatches.entryId,
      bookingDate: bankEntries.bookingDate,
      customerCode: customers.code,
      customerName: customers.name,
      documentNumber: openItems.documentNumber,
      amountCents: bankMatches.amountCents,
      residualCents: openItems.residualCents,
      batch: importBatches.id,
      reopenedOn: itemEvents.date,
    })
    .from(bankMatches)
    .innerJoin(bankEntries, eq(bankEntries.id, bankMatches.entryId))
    .innerJoin(openItems, eq(openItems.id, bankMatches.itemId))
    .innerJoin(customers, eq(customers.id, bankMatches.customerId))
    .innerJoin(
      itemEvents,
      and(
        eq(itemEvents.itemId, bankMatches.itemId),
        sql`${itemEvents.id} > ${bankMatches.eventId}`,
        inArray(itemEvents.kind, ['reversal', 'increase']),
      ),
    )
    .innerJoin(importBatches, eq(importBatches.id, itemEvents.batchId))
    .where(and(eq(bankMatches.kind, 'payment'), isNull(bankMatches.undoneAt), isNull(importBatches.undoneAt)))
    .orderBy(desc(itemEvents.date), desc(itemEvents.id), desc(bankMatches.id))
    .all();
  // A reopening records a reversal and an increase, and later imports may raise it again: one row per
  // payment, the latest import that went against it.
  const seen = new Set<number>();
  return rows.flatMap(({ matchId, ...row }) => {
    if (seen.has(matchId)) return [];
    seen.add(matchId);
    return [row];
  });
}

// --- bank payments the next export may not show yet -----------------------------------------------

/** The bank payments an item received since anything else last changed it, for the snapshot import. */
export interface BankPaymentsAwaitingExport {
  /** The item's residual before the first of them: what an export lagging behind the bank still shows. */
  residualBeforeCents: number;
  payments: { date: string; amountCents: number; reference: string | null }[];
}

/**
 * Per item, the bank payments still in force that no later event follows (an import's change, a
 * returned bill, another payment from the export) and that no snapshot has reflected yet (listed
 * the item at or below the bank's residual, or no longer listed it closed): one query over the
 * items the bank ever paid. A reflected payment counts as any other event: what follows it is a
 * change in the accounts, not the export lagging.
 */
export async function bankPaymentsAwaitingExport(
  db: Ledger,
): Promise<Map<number, BankPaymentsAwaitingExport>> {
  const rows = db.$client
    .prepare(
      `SELECT e.item_id AS itemId, e.kind, e.date, e.amount_cents AS amountCents,
              e.residual_before_cents AS residualBeforeCents, e.bank_entry_id AS entryId,
              coalesce(b.bank_reference, b.end_to_end_id, b.reference) AS reference,
              EXISTS (SELECT 1 FROM bank_matches m
                       WHERE m.event_id = e.id AND m.reflected_batch_id IS NOT NULL) AS reflected
         FROM item_events e LEFT JOIN bank_entries b ON b.id = e.bank_entry_id
        WHERE e.item_id IN (SELECT item_id FROM item_events WHERE bank_entry_id IS NOT NULL)
        ORDER BY e.item_id, e.id`,
    )
    .all() as {
    itemId: number;
    kind: string;
    date: string;
    amountCents: number;
    residualBeforeCents: number;
    entryId: number | null;
    reference: string | null;
    reflected: number;
  }[];
  const out = new Map<number, BankPaymentsAwaitingExport>();
  for (const r of rows) {
    const bankPayment =
      r.entryId !== null && r.reflected === 0 && (r.kind === 'payment' || r.kind === 'partial_payment');
    if (!bankPayment) {
      out.delete(r.itemId);
      continue;
    }
    const payment = { date: r.date, amountCents: r.amountCents, reference: r.reference };
    const known = out.get(r.itemId);
    if (known) known.payments.push(payment);
    else out.set(r.itemId, { residualBeforeCents: r.residualBeforeCents, payments: [payment] });
  }
  return out;
}

/** The bank payments of these items still awaiting an export: reflected by snapshot import `batchId`. */
export async function markBankPaymentsReflected(
  db: Ledger,
  itemIds: readonly number[],
  batchId: number,
): Promise<void> {
  const mark = db.$client.prepare(
    `UPDATE bank_matches SET reflected_batch_id = ?
      WHERE item_id = ? AND kind = 'payment' AND undone_at IS NULL AND reflected_batch_id IS NULL`,
  );
  for (const id of itemIds) mark.run(batchId, id);
}

/** Undo of import `batchId`: the payments it reflected await the export again. */
export async function clearBankPaymentsReflected(db: Ledger, batchId: number): Promise<void> {
  db.$client
    .prepare('UPDATE bank_matches SET reflected_batch_id = NULL WHERE reflected_batch_id = ?')
    .run(batchId);
}

// --- the day's totals ------------------------------------------------------------------------------

export interface BankDayTotals {
  date: string | null;
  credits: number;
  creditsCents: number;
  matched: number;
  matchedCents: number;
  suggested: number;
  suggestedCents: number;
  unmatched: number;
  unmatchedCents: number;
  returned: number;
  returnedCents: number;
  debits: number;
  debitsCents: number;
}

/**
 * What the bank booked on a day, by outcome: `date`, or the latest booking day up to `today`
 * (the statement a clerk is working) when none is given; null when the bank has booked nothing yet.
 */
export async function bankDayTotals(
  db: Ledger,
  date: IsoDate | undefined,
  today: IsoDate,
): Promise<BankDayTotals> {
  const c = db.$client;
  const day =
    date ??
    (
      c.prepare('SELECT max(booking_date) AS d FROM bank_entries WHERE booking_date <= ?').get(today) as {
        d: string | null;
      }
    ).d ??
    null;
  const totals: BankDayTotals = {
    date: day,
    credits: 0,
    creditsCents: 0,
    matched: 0,
    matchedCents: 0,
    suggested: 0,
    suggestedCents: 0,
    unmatched: 0,
    unmatchedCents: 0,
    returned: 0,
    returnedCents: 0,
    debits: 0,
    debitsCents: 0,
  };
  if (day === null) return totals;
  const rows = c
    .prepare(
      `SELECT direction, status, count(*) AS n, coalesce(sum(amount_cents), 0) AS cents
         FROM bank_entries WHERE booking_date = ? GROUP BY direction, status`,
    )
    .all(day) as { direction: 'credit' | 'debit'; status: string; n: number; cents: number }[];
  for (const r of rows) {
    if (r.direction === 'credit') {
      totals.credits += r.n;
      totals.creditsCents += r.cents;
      if (r.status === 'matched' || r.status === 'suggested' || r.status === 'unmatched') {
        totals[r.status] += r.n;
        totals[`${r.status}Cents`] += r.cents;
      }
    } else {
      totals.debits += r.n;
      totals.debitsCents += r.cents;
      if (r.status === 'returned') {
        totals.returned += r.n;
        totals.returnedCents += r.cents;
      }
    }
  }
  return totals;
}
