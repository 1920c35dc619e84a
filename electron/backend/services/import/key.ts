/**
 * The natural key of an open item: customer + document type + document number + document date +
 * due date + installment. The installment is in the key because real exports list two
 * installments of one invoice with the same due date (both sample scadenzari do); a file without
 * an installment column keys every item with '' (and a NULL installment in the ledger matches '').
 *
 * In memory the customer part is the ledger id of a known customer (shorter than the code, and
 * what open items hold), or `c<code>` for a customer the file introduces — a digit-only id can
 * never equal a `c…` string, so the two never collide. db/queries/imports.ts `forEachOpenItem`
 * builds `baseKey` (the key with no installment) in SQL for the ledger's open items and hands the
 * installment apart (plan.ts matches by the five parts, then by installment or order): the two must
 * stay in step.
 */
import type { ItemKeyParts } from '../../../../db/queries/imports.ts';
import type { ImportRow } from './types.ts';

// A unit separator cannot occur in a cell the reader keeps (it trims control characters away).
const SEP = '\u001f';

/** A row's natural key as the ledger's columns hold it, for the customer's ledger id ('' for no installment). */
export function rowKeyParts(r: ImportRow, customerId: number): ItemKeyParts {
  return {
    customerId,
    documentType: r.documentType,
    documentNumber: r.documentNumber,
    documentDate: r.documentDate,
    dueDate: r.dueDate,
    installment: r.installment ?? '',
  };
}

export function naturalKey(
  customer: number | string,
  documentType: string,
  documentNumber: string,
  documentDate: string,
  dueDate: string,
  installment: string | null,
): string {
  return (
    customer +
    SEP +
    documentType +
    SEP +
    documentNumber +
    SEP +
    documentDate +
    SEP +
    dueDate +
    SEP +
    (installment ?? '')
  );
}

/** The key of a file row; `customerId` is undefined for a customer the ledger does not know yet. */
export function rowKey(r: ImportRow, customerId: number | undefined): string {
  return naturalKey(
    customerId ?? `c${r.customerCode}`,
    r.documentType,
    r.documentNumber,
    r.documentDate,
    r.dueDate,
    r.installment,
  );
}

/**
 * The key without its installment (customer, type, number, document date, due date): what matches the
 * ledger's items whatever the file says of installments. It is `rowKey` with no installment.
 */
export function baseKey(r: ImportRow, customerId: number): string {
  return naturalKey(customerId, r.documentType, r.documentNumber, r.documentDate, r.dueDate, null);
}

/** The ledger id of the customer a key of a known customer starts with. */
export function keyCustomerId(key: string): number {
  return Number(key.slice(0, key.indexOf(SEP)));
}

/** The key as a person reads it, for error messages. */
export function describeKey(r: ImportRow): string {
  const parts = [
    `customer ${r.customerCode}`,
    `${r.documentType === 'credit_note' ? 'credit note' : 'invoice'} ${r.documentNumber}`,
  ];
  if (r.documentDate) parts.push(`dated ${r.documentDate}`);
  parts.push(`due ${r.dueDate}`);
  if (r.installment) parts.push(`installment ${r.installment}`);
  return parts.join(', ');
}
