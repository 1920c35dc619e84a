/** Queries of letters, e-mail and PEC: rates, templates, the archive, batches, outbox, receipts. */
import { and, asc, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/domain/dates.ts';
import { type Language, LETTER_CHANNELS, type LetterChannel } from '../../shared/domain/vocabulary.ts';
import type { Ledger } from '../open.ts';
import {
  cases,
  customers,
  interestRates,
  itemReminders,
  letterBatches,
  letters,
  letterTemplates,
  mailAttempts,
  mailOutbox,
  openItems,
  pecReceipts,
  tasks,
  users,
} from '../schema.ts';
import { ITEM_DOCUMENT_COLUMNS, isDisputed, openDisputes, stillOpen } from './items.ts';
import { type CustomerRecord, customerByCode, insertContact } from './profile.ts';

export type { CustomerRecord };

export type RateRecord = typeof interestRates.$inferSelect;
export type LetterRecord = typeof letters.$inferSelect;
export type BatchRecord = typeof letterBatches.$inferSelect;
export type OutboxRecord = typeof mailOutbox.$inferSelect;

// --- rates -----------------------------------------------------------------------------------

export async function listRates(db: Ledger): Promise<RateRecord[]> {
  return db.select().from(interestRates).orderBy(asc(interestRates.fromDate)).all();
}

export async function getRate(db: Ledger, fromDate: IsoDate): Promise<RateRecord | null> {
  return db.select().from(interestRates).where(eq(interestRates.fromDate, fromDate)).get() ?? null;
}

/** Adds shipped rows the ledger does not have yet; a row the user entered is never overwritten. */
export async function insertMissingRates(
  db: Ledger,
  rows: (typeof interestRates.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  db.insert(interestRates).values(rows).onConflictDoNothing({ target: interestRates.fromDate }).run();
}

export async function upsertRate(db: Ledger, row: typeof interestRates.$inferInsert): Promise<void> {
  const { fromDate: _key, ...set } = row;
  db.insert(interestRates).values(row).onConflictDoUpdate({ target: interestRates.fromDate, set }).run();
}

// --- templates -------------------------------------------------------------------------------

export type TemplateRecord = typeof letterTemplates.$inferSelect;

export async function listTemplateRows(db: Ledger): Promise<TemplateRecord[]> {
  return db.select().from(letterTemplates).all();
}

export async function getTemplateRow(
  db: Ledger,
  name: string,
  language: Language,
): Promise<TemplateRecord | null> {
  return (
    db
      .select()
      .from(letterTemplates)
      .where(and(eq(letterTemplates.name, name), eq(letterTemplates.language, language)))
      .get() ?? null
  );
}

export async function upsertTemplateRow(db: Ledger, row: typeof letterTemplates.$inferInsert): Promise<void> {
  db.insert(letterTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: [letterTemplates.name, letterTemplates.language],
      set: { texts: row.texts, updatedAt: row.updatedAt, updatedBy: row.updatedBy ?? null },
    })
    .run();
}

export async function deleteTemplateRow(db: Ledger, name: string, language: Language): Promise<void> {
  db.delete(letterTemplates)
    .where(and(eq(letterTemplates.name, name), eq(letterTemplates.language, language)))
    .run();
}

// --- customers and their items ---------------------------------------------------------------

export { customerByCode };

export async function customersByIds(db: Ledger, ids: number[]): Promise<CustomerRecord[]> {
  return ids.length ? db.select().from(customers).where(inArray(customers.id, ids)).all() : [];
}

/** Open items with a residual, and whether an open dispute covers them. */
export async function letterItems(db: Ledger, customerIds: number[]) {
  if (customerIds.length === 0) return [];
  const disputed = openDisputes(db);
  // How many reminders each item appeared in (per-invoice levels).
  const reminded = db
    .select({ itemId: itemReminders.itemId, n: sql<number>`COUNT(*)`.as('n') })
    .from(itemReminders)
    .groupBy(itemReminders.itemId)
    .as('reminded');
  return db
    .select({
      id: openItems.id,
      customerId: openItems.customerId,
      ...ITEM_DOCUMENT_COLUMNS,
      disputed: isDisputed(disputed),
      reminders: sql<number>`COALESCE(${reminded.n}, 0)`,
    })
    .from(openItems)
    .leftJoin(disputed, eq(disputed.itemId, openItems.id))
    .leftJoin(reminded, eq(reminded.itemId, openItems.id))
    .where(and(inArray(openItems.customerId, customerIds), stillOpen()))
    .all();
}

/** The policy name of the customers' open (not closed) cases. */
export async function openCasePolicies(db: Ledger, customerIds: number[]): Promise<Map<number, string>> {
  if (customerIds.length === 0) return new Map();
  const rows = db
    .select({ customerId: cases.customerId, policyName: cases.policyName })
    .from(cases)
    .where(and(inArray(cases.customerId, customerIds), ne(cases.status, 'closed')))
    .all();
  return new Map(rows.map((r) => [r.customerId, r.policyName]));
}

// --- tasks -----------------------------------------------------------------------------------

/** Open letter, e-mail and PEC tasks due by `today` (all of them, or the given ids). */
export async function dueLetterTasks(
  db: Ledger,
  today: IsoDate,
  opts: { types?: readonly LetterChannel[]; ids?: number[] } = {},
) {
  const conds = [
    eq(tasks.status, 'open'),
    lte(tasks.dueDate, today),
    inArray(tasks.type, [...(opts.types ?? LETTER_CHANNELS)]),
  ];
  if (opts.ids) conds.push(inArray(tasks.id, opts.ids.length ? opts.ids : [-1]));
  return db
    .select({
      t: tasks,
      customerCode: customers.code,
      customerName: customers.name,
      language: customers.language,
      email: customers.email,
      dunningEmail: customers.dunningContactEmail,
      pec: customers.pec,
      address: customers.address,
      assignee: users.name,
      overdueCents: cases.overdueCents,
    })
    .from(tasks)
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(...conds))
    .orderBy(asc(tasks.template), asc(customers.name), asc(tasks.id))
    .all();
}
export type LetterTaskRow = Awaited<ReturnType<typeof dueLetterTasks>>[number];

