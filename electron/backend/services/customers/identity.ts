/**
 * The ledger's customers indexed by code and by identity (VAT number, tax code), for the imports
 * that recognise a party by who it is rather than by an accounting code: e-invoice buyers, and
 * master-data rows of customers first created from an e-invoice.
 */
import type { CustomerMaster } from '../../../../db/queries/master-data.ts';
import { canonicalTaxCode, canonicalVat, identityKeys } from '../../../../shared/domain/master-data.ts';

/** A customer the e-invoice import created: its code is its own VAT number or tax code. */
export function createdFromEInvoice(c: Pick<CustomerMaster, 'code' | 'vat' | 'taxCode'>): boolean {
  return c.code === canonicalVat(c.vat) || c.code === canonicalTaxCode(c.taxCode);
}

export class CustomerIndex {
  readonly byCode = new Map<string, CustomerMaster>();
  private readonly byKey = new Map<string, CustomerMaster>();
  /** Identity keys that more than one customer of the ledger holds (the first by code is used). */
  readonly ambiguous = new Map<string, string[]>();

  constructor(customers: readonly CustomerMaster[]) {
    for (const c of customers) {
      this.byCode.set(c.code, c);
      for (const k of identityKeys(c.vat, c.taxCode)) {
        const first = this.byKey.get(k);
        if (first === undefined) this.byKey.set(k, c);
        else if (first.id !== c.id)
          this.ambiguous.set(k, [...(this.ambiguous.get(k) ?? [first.code]), c.code]);
      }
    }
  }

  /** The customer known by any of the keys (VAT first, as the keys come), or undefined. */
  find(keys: readonly string[]): CustomerMaster | undefined {
    for (const k of keys) {
      const c = this.byKey.get(k);
      if (c) return c;
    }
    return undefined;
  }

  /** A code no customer has: `base`, else `base-2`, `base-3`… */
  freeCode(base: string, taken: ReadonlySet<string>): string {
    if (!this.byCode.has(base) && !taken.has(base)) return base;
    for (let n = 2; ; n++) {
      const code = `${base}-${n}`;
      if (!this.byCode.has(code) && !taken.has(code)) return code;
    }
  }
}
