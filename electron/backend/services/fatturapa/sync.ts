/**
 * E-invoices -> ledger. Incremental by nature: each document adds its installments as open items
 * and nothing else is touched (no other item is ever closed). The buyer is found by VAT number or
 * tax code (one buyer is one customer whatever name an invoice gives it) or created. The same
 * document twice changes nothing; a second version of a document (same customer, type, number
 * and date, other installments) replaces the first only when confirmed — what was already paid
 * stays paid. Invoices not issued by the company (purchase invoices) are skipped.
 * Preview and apply share `planEInvoices`; the apply runs it inside its transaction.
 */
import type { Ledger } from '../../../../db/open.ts';
import type { ImportWriter } from '../../../../db/queries/imports.ts';
import { type ItemState, isFileImported, itemStateOf } from '../../../../db/queries/imports.ts';
import {
  type CustomerMaster,
  documentItems,
  insertCustomerMaster,
  loadCustomerMasters,
  type MasterFields,
  masterFieldsOf,
  updateCustomerMaster,
} from '../../../../db/queries/master-data.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import {
  compareVersions,
  installmentKey,
  type PlannedInstallment,
  plannedInstallments,
  receivableKind,
} from '../../../../shared/domain/fatturapa.ts';
import { identityKeys, postalBlock } from '../../../../shared/domain/master-data.ts';
import { CustomerIndex, createdFromEInvoice } from '../customers/identity.ts';
import { type BatchCounts, kindBatchOf, runKindBatch } from '../customers/ledger-batch.ts';
import { readSetting } from '../settings/store.ts';
import type { EInvoiceIssue, EInvoiceRead } from './read/index.ts';
import type { EInvoiceBuyer } from './read/xml.ts';

export type EInvoicePreview = MethodOutput<'eInvoices.preview'>;
export type EInvoiceResult = MethodOutput<'eInvoices.apply'>;
type DocumentView = EInvoicePreview['invoices'][number];

/** A customer the import refers to: one of the ledger's, or one it creates (by its code). */
type CustomerRef = { existing: CustomerMaster } | { created: string };

interface ItemLike extends ItemState {
  id: number;
  dueDate: string;
}

interface PlannedDocument {
  view: DocumentView;
  customer: CustomerRef;
  documentType: 'invoice' | 'credit_note';
  installments: PlannedInstallment[];
  ledger: ItemLike[];
}

export interface EInvoicePlan {
  documents: PlannedDocument[];
  newCustomers: { code: string; fields: MasterFields }[];
  updatedCustomers: { id: number; before: MasterFields; after: MasterFields }[];
  errors: EInvoiceIssue[];
  warnings: EInvoiceIssue[];
  counts: BatchCounts;
  details: { kind: 'fatturapa'; files: number; documents: DocCounts };
  writes: boolean;
}

interface DocCounts {
  new: number;
  unchanged: number;
  changed: number;
  skipped: number;
}

function buyerFields(b: EInvoiceBuyer): MasterFields {
  return {
    name: b.name,
    vat: b.vat,
    taxCode: b.taxCode,
    address: postalBlock(b),
    street: b.street,
    postalCode: b.postalCode,
    city: b.city,
    province: b.province,
    country: b.country,
    email: null,
    pec: b.pec,
    phone: null,
    sdiCode: b.sdiCode,
    iban: null,
  };
}

/** What an e-invoice adds to a known customer: only what the ledger lacks, never the name. */
function fillIn(before: MasterFields, b: EInvoiceBuyer): MasterFields {
  const after = { ...before };
  after.vat ??= b.vat;
  after.taxCode ??= b.taxCode;
  after.sdiCode ??= b.sdiCode;
  after.pec ??= b.pec;
  const noAddress = [before.address, before.street, before.postalCode, before.city].every((v) => v === null);
  if (noAddress && (b.street || b.city)) {
    after.street = b.street;
    after.postalCode = b.postalCode;
    after.city = b.city;
    after.province = b.province;
    after.country = b.country;
    after.address = postalBlock(b);
  }
  return after;
}

