/**
 * Document type text -> invoice or credit note. Italian short codes, words in both languages, and the
 * e-invoicing (SdI) type codes TD01...TD28. Unknown types return null and the amount's sign decides.
 */
export type DocumentType = 'invoice' | 'credit_note';

/** Keys are upper case without accents, spaces or punctuation. */
const KNOWN: Record<string, DocumentType> = {};
function known(type: DocumentType, list: string): void {
  for (const k of list.trim().split(/\s+/)) KNOWN[k] = type;
}
// Invoices, debit notes, returned bank bills (a receivable again) and the SdI invoice/debit note codes.
known(
  'invoice',
  `FT FAT FATT FATTURA FATTURE FA FV FD FE FI FTE FTD FTV FATTURAVENDITA FATTURADIFFERITA FATTURAIMMEDIATA
   FATTURAACCOMPAGNATORIA FATTURAELETTRONICA INV INVOICE SALESINVOICE BILL ND NDD NOTADIDEBITO NOTADEBITO
   DEBITNOTE DN PARCELLA RICEVUTA RF RICEVUTAFISCALE SCONTRINO INSOLUTO RIBAINSOLUTA EFFETTOINSOLUTO ADDEBITO
   TD01 TD02 TD03 TD05 TD06 TD07 TD09 TD16 TD17 TD18 TD19 TD20 TD21 TD22 TD23 TD24 TD25 TD26 TD27 TD28`,
);
known(
  'credit_note',
  `NC NCR NCE NOTACREDITO NOTADICREDITO NOTAACCREDITO NOTADIACCREDITO NOTACREDITOVENDITA CREDITNOTE CREDITMEMO
   CN CM CR CREDIT ACCREDITO STORNO RESO TD04 TD08`,
);

function key(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '');
}

export function classifyDocumentType(text: string): DocumentType | null {
  const k = key(text);
  const exact = KNOWN[k];
  if (exact) return exact;
  // Longer descriptions ("Nota di credito n. 12", "Fattura di vendita Italia").
  if (/CREDIT|ACCREDIT/.test(k)) return 'credit_note';
  if (/^FATT|INVOICE|DEBIT/.test(k)) return 'invoice';
  return null;
}

/** Classification per distinct type text: a file has a handful of them, so rows cost one lookup. */
export class DocumentTypeReader {
  private readonly cache = new Map<string, DocumentType | null>();
  read(text: string): DocumentType | null {
    let t = this.cache.get(text);
    if (t === undefined) {
      t = classifyDocumentType(text);
      if (this.cache.size < 10_000) this.cache.set(text, t);
    }
    return t;
  }
}
