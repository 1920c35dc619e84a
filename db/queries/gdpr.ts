/**
 * GDPR queries: everything the ledger holds about one customer (the access/portability export),
 * the facts retention needs (open positions, the last closure or interruptive act), the legal
 * hold, and the anonymisation itself (personal data removed, amounts kept).
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import {
  attachments,
  batchChanges,
  cases,
  contacts,
  customerPrivacy,
  customers,
  disputes,
  itemEvents,
  legalCosts,
  legalDossiers,
  legalEvents,
  legalRecoveries,
  letters,
  mailAttempts,
  mailOutbox,
  openItems,
  pecReceipts,
  planInstallments,
  plans,
  promises,
  ratings,
  tasks,
} from '../schema.ts';

export async function privacyOf(db: Ledger, customerId: number) {
  return db.select().from(customerPrivacy).where(eq(customerPrivacy.customerId, customerId)).get() ?? null;
}

export async function setPrivacy(
  db: Ledger,
  customerId: number,
  set: Partial<typeof customerPrivacy.$inferInsert>,
): Promise<void> {
  db.insert(customerPrivacy)
    .values({ customerId, ...set })
    .onConflictDoUpdate({ target: customerPrivacy.customerId, set })
    .run();
}

/** Every row about one customer, table by table (ids included: the export is the ledger's own view). */
export async function customerDataset(db: Ledger, customerId: number) {
  const itemIds = db
    .select({ id: openItems.id })
    .from(openItems)
    .where(eq(openItems.customerId, customerId))
    .all()
    .map((r) => r.id);
  const planRows = db.select().from(plans).where(eq(plans.customerId, customerId)).all();
  const dossiers = db.select().from(legalDossiers).where(eq(legalDossiers.customerId, customerId)).all();
  const dossierIds = dossiers.map((d) => d.id);
  const letterRows = db.select().from(letters).where(eq(letters.customerId, customerId)).all();
  const outbox = db.select().from(mailOutbox).where(eq(mailOutbox.customerId, customerId)).all();
  const letterIds = letterRows.map((l) => l.id);
  const outboxIds = outbox.map((o) => o.id);
  const byIds = <T>(ids: number[], q: (ids: number[]) => T[]): T[] => (ids.length ? q(ids) : []);
  return {
    customer: db.select().from(customers).where(eq(customers.id, customerId)).get() ?? null,
    privacy: await privacyOf(db, customerId),
    openItems: db.select().from(openItems).where(eq(openItems.customerId, customerId)).all(),
    itemEvents: byIds(itemIds, (ids) =>
      db.select().from(itemEvents).where(inArray(itemEvents.itemId, ids)).all(),
    ),
    cases: db.select().from(cases).where(eq(cases.customerId, customerId)).all(),
    tasks: db.select().from(tasks).where(eq(tasks.customerId, customerId)).all(),
    contacts: db.select().from(contacts).where(eq(contacts.customerId, customerId)).all(),
    promises: db.select().from(promises).where(eq(promises.customerId, customerId)).all(),
    plans: planRows,
    planInstallments: byIds(
      planRows.map((p) => p.id),
      (ids) => db.select().from(planInstallments).where(inArray(planInstallments.planId, ids)).all(),
    ),
    disputes: db.select().from(disputes).where(eq(disputes.customerId, customerId)).all(),
    attachments: db.select().from(attachments).where(eq(attachments.customerId, customerId)).all(),
    letters: letterRows,
    mailOutbox: outbox,
    mailAttempts: byIds(outboxIds, (ids) =>
      db.select().from(mailAttempts).where(inArray(mailAttempts.outboxId, ids)).all(),
    ),
    pecReceipts: [
      ...byIds(letterIds, (ids) =>
        db.select().from(pecReceipts).where(inArray(pecReceipts.letterId, ids)).all(),
      ),
      ...byIds(outboxIds, (ids) =>
        db
          .select()
          .from(pecReceipts)
          .where(and(inArray(pecReceipts.outboxId, ids), sql`${pecReceipts.letterId} IS NULL`))
          .all(),
      ),
    ],
    ratings: db.select().from(ratings).where(eq(ratings.customerId, customerId)).all(),
    legalDossiers: dossiers,
    legalEvents: byIds(dossierIds, (ids) =>
      db.select().from(legalEvents).where(inArray(legalEvents.dossierId, ids)).all(),
    ),
    legalCosts: byIds(dossierIds, (ids) =>
      db.select().from(legalCosts).where(inArray(legalCosts.dossierId, ids)).all(),
    ),
    legalRecoveries: byIds(dossierIds, (ids) =>
      db.select().from(legalRecoveries).where(inArray(legalRecoveries.dossierId, ids)).all(),
    ),
  };
}
export type CustomerDataset = Awaited<ReturnType<typeof customerDataset>>;