const sameFields = (a: MasterFields, b: MasterFields) =>
  (Object.keys(a) as (keyof MasterFields)[]).every((k) => a[k] === b[k]);

const installmentView = (
  i: Pick<PlannedInstallment, 'installment' | 'dueDate' | 'amountCents' | 'paymentMethod'>,
) => ({
  installment: i.installment,
  dueDate: i.dueDate,
  amountCents: i.amountCents,
  paymentMethod: i.paymentMethod,
});

export async function planEInvoices(db: Ledger, read: EInvoiceRead): Promise<EInvoicePlan> {
  const errors = [...read.errors];
  const warnings = [...read.warnings];
  const index = new CustomerIndex(await loadCustomerMasters(db));
  const company = identityKeys(
    String(await readSetting(db, 'company.vat')),
    String(await readSetting(db, 'company.taxCode')),
  );
  if (company.length === 0 && read.invoices.length > 0) {
    warnings.push({
      file: read.fileName,
      message:
        'The company VAT number is not set (settings: company.vat): invoices you received cannot be told from those you issued, so all are imported.',
    });
  }

  const created = new Map<string, { code: string; fields: MasterFields; keys: string[] }>();
  const createdByKey = new Map<string, string>();
  const takenCodes = new Set<string>();
  const updates = new Map<number, { id: number; before: MasterFields; after: MasterFields }>();
  const documents: PlannedDocument[] = [];
  const seen = new Map<string, PlannedDocument>();
  const docCounts: DocCounts = { new: 0, unchanged: 0, changed: 0, skipped: 0 };

  const resolveBuyer = (b: EInvoiceBuyer, keys: string[]): CustomerRef => {
    const known = index.find(keys);
    if (known) {
      const original = updates.get(known.id)?.before ?? masterFieldsOf(known);
      const after = fillIn(updates.get(known.id)?.after ?? original, b);
      if (!sameFields(original, after)) updates.set(known.id, { id: known.id, before: original, after });
      return { existing: known };
    }
    for (const k of keys) {
      const code = createdByKey.get(k);
      if (code !== undefined) {
        for (const k2 of keys) createdByKey.set(k2, code);
        return { created: code };
      }
    }
    const code = index.freeCode(b.vat ?? b.taxCode ?? b.name, takenCodes);
    takenCodes.add(code);
    created.set(code, { code, fields: buyerFields(b), keys });
    for (const k of keys) createdByKey.set(k, code);
    return { created: code };
  };

  for (const { file, invoice } of read.invoices) {
    const sellerKeys = identityKeys(invoice.seller.vat, invoice.seller.taxCode);
    const buyerKeys = identityKeys(invoice.buyer.vat, invoice.buyer.taxCode);
    if (company.length > 0 && !sellerKeys.some((k) => company.includes(k))) {
      const received = buyerKeys.some((k) => company.includes(k));
      warnings.push({
        file,
        message: received
          ? `skipped: an invoice you received from ${invoice.seller.name} (a payable, not a receivable)`
          : `skipped: issued by ${invoice.seller.name} (${invoice.seller.vat ?? invoice.seller.taxCode}), not by your company`,
      });
      docCounts.skipped += invoice.documents.length;
      continue;
    }
    if (buyerKeys.length === 0) {
      errors.push({
        file,
        column: 'CessionarioCommittente/DatiAnagrafici',
        message: `the buyer ${invoice.buyer.name} has neither a VAT number nor a tax code`,
      });
      continue;
    }
    const customer = resolveBuyer(invoice.buyer, buyerKeys);
    const customerCode = 'existing' in customer ? customer.existing.code : customer.created;
    const customerName = 'existing' in customer ? customer.existing.name : invoice.buyer.name;

    for (const doc of invoice.documents) {
      const where = `FatturaElettronicaBody[${doc.body}]`;
      const kind = receivableKind(doc.tipoDocumento);
      const view: DocumentView = {
        file,
        body: doc.body,
        type: doc.tipoDocumento,
        number: doc.number,
        date: doc.date,
        customerCode,
        customerName,
        newCustomer: 'created' in customer,
        installments: [],
        status: 'skipped',
        previous: [],
        reason: null,
      };
      if (doc.currency !== 'EUR') {
        errors.push({
          file,
          column: `${where}/DatiGenerali/DatiGeneraliDocumento/Divisa`,
          value: doc.currency,
          message: `document ${doc.number} is in ${doc.currency}: the ledger keeps euro amounts only`,
        });
        continue;
      }
      if (kind === null) {
        view.reason = `${doc.tipoDocumento} is not a receivable (self-invoice or integration)`;
        warnings.push({
          file,
          column: `${where}/DatiGenerali/DatiGeneraliDocumento/TipoDocumento`,
          value: doc.tipoDocumento,
          message: `skipped: ${view.reason}`,
        });
        docCounts.skipped++;
        documents.push({ view, customer, documentType: 'invoice', installments: [], ledger: [] });
        continue;
      }
      const installments = plannedInstallments(doc);
      view.installments = installments.map(installmentView);
      if (installments.length === 0) {
        view.reason = 'no amount to collect';
        warnings.push({
          file,
          column: where,
          message: `skipped: document ${doc.number} has no amount to collect`,
        });
        docCounts.skipped++;
        documents.push({ view, customer, documentType: kind, installments, ledger: [] });
        continue;
      }
      const keys = new Set<string>();
      for (const i of installments) {
        if (keys.has(installmentKey(i))) {
          errors.push({
            file,
            column: `${where}/DatiPagamento`,
            message: `document ${doc.number} has two installments due ${i.dueDate}`,
          });
        }
        keys.add(installmentKey(i));
      }
      const docKey = [customerCode, kind, doc.number, doc.date].join('\u001f');
      const twin = seen.get(docKey);
      if (twin) {
        if (compareVersions(twin.installments, installments) === 'unchanged') {
          warnings.push({
            file,
            message: `document ${doc.number} of ${doc.date} is also in ${twin.view.file}: read once`,
          });
        } else {
          errors.push({
            file,
            message: `document ${doc.number} of ${doc.date} is also in ${twin.view.file} with other amounts or due dates: keep one version`,
          });
        }
        continue;
      }
      const ledger: ItemLike[] =
        'existing' in customer
          ? await documentItems(db, customer.existing.id, kind, doc.number, doc.date)
          : [];
      view.status = compareVersions(ledger, installments);
      if (view.status === 'changed') {
        view.previous = ledger.map((l) => installmentView(l));
        view.reason = 'a second version of a document already in the ledger: confirm to replace it';
      }
      docCounts[view.status]++;
      const planned = { view, customer, documentType: kind, installments, ledger };
      seen.set(docKey, planned);
      documents.push(planned);
    }
  }

  for (const [key, codes] of index.ambiguous) {
    if (documents.some((d) => 'existing' in d.customer && codes.includes(d.customer.existing.code))) {
      warnings.push({
        file: read.fileName,
        message: `customers ${codes.join(', ')} share ${key.replace(/^vat:/, 'the VAT number ').replace(/^cf:/, 'the tax code ')}: the invoices went to ${codes[0]}`,
      });
    }
  }

  // Counts of what an apply writes (a changed document only when confirmed: counted as it would be).
  const items = { new: 0, changed: 0, closed: 0, reopened: 0, unchanged: 0 };
  for (const d of documents) {
    if (d.view.status === 'new') items.new += d.installments.length;
    else if (d.view.status === 'unchanged') items.unchanged += d.installments.length;
    else if (d.view.status === 'changed') {
      const file = new Set(d.installments.map(installmentKey));
      const ledger = new Set(d.ledger.map(installmentKey));
      items.new += d.installments.filter((i) => !ledger.has(installmentKey(i))).length;
      const amounts = new Map(d.installments.map((i) => [installmentKey(i), i.amountCents]));
      items.changed += d.ledger.filter((l) => {
        const a = amounts.get(installmentKey(l));
        return a !== undefined && a !== l.amountCents;
      }).length;
      items.unchanged += d.ledger.filter((l) => amounts.get(installmentKey(l)) === l.amountCents).length;
      items.closed += d.ledger.filter((l) => !file.has(installmentKey(l)) && l.status === 'open').length;
    }
  }
  const newCustomers = [...created.values()].filter((c) =>
    documents.some(
      (d) => 'created' in d.customer && d.customer.created === c.code && d.view.status !== 'skipped',
    ),
  );
  const updatedCustomers = [...updates.values()].filter((u) =>
    documents.some(
      (d) => 'existing' in d.customer && d.customer.existing.id === u.id && d.view.status !== 'skipped',
    ),
  );
  // A ledger that knows customers by accounting code: a buyer it does not know is worth a word.
  if ([...index.byCode.values()].some((c) => !createdFromEInvoice(c))) {
    for (const c of newCustomers) {
      warnings.push({
        file: read.fileName,
        message: `new customer ${c.code} (${c.fields.name}): no customer of the ledger has its VAT number or tax code; import the customer master data to give it its accounting code`,
      });
    }
  }
  const imported = docCounts.new + docCounts.unchanged + docCounts.changed;
  return {
    documents,
    newCustomers: newCustomers.map((c) => ({ code: c.code, fields: c.fields })),
    updatedCustomers,
    errors,
    warnings,
    counts: {
      rows: { read: imported + docCounts.skipped, imported, skipped: docCounts.skipped },
      customers: { new: newCustomers.length, updated: updatedCustomers.length },
      items,
    },
    details: { kind: 'fatturapa', files: read.files, documents: docCounts },
    writes: docCounts.new + docCounts.changed > 0 || newCustomers.length > 0 || updatedCustomers.length > 0,
  };
}

