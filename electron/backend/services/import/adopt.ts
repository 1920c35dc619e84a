/**
 * Customers first created from e-invoices, adopted by an open-items export. An e-invoice has no
 * accounting code, so the e-invoice import codes a new buyer by its VAT number or tax code
 * (`createdFromEInvoice`). When an export then lists the same party under its accounting code
 * ("C001"), the code is unknown to the ledger: without adoption the export would create a second
 * customer and settle the e-invoice items as paid. A code the ledger does not know takes over the
 * e-invoice customer when
 * - its VAT number or tax code (first non-empty in the file) is that of exactly one such customer, or
 * - it has neither, and its normalised name is that of exactly one such customer (and of no other
 *   code of the file without an identity).
 * Anything less certain is left alone, with one warning for the user to import the master data first.
 * Pure over what the plan already loaded: the plan then keys the export's items to the adopted
 * customer, so they match the e-invoice items instead of closing them.
 */
import type { LedgerCustomer } from '../../../../db/queries/imports.ts';
import { nameKey } from '../../../../shared/domain/bank-matching.ts';
import { identityKeys } from '../../../../shared/domain/master-data.ts';
import { createdFromEInvoice } from '../customers/identity.ts';
import type { ImportIssue, ImportRow } from './types.ts';

export interface Adoption {
  id: number;
  /** The code the e-invoice import gave (the VAT number or tax code): what undo restores. */
  previousCode: string;
  /** The accounting code of the export. */
  code: string;
}

interface UnknownCode {
  code: string;
  row: number;
  vat: string | null;
  taxCode: string | null;
  name: string | null;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** True when the ledger has customers from e-invoices an export may adopt: the plan then needs every row first. */
export function mayAdopt(customers: ReadonlyMap<string, LedgerCustomer>): boolean {
  for (const c of customers.values()) if (createdFromEInvoice(c)) return true;
  return false;
}

/**
 * Adopts in `customers` (code -> customer, changed in place: the previous code removed, the new
 * one added) and returns the adoptions with their warnings. `withOpenItems` gives the ids of the
 * customers holding open items (asked only when a warning may be due).
 */
export function adoptEInvoiceCustomers(
  rows: readonly ImportRow[],
  customers: Map<string, LedgerCustomer>,
  withOpenItems: () => ReadonlySet<number>,
): { adoptions: Adoption[]; warnings: ImportIssue[] } {
  const candidates = [...customers.values()].filter(createdFromEInvoice);
  if (candidates.length === 0) return { adoptions: [], warnings: [] };

  // The codes the ledger does not know, with the first identity and name the file gives each.
  const unknown = new Map<string, UnknownCode>();
  for (const r of rows) {
    if (customers.has(r.customerCode)) continue;
    const u = unknown.get(r.customerCode);
    if (!u) {
      unknown.set(r.customerCode, {
        code: r.customerCode,
        row: r.row,
        vat: r.vat,
        taxCode: r.taxCode,
        name: r.customerName,
      });
      continue;
    }
    u.vat ??= r.vat;
    u.taxCode ??= r.taxCode;
    u.name ??= r.customerName;
  }
  if (unknown.size === 0) return { adoptions: [], warnings: [] };

  const byKey = new Map<string, LedgerCustomer[]>();
  const byName = new Map<string, LedgerCustomer[]>();
  for (const c of candidates) {
    for (const k of identityKeys(c.vat, c.taxCode)) push(byKey, k, c);
    const n = nameKey(c.name);
    if (n) push(byName, n, c);
  }

  const adoptions: Adoption[] = [];
  const warnings: ImportIssue[] = [];
  const adopted = new Set<number>();
  const adopt = (u: UnknownCode, c: LedgerCustomer, how: string) => {
    adopted.add(c.id);
    adoptions.push({ id: c.id, previousCode: c.code, code: u.code });
    customers.delete(c.code);
    customers.set(u.code, { ...c, code: u.code });
    warnings.push({
      row: u.row,
      column: 'customerCode',
      value: u.code,
      message: `customer ${c.code} (${c.name}, from e-invoices) is ${u.code} in the accounting (same ${how}): it takes this code`,
    });
  };

  // By identity first: exactly one e-invoice customer has the VAT number or tax code.
  const nameless: UnknownCode[] = [];
  let unresolved = 0;
  for (const u of unknown.values()) {
    const keys = identityKeys(u.vat, u.taxCode);
    if (keys.length === 0) {
      nameless.push(u);
      continue;
    }
    const found = new Map<number, LedgerCustomer>();
    for (const k of keys) for (const c of byKey.get(k) ?? []) found.set(c.id, c);
    const [only] = found.values();
    if (found.size === 1 && only && !adopted.has(only.id)) adopt(u, only, 'VAT number or tax code');
    // Shared by several (or by one another code took): which one is a person's call.
    else if (found.size > 0) unresolved++;
  }

  // Then by name, for codes the file gives no identity: exactly one e-invoice customer, exactly one code.
  const codesByName = new Map<string, UnknownCode[]>();
  for (const u of nameless) {
    const n = u.name ? nameKey(u.name) : '';
    if (n) push(codesByName, n, u);
  }
  unresolved += nameless.length;
  for (const [n, codes] of codesByName) {
    const matches = (byName.get(n) ?? []).filter((c) => !adopted.has(c.id));
    const [code] = codes;
    const [only] = matches;
    if (codes.length === 1 && code && matches.length === 1 && only) {
      adopt(code, only, 'name');
      unresolved--;
    }
  }

  if (unresolved > 0) {
    // New customers the file cannot tell apart, and e-invoice customers still holding open items: maybe the same.
    const open = withOpenItems();
    const maybe = candidates.filter((c) => !adopted.has(c.id) && open.has(c.id)).length;
    if (maybe > 0) {
      warnings.push({
        message: `${maybe} customer${maybe === 1 ? '' : 's'} from e-invoices may be the same as new customers of this export: import the master data first`,
      });
    }
  }
  return { adoptions, warnings };
}