export interface RetentionFacts {
  id: number;
  code: string;
  name: string;
  openItems: number;
  residualCents: number;
  /** Cases not closed, legal dossiers not closed, open disputes, active plans, open promises. */
  openPositions: number;
  /** The latest closure or interruptive act: item closed or paid, case or dossier closed, letter, contact, legal event, promise or dispute resolved. */
  lastActivity: string;
  legalHold: boolean;
  legalHoldReason: string | null;
}

/** Retention facts of every customer not yet anonymised (SQLite's scalar MAX picks the latest date). */
export async function retentionFacts(db: Ledger): Promise<RetentionFacts[]> {
  const rows = db.all<{
    id: number;
    code: string;
    name: string;
    open_items: number;
    residual: number;
    open_positions: number;
    last_activity: string;
    legal_hold: number | null;
    legal_hold_reason: string | null;
  }>(sql`
    SELECT c.id, c.code, c.name,
      (SELECT COUNT(*) FROM open_items i WHERE i.customer_id = c.id AND i.status = 'open') AS open_items,
      (SELECT COALESCE(SUM(i.residual_cents), 0) FROM open_items i WHERE i.customer_id = c.id AND i.status = 'open') AS residual,
      (SELECT COUNT(*) FROM cases k WHERE k.customer_id = c.id AND k.status <> 'closed')
        + (SELECT COUNT(*) FROM legal_dossiers d WHERE d.customer_id = c.id AND d.closed_on IS NULL)
        + (SELECT COUNT(*) FROM disputes x WHERE x.customer_id = c.id AND x.status = 'open')
        + (SELECT COUNT(*) FROM plans p WHERE p.customer_id = c.id AND p.status = 'active')
        + (SELECT COUNT(*) FROM promises r WHERE r.customer_id = c.id AND r.status = 'open') AS open_positions,
      MAX(
        substr(c.created_at, 1, 10),
        COALESCE((SELECT MAX(i.closed_on) FROM open_items i WHERE i.customer_id = c.id), ''),
        COALESCE((SELECT MAX(e.date) FROM item_events e JOIN open_items i ON i.id = e.item_id WHERE i.customer_id = c.id), ''),
        COALESCE((SELECT MAX(k.closed_on) FROM cases k WHERE k.customer_id = c.id), ''),
        COALESCE((SELECT MAX(t.date) FROM contacts t WHERE t.customer_id = c.id), ''),
        COALESCE((SELECT MAX(l.date) FROM letters l WHERE l.customer_id = c.id), ''),
        COALESCE((SELECT MAX(d.closed_on) FROM legal_dossiers d WHERE d.customer_id = c.id), ''),
        COALESCE((SELECT MAX(v.date) FROM legal_events v JOIN legal_dossiers d ON d.id = v.dossier_id WHERE d.customer_id = c.id), ''),
        COALESCE((SELECT MAX(r.resolved_on) FROM promises r WHERE r.customer_id = c.id), ''),
        COALESCE((SELECT MAX(x.resolved_on) FROM disputes x WHERE x.customer_id = c.id), ''),
        COALESCE((SELECT MAX(p.closed_on) FROM plans p WHERE p.customer_id = c.id), '')
      ) AS last_activity,
      pv.legal_hold, pv.legal_hold_reason
    FROM customers c
    LEFT JOIN customer_privacy pv ON pv.customer_id = c.id
    WHERE pv.anonymised_on IS NULL
    ORDER BY c.code`);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    openItems: r.open_items,
    residualCents: r.residual,
    openPositions: r.open_positions,
    lastActivity: r.last_activity,
    legalHold: r.legal_hold === 1,
    legalHoldReason: r.legal_hold_reason,
  }));
}

export async function heldCustomers(db: Ledger) {
  return db
    .select({ code: customers.code, name: customers.name, reason: customerPrivacy.legalHoldReason })
    .from(customerPrivacy)
    .innerJoin(customers, eq(customers.id, customerPrivacy.customerId))
    .where(eq(customerPrivacy.legalHold, true))
    .orderBy(customers.code)
    .all();
}

/** The files an anonymisation removes (paths relative to the data folder). */
export async function personalFiles(db: Ledger, customerId: number): Promise<string[]> {
  const d = await customerDataset(db, customerId);
  return [
    ...d.attachments.map((a) => a.path),
    ...d.letters.map((l) => l.path),
    ...d.pecReceipts.map((r) => r.path),
    ...d.contacts.flatMap((c) => (c.documentPath ? [c.documentPath] : [])),
  ].filter((p) => p !== '');
}