const MAX_LISTED = 2000;

export async function previewEInvoices(db: Ledger, read: EInvoiceRead): Promise<EInvoicePreview> {
  const p = await inTransaction(db, async () => await planEInvoices(db, read));
  return {
    file: read.fileName,
    format: read.format,
    files: read.files,
    documents: p.details.documents,
    items: { new: p.counts.items.new, changed: p.counts.items.changed, closed: p.counts.items.closed },
    customers: p.counts.customers,
    invoices: p.documents.slice(0, MAX_LISTED).map((d) => d.view),
    needsConfirmation: p.documents.some((d) => d.view.status === 'changed'),
    warnings: p.warnings.slice(0, MAX_LISTED),
    errors: p.errors.slice(0, MAX_LISTED),
    alreadyImported: await isFileImported(db, read.sha256),
  };
}

function invalidFile(read: EInvoiceRead, issues: EInvoiceIssue[]): AppError {
  const n = issues.length;
  return new AppError(
    'VALIDATION',
    `${read.fileName}: ${n} problem${n === 1 ? '' : 's'} in the e-invoices; nothing was imported.`,
    {
      issues: issues.slice(0, MAX_LISTED).map((i) => ({
        ...(i.column !== undefined
          ? { column: i.file === read.fileName ? i.column : `${i.file}: ${i.column}` }
          : {}),
        ...(i.value !== undefined ? { value: i.value } : {}),
        message: i.file === read.fileName || i.column !== undefined ? i.message : `${i.file}: ${i.message}`,
      })),
    },
  );
}

