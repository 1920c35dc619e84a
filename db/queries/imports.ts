/**
 * The import's queries: loading the ledger once for an in-memory comparison, bulk writes with
 * one prepared statement per kind (drizzle's multi-row insert is ~10× slower, see STACK.md),
 * batches, undo, and mapping profiles. Bulk paths use better-sqlite3 statements through
 * `db.$client`; everything else uses drizzle builders.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ImportMapping } from '../../shared/api/contract.ts';
import type { IsoDate } from '../../shared/domain/dates.ts';
import type { Ledger } from '../open.ts';
import { importBatches, mappingProfiles, users } from '../schema.ts';
import { updateCustomerMaster } from './master-data.ts';

export type ItemEventKind = 'payment' | 'partial_payment' | 'credit_applied' | 'reversal' | 'increase';
export type ImportMode = 'snapshot' | 'incremental';

/** The customer columns an import owns (the rest — band, limit, collector… — belongs to users). */
export interface CustomerFields {
  name: string;
  vat: string | null;
  taxCode: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
  area: string | null;
  salesperson: string | null;
  paymentMethod: string | null;
}

export interface LedgerCustomer extends CustomerFields {
  id: number;
  code: string;
}

/** The open-item columns an import owns: what a before-image keeps and undo restores. */
export interface ItemState {
  amountCents: number;
  residualCents: number;
  installment: string | null;
  paymentMethod: string | null;
  status: 'open' | 'closed';
  closedOn: string | null;
  lastSeenBatchId: number | null;
}

/** An item's before-image: its ItemState columns alone. */
export function itemStateOf(i: ItemState): ItemState {
  return {
    amountCents: i.amountCents,
    residualCents: i.residualCents,
    installment: i.installment,
    paymentMethod: i.paymentMethod,
    status: i.status,
    closedOn: i.closedOn,
    lastSeenBatchId: i.lastSeenBatchId,
  };
}

/** The customer's document an item belongs to, and the item's due date: its natural key but the installment. */
export interface ItemDocument {
  customerId: number;
  documentType: 'invoice' | 'credit_note';
  documentNumber: string;
  documentDate: string;
  dueDate: string;
}

export interface LedgerItem extends ItemState, ItemDocument {
  id: number;
}

export interface ClosingEvent {
  kind: ItemEventKind;
  amountCents: number;
  residualBeforeCents: number;
}

type Row = unknown[];

export async function loadCustomers(db: Ledger): Promise<LedgerCustomer[]> {
  const rows = db.$client
    .prepare(
      `SELECT id, code, name, vat, tax_code, email, pec, phone, area, salesperson, payment_method
         FROM customers`,
    )
    .raw()
    .all() as Row[];
  return rows.map((r) => ({
    id: r[0] as number,
    code: r[1] as string,
    name: r[2] as string,
    vat: r[3] as string | null,
    taxCode: r[4] as string | null,
    email: r[5] as string | null,
    pec: r[6] as string | null,
    phone: r[7] as string | null,
    area: r[8] as string | null,
    salesperson: r[9] as string | null,
    paymentMethod: r[10] as string | null,
  }));
}

/** What the comparison needs of an open item, as the driver returns it (no object per row). */
export type OpenItemRow = [
  id: number,
  /** The natural key without its installment, built as services/import/key.ts `naturalKey` builds it with none. */
  key: string,
  amountCents: number,
  residualCents: number,
  paymentMethod: string | null,
  /** The installment apart: items match by the other five parts whatever a file says of installments. */
  installment: string | null,
];

/**
 * Streams the open items with their natural key. The key is concatenated here, in SQL: one flat
 * string per row crosses to JavaScript instead of six values to join (1M open items: ~3 s and
 * ~250 MB against ~8 s and ~560 MB). It must match `naturalKey` in services/import/key.ts:
 * customer id, type, number, document date, due date, joined by U+001F (and ending with one: the place of
 * an empty installment); the installment comes apart.
 *
 * When the open items are a good part of the table a plain table scan is several times faster
 * than walking the (status, due_date) index, which visits the rows in random order; a ledger
 * with a long closed history keeps the index.
 */