/** The customer fields an anonymisation clears (before-images of imports included). */
export const PERSONAL_CUSTOMER_FIELDS = [
  'name',
  'vat',
  'taxCode',
  'address',
  'email',
  'pec',
  'phone',
  'phone2',
  'dunningContactName',
  'dunningContactEmail',
  'notes',
  'orderBlockReason',
] as const;

const REMOVED = '[removed]';

/**
 * Removes a customer's personal data in place: identity and contact details, free text (notes,
 * contact log, task and dispute notes, legal descriptions), mail addresses and subjects, and the
 * rows pointing to files (the caller deletes the files). Amounts, dates, statuses and the structure
 * of items, cases, promises, plans and legal costs stay, for the statistics and as evidence that
 * the positions were closed.
 */
export async function anonymiseCustomerRows(
  db: Ledger,
  customerId: number,
  newCode: string,
  today: string,
): Promise<void> {
  db.update(customers)
    .set({
      code: newCode,
      name: newCode,
      vat: null,
      taxCode: null,
      address: null,
      email: null,
      pec: null,
      phone: null,
      phone2: null,
      dunningContactName: null,
      dunningContactEmail: null,
      notes: null,
      orderBlockReason: null,
    })
    .where(eq(customers.id, customerId))
    .run();
  db.update(contacts)
    .set({ person: null, note: null, documentPath: null, documentSha256: null })
    .where(eq(contacts.customerId, customerId))
    .run();
  db.update(tasks).set({ note: null }).where(eq(tasks.customerId, customerId)).run();
  db.update(disputes).set({ note: null }).where(eq(disputes.customerId, customerId)).run();
  db.update(attachments)
    .set({ fileName: REMOVED, path: '' })
    .where(eq(attachments.customerId, customerId))
    .run();
  db.update(letters).set({ path: '', messageId: null }).where(eq(letters.customerId, customerId)).run();
  const outboxIds = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(eq(mailOutbox.customerId, customerId))
    .all()
    .map((r) => r.id);
  db.update(mailOutbox)
    .set({ toAddress: '', subject: '', response: null, messageId: null })
    .where(eq(mailOutbox.customerId, customerId))
    .run();
  if (outboxIds.length) {
    db.update(mailAttempts).set({ response: '' }).where(inArray(mailAttempts.outboxId, outboxIds)).run();
  }
  const letterIds = db
    .select({ id: letters.id })
    .from(letters)
    .where(eq(letters.customerId, customerId))
    .all()
    .map((r) => r.id);
  for (const [col, ids] of [
    [pecReceipts.letterId, letterIds],
    [pecReceipts.outboxId, outboxIds],
  ] as const) {
    if (ids.length) {
      db.update(pecReceipts)
        .set({ subject: null, fileName: REMOVED, path: '', refMessageId: null })
        .where(inArray(col, ids))
        .run();
    }
  }
  const dossierIds = db
    .select({ id: legalDossiers.id })
    .from(legalDossiers)
    .where(eq(legalDossiers.customerId, customerId))
    .all()
    .map((r) => r.id);
  db.update(legalDossiers).set({ note: null }).where(eq(legalDossiers.customerId, customerId)).run();
  if (dossierIds.length) {
    db.update(legalEvents)
      .set({ description: REMOVED })
      .where(inArray(legalEvents.dossierId, dossierIds))
      .run();
    db.update(legalCosts).set({ note: null }).where(inArray(legalCosts.dossierId, dossierIds)).run();
    db.update(legalRecoveries)
      .set({ note: null })
      .where(inArray(legalRecoveries.dossierId, dossierIds))
      .run();
  }
  // The import's before-images of this customer (kept to undo a batch) hold its old details.
  const images = db
    .select({ id: batchChanges.id, before: batchChanges.before })
    .from(batchChanges)
    .where(
      and(
        eq(batchChanges.entity, 'customer'),
        eq(batchChanges.entityId, customerId),
        isNotNull(batchChanges.before),
      ),
    )
    .all();
  for (const img of images) {
    let before: Record<string, unknown>;
    try {
      before = JSON.parse(img.before ?? 'null') as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!before || typeof before !== 'object') continue;
    for (const f of PERSONAL_CUSTOMER_FIELDS) if (f in before) before[f] = f === 'name' ? newCode : null;
    if ('code' in before) before.code = newCode;
    db.update(batchChanges)
      .set({ before: JSON.stringify(before) })
      .where(eq(batchChanges.id, img.id))
      .run();
  }
  await setPrivacy(db, customerId, { anonymisedOn: today, legalHold: false });
}

export async function customerIdByCode(db: Ledger, code: string): Promise<number | null> {
  return db.select({ id: customers.id }).from(customers).where(eq(customers.code, code)).get()?.id ?? null;
}
