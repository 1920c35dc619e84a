/** Queries of the legal phase: dossiers, their events, costs, recoveries, and the acts that interrupt prescription. */
import { and, asc, desc, eq, inArray, isNull, max, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import {
  attachments,
  cases,
  customers,
  legalCosts,
  legalDossiers,
  legalEvents,
  legalRecoveries,
  letters,
  openItems,
  pecReceipts,
  tasks,
  users,
} from '../schema.ts';

export type DossierRecord = typeof legalDossiers.$inferSelect;
export type CaseRecord = typeof cases.$inferSelect;

/** The customer's dossier: the active one, else the most recent. */
export async function dossierOfCustomer(db: Ledger, customerId: number): Promise<DossierRecord | null> {
  return (
    db
      .select()
      .from(legalDossiers)
      .where(eq(legalDossiers.customerId, customerId))
      .orderBy(sql`${legalDossiers.closedOn} IS NULL DESC`, desc(legalDossiers.id))
      .limit(1)
      .get() ?? null
  );
}

export async function dossierOfCase(db: Ledger, caseId: number): Promise<DossierRecord | null> {
  return db.select().from(legalDossiers).where(eq(legalDossiers.caseId, caseId)).get() ?? null;
}

export async function insertDossier(db: Ledger, row: typeof legalDossiers.$inferInsert): Promise<number> {
  return db.insert(legalDossiers).values(row).returning({ id: legalDossiers.id }).get().id;
}

export async function updateDossier(
  db: Ledger,
  id: number,
  set: Partial<typeof legalDossiers.$inferInsert>,
): Promise<void> {
  db.update(legalDossiers).set(set).where(eq(legalDossiers.id, id)).run();
}

export async function caseById(db: Ledger, id: number): Promise<CaseRecord | null> {
  return db.select().from(cases).where(eq(cases.id, id)).get() ?? null;
}

export async function activeCaseOf(db: Ledger, customerId: number): Promise<CaseRecord | null> {
  return (
    db
      .select()
      .from(cases)
      .where(and(eq(cases.customerId, customerId), ne(cases.status, 'closed')))
      .get() ?? null
  );
}

export async function insertEscalatedCase(db: Ledger, row: typeof cases.$inferInsert): Promise<CaseRecord> {
  return db.insert(cases).values(row).returning().get();
}

export async function setCaseStatus(db: Ledger, caseId: number, status: 'legal' | 'agency'): Promise<void> {
  db.update(cases).set({ status, pausedReason: null }).where(eq(cases.id, caseId)).run();
}

/**
 * A case handed over: its hand-over task (the policy step's legal/agency task) is done, and the
 * reminders still open (e-mail, letter, PEC, phone) are cancelled — the lawyer or agency speaks
 * to the customer from now on. Returns how many tasks of each it closed.
 */
export async function closeTasksOnHandOver(
  db: Ledger,
  caseId: number,
  on: IsoDate,
  userId: number,
): Promise<{ done: number; cancelled: number }> {
  const open = and(eq(tasks.caseId, caseId), eq(tasks.status, 'open'));
  const done = db
    .update(tasks)
    .set({ status: 'done', outcome: 'entrusted', closedOn: on, closedBy: userId })
    .where(and(open, inArray(tasks.type, ['legal', 'agency'])))
    .run().changes;
  const cancelled = db
    .update(tasks)
    .set({ status: 'cancelled', outcome: 'entrusted', closedOn: on, closedBy: userId })
    .where(and(open, inArray(tasks.type, ['email', 'letter', 'pec', 'phone'])))
    .run().changes;
  return { done, cancelled };
}

export async function insertEvent(db: Ledger, row: typeof legalEvents.$inferInsert): Promise<number> {
  return db.insert(legalEvents).values(row).returning({ id: legalEvents.id }).get().id;
}

export async function eventsOf(db: Ledger, dossierId: number) {
  return db
    .select({ e: legalEvents, fileName: attachments.fileName, user: users.name })
    .from(legalEvents)
    .leftJoin(attachments, eq(attachments.id, legalEvents.attachmentId))
    .leftJoin(users, eq(users.id, legalEvents.userId))
    .where(eq(legalEvents.dossierId, dossierId))
    .orderBy(asc(legalEvents.date), asc(legalEvents.id))
    .all();
}

export async function insertCost(db: Ledger, row: typeof legalCosts.$inferInsert): Promise<number> {
  return db.insert(legalCosts).values(row).returning({ id: legalCosts.id }).get().id;
}

export async function costsOf(db: Ledger, dossierId: number) {
  return db
    .select()
    .from(legalCosts)
    .where(eq(legalCosts.dossierId, dossierId))
    .orderBy(asc(legalCosts.date), asc(legalCosts.id))
    .all();
}

export async function insertRecovery(db: Ledger, row: typeof legalRecoveries.$inferInsert): Promise<number> {
  return db.insert(legalRecoveries).values(row).returning({ id: legalRecoveries.id }).get().id;
}

export async function recoveriesOf(db: Ledger, dossierId: number) {
  return db
    .select()
    .from(legalRecoveries)
    .where(eq(legalRecoveries.dossierId, dossierId))
    .orderBy(asc(legalRecoveries.date), asc(legalRecoveries.id))
    .all();
}

/** Dossiers with their customer and totals, newest first. */
export async function listDossiers(db: Ledger, status: 'active' | 'closed' | 'all') {
  const costs = db
    .select({
      dossierId: legalCosts.dossierId,
      cents: sql<number>`SUM(${legalCosts.amountCents})`.as('costs_cents'),
    })
    .from(legalCosts)
    .groupBy(legalCosts.dossierId)
    .as('costs');
  const recovered = db
    .select({
      dossierId: legalRecoveries.dossierId,
      cents: sql<number>`SUM(${legalRecoveries.amountCents})`.as('recovered_cents'),
    })
    .from(legalRecoveries)
    .groupBy(legalRecoveries.dossierId)
    .as('recovered');
  return db
    .select({
      d: legalDossiers,
      customerCode: customers.code,
      customerName: customers.name,
      costsCents: sql<number>`COALESCE(${costs.cents}, 0)`,
      recoveredCents: sql<number>`COALESCE(${recovered.cents}, 0)`,
    })
    .from(legalDossiers)
    .innerJoin(customers, eq(customers.id, legalDossiers.customerId))
    .leftJoin(costs, eq(costs.dossierId, legalDossiers.id))
    .leftJoin(recovered, eq(recovered.dossierId, legalDossiers.id))
    .where(
      status === 'all'
        ? undefined
        : status === 'active'
          ? isNull(legalDossiers.closedOn)
          : sql`${legalDossiers.closedOn} IS NOT NULL`,
    )
    .orderBy(desc(legalDossiers.id))
    .all();
}

export async function activeDossiers(db: Ledger): Promise<DossierRecord[]> {
  return db.select().from(legalDossiers).where(isNull(legalDossiers.closedOn)).all();
}

// Prescription ----------------------------------------------------------------------------------

/** The oldest due date still unpaid (open items with a positive residual) per customer. */
export async function oldestUnpaidDue(db: Ledger, customerIds: number[]): Promise<Map<number, IsoDate>> {
  if (customerIds.length === 0) return new Map();
  const rows = db
    .select({ customerId: openItems.customerId, due: sql<string>`MIN(${openItems.dueDate})` })
    .from(openItems)
    .where(
      and(
        inArray(openItems.customerId, customerIds),
        eq(openItems.status, 'open'),
        sql`${openItems.residualCents} > 0`,
      ),
    )
    .groupBy(openItems.customerId)
    .all();
  return new Map(rows.map((r) => [r.customerId, r.due]));
}

/**
 * The last interruptive act per customer (art. 2943 c.c.): formal notices sent by PEC (the task
 * done as sent), formal-notice letters sent, and dossier events marked interruptive.
 */
export async function lastInterruptiveActs(db: Ledger, customerIds: number[]): Promise<Map<number, IsoDate>> {
  const out = new Map<number, IsoDate>();
  if (customerIds.length === 0) return out;
  const keep = (rows: { customerId: number; date: string | null }[]) => {
    for (const r of rows) {
      if (!r.date) continue;
      const prev = out.get(r.customerId);
      if (!prev || r.date > prev) out.set(r.customerId, r.date);
    }
  };
  keep(
    db
      .select({ customerId: tasks.customerId, date: max(tasks.closedOn) })
      .from(tasks)
      .where(
        and(
          inArray(tasks.customerId, customerIds),
          eq(tasks.type, 'pec'),
          eq(tasks.status, 'done'),
          eq(tasks.outcome, 'sent'),
        ),
      )
      .groupBy(tasks.customerId)
      .all(),
  );
  keep(
    db
      .select({ customerId: letters.customerId, date: max(letters.sentOn) })
      .from(letters)
      .where(
        and(
          inArray(letters.customerId, customerIds),
          eq(letters.template, 'formal_notice'),
          eq(letters.status, 'sent'),
        ),
      )
      .groupBy(letters.customerId)
      .all(),
  );
  keep(
    db
      .select({ customerId: legalDossiers.customerId, date: max(legalEvents.date) })
      .from(legalEvents)
      .innerJoin(legalDossiers, eq(legalDossiers.id, legalEvents.dossierId))
      .where(and(inArray(legalDossiers.customerId, customerIds), eq(legalEvents.interruptive, true)))
      .groupBy(legalDossiers.customerId)
      .all(),
  );
  return out;
}

export async function taskExists(db: Ledger, caseId: number, stepName: string): Promise<boolean> {
  return Boolean(
    db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.caseId, caseId), eq(tasks.stepName, stepName)))
      .limit(1)
      .get(),
  );
}

// Export ----------------------------------------------------------------------------------------

/** Letters sent to the customer (the archive), with the delivery receipt of PECs when imported. */
export async function sentLettersOf(db: Ledger, customerId: number) {
  const delivered = db
    .select({
      letterId: pecReceipts.letterId,
      on: sql<string | null>`MIN(${pecReceipts.receivedAt})`.as('delivered_at'),
    })
    .from(pecReceipts)
    .where(eq(pecReceipts.kind, 'avvenuta-consegna'))
    .groupBy(pecReceipts.letterId)
    .as('delivered');
  return db
    .select({ l: letters, deliveredAt: delivered.on })
    .from(letters)
    .leftJoin(delivered, eq(delivered.letterId, letters.id))
    .where(and(eq(letters.customerId, customerId), eq(letters.status, 'sent')))
    .orderBy(asc(letters.date), asc(letters.id))
    .all();
}