// --- the archive -----------------------------------------------------------------------------

export async function insertLetter(db: Ledger, row: typeof letters.$inferInsert): Promise<number> {
  return db.insert(letters).values(row).returning({ id: letters.id }).get().id;
}

export async function updateLetter(
  db: Ledger,
  id: number,
  set: Partial<typeof letters.$inferInsert>,
): Promise<void> {
  db.update(letters).set(set).where(eq(letters.id, id)).run();
}

export async function getLetter(db: Ledger, id: number): Promise<LetterRecord | null> {
  return db.select().from(letters).where(eq(letters.id, id)).get() ?? null;
}

export async function lettersOfBatch(db: Ledger, batchId: number): Promise<LetterRecord[]> {
  return db.select().from(letters).where(eq(letters.batchId, batchId)).orderBy(asc(letters.id)).all();
}

/** Letters produced for these tasks and never sent are replaced by a new batch's. */
export async function supersedeGenerated(db: Ledger, taskIds: number[]): Promise<void> {
  if (taskIds.length === 0) return;
  db.update(letters)
    .set({ status: 'superseded' })
    .where(and(inArray(letters.taskId, taskIds), eq(letters.status, 'generated')))
    .run();
}

/** The last row of each task, from rows in the order they were written. */
function lastByTask<R extends { taskId: number | null }>(rows: R[]): Map<number, R> {
  const map = new Map<number, R>();
  for (const r of rows) if (r.taskId !== null) map.set(r.taskId, r);
  return map;
}

