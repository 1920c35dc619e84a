/**
 * Customers' master data as the master-data and e-invoice imports read and write it: identity,
 * postal address parts and the composed postal block, contacts, SDI code, IBAN. Drizzle
 * builders only (portable). Before-images of these columns are kept in batch_changes as
 * `customer_master` so an undo restores them exactly.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { customers, openItems } from '../schema.ts';
import { ITEM_DOCUMENT_COLUMNS } from './items.ts';

/** The customer columns a master-data or e-invoice import may fill. */
export interface MasterFields {
  name: string;
  vat: string | null;
  taxCode: string | null;
  address: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
  sdiCode: string | null;
  iban: string | null;
}

export const MASTER_COLUMNS = [
  'name',
  'vat',
  'taxCode',
  'address',
  'street',
  'postalCode',
  'city',
  'province',
  'country',
  'email',
  'pec',
  'phone',
  'sdiCode',
  'iban',
] as const satisfies readonly (keyof MasterFields)[];

export interface CustomerMaster extends MasterFields {
  id: number;
  code: string;
}

const columns = {
  id: customers.id,
  code: customers.code,
  name: customers.name,
  vat: customers.vat,
  taxCode: customers.taxCode,
  address: customers.address,
  street: customers.street,
  postalCode: customers.postalCode,
  city: customers.city,
  province: customers.province,
  country: customers.country,
  email: customers.email,
  pec: customers.pec,
  phone: customers.phone,
  sdiCode: customers.sdiCode,
  iban: customers.iban,
};

export async function loadCustomerMasters(db: Ledger): Promise<CustomerMaster[]> {
  return db.select(columns).from(customers).orderBy(asc(customers.code)).all();
}

export function masterFieldsOf(c: MasterFields): MasterFields {
  const out = {} as Record<keyof MasterFields, string | null>;
  for (const k of MASTER_COLUMNS) out[k] = c[k];
  return out as unknown as MasterFields;
}

export async function insertCustomerMaster(
  db: Ledger,
  code: string,
  f: MasterFields,
  batchId: number,
): Promise<number> {
  const row = db
    .insert(customers)
    .values({ code, ...masterFieldsOf(f), firstSeenBatchId: batchId })
    .returning({ id: customers.id })
    .get();
  return row.id;
}

/** Sets the master columns (and the code, when given: a customer created from an e-invoice takes its accounting code). */
export async function updateCustomerMaster(
  db: Ledger,
  id: number,
  f: MasterFields & { code?: string },
): Promise<void> {
  const values = f.code === undefined ? masterFieldsOf(f) : { ...masterFieldsOf(f), code: f.code };
  db.update(customers).set(values).where(eq(customers.id, id)).run();
}

/** Every item (open or closed) of one document of one customer: what a second version is compared with. */
export async function documentItems(
  db: Ledger,
  customerId: number,
  documentType: 'invoice' | 'credit_note',
  documentNumber: string,
  documentDate: string,
) {
  return db
    .select({
      id: openItems.id,
      customerId: openItems.customerId,
      ...ITEM_DOCUMENT_COLUMNS,
      paymentMethod: openItems.paymentMethod,
      status: openItems.status,
      closedOn: openItems.closedOn,
      lastSeenBatchId: openItems.lastSeenBatchId,
    })
    .from(openItems)
    .where(
      and(
        eq(openItems.customerId, customerId),
        eq(openItems.documentType, documentType),
        eq(openItems.documentNumber, documentNumber),
        eq(openItems.documentDate, documentDate),
      ),
    )
    .orderBy(asc(openItems.dueDate), asc(openItems.installment))
    .all();
}
