/**
 * The snapshot sync, computed in memory: which customers and items an import creates, changes,
 * closes and reopens, with the events (payments, credits applied, reversals) it records.
 * It only reads the ledger (once: customers and open items into Maps keyed by natural key);
 * the rows come a chunk at a time (streamSync) and `write.ts` carries each chunk's plan out as it
 * comes, so a preview and an apply are the same computation and no stage holds the file's rows.
 * The rules are documented in README "Importing aged-receivables exports".
 */

import type { Ledger } from '../../../../db/open.ts';
import {
  type CustomerFields,
  createItemFinder,
  forEachOpenItem,
  type ImportMode,
  type ItemEventKind,
  type ItemState,
  itemStateOf,
  type LedgerCustomer,
  type LedgerItem,
  loadCustomers,
  type OpenItemRow,
} from '../../../../db/queries/imports.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { type Adoption, adoptEInvoiceCustomers, mayAdopt } from './adopt.ts';
import { BankLag } from './bank-lag.ts';
import { baseKey, describeKey, keyCustomerId, rowKeyParts } from './key.ts';
import type { FileKeys, ImportIssue, ImportRow, ReadSummary, RowStream } from './types.ts';

export type { ImportMode } from '../../../../db/queries/imports.ts';

export interface ImportCounts {
  rows: { read: number; imported: number; skipped: number };
  customers: { new: number; updated: number };
  items: { new: number; changed: number; closed: number; reopened: number; unchanged: number };
  creditNotesClosed: number;
  paymentsCents: number;
  reversalsCents: number;
}

export interface SyncHooks {
  progress?: (phase: string, done: number, total: number) => void;
  /** Polled between chunks of work: true stops the import with a CANCELLED error. */
  cancelled?: () => boolean;
}

export interface PlannedEvent {
  kind: ItemEventKind;
  /** Always positive: the kind says the direction, the residuals carry the signs. */
  amountCents: number;
  residualBeforeCents: number;
  residualAfterCents: number;
}

export interface ItemChange {
  item: LedgerItem;
  after: ItemState;
  events: PlannedEvent[];
}

export interface CustomerUpdate {
  id: number;
  before: CustomerFields;
  after: CustomerFields;
  /** A customer from e-invoices taking the file's accounting code: the code it had, and the new one. */
  recode?: { before: string; after: string };
}

export interface SyncPlan {
  /** Ids of the customers already in the ledger, by code. */
  customerIds: Map<string, number>;
  newCustomers: { code: string; fields: CustomerFields }[];
  updatedCustomers: CustomerUpdate[];
  /** Rows that become new open items (their customer may be new too). */
  newItems: ImportRow[];
  itemChanges: ItemChange[];
  counts: ImportCounts;
  /** Open items in the ledger before the import (the base of the closure guard). */
  openBefore: number;
  /** Residual of the items the import closes (the closure guard's message). */
  closedResidualCents: number;
  needsClosureConfirmation: boolean;
  /** Duplicate natural keys: like any row error they reject the whole file. */
  issues: ImportIssue[];
  /** What the user should know and nothing stops: customers from e-invoices adopted, or perhaps duplicated. */
  warnings: ImportIssue[];
  /** Items whose bank payments this file reflects (bank-lag.ts): no longer awaiting the export. */
  bankReflected: number[];
}

export interface PlanInput {
  rows: ImportRow[];
  /** Data rows the reader read and non-data rows it skipped (defaults: rows.length, 0). */
  read?: number;
  skipped?: number;
  asOf: IsoDate;
  mode: ImportMode;
  /**
   * Row numbers of the rows whose key without the installment another row shares (the reader's, see
   * ReadResult): only those are indexed to find duplicates and twins. Absent: every row is.
   */
  sharedKeys?: ReadonlySet<number>;
}

/**
 * What the sync of one chunk of rows asks to write (write.ts; a preview writes nothing): the customers the
 * file introduces first seen in the chunk (their fields as far as the file has given them), its new items and
 * its changed, closed and reopened items.
 */
export interface PlannedChunk {
  /** Ids of the customers already in the ledger, by code. */
  customerIds: ReadonlyMap<string, number>;
  newCustomers: { code: string; fields: CustomerFields }[];
  newItems: ImportRow[];
  itemChanges: ItemChange[];
}

