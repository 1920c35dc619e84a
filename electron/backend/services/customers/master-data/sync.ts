/**
 * Customer master data -> ledger: creates the customers the file lists and updates the known ones
 * (by code) with what the file says — the accounting system's master data is authoritative, but an
 * empty cell never erases what the ledger knows. The postal block letters print is recomposed from
 * the address parts. A customer first created from an e-invoice (its code is its VAT number or tax
 * code) takes the file's accounting code when the identities match, so one party stays one
 * customer. Open items are never touched. Preview and apply share `planMasterData`.
 */
import type { Ledger } from '../../../../../db/open.ts';
import { isFileImported } from '../../../../../db/queries/imports.ts';
import {
  insertCustomerMaster,
  loadCustomerMasters,
  MASTER_COLUMNS,
  type MasterFields,
  masterFieldsOf,
  updateCustomerMaster,
} from '../../../../../db/queries/master-data.ts';
import { inTransaction } from '../../../../../db/transaction.ts';
import type { MethodOutput } from '../../../../../shared/api/contract.ts';
import { AppError } from '../../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../../shared/domain/dates.ts';
import {
  canonicalTaxCode,
  canonicalVat,
  identityKeys,
  MASTER_FIELDS,
  type MasterField,
  postalBlock,
} from '../../../../../shared/domain/master-data.ts';
import type { ImportIssue } from '../../import/types.ts';
import { CustomerIndex, createdFromEInvoice } from '../identity.ts';
import { type BatchCounts, kindBatchOf, runKindBatch } from '../ledger-batch.ts';
import type { MasterRead, MasterRow } from './read.ts';

export type MasterDataPreview = MethodOutput<'masterData.preview'>;
export type MasterDataResult = MethodOutput<'masterData.apply'>;
type Change = MasterDataPreview['changes'][number];

interface PlannedCustomer {
  row: MasterRow;
  status: 'new' | 'updated' | 'unchanged';
  id: number | null;
  code: string;
  /** The code the customer had, when the file gives it its accounting code. */
  previousCode: string | null;
  before: MasterFields | null;
  after: MasterFields;
}

export interface MasterPlan {
  customers: PlannedCustomer[];
  counts: BatchCounts & { customers: { unchanged: number } };
  details: { kind: 'customers'; unchanged: number };
  warnings: ImportIssue[];
  writes: boolean;
}

const ADDRESS_PARTS = ['street', 'postalCode', 'city', 'province', 'country'] as const;

/** The ledger's fields overwritten by the row's non-empty ones; the postal block recomposed when parts came. */
function merged(before: MasterFields | null, r: MasterRow): MasterFields {
  const base: MasterFields = before ?? {
    name: r.code,
    vat: null,
    taxCode: null,
    address: null,
    street: null,
    postalCode: null,
    city: null,
    province: null,
    country: null,
    email: null,
    pec: null,
    phone: null,
    sdiCode: null,
    iban: null,
  };
  const after = { ...base };
  for (const k of MASTER_COLUMNS) {
    if (k === 'address') continue;
    const v = r[k];
    if (v !== null) after[k] = v;
  }
  // The same number written another way (`IT09876543210` / `09876543210`) is no change.
  if (canonicalVat(after.vat) === canonicalVat(base.vat)) after.vat = base.vat;
  if (canonicalTaxCode(after.taxCode) === canonicalTaxCode(base.taxCode)) after.taxCode = base.taxCode;
  if (ADDRESS_PARTS.some((k) => r[k] !== null)) after.address = postalBlock(after);
  return after;
}