/** The residual of an item whose amount a second version changes: what was paid stays paid. */
function adjustedResidual(old: ItemLike, amountCents: number): number {
  const paid = old.amountCents - old.residualCents;
  const residual = amountCents - paid;
  return Math.sign(residual) === Math.sign(amountCents) ? residual : 0;
}

async function writeEInvoices(
  db: Ledger,
  p: EInvoicePlan,
  w: ImportWriter,
  batchId: number,
  asOf: IsoDate,
): Promise<void> {
  const ids = new Map<string, number>();
  for (const c of p.newCustomers) ids.set(c.code, await insertCustomerMaster(db, c.code, c.fields, batchId));
  for (const u of p.updatedCustomers) {
    w.change(batchId, 'customer_master', u.id, u.before);
    await updateCustomerMaster(db, u.id, u.after);
  }
  const insert = (customerId: number, d: PlannedDocument, i: PlannedInstallment) =>
    w.item({
      customerId,
      documentType: d.documentType,
      documentNumber: d.view.number,
      documentDate: d.view.date,
      dueDate: i.dueDate,
      installment: i.installment ?? '',
      amountCents: i.amountCents,
      residualCents: i.amountCents,
      paymentMethod: i.paymentMethod,
      batchId,
    });
  for (const d of p.documents) {
    if (d.view.status !== 'new' && d.view.status !== 'changed') continue;
    const customerId = 'existing' in d.customer ? d.customer.existing.id : ids.get(d.customer.created);
    if (customerId === undefined) throw new Error(`No customer for ${d.view.customerCode}`);
    if (d.view.status === 'new') {
      for (const i of d.installments) insert(customerId, d, i);
      continue;
    }
    const byKey = new Map(d.ledger.map((l) => [installmentKey(l), l]));
    for (const i of d.installments) {
      const old = byKey.get(installmentKey(i));
      byKey.delete(installmentKey(i));
      if (!old) {
        insert(customerId, d, i);
        continue;
      }
      const residualCents = adjustedResidual(old, i.amountCents);
      w.change(batchId, 'open_item', old.id, itemStateOf(old));
      w.updateItem(old.id, {
        amountCents: i.amountCents,
        residualCents,
        installment: old.installment,
        paymentMethod: i.paymentMethod ?? old.paymentMethod,
        status: residualCents === 0 ? 'closed' : 'open',
        closedOn: residualCents === 0 ? (old.closedOn ?? asOf) : null,
        lastSeenBatchId: batchId,
      });
    }
    // Installments the new version no longer has: closed, without a payment (none was made).
    for (const old of byKey.values()) {
      if (old.status !== 'open') continue;
      w.change(batchId, 'open_item', old.id, itemStateOf(old));
      w.updateItem(old.id, {
        amountCents: old.amountCents,
        residualCents: 0,
        installment: old.installment,
        paymentMethod: old.paymentMethod,
        status: 'closed',
        closedOn: asOf,
        lastSeenBatchId: batchId,
      });
    }
  }
}