/** A sync's plan once every row has gone through it: its rows' writes were handed on chunk by chunk. */
export type StreamedPlan = Omit<SyncPlan, 'newItems' | 'itemChanges'>;

/** Rows with at least one issue (an issue without a row counts as one). */
export function invalidRowCount(issues: readonly ImportIssue[]): number {
  const rows = new Set<number>();
  let rowless = 0;
  for (const i of issues) {
    if (i.row === undefined) rowless++;
    else rows.add(i.row);
  }
  return rows.size + rowless;
}

/** The closure guard: a file closing more than half of the open items, and more than 20, needs a confirmation. */
export function closureNeedsConfirmation(closed: number, openBefore: number): boolean {
  return closed > 20 && closed > openBefore / 2;
}

const CHUNK = 8192;

export function checkCancelled(hooks: SyncHooks): void {
  if (hooks.cancelled?.()) throw new AppError('CANCELLED', 'Import cancelled: the ledger was not changed.');
}

const CUSTOMER_FIELDS = [
  'name',
  'vat',
  'taxCode',
  'email',
  'pec',
  'phone',
  'area',
  'salesperson',
  'paymentMethod',
] as const satisfies readonly (keyof CustomerFields)[];

/** The customer fields a row carries under the same names (all but the name: the row's customerName). */
const ROW_FIELDS = CUSTOMER_FIELDS.filter(
  (f): f is Exclude<(typeof CUSTOMER_FIELDS)[number], 'name'> => f !== 'name',
);

function customerFields(c: CustomerFields): CustomerFields {
  return { name: c.name, ...rowFields(c) };
}

/** The fields but the name, in CUSTOMER_FIELDS order. */
function rowFields(c: Omit<CustomerFields, 'name'>): Omit<CustomerFields, 'name'> {
  const out = {} as Omit<CustomerFields, 'name'>;
  for (const f of ROW_FIELDS) out[f] = c[f];
  return out;
}

function fieldsFromRow(r: ImportRow): CustomerFields {
  // '' until a row names the customer (codes-only exports): the code shows until the name is known.
  return { name: r.customerName ?? '', ...rowFields(r) };
}

/** A customer's master data from the file: for each field, the first non-empty value in file order. */
function mergeInto(target: CustomerFields, r: ImportRow): void {
  if (target.name === '' && r.customerName) target.name = r.customerName;
  for (const f of ROW_FIELDS) if (target[f] === null) target[f] = r[f];
}

/**
 * The events of a residual moving from `before` to `after` on an open item. A decrease of a
 * positive residual is a (partial) payment; a credit note (negative residual) moving toward zero
 * is credit applied; anything else makes the item bigger and is recorded as an increase.
 */
export function residualEvents(before: number, after: number, closing: boolean): PlannedEvent[] {
  if (before === after) return [];
  const base = {
    residualBeforeCents: before,
    residualAfterCents: after,
    amountCents: Math.abs(after - before),
  };
  if (before > 0 && after < before) return [{ ...base, kind: closing ? 'payment' : 'partial_payment' }];
  if (before < 0 && after > before) return [{ ...base, kind: 'credit_applied' }];
  return [{ ...base, kind: 'increase' }];
}

/** Marker for "the batch being written": write.ts replaces it with the batch id. */
export const THIS_BATCH = -1;

/** An item the file lists again: its amounts as the row gives them, `changes`, and seen by this batch. */
function seenAgain(item: LedgerItem, r: ImportRow, changes: Partial<ItemState>): ItemState {
  return {
    ...itemStateOf(item),
    amountCents: r.amountCents,
    residualCents: r.residualCents,
    ...changes,
    lastSeenBatchId: THIS_BATCH,
  };
}