export async function forEachOpenItem(db: Ledger, fn: (row: OpenItemRow) => void): Promise<void> {
  const c = db.$client;
  const open =
    (c.prepare("SELECT COUNT(*) FROM open_items WHERE status = 'open'").pluck().get() as number) ?? 0;
  if (open === 0) return;
  const total = (c.prepare('SELECT COUNT(*) FROM open_items').pluck().get() as number) ?? 0;
  const source = open * 4 >= total ? 'open_items NOT INDEXED' : 'open_items';
  const stmt = c
    .prepare(
      `SELECT id,
              customer_id || char(31) || document_type || char(31) || document_number || char(31) ||
                document_date || char(31) || due_date || char(31),
              amount_cents, residual_cents, payment_method, nullif(installment, '')
         FROM ${source} WHERE status = 'open'`,
    )
    .raw();
  for (const r of stmt.iterate() as IterableIterator<OpenItemRow>) fn(r);
}

const ITEM_COLUMNS = `id, customer_id, document_type, document_number, document_date, due_date, installment,
  amount_cents, residual_cents, payment_method, status, closed_on, last_seen_batch_id`;

function itemFromRow(r: Row): LedgerItem {
  return {
    id: r[0] as number,
    customerId: r[1] as number,
    documentType: r[2] as LedgerItem['documentType'],
    documentNumber: r[3] as string,
    documentDate: r[4] as string,
    dueDate: r[5] as string,
    installment: r[6] as string | null,
    amountCents: r[7] as number,
    residualCents: r[8] as number,
    paymentMethod: r[9] as string | null,
    status: r[10] as LedgerItem['status'],
    closedOn: r[11] as string | null,
    lastSeenBatchId: r[12] as number | null,
  };
}

export interface ItemKeyParts extends ItemDocument {
  /** '' for none; a NULL installment (older rows, the demo) matches '' too. */
  installment: string;
}

/**
 * Finders for what is not worth loading up front: a whole item by id (only the ones an import
 * changes), a closed item by natural key (history grows forever; closed items are only needed
 * when one reappears) and the event that closed it.
 */
export function createItemFinder(db: Ledger) {
  const byId = db.$client.prepare(`SELECT ${ITEM_COLUMNS} FROM open_items WHERE id = ?`).raw();
  const closed = db.$client
    .prepare(
      `SELECT ${ITEM_COLUMNS} FROM open_items
        WHERE customer_id = ? AND document_type = ? AND document_number = ?
          AND document_date = ? AND due_date = ? AND coalesce(installment, '') = ?
          AND status = 'closed'`,
    )
    .raw();
  const closing = db.$client.prepare(
    `SELECT kind, amount_cents AS amountCents, residual_before_cents AS residualBeforeCents
       FROM item_events
      WHERE item_id = ? AND residual_after_cents = 0 AND kind IN ('payment', 'credit_applied')
      ORDER BY id DESC LIMIT 1`,
  );
  return {
    item(id: number): LedgerItem {
      const r = byId.get(id) as Row | undefined;
      if (!r) throw new Error(`open item ${id} vanished during the import`);
      return itemFromRow(r);
    },
    closedItem(k: ItemKeyParts): LedgerItem | null {
      const r = closed.get(
        k.customerId,
        k.documentType,
        k.documentNumber,
        k.documentDate,
        k.dueDate,
        k.installment,
      ) as Row | undefined;
      return r ? itemFromRow(r) : null;
    },
    closingEvent(itemId: number): ClosingEvent | null {
      return (closing.get(itemId) as ClosingEvent | undefined) ?? null;
    },
  };
}

/** The file a batch read (its sheet and header row for a workbook) and the date its position is at. */
export interface BatchFile {
  fileName: string;
  sha256: string;
  format: string;
  sheet: string | null;
  headerRow: number | null;
  asOf: IsoDate;
}

export interface NewBatch extends BatchFile {
  mode: ImportMode;
  counts: unknown;
  userId: number | null;
  createdAt: string;
}

export interface NewItem extends ItemDocument {
  installment: string;
  amountCents: number;
  residualCents: number;
  paymentMethod: string | null;
  batchId: number;
}

export interface NewEvent {
  itemId: number;
  batchId: number;
  date: IsoDate;
  kind: ItemEventKind;
  amountCents: number;
  residualBeforeCents: number;
  residualAfterCents: number;
}