export interface EInvoiceApplyOptions {
  confirmChanges: boolean;
  dryRun: boolean;
  user: { id: number; name: string } | null;
  at: string;
  today: IsoDate;
}

/**
 * Imports the e-invoices: one transaction, one batch, one audit row. Throws VALIDATION when any
 * file has a problem (nothing written), CONFIRMATION_REQUIRED for second versions not confirmed.
 */
export async function applyEInvoices(
  db: Ledger,
  read: EInvoiceRead,
  o: EInvoiceApplyOptions,
): Promise<EInvoiceResult> {
  if (read.errors.length > 0) throw invalidFile(read, read.errors);
  const { batch, plan, totals } = await runKindBatch(
    db,
    kindBatchOf('eInvoices.apply', 'fatturapa', read, o),
    async () => {
      const p = await planEInvoices(db, read);
      if (p.errors.length > 0) throw invalidFile(read, p.errors);
      const changed = p.documents.filter((d) => d.view.status === 'changed');
      if (changed.length > 0 && !o.confirmChanges) {
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `${read.fileName}: ${changed.length} document${changed.length === 1 ? ' is a second version' : 's are second versions'} of ${changed.length === 1 ? 'one' : 'documents'} already imported with other amounts or due dates (${changed
            .slice(0, 5)
            .map((d) => `${d.view.number} of ${d.view.date}`)
            .join(
              ', ',
            )}${changed.length > 5 ? ', …' : ''}). Confirm to replace ${changed.length === 1 ? 'it' : 'them'}; what was paid stays paid.`,
          {
            documents: changed.map((d) => ({
              number: d.view.number,
              date: d.view.date,
              customerCode: d.view.customerCode,
            })),
          },
        );
      }
      return p;
    },
    async (p, w, batchId, asOf) => await writeEInvoices(db, p, w, batchId, asOf),
    { dryRun: o.dryRun },
  );
  return {
    batch,
    file: read.fileName,
    format: read.format,
    files: read.files,
    documents: plan.details.documents,
    items: {
      new: plan.counts.items.new,
      changed: plan.counts.items.changed,
      closed: plan.counts.items.closed,
    },
    customers: plan.counts.customers,
    totals,
  };
}
