/**
 * Carries a sync out as it is planned, a chunk of rows at a time (plan.ts, streamSync), inside the caller's
 * transaction: one batch row (created with the first write, its counts set at the end), then for each chunk
 * the customers it introduces, its new items, its changed items with their before-images (batch_changes) and
 * events; at the end the customers' final master data and the bank payments the file reflects — one prepared
 * statement per kind. Rows the batch creates are tagged with first_seen_batch_id, which is how undo finds them
 * (a before-image per created row would double the cost of a big first import).
 */
import type { Ledger } from '../../../../db/open.ts';
import { markBankPaymentsReflected } from '../../../../db/queries/bank.ts';
import { type CustomerFields, createImportWriter, type NewBatch } from '../../../../db/queries/imports.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import {
  checkCancelled,
  type ItemChange,
  type PlannedChunk,
  type StreamedPlan,
  type SyncHooks,
  THIS_BATCH,
} from './plan.ts';

const CHUNK = 8192;

export class ImportWriter {
  private readonly w: ReturnType<typeof createImportWriter>;
  private batchId: number | null = null;
  /** The customers this batch created, with the fields they were created with. */
  private readonly created = new Map<string, { id: number; fields: CustomerFields }>();
  private done = 0;

  /** `batch.counts` is replaced by the plan's at the end. */
  constructor(
    private readonly db: Ledger,
    private readonly batch: NewBatch,
    private readonly hooks: SyncHooks = {},
  ) {
    this.w = createImportWriter(db);
  }

  private get id(): number {
    this.batchId ??= this.w.batch(this.batch);
    return this.batchId;
  }

  /** Cancel is checked every CHUNK rows written; progress is reported by `finish` alone (the rows' by the reader). */
  private tick(report: number | null): void {
    if (++this.done % CHUNK === 0) {
      checkCancelled(this.hooks);
      if (report !== null) this.hooks.progress?.('write', this.done, report);
    }
  }

  /** One chunk of the plan. */
  chunk(c: PlannedChunk, report: number | null = null): void {
    if (c.newCustomers.length === 0 && c.newItems.length === 0 && c.itemChanges.length === 0) return;
    const { w } = this;
    const batchId = this.id;
    for (const { code, fields } of c.newCustomers) {
      this.created.set(code, { id: w.customer(code, fields, batchId), fields });
      this.tick(report);
    }
    for (const r of c.newItems) {
      const customerId = this.created.get(r.customerCode)?.id ?? c.customerIds.get(r.customerCode);
      if (customerId === undefined) throw new Error(`No customer id for ${r.customerCode}`);
      // Written out, not spread from rowKeyParts: one object per new item, in the loop a 1M-row file
      // runs a million times — with the spread the import's peak RSS went from ~530 MB to ~1.2 GB.
      w.item({
        customerId,
        documentType: r.documentType,
        documentNumber: r.documentNumber,
        documentDate: r.documentDate,
        dueDate: r.dueDate,
        installment: r.installment ?? '',
        amountCents: r.amountCents,
        residualCents: r.residualCents,
        paymentMethod: r.paymentMethod,
        batchId,
      });
      this.tick(report);
    }
    for (const ch of c.itemChanges) {
      this.change(ch, batchId);
      this.tick(report);
    }
  }

  private change(ch: ItemChange, batchId: number): void {
    const { item, after } = ch;
    this.w.change(batchId, 'open_item', item.id, {
      amountCents: item.amountCents,
      residualCents: item.residualCents,
      installment: item.installment,
      paymentMethod: item.paymentMethod,
      status: item.status,
      closedOn: item.closedOn,
      lastSeenBatchId: item.lastSeenBatchId,
    });
    this.w.updateItem(item.id, {
      ...after,
      lastSeenBatchId: after.lastSeenBatchId === THIS_BATCH ? batchId : after.lastSeenBatchId,
    });
    const asOf: IsoDate = this.batch.asOf;
    for (const e of ch.events) this.w.event({ ...e, itemId: item.id, batchId, date: asOf });
  }

  /**
   * After the last chunk: the customers' master data as the whole file gives it, the bank payments it
   * reflects, the batch's counts. The batch id, or null when nothing was written and `moved` is false (the
   * ledger's as-of date would not move either: no batch is recorded).
   */
  async finish(plan: StreamedPlan, moved: boolean): Promise<number | null> {
    const { w, hooks } = this;
    const writes =
      this.batchId !== null ||
      plan.newCustomers.length > 0 ||
      plan.updatedCustomers.length > 0 ||
      plan.bankReflected.length > 0;
    if (!writes && !moved) return null;
    const batchId = this.id;
    const total = this.done + plan.newCustomers.length + plan.updatedCustomers.length;
    for (const c of plan.newCustomers) {
      const created = this.created.get(c.code);
      if (!created) this.created.set(c.code, { id: w.customer(c.code, c.fields, batchId), fields: c.fields });
      // A later row gave a field the first ones left empty: created by this batch, so no before-image.
      else if (!sameFields(created.fields, c.fields)) w.updateCustomer(created.id, c.fields);
      this.tick(total);
    }
    for (const u of plan.updatedCustomers) {
      // An adopted customer's before-image holds its previous code too: undo restores it.
      w.change(batchId, 'customer', u.id, u.recode ? { ...u.before, code: u.recode.before } : u.before);
      w.updateCustomer(u.id, u.after);
      if (u.recode) w.recodeCustomer(u.id, u.recode.after);
      this.tick(total);
    }
    // The bank payments the file reflects no longer await the export; undone with the batch.
    await markBankPaymentsReflected(this.db, plan.bankReflected, batchId);
    w.batchCounts(batchId, plan.counts);
    hooks.progress?.('write', total, total);
    return batchId;
  }
}

function sameFields(a: CustomerFields, b: CustomerFields): boolean {
  return (Object.keys(b) as (keyof CustomerFields)[]).every((f) => a[f] === b[f]);
}