/** The latest letter of each task. */
export async function latestLetterByTask(db: Ledger, taskIds: number[]): Promise<Map<number, LetterRecord>> {
  if (taskIds.length === 0) return new Map();
  return lastByTask(
    db.select().from(letters).where(inArray(letters.taskId, taskIds)).orderBy(asc(letters.id)).all(),
  );
}

export async function listLetters(db: Ledger, f: { customerId?: number; limit: number }) {
  return db
    .select({ l: letters, customerCode: customers.code, customerName: customers.name })
    .from(letters)
    .innerJoin(customers, eq(customers.id, letters.customerId))
    .where(f.customerId !== undefined ? eq(letters.customerId, f.customerId) : undefined)
    .orderBy(desc(letters.id))
    .limit(f.limit)
    .all();
}

export async function insertBatch(db: Ledger, row: typeof letterBatches.$inferInsert): Promise<number> {
  return db.insert(letterBatches).values(row).returning({ id: letterBatches.id }).get().id;
}

export async function getBatch(db: Ledger, id: number): Promise<BatchRecord | null> {
  return db.select().from(letterBatches).where(eq(letterBatches.id, id)).get() ?? null;
}

export async function updateBatch(
  db: Ledger,
  id: number,
  set: Partial<typeof letterBatches.$inferInsert>,
): Promise<void> {
  db.update(letterBatches).set(set).where(eq(letterBatches.id, id)).run();
}

/** A row of the customer's contact log (the timeline shows letters, e-mails and PECs from it). */
export { insertContact as insertContactRow };

// --- outbox ----------------------------------------------------------------------------------

export async function insertOutbox(db: Ledger, row: typeof mailOutbox.$inferInsert): Promise<number> {
  return db.insert(mailOutbox).values(row).returning({ id: mailOutbox.id }).get().id;
}

export async function updateOutbox(
  db: Ledger,
  id: number,
  set: Partial<typeof mailOutbox.$inferInsert>,
): Promise<void> {
  db.update(mailOutbox).set(set).where(eq(mailOutbox.id, id)).run();
}

export async function insertAttempt(db: Ledger, row: typeof mailAttempts.$inferInsert): Promise<void> {
  db.insert(mailAttempts).values(row).run();
}

export async function attemptsOf(db: Ledger, outboxId: number) {
  return db
    .select()
    .from(mailAttempts)
    .where(eq(mailAttempts.outboxId, outboxId))
    .orderBy(asc(mailAttempts.id))
    .all();
}

/** The latest message of each task in the outbox. */
export async function latestOutboxByTask(db: Ledger, taskIds: number[]): Promise<Map<number, OutboxRecord>> {
  if (taskIds.length === 0) return new Map();
  return lastByTask(
    db.select().from(mailOutbox).where(inArray(mailOutbox.taskId, taskIds)).orderBy(asc(mailOutbox.id)).all(),
  );
}

export async function outboxByMessageId(db: Ledger, messageId: string): Promise<OutboxRecord | null> {
  return db.select().from(mailOutbox).where(eq(mailOutbox.messageId, messageId)).get() ?? null;
}

// --- PEC receipts ----------------------------------------------------------------------------

export async function receiptBySha(db: Ledger, sha256: string) {
  return db.select().from(pecReceipts).where(eq(pecReceipts.sha256, sha256)).get() ?? null;
}

export async function insertReceipt(db: Ledger, row: typeof pecReceipts.$inferInsert): Promise<number> {
  return db.insert(pecReceipts).values(row).returning({ id: pecReceipts.id }).get().id;
}

export async function receiptsOfLetters(db: Ledger, letterIds: number[]) {
  if (letterIds.length === 0) return [];
  return db
    .select({
      id: pecReceipts.id,
      letterId: pecReceipts.letterId,
      kind: pecReceipts.kind,
      receivedAt: pecReceipts.receivedAt,
    })
    .from(pecReceipts)
    .where(inArray(pecReceipts.letterId, letterIds))
    .orderBy(asc(pecReceipts.id))
    .all();
}