/** One prepared statement per kind of write, prepared once per import. */
export function createImportWriter(db: Ledger) {
  const c = db.$client;
  const batch = c.prepare(
    `INSERT INTO import_batches (file_name, sha256, format, sheet, header_row, as_of, mode, counts, user_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batchCounts = c.prepare('UPDATE import_batches SET counts = ? WHERE id = ?');
  const customer = c.prepare(
    `INSERT INTO customers (code, name, vat, tax_code, email, pec, phone, area, salesperson, payment_method, first_seen_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const customerUpdate = c.prepare(
    `UPDATE customers SET name = ?, vat = ?, tax_code = ?, email = ?, pec = ?, phone = ?, area = ?,
            salesperson = ?, payment_method = ?
      WHERE id = ?`,
  );
  const customerCode = c.prepare('UPDATE customers SET code = ? WHERE id = ?');
  const item = c.prepare(
    `INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment,
            amount_cents, residual_cents, payment_method, status, first_seen_batch_id, last_seen_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  );
  const itemUpdate = c.prepare(
    `UPDATE open_items SET amount_cents = ?, residual_cents = ?, installment = ?, payment_method = ?, status = ?,
            closed_on = ?, last_seen_batch_id = ?
      WHERE id = ?`,
  );
  const event = c.prepare(
    `INSERT INTO item_events (item_id, batch_id, date, kind, amount_cents, residual_before_cents, residual_after_cents)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const change = c.prepare(
    `INSERT INTO batch_changes (batch_id, entity, entity_id, before) VALUES (?, ?, ?, ?)`,
  );

  const customerValues = (f: CustomerFields) =>
    [f.name, f.vat, f.taxCode, f.email, f.pec, f.phone, f.area, f.salesperson, f.paymentMethod] as const;

  return {
    batch(b: NewBatch): number {
      return Number(
        batch.run(
          b.fileName,
          b.sha256,
          b.format,
          b.sheet,
          b.headerRow,
          b.asOf,
          b.mode,
          JSON.stringify(b.counts),
          b.userId,
          b.createdAt,
        ).lastInsertRowid,
      );
    },
    /** The batch's counts, known once its rows have all been written (services/import/write.ts). */
    batchCounts(batchId: number, counts: unknown): void {
      batchCounts.run(JSON.stringify(counts), batchId);
    },
    customer(code: string, f: CustomerFields, batchId: number): number {
      return Number(customer.run(code, ...customerValues(f), batchId).lastInsertRowid);
    },
    updateCustomer(id: number, f: CustomerFields): void {
      customerUpdate.run(...customerValues(f), id);
    },
    /** A customer from e-invoices taking its accounting code. */
    recodeCustomer(id: number, code: string): void {
      customerCode.run(code, id);
    },
    item(i: NewItem): number {
      return Number(
        item.run(
          i.customerId,
          i.documentType,
          i.documentNumber,
          i.documentDate,
          i.dueDate,
          i.installment,
          i.amountCents,
          i.residualCents,
          i.paymentMethod,
          i.batchId,
          i.batchId,
        ).lastInsertRowid,
      );
    },
    updateItem(id: number, s: ItemState): void {
      itemUpdate.run(
        s.amountCents,
        s.residualCents,
        s.installment,
        s.paymentMethod,
        s.status,
        s.closedOn,
        s.lastSeenBatchId,
        id,
      );
    },
    event(e: NewEvent): void {
      event.run(
        e.itemId,
        e.batchId,
        e.date,
        e.kind,
        e.amountCents,
        e.residualBeforeCents,
        e.residualAfterCents,
      );
    },
    /** Before-image of a row the batch changes (rows it creates are found by first_seen_batch_id). */
    change(batchId: number, entity: BatchChange['entity'], entityId: number, before: unknown): void {
      change.run(batchId, entity, entityId, JSON.stringify(before));
    },
  };
}

export type ImportWriter = ReturnType<typeof createImportWriter>;

// ---- batches ----

export interface BatchRecord extends BatchFile {
  id: number;
  mode: string;
  counts: string;
  userName: string | null;
  createdAt: string;
  undoneAt: string | null;
}

const batchColumns = {
  id: importBatches.id,
  fileName: importBatches.fileName,
  sha256: importBatches.sha256,
  format: importBatches.format,
  sheet: importBatches.sheet,
  headerRow: importBatches.headerRow,
  asOf: importBatches.asOf,
  mode: importBatches.mode,
  counts: importBatches.counts,
  userName: users.name,
  createdAt: importBatches.createdAt,
  undoneAt: importBatches.undoneAt,
};

/** The batches with the name of the user who imported each. */
const batchRows = (db: Ledger) =>
  db.select(batchColumns).from(importBatches).leftJoin(users, eq(users.id, importBatches.userId));

/** Newest first. */
export async function listBatches(db: Ledger, limit = 500): Promise<BatchRecord[]> {
  return batchRows(db).orderBy(desc(importBatches.id)).limit(limit).all();
}

export async function getBatch(db: Ledger, id: number): Promise<BatchRecord | null> {
  return batchRows(db).where(eq(importBatches.id, id)).get() ?? null;
}

/** The latest batch still in force: the only one that can be undone. */
export async function latestEffectiveBatchId(db: Ledger): Promise<number | null> {
  return (
    db
      .select({ id: importBatches.id })
      .from(importBatches)
      .where(isNull(importBatches.undoneAt))
      .orderBy(desc(importBatches.id))
      .limit(1)
      .get()?.id ?? null
  );
}

export async function isFileImported(db: Ledger, sha256: string): Promise<boolean> {
  return !!db
    .select({ id: importBatches.id })
    .from(importBatches)
    .where(and(eq(importBatches.sha256, sha256), isNull(importBatches.undoneAt)))
    .limit(1)
    .get();
}

// ---- undo ----

export interface BatchChange {
  entity: 'customer' | 'customer_master' | 'open_item';
  entityId: number;
  before: string | null;
}

export async function batchChanges(db: Ledger, batchId: number): Promise<BatchChange[]> {
  return db.$client
    .prepare(
      `SELECT entity, entity_id AS entityId, before FROM batch_changes WHERE batch_id = ? ORDER BY id DESC`,
    )
    .all(batchId) as BatchChange[];
}

/**
 * Reverts a batch's rows: restores before-images, then deletes its events, the items and
 * customers it created (in that order, for the foreign keys). Runs inside the caller's transaction.
 */
export async function revertBatchRows(db: Ledger, batchId: number, changes: BatchChange[]): Promise<void> {
  const c = db.$client;
  const writer = createImportWriter(db);
  c.prepare('DELETE FROM item_events WHERE batch_id = ?').run(batchId);
  for (const ch of changes) {
    if (ch.before === null) continue;
    if (ch.entity === 'open_item') writer.updateItem(ch.entityId, JSON.parse(ch.before) as ItemState);
    else if (ch.entity === 'customer_master')
      await updateCustomerMaster(db, ch.entityId, JSON.parse(ch.before));
    else {
      const before = JSON.parse(ch.before) as CustomerFields & { code?: string };
      writer.updateCustomer(ch.entityId, before);
      if (before.code !== undefined) writer.recodeCustomer(ch.entityId, before.code);
    }
  }
  c.prepare('DELETE FROM open_items WHERE first_seen_batch_id = ?').run(batchId);
  c.prepare('DELETE FROM customers WHERE first_seen_batch_id = ?').run(batchId);
}

export async function markBatchUndone(db: Ledger, batchId: number, at: string): Promise<void> {
  db.update(importBatches).set({ undoneAt: at }).where(eq(importBatches.id, batchId)).run();
}

/** Every row an import can touch, in a stable order: what tests compare around an undo. */
export async function ledgerDump(
  db: Ledger,
): Promise<{ customers: unknown[]; items: unknown[]; events: unknown[] }> {
  const c = db.$client;
  return {
    customers: c.prepare('SELECT * FROM customers ORDER BY id').all(),
    items: c.prepare('SELECT * FROM open_items ORDER BY id').all(),
    events: c.prepare('SELECT * FROM item_events ORDER BY id').all(),
  };
}

// ---- mapping profiles ----

export interface ProfileRecord {
  name: string;
  headerSignature: string;
  headers: string[];
  mapping: ImportMapping;
}

export async function listProfiles(db: Ledger): Promise<ProfileRecord[]> {
  return db
    .select()
    .from(mappingProfiles)
    .orderBy(asc(mappingProfiles.name))
    .all()
    .map((p) => ({
      name: p.name,
      headerSignature: p.headerSignature,
      headers: JSON.parse(p.headers) as string[],
      mapping: JSON.parse(p.mapping) as ImportMapping,
    }));
}

export async function getProfile(db: Ledger, name: string): Promise<ProfileRecord | null> {
  return (await listProfiles(db)).find((p) => p.name === name) ?? null;
}

/** Saves a profile by name, replacing one with the same name. */
export async function saveProfile(db: Ledger, p: ProfileRecord): Promise<void> {
  const values = {
    name: p.name,
    headerSignature: p.headerSignature,
    headers: JSON.stringify(p.headers),
    mapping: JSON.stringify(p.mapping),
  };
  db.insert(mappingProfiles)
    .values(values)
    .onConflictDoUpdate({
      target: mappingProfiles.name,
      set: {
        headerSignature: values.headerSignature,
        headers: values.headers,
        mapping: values.mapping,
        createdAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
      },
    })
    .run();
}