export async function planMasterData(
  db: Ledger,
  read: Pick<MasterRead, 'rows' | 'read' | 'skipped'>,
): Promise<MasterPlan> {
  const index = new CustomerIndex(await loadCustomerMasters(db));
  const warnings: ImportIssue[] = [];
  const adopted = new Set<number>();
  const customers: PlannedCustomer[] = read.rows.map((r) => {
    let known = index.byCode.get(r.code);
    let previousCode: string | null = null;
    if (!known) {
      const byIdentity = index.find(identityKeys(r.vat, r.taxCode));
      if (byIdentity && createdFromEInvoice(byIdentity) && !adopted.has(byIdentity.id)) {
        known = byIdentity;
        previousCode = byIdentity.code;
        adopted.add(byIdentity.id);
        warnings.push({
          row: r.row,
          value: r.code,
          message: `customer ${byIdentity.code} (from e-invoices) is ${r.code} in the accounting: it takes this code`,
        });
      }
    }
    const before = known ? masterFieldsOf(known) : null;
    const after = merged(before, r);
    const changed =
      before === null || previousCode !== null || MASTER_COLUMNS.some((k) => before[k] !== after[k]);
    return {
      row: r,
      status: before === null ? 'new' : changed ? 'updated' : 'unchanged',
      id: known?.id ?? null,
      code: r.code,
      previousCode,
      before,
      after,
    };
  });
  const n = (s: PlannedCustomer['status']) => customers.filter((c) => c.status === s).length;
  const counts = {
    rows: { read: read.read, imported: read.rows.length, skipped: read.skipped },
    customers: { new: n('new'), updated: n('updated'), unchanged: n('unchanged') },
    items: { new: 0, changed: 0, closed: 0, reopened: 0, unchanged: 0 },
  };
  return {
    customers,
    counts,
    details: { kind: 'customers', unchanged: counts.customers.unchanged },
    warnings,
    writes: counts.customers.new + counts.customers.updated > 0,
  };
}

const FIELD_OF_COLUMN: Partial<Record<keyof MasterFields, MasterField | 'address'>> = {
  ...Object.fromEntries(MASTER_FIELDS.map((f) => [f, f])),
  address: 'address',
};

function changeOf(c: PlannedCustomer): Change {
  const fields: Change['fields'] = [];
  if (c.previousCode !== null) fields.push({ field: 'code', before: c.previousCode, after: c.code });
  for (const k of MASTER_COLUMNS) {
    const before = c.before?.[k] ?? null;
    if (before !== c.after[k]) fields.push({ field: FIELD_OF_COLUMN[k] ?? k, before, after: c.after[k] });
  }
  return { code: c.code, name: c.after.name, status: c.status, fields };
}

const MAX_LISTED = 2000;

export async function previewMasterData(db: Ledger, read: MasterRead): Promise<MasterDataPreview> {
  const p = await inTransaction(db, async () => await planMasterData(db, read));
  const mapping = (Object.entries(read.mapping) as [MasterField, number][])
    .sort((a, b) => a[1] - b[1])
    .map(([field, i]) => ({ field, header: read.headers[i] ?? '' }));
  return {
    file: read.fileName,
    format: read.format,
    sheet: read.sheet,
    headerRow: read.headerRow,
    mapping,
    rows: p.counts.rows,
    customers: p.counts.customers,
    changes: p.customers
      .filter((c) => c.status !== 'unchanged')
      .slice(0, MAX_LISTED)
      .map(changeOf),
    warnings: [...read.warnings, ...p.warnings].slice(0, MAX_LISTED),
    errors: read.errors.slice(0, MAX_LISTED),
    alreadyImported: await isFileImported(db, read.sha256),
  };
}

export interface MasterApplyOptions {
  dryRun: boolean;
  user: { id: number; name: string } | null;
  at: string;
  today: IsoDate;
}

export async function applyMasterData(
  db: Ledger,
  read: MasterRead,
  o: MasterApplyOptions,
): Promise<MasterDataResult> {
  if (read.errors.length > 0) {
    // Rows, not errors: one row may have several.
    const n = new Set(read.errors.map((e) => e.row)).size;
    throw new AppError(
      'VALIDATION',
      `${read.fileName}: ${n} invalid row${n === 1 ? '' : 's'}; nothing was imported. Correct the file and import it again.`,
      { issues: read.errors.slice(0, MAX_LISTED) },
    );
  }
  const { batch, plan, totals } = await runKindBatch(
    db,
    kindBatchOf('masterData.apply', 'customers', read, o),
    async () => await planMasterData(db, read),
    async (p, w, batchId) => {
      for (const c of p.customers) {
        if (c.status === 'new') await insertCustomerMaster(db, c.code, c.after, batchId);
        else if (c.status === 'updated' && c.id !== null && c.before !== null) {
          w.change(batchId, 'customer_master', c.id, { ...c.before, code: c.previousCode ?? c.code });
          await updateCustomerMaster(db, c.id, { ...c.after, code: c.code });
        }
      }
    },
    { dryRun: o.dryRun },
  );
  return {
    batch,
    file: read.fileName,
    format: read.format,
    rows: plan.counts.rows,
    customers: plan.counts.customers,
    totals,
  };
}