/** Installments in their natural order: none first, then by number (`(2)` is 2), then as text. */
function installmentOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const na = Number.parseInt(a.replace(/^\(/, ''), 10);
  const nb = Number.parseInt(b.replace(/^\(/, ''), 10);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : 1;
}

/** An installment a file without installment column gave: none, or `(n)` for the n-th twin. */
function unnumbered(installment: string | null): boolean {
  return installment === null || /^\(\d+\)$/.test(installment);
}

/**
 * The ledger's open items, compactly: one Map entry per natural key without its installment (customer,
 * type, number, document date, due date) -> slot, or the slots sharing it in installment order; a few array
 * slots per item, no object per item — a million open items must fit next to a million file rows.
 * The whole row of an item is fetched by id only when the import changes it.
 *
 * Keying without the installment is what lets the key survive a change of format: a file without an
 * installment column matches the items by the other five parts and by order among equal ones; a file with
 * one matches its installment exactly, else an item a file without installments created.
 */
class OpenItems {
  readonly groups = new Map<string, number | number[]>();
  readonly ids: number[] = [];
  readonly amount: number[] = [];
  readonly residual: number[] = [];
  readonly paymentMethod: (string | null)[] = [];
  /** The installment as the ledger has it, then as the file numbers it (a file with installments adopts). */
  readonly stored: (string | null)[] = [];
  readonly installment: (string | null)[] = [];
  /** The file row that listed the item; 0 while not listed. */
  readonly row: number[] = [];

  /** The ledger's open items, read once (a constructor cannot wait for the ledger). */
  static async load(db: Ledger): Promise<OpenItems> {
    const open = new OpenItems();
    await forEachOpenItem(db, (r) => open.add(r));
    open.sortGroups();
    return open;
  }

  private add(r: OpenItemRow): void {
    {
      const base = r[1];
      const slot = this.ids.length;
      this.ids.push(r[0]);
      this.amount.push(r[2]);
      this.residual.push(r[3]);
      this.paymentMethod.push(r[4]);
      const installment = r[5];
      this.stored.push(installment);
      this.installment.push(installment);
      this.row.push(0);
      const group = this.groups.get(base);
      if (group === undefined) this.groups.set(base, slot);
      else if (Array.isArray(group)) group.push(slot);
      else this.groups.set(base, [group, slot]);
    }
  }

  private sortGroups(): void {
    for (const group of this.groups.values()) {
      if (Array.isArray(group)) {
        group.sort(
          (a, b) =>
            installmentOrder(this.installment[a] ?? null, this.installment[b] ?? null) ||
            (this.ids[a] as number) - (this.ids[b] as number),
        );
      }
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The ledger ids of the customers with open items (the customer id leads every key). */
  customerIds(): Set<number> {
    const ids = new Set<number>();
    for (const base of this.groups.keys()) ids.add(keyCustomerId(base));
    return ids;
  }

  /** The slots sharing a five-part key (empty when none). */
  group(base: string): readonly number[] {
    const g = this.groups.get(base);
    return g === undefined ? [] : Array.isArray(g) ? g : [g];
  }

  /**
   * The open item a row is: `slot` (-1: none), or `firstRow`, the file row that already took its exact key.
   * A row with an installment takes its own installment, else the first free item without one (adopting
   * the row's number); a row without takes the first free item of its group, in installment order.
   */
  match(r: ImportRow, base: string): { slot: number; firstRow: number } {
    const group = this.group(base);
    if (group.length === 0) return { slot: -1, firstRow: 0 };
    if (r.installment !== null) {
      for (const s of group) {
        if (this.installment[s] !== r.installment) continue;
        const row = this.row[s] as number;
        return row === 0 ? { slot: s, firstRow: 0 } : { slot: -1, firstRow: row };
      }
      for (const s of group) {
        if (this.row[s] === 0 && unnumbered(this.installment[s] ?? null)) {
          this.installment[s] = r.installment;
          return { slot: s, firstRow: 0 };
        }
      }
      return { slot: -1, firstRow: 0 };
    }
    for (const s of group) if (this.row[s] === 0) return { slot: s, firstRow: 0 };
    return { slot: -1, firstRow: 0 };
  }
}

/**
 * The rows of the file already taken as no open item of the ledger (new items, closed ones), to find
 * duplicate keys and twins.
 */
interface EarlierRows {
  /** The file row of an earlier row taken as no open item with the same natural key, or 0. */
  find(r: ImportRow): number;
  /** Takes note of a row taken as no open item, keyed as `r` says. */
  add(r: ImportRow): void;
}

/**
 * For rows given whole: indexed by document number, a string the rows already hold (a big first import
 * builds no key string per row). Given the rows whose key another row shares, only those are indexed: a
 * million-row first import keeps no second map of a million entries beside the reader's.
 */
class OtherRows implements EarlierRows {
  private readonly byNumber = new Map<string, ImportRow | ImportRow[]>();

  constructor(private readonly shared: ReadonlySet<number> | undefined) {}

  /** The file row of an earlier row with the same natural key, or 0. */
  find(r: ImportRow): number {
    if (this.shared !== undefined && !this.shared.has(r.row)) return 0;
    const known = this.byNumber.get(r.documentNumber);
    if (known === undefined) return 0;
    if (!Array.isArray(known)) return sameKey(known, r) ? known.row : 0;
    for (const k of known) if (sameKey(k, r)) return k.row;
    return 0;
  }

  add(r: ImportRow): void {
    if (this.shared !== undefined && !this.shared.has(r.row)) return;
    const known = this.byNumber.get(r.documentNumber);
    if (known === undefined) this.byNumber.set(r.documentNumber, r);
    else if (Array.isArray(known)) known.push(r);
    else this.byNumber.set(r.documentNumber, [known, r]);
  }
}

/**
 * The same, for rows that stream from the reader: its duplicate check's index (read/duplicates.ts) has an
 * entry for every row already, which the sync marks with the installment it keyed a row by. Only a row the
 * reader saw share its key without the installment with an earlier row can have the key of one.
 */
class StreamedRows implements EarlierRows {
  constructor(private readonly keys: FileKeys) {}

  find(r: ImportRow): number {
    if (!this.keys.shared.has(r.row)) return 0;
    const installment = r.installment ?? '';
    for (const e of this.keys.entries(r.customerCode, r.documentNumber)) {
      if (
        e.keyed === installment &&
        e.documentType === r.documentType &&
        e.documentDate === r.documentDate &&
        e.dueDate === r.dueDate
      )
        return e.row;
    }
    return 0;
  }

  add(r: ImportRow): void {
    for (const e of this.keys.entries(r.customerCode, r.documentNumber)) {
      if (e.row === r.row) {
        e.keyed = r.installment ?? '';
        return;
      }
    }
  }
}

function sameKey(a: ImportRow, b: ImportRow): boolean {
  return (
    a.customerCode === b.customerCode &&
    a.documentType === b.documentType &&
    a.documentDate === b.documentDate &&
    a.dueDate === b.dueDate &&
    (a.installment ?? '') === (b.installment ?? '')
  );
}

/**
 * The sync of one file, step by step: the ledger as it is (customers, open items, the bank's lag), then
 * each row (its open item, a twin's number, a closed item it reopens, or a new item), then the items the
 * snapshot no longer lists, then the customers' master data.
 */
class SyncPlanner {
  readonly counts: ImportCounts;
  private readonly customers = new Map<string, LedgerCustomer>();
  private readonly open: OpenItems;
  /** E-invoice customers taking the file's code, by ledger id. */
  private readonly recoded: Map<number, Adoption>;
  readonly warnings: ImportIssue[];
  readonly openBefore: number;
  private readonly finder: ReturnType<typeof createItemFinder>;
  /** Items the bank paid that an export lagging behind it still lists unpaid stay paid (bank-lag.ts). */
  private readonly bank: BankLag;
  private readonly fileCustomers = new Map<string, CustomerFields>();
  private readonly others: EarlierRows;
  /** The writes planned since the last `take()`. */
  private newItems: ImportRow[] = [];
  private itemChanges: ItemChange[] = [];
  /** Codes of the customers the file introduces, first seen since the last `take()`. */
  private newCodes: string[] = [];
  private newItemCount = 0;
  private ids: Map<string, number> | null = null;
  readonly issues: ImportIssue[] = [];
  closedResidualCents = 0;
  private zeroUnknown = 0;

  /** The planner over the ledger as it is now (a constructor cannot wait for the ledger's reads). */
  static async create(
    db: Ledger,
    input: Pick<PlanInput, 'asOf' | 'mode'>,
    others: EarlierRows,
  ): Promise<SyncPlanner> {
    return new SyncPlanner(input, others, {
      customers: await loadCustomers(db),
      open: await OpenItems.load(db),
      finder: createItemFinder(db),
      bank: await BankLag.load(db),
    });
  }

  private constructor(
    private readonly input: Pick<PlanInput, 'asOf' | 'mode'>,
    others: EarlierRows,
    ledger: {
      customers: LedgerCustomer[];
      open: OpenItems;
      finder: ReturnType<typeof createItemFinder>;
      bank: BankLag;
    },
  ) {
    this.counts = {
      rows: { read: 0, imported: 0, skipped: 0 },
      customers: { new: 0, updated: 0 },
      items: { new: 0, changed: 0, closed: 0, reopened: 0, unchanged: 0 },
      creditNotesClosed: 0,
      paymentsCents: 0,
      reversalsCents: 0,
    };
    for (const c of ledger.customers) this.customers.set(c.code, c);
    this.open = ledger.open;
    this.recoded = new Map();
    this.warnings = [];
    this.openBefore = this.open.size;
    this.finder = ledger.finder;
    this.bank = ledger.bank;
    this.others = others;
  }

  /** The ledger has customers from e-invoices the file may adopt: `adopt` needs every row before the first. */
  get needsEveryRow(): boolean {
    return mayAdopt(this.customers);
  }

  /** Before any row (and any key) : an adopted customer's rows key to its id, so they match its e-invoice items. */
  adopt(rows: readonly ImportRow[]): void {
    const { adoptions, warnings } = adoptEInvoiceCustomers(rows, this.customers, () =>
      this.open.customerIds(),
    );
    for (const a of adoptions) this.recoded.set(a.id, a);
    this.warnings.push(...warnings);
  }

  /** The writes planned since the last call, handed on (the planner keeps none of them). */
  take(): PlannedChunk {
    if (this.ids === null) {
      // Once adopted: the ids by the codes the file uses.
      this.ids = new Map();
      for (const [code, c] of this.customers) this.ids.set(code, c.id);
    }
    const chunk: PlannedChunk = {
      customerIds: this.ids,
      newCustomers: this.newCodes.map((code) => {
        const fields = this.fileCustomers.get(code) as CustomerFields;
        return { code, fields: fields.name === '' ? { ...fields, name: code } : { ...fields } };
      }),
      newItems: this.newItems,
      itemChanges: this.itemChanges,
    };
    this.newCodes = [];
    this.newItems = [];
    this.itemChanges = [];
    return chunk;
  }

  /** Something planned since the last `take()`. */
  get pending(): boolean {
    return this.newCodes.length > 0 || this.newItems.length > 0 || this.itemChanges.length > 0;
  }

  private record(change: ItemChange): void {
    this.itemChanges.push(change);
    for (const e of change.events) {
      if (e.kind === 'payment' || e.kind === 'partial_payment') this.counts.paymentsCents += e.amountCents;
    }
  }

  private close(item: LedgerItem): void {
    // A credit note that disappears has been used against an invoice: credit applied, not a payment.
    this.record({
      item,
      after: { ...itemStateOf(item), residualCents: 0, status: 'closed', closedOn: this.input.asOf },
      events: residualEvents(item.residualCents, 0, true),
    });
    this.counts.items.closed++;
    this.closedResidualCents += item.residualCents;
    if (item.documentType === 'credit_note') this.counts.creditNotesClosed++;
  }

  private duplicate(r: ImportRow, firstRow: number): void {
    this.issues.push({
      row: r.row,
      column: 'documentNumber',
      value: r.documentNumber,
      message: `Duplicate item (${describeKey(r)}): also on row ${firstRow}`,
    });
  }

  /** The open item the row is (-1: none) and the file row that already used its key (0: none). */
  private locate(r: ImportRow, customerId: number | undefined): { slot: number; firstRow: number } {
    // Only a known customer can have open items: no key to build for a new one.
    if (customerId !== undefined) {
      const found = this.open.match(r, baseKey(r, customerId));
      if (found.slot !== -1 || found.firstRow !== 0) return found;
    }
    return { slot: -1, firstRow: this.others.find(r) };
  }

  /** Open items of the row's group that earlier rows took (a twin is numbered after them). */
  private taken(r: ImportRow, customerId: number | undefined): Set<string> {
    const used = new Set<string>();
    if (customerId === undefined) return used;
    for (const s of this.open.group(baseKey(r, customerId))) used.add(this.open.stored[s] ?? '');
    return used;
  }

  /**
   * Twins: a file without an installment column may list two installments of one document on the same
   * due date. Past the ledger's items of that key (matched by order), the n-th such row keys, and is
   * stored, as installment "(n)"; matched by order from one snapshot to the next. The row as it is keyed.
   */
  private numberTwin(base: ImportRow, group: Set<string>): ImportRow {
    let r = base;
    let n = Math.max(2, group.size + 1);
    let firstRow: number;
    do {
      r = { ...base, installment: `(${n++})` };
      firstRow = group.has(r.installment as string) ? -1 : this.others.find(r);
    } while (firstRow !== 0);
    return r;
  }

  /** One row of the file, in file order. */
  addRow(row: ImportRow): void {
    let r = row;
    const fc = this.fileCustomers.get(r.customerCode);
    if (fc) mergeInto(fc, r);
    else {
      this.fileCustomers.set(r.customerCode, fieldsFromRow(r));
      if (!this.customers.has(r.customerCode)) this.newCodes.push(r.customerCode);
    }
    const customerId = this.customers.get(r.customerCode)?.id;

    const { slot, firstRow } = this.locate(r, customerId);
    if (firstRow !== 0 && r.installment !== null) {
      this.duplicate(r, firstRow);
      return;
    }
    const group = slot === -1 && r.installment === null ? this.taken(r, customerId) : null;
    if (group !== null && (firstRow !== 0 || group.size > 0)) r = this.numberTwin(r, group);
    else if (slot !== -1) {
      this.syncOpenItem(slot, r);
      return;
    }
    this.others.add(r);
    this.syncOtherRow(r, customerId);
  }

  /** A row that is one of the ledger's open items: unchanged, changed, or closed (listed as paid). */
  private syncOpenItem(slot: number, row: ImportRow): void {
    const { open, counts } = this;
    let r = row;
    open.row[slot] = r.row;
    counts.rows.imported++;
    const id = open.ids[slot] as number;
    const residual = open.residual[slot] as number;
    if (this.bank.keeps(id, residual, r, this.warnings)) r = { ...r, residualCents: residual };
    if (r.residualCents === 0) {
      // Listed with nothing left to pay: paid (or credit applied) as of the snapshot.
      this.close(this.finder.item(id));
      return;
    }
    const paymentMethod = r.paymentMethod ?? (open.paymentMethod[slot] as string | null);
    // A file with installments numbers the items a file without them left unnumbered.
    const installment = r.installment ?? (open.installment[slot] as string | null);
    const same = r.residualCents === open.residual[slot] && r.amountCents === open.amount[slot];
    if (same && paymentMethod === open.paymentMethod[slot] && installment === open.stored[slot]) {
      counts.items.unchanged++;
      return;
    }
    const item = this.finder.item(id);
    this.record({
      item,
      after: seenAgain(item, r, { installment, paymentMethod }),
      events: residualEvents(item.residualCents, r.residualCents, false),
    });
    if (same && paymentMethod === open.paymentMethod[slot]) counts.items.unchanged++;
    else counts.items.changed++;
  }

  /** A row that is no open item: a closed item (kept closed, or reopened), a paid unknown item, or a new one. */
  private syncOtherRow(r: ImportRow, customerId: number | undefined): void {
    const { counts } = this;
    const closed = customerId === undefined ? null : this.finder.closedItem(rowKeyParts(r, customerId));
    if (closed) {
      counts.rows.imported++;
      // Closed and listed as paid: nothing to do. Listed with a residual: reopened.
      if (this.bank.keeps(closed.id, closed.residualCents, r, this.warnings) || r.residualCents === 0)
        counts.items.unchanged++;
      else this.reopen(closed, r);
      return;
    }
    if (r.residualCents === 0) {
      // A paid item the ledger never had open: nothing to track (the ledger keeps open items).
      this.zeroUnknown++;
      return;
    }
    counts.rows.imported++;
    this.newItemCount++;
    this.newItems.push(r);
  }

  private reopen(item: LedgerItem, r: ImportRow): void {
    // A closed item that reappears (a returned bank bill, "RiBa insoluta"): the payment or credit
    // that closed it is reversed, then the residual moves to what the file says.
    const closing = this.finder.closingEvent(item.id);
    const restored = closing ? closing.residualBeforeCents : r.residualCents;
    const reversed = Math.abs(restored - item.residualCents);
    const events: PlannedEvent[] = [
      {
        kind: 'reversal',
        amountCents: reversed,
        residualBeforeCents: item.residualCents,
        residualAfterCents: restored,
      },
      ...residualEvents(restored, r.residualCents, false),
    ];
    if (closing ? closing.kind === 'payment' : restored > 0) this.counts.reversalsCents += reversed;
    this.record({
      item,
      after: seenAgain(item, r, {
        paymentMethod: r.paymentMethod ?? item.paymentMethod,
        status: 'open',
        closedOn: null,
      }),
      events,
    });
    this.counts.items.reopened++;
  }

  /**
   * After every row: a known open item absent from a snapshot is settled as of the snapshot date. `flush`
   * is called every `every` closures (they are handed on, not kept).
   */
  closeUnlisted(every: number, flush: () => void): void {
    if (this.input.mode !== 'snapshot') return;
    for (let slot = 0; slot < this.open.size; slot++) {
      if (this.open.row[slot] !== 0) continue;
      this.close(this.finder.item(this.open.ids[slot] as number));
      if (this.itemChanges.length >= every) flush();
    }
  }

  /** The customers the file introduces, and those whose master data (or code) it changes. */
  customerChanges(): Pick<SyncPlan, 'newCustomers' | 'updatedCustomers' | 'customerIds'> {
    const newCustomers: SyncPlan['newCustomers'] = [];
    const updatedCustomers: CustomerUpdate[] = [];
    for (const [code, fields] of this.fileCustomers) {
      const stored = this.customers.get(code);
      if (!stored) {
        newCustomers.push({ code, fields: fields.name === '' ? { ...fields, name: code } : fields });
        continue;
      }
      // An empty cell (or a column the file lacks) never erases what the ledger knows.
      const before = customerFields(stored);
      const after: CustomerFields = {
        name: fields.name || before.name,
        vat: fields.vat ?? before.vat,
        taxCode: fields.taxCode ?? before.taxCode,
        email: fields.email ?? before.email,
        pec: fields.pec ?? before.pec,
        phone: fields.phone ?? before.phone,
        area: fields.area ?? before.area,
        salesperson: fields.salesperson ?? before.salesperson,
        paymentMethod: fields.paymentMethod ?? before.paymentMethod,
      };
      const adoption = this.recoded.get(stored.id);
      if (adoption) {
        updatedCustomers.push({
          id: stored.id,
          before,
          after,
          recode: { before: adoption.previousCode, after: adoption.code },
        });
      } else if (CUSTOMER_FIELDS.some((f) => after[f] !== before[f]))
        updatedCustomers.push({ id: stored.id, before, after });
    }
    const customerIds = new Map<string, number>();
    for (const [code, c] of this.customers) customerIds.set(code, c.id);
    return { newCustomers, updatedCustomers, customerIds };
  }

  /** Counts that need every row: rows read and skipped, new items, paid rows the ledger never had. */
  finishCounts(
    customers: Pick<SyncPlan, 'newCustomers' | 'updatedCustomers'>,
    file: Pick<ReadSummary, 'read' | 'skipped'>,
  ): void {
    this.counts.rows.read = file.read;
    this.counts.items.new = this.newItemCount;
    this.counts.rows.skipped = file.skipped + this.zeroUnknown;
    this.counts.customers.new = customers.newCustomers.length;
    this.counts.customers.updated = customers.updatedCustomers.length;
  }

  bankReflected(): number[] {
    return this.bank.reflected(this.input.mode === 'snapshot');
  }
}

/**
 * The sync of rows that come a chunk at a time (a file being read, or rows given whole): each chunk is
 * compared with the ledger as it comes and what it changes handed to `flush` (write.ts writes it, in the
 * caller's transaction; a preview drops it), so no stage holds the file's rows. Only what needs every row
 * spans the file: the reader's key index (duplicates, twins), the ledger's open items with the file row that
 * listed each (those no snapshot row listed are closed at the end), the customers' fields, the counts.
 * Once the file has a row error its rows are no longer compared: `plan` is then null (the file is refused).
 * A ledger with customers from e-invoices the file may adopt needs every row before the first is keyed
 * (adopt.ts): its rows are gathered first, then compared the same way.
 */
export async function streamSync(
  db: Ledger,
  input: Pick<PlanInput, 'asOf' | 'mode' | 'sharedKeys'>,
  rows: RowStream,
  flush: (chunk: PlannedChunk) => void,
  hooks: SyncHooks = {},
): Promise<{ summary: ReadSummary; plan: StreamedPlan | null }> {
  const planner = await SyncPlanner.create(
    db,
    input,
    rows.keys ? new StreamedRows(rows.keys) : new OtherRows(input.sharedKeys),
  );
  const take = () => flush(planner.take());
  const addAll = (chunk: readonly ImportRow[]) => {
    checkCancelled(hooks);
    for (const r of chunk) planner.addRow(r);
    take();
  };
  let summary: ReadSummary;
  if (planner.needsEveryRow) {
    const all: ImportRow[] = [];
    summary = rows.each((chunk) => {
      if (!rows.failed()) for (const r of chunk) all.push(r);
    });
    if (!rows.failed()) {
      planner.adopt(all);
      for (let i = 0; i < all.length; i += CHUNK) addAll(all.slice(i, i + CHUNK));
    }
  } else {
    summary = rows.each((chunk) => {
      if (!rows.failed()) addAll(chunk);
    });
  }
  if (rows.failed()) return { summary, plan: null };
  planner.closeUnlisted(CHUNK, take);
  take();
  hooks.progress?.('sync', summary.read, summary.read);
  const customers = planner.customerChanges();
  planner.finishCounts(customers, summary);
  return {
    summary,
    plan: {
      ...customers,
      counts: planner.counts,
      openBefore: planner.openBefore,
      closedResidualCents: planner.closedResidualCents,
      needsClosureConfirmation: closureNeedsConfirmation(planner.counts.items.closed, planner.openBefore),
      issues: planner.issues,
      warnings: planner.warnings,
      bankReflected: planner.bankReflected(),
    },
  };
}

/** Rows given whole, handed on a chunk at a time (with the sync's progress and cancel checks). */
export function streamOf(
  rows: readonly ImportRow[],
  file: Partial<Pick<ReadSummary, 'read' | 'skipped' | 'errors' | 'warnings'>>,
  hooks: SyncHooks = {},
): RowStream {
  const errors = file.errors ?? [];
  return {
    keys: null,
    failed: () => errors.length > 0,
    each: (visit) => {
      if (errors.length === 0) {
        for (let i = 0; i < rows.length; i += CHUNK) {
          checkCancelled(hooks);
          hooks.progress?.('sync', i, rows.length);
          visit(rows.slice(i, i + CHUNK));
        }
      }
      return {
        read: file.read ?? rows.length,
        skipped: file.skipped ?? 0,
        errors,
        invalidRows: invalidRowCount(errors),
        warnings: file.warnings ?? [],
      };
    },
  };
}

/** The whole plan of rows given whole: every write it would make, gathered. */
export async function planSync(db: Ledger, input: PlanInput, hooks: SyncHooks = {}): Promise<SyncPlan> {
  const newItems: ImportRow[] = [];
  const itemChanges: ItemChange[] = [];
  const { plan } = await streamSync(
    db,
    input,
    streamOf(input.rows, input, hooks),
    (chunk) => {
      for (const r of chunk.newItems) newItems.push(r);
      for (const c of chunk.itemChanges) itemChanges.push(c);
    },
    hooks,
  );
  return { ...(plan as StreamedPlan), newItems, itemChanges };
}
