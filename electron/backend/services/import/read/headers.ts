/**
 * Column headers -> import fields, in Italian and English, tolerant of case, accents, punctuation and the
 * abbreviations accounting exports use (`COD.CLI.`, `DT.SCAD.`, `P.IVA`, `N. fattura`...). Each header is
 * normalized once per file, never per row.
 */
import type { ImportField } from '../../../../../shared/api/contract.ts';

/** Lower case, no accents, punctuation as single spaces, `#` as `no`: `Modalità Pag.` -> `modalita pag`. */
export function normalizeHeader(header: string): string {
  return (
    header
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/#/g, ' no ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      // Dotted acronyms become words: `I.V.A.` -> `iva`, `C.F.` -> `cf` (but `N. doc` stays `n doc`).
      .replace(/\b[a-z](?: [a-z]\b)+/g, (letters) => letters.replace(/ /g, ''))
  );
}

/** The normalized headers of a file, to recognise the files a saved profile was made for. */
export function headerSignature(headers: string[]): string {
  return headers.map(normalizeHeader).join('|');
}

/** Whole normalized headers with a fixed meaning, checked before the word rules below. */
const EXACT = new Map<string, ImportField>(
  Object.entries({
    codice: 'customerCode',
    code: 'customerCode',
    cod: 'customerCode',
    conto: 'customerCode',
    account: 'customerCode',
    'account no': 'customerCode',
    'account number': 'customerCode',
    cf: 'taxCode',
    'tax code': 'taxCode',
    'tax id': 'taxCode',
    'amount due': 'residual',
    balance: 'residual',
    'da incassare': 'residual',
    'importo da incassare': 'residual',
    tipo: 'documentType',
    type: 'documentType',
    causale: 'documentType',
    data: 'documentDate',
    date: 'documentDate',
    numero: 'documentNumber',
    number: 'documentNumber',
    documento: 'documentNumber',
    doc: 'documentNumber',
    document: 'documentNumber',
    fattura: 'documentNumber',
    invoice: 'documentNumber',
    riferimento: 'documentNumber',
    rif: 'documentNumber',
    reference: 'documentNumber',
    ref: 'documentNumber',
    cliente: 'customerName',
    customer: 'customerName',
    client: 'customerName',
    debitore: 'customerName',
    debtor: 'customerName',
    // Odoo's "Pagamenti e scadenze" and DocEasy name the customer so.
    partner: 'customerName',
    controparte: 'customerName',
    counterparty: 'customerName',
    nome: 'customerName',
    name: 'customerName',
    // Alone it is the salesperson; in `Zona commerciale` it is not.
    commerciale: 'salesperson',
  }) as [string, ImportField][],
);

/** Words (and their abbreviations) -> the concept they stand for. */
const WORDS = new Map<string, string>();
function words(concept: string, list: string): void {
  for (const w of list.split(' ')) WORDS.set(w, concept);
}
words('code', 'cod codice code cd id ident identificativo riferimento rif ref reference');
words(
  'customer',
  'cli clie clien cliente clienti customer cust client debitore debtor conto account partner controparte counterparty',
);
words('name', 'nome name denominazione denom ragione rag sociale soc rs');
words('vat', 'iva vat piva partitaiva pi');
words('fiscal', 'fiscale fisc fiscal cf');
words('type', 'tipo tip tp type causale caus');
words('document', 'doc docum documento document documenti');
words('invoice', 'fattura fatt fat ft invoice inv bill');
words('number', 'n nr nro num numero no number nbr nos');
words('date', 'data dt dta date');
words('due', 'scadenza scad scadenze due maturity expiry');
words('installment', 'rata rate installment instalment inst');
words('amount', 'importo imp impo amount amt totale total ammontare original originale orig');
words('residual', 'residuo resid residua saldo open aperto aperta balance outstanding remaining rimanente');
words('payment', 'pagamento pag pagam payment pay terms condizioni cond modalita');
words('agent', 'agente agent ag venditore salesperson salesman sales rep representative');
words('area', 'zona area region regione territorio territory zone');
words('email', 'email mail');
words('pec', 'pec');
words('phone', 'telefono tel phone telephone cellulare cell mobile');
/** Columns of aging reports that look like fields but are not ("Days past due", "Importo scaduto"). */
words(
  'stop',
  'giorni gg days ritardo aging fascia oltre over entro within past not non scaduto scaduti overdue',
);

/** The field a header stands for, or null. */
export function fieldForHeader(header: string): ImportField | null {
  const norm = normalizeHeader(header);
  if (norm === '') return null;
  const exact = EXACT.get(norm);
  if (exact) return exact;
  const has = new Set<string>();
  for (const w of norm.split(' ')) {
    const concept = WORDS.get(w);
    if (concept) has.add(concept);
  }
  if (has.has('stop')) return null;
  // Order matters: the more specific concepts first (`Codice Fiscale` is not a customer code,
  // `Balance due` is not a due date, `Importo rata` is not an installment number).
  if (has.has('pec')) return 'pec';
  if (has.has('email')) return 'email';
  if (has.has('phone')) return 'phone';
  if (has.has('fiscal')) return 'taxCode';
  // `Importo IVA` is a tax amount, not the VAT number.
  if (has.has('vat')) return has.has('amount') ? null : 'vat';
  if (has.has('residual')) return 'residual';
  if (has.has('payment')) return 'paymentMethod';
  if (has.has('agent')) return 'salesperson';
  if (has.has('area')) return 'area';
  if (has.has('amount')) return 'amount';
  if (has.has('due')) return 'dueDate';
  if (has.has('installment')) {
    // `Tot. rate` (DocEasy), `Totale rate`, `N. rate`: how many installments, not which one.
    const count = /\b(?:tot|totale|total)\b/.test(norm) || /\brate\b/.test(norm);
    return count ? null : 'installment';
  }
  if (has.has('type')) return has.has('customer') ? null : 'documentType';
  if (has.has('customer') && (has.has('code') || has.has('number'))) return 'customerCode';
  if (has.has('date')) return has.has('document') || has.has('invoice') ? 'documentDate' : null;
  if (has.has('document') || has.has('invoice')) return has.has('number') ? 'documentNumber' : null;
  if (has.has('name') || has.has('customer')) return 'customerName';
  return null;
}

/** What a field is called in messages. */
export const FIELD_LABELS: Record<ImportField, string> = {
  customerCode: 'customer code',
  customerName: 'customer name',
  vat: 'VAT number',
  taxCode: 'tax code',
  documentType: 'document type',
  documentNumber: 'document number',
  documentDate: 'document date',
  dueDate: 'due date',
  installment: 'installment',
  amount: 'amount',
  residual: 'residual',
  paymentMethod: 'payment method',
  salesperson: 'salesperson',
  area: 'area',
  email: 'e-mail',
  pec: 'PEC',
  phone: 'phone',
};
