/**
 * The layouts ("tracciati") of real accounting exports, recognised by their headers with no profile: a
 * named set of header signatures, the field each documented column carries, and the conventions of the
 * layout's values. Column names are those the systems' own documentation gives (see docs/import-layouts.md);
 * a field a layout does not name is detected as in any file (headers.ts, fit.ts).
 */
import type { ImportField } from '../../../../../shared/api/contract.ts';
import type { DocumentType } from './document-type.ts';
import { normalizeHeader } from './headers.ts';

/** How a layout's document type codes read: a type, "by sign" (payments on account), or not an open item. */
export type TypeRule = DocumentType | 'sign' | 'skip';

export interface LayoutRules {
  /** residual = amount − these columns (blank = 0): Mexal's IMPORTO − PAGATO − ABB/SOPR. */
  residualMinus?: string[];
  /** Rows are open items only when this column is true (Business Central's `Open`). */
  openColumn?: string;
  /** Type codes (upper case, no spaces or punctuation) -> what they are. */
  documentTypes?: Record<string, TypeRule>;
  /** Types the table does not list are not open items (Business Central: payments, refunds...). */
  onlyListedTypes?: boolean;
  /** The currency of each row: rows in another currency than EUR are refused (amounts would be wrong). */
  currencyColumn?: string;
  /** A register series joined to the document number as `NUMBER/SERIES` (Mexal's SERIE). */
  seriesColumn?: string;
  /** A status column and the statuses that are not open (DocEasy: Pagata, Annullata). */
  statusColumn?: string;
  closedStatuses?: string[];
  /** Payment type letters -> words (Mexal's RATA: C, M, B, R, A, T). */
  paymentCodes?: Record<string, string>;
  /** The export has no customer code (or leaves it blank): the name stands for the code. */
  codeFromName?: string;
  /**
   * Columns that carry no field, never detected as one (OCA's `Conto`, the receivables account; ERPNext's
   * `Customer Contact`, which would otherwise read as the customer's name).
   */
  ignore?: string[];
  /**
   * A row with amounts but no document number nor due date is a subtotal (ERPNext "Group By Customer",
   * OCA's "Partner ending balance"): skipped and reconciled with the rows above it, not an invalid row.
   */
  subtotalRows?: boolean;
  /** An amount of 0 stands for none: the residual is the amount (ERPNext credit notes: `Invoiced Amount` 0). */
  zeroAmountIsBlank?: boolean;
}

export interface KnownLayout {
  name: string;
  /** Headers that must all be present (compared normalized). */
  signature: string[];
  /** Field -> documented header. */
  mapping: Partial<Record<ImportField, string>>;
  rules: LayoutRules;
}

export const KNOWN_LAYOUTS: readonly KnownLayout[] = [
  {
    // SAP ECC / S/4HANA transaction FBL5N, "Customer Line Item Display", exported to a spreadsheet.
    name: 'SAP FBL5N',
    signature: ['Account', 'Document Number', 'Net due date', 'Amount in doc. curr.'],
    mapping: {
      customerCode: 'Account',
      documentNumber: 'Document Number',
      documentType: 'Document Type',
      documentDate: 'Document Date',
      dueDate: 'Net due date',
      residual: 'Amount in doc. curr.',
      paymentMethod: 'Terms of Payment',
    },
    rules: {
      // RV billing, DR customer invoice, DG customer credit memo, DZ/AB payments and clearings on account.
      documentTypes: { RV: 'invoice', DR: 'invoice', DG: 'credit_note', DZ: 'sign', AB: 'sign', DA: 'sign' },
      currencyColumn: 'Document currency',
    },
  },
  {
    // Microsoft Dynamics 365 Business Central, table 21 "Cust. Ledger Entry" (OData / Excel export).
    name: 'Business Central',
    signature: ['Customer_No_', 'Document_No_', 'Due_Date', 'Remaining_Amount'],
    mapping: {
      customerCode: 'Customer_No_',
      documentType: 'Document_Type',
      documentNumber: 'Document_No_',
      documentDate: 'Document_Date',
      dueDate: 'Due_Date',
      amount: 'Amount',
      residual: 'Remaining_Amount',
    },
    rules: {
      openColumn: 'Open',
      documentTypes: {
        INVOICE: 'invoice',
        CREDITMEMO: 'credit_note',
        FINANCECHARGEMEMO: 'invoice',
        REMINDER: 'invoice',
      },
      onlyListedTypes: true,
      currencyColumn: 'Currency_Code',
    },
  },
  {
    // Odoo Contabilità, "Pagamenti e scadenze" (account.move.line list of receivables) in Italian.
    name: 'Odoo Pagamenti e scadenze',
    signature: ['Fattura', 'Data fattura', 'Partner', 'Ammontare residuo', 'Data di scadenza'],
    mapping: {
      customerCode: 'Riferimento partner',
      customerName: 'Partner',
      documentNumber: 'Fattura',
      documentDate: 'Data fattura',
      dueDate: 'Data di scadenza',
      residual: 'Ammontare residuo',
      paymentMethod: 'Termini di pagamento',
    },
    rules: { codeFromName: 'Partner' },
  },
  {
    // Passepartout Mexal, "Saldaconto clienti/fornitori — scadenzario a partite" (manual: "Descrizione colonne").
    name: 'Passepartout Mexal saldaconto',
    signature: ['DESCRIZIONE', 'DOCUMENTO', 'NUMERO', 'SCADENZA', 'RATA', 'IMPORTO', 'PAGATO'],
    mapping: {
      customerName: 'DESCRIZIONE',
      documentDate: 'DOCUMENTO',
      documentNumber: 'NUMERO',
      dueDate: 'SCADENZA',
      paymentMethod: 'RATA',
      amount: 'IMPORTO',
    },
    rules: {
      residualMinus: ['PAGATO', 'ABB/SOPR'],
      seriesColumn: 'SERIE',
      paymentCodes: {
        C: 'Contante',
        M: 'Rimessa diretta',
        B: 'Bonifico',
        R: 'Ri.Ba.',
        A: 'Addebito c/c',
        T: 'Tratta',
      },
      codeFromName: 'DESCRIZIONE',
    },
  },
  {
    // DocEasy (Alias Digital), "Scadenzario": Rata, Tot. rate, Numero doc., Data doc., Controparte, Modalità pagamento.
    name: 'DocEasy scadenzario',
    signature: ['Rata', 'Tot. rate', 'Numero doc.', 'Data doc.', 'Controparte'],
    mapping: {
      installment: 'Rata',
      documentNumber: 'Numero doc.',
      documentDate: 'Data doc.',
      customerName: 'Controparte',
      paymentMethod: 'Modalità pagamento',
    },
    rules: { codeFromName: 'Controparte', statusColumn: 'Stato', closedStatuses: ['Pagata', 'Annullata'] },
  },
  {
    // ERPNext (Frappe) report "Accounts Receivable", exported to Excel/CSV with its English labels
    // (erpnext/accounts/report/accounts_receivable/accounts_receivable.py, get_columns): one row per open
    // voucher; with "Group By Customer", a row per customer with its totals and a final `Total` row.
    name: 'ERPNext Accounts Receivable',
    signature: ['Party', 'Voucher Type', 'Voucher No', 'Due Date', 'Outstanding Amount'],
    mapping: {
      customerCode: 'Party',
      customerName: 'Customer Name',
      documentType: 'Voucher Type',
      documentNumber: 'Voucher No',
      documentDate: 'Posting Date',
      dueDate: 'Due Date',
      amount: 'Invoiced Amount',
      residual: 'Outstanding Amount',
      paymentMethod: 'Payment Term',
      area: 'Territory',
      salesperson: 'Sales Person',
    },
    rules: {
      // Returns (credit notes), unallocated payments and journal entries are negative: the sign decides.
      documentTypes: { SALESINVOICE: 'sign', PAYMENTENTRY: 'sign', JOURNALENTRY: 'sign' },
      currencyColumn: 'Currency',
      ignore: [
        'Party Type',
        'Receivable Account',
        'Customer Contact',
        'Cost Center',
        'Paid Amount',
        'Credit Note',
        'Age (Days)',
        'Customer LPO',
        'Customer Group',
        'Invoice Grand Total',
        'Future Payment Amount',
        'Remaining Balance',
      ],
      subtotalRows: true,
      zeroAmountIsBlank: true,
    },
  },
  {
    // Odoo Community, OCA module account_financial_report, "Open Items" XLSX (report/open_items_xlsx.py):
    // per account and partner a title row, the column headers again, the lines and a "Partner ending
    // balance" row (partner name in the first cell, the residual under `Residual`).
    name: 'Odoo OCA Open Items',
    signature: ['Entry', 'Partner', 'Due date', 'Original', 'Residual'],
    mapping: {
      customerName: 'Partner',
      documentNumber: 'Entry',
      documentDate: 'Date',
      dueDate: 'Due date',
      amount: 'Original',
      residual: 'Residual',
    },
    rules: {
      codeFromName: 'Partner',
      ignore: ['Account', 'Journal', 'Ref - Label', 'Cur.', 'Cur. Original', 'Cur. Residual'],
      subtotalRows: true,
    },
  },
  {
    // The same OCA "Open Items" report in Italian (account_financial_report/i18n/it.po): "Partite aperte".
    name: 'Odoo OCA Partite aperte',
    signature: ['Registrazione', 'Partner', 'Scadenza', 'Originale', 'Saldo'],
    mapping: {
      customerName: 'Partner',
      documentNumber: 'Registrazione',
      documentDate: 'Data',
      dueDate: 'Scadenza',
      amount: 'Originale',
      residual: 'Saldo',
    },
    rules: {
      codeFromName: 'Partner',
      ignore: ['Conto', 'Registro', 'Rif - Etichetta', 'Val.', 'Valuta originale', 'Residuo valuta'],
      subtotalRows: true,
    },
  },
  {
    // OCA account_financial_report "Aged Partner Balance" XLSX with move line details
    // (report/aged_partner_balance_xlsx.py): Open Items' frame, no `Original`, the residual spread over
    // `Current`, `Age ≤ 30 d.`... `Older`; each partner closed by a "Partner cumul aged balance" row,
    // each account by `Total` and `Percents` rows.
    name: 'Odoo OCA Aged Partner Balance',
    signature: ['Entry', 'Partner', 'Due date', 'Residual', 'Current'],
    mapping: {
      customerName: 'Partner',
      documentNumber: 'Entry',
      documentDate: 'Date',
      dueDate: 'Due date',
      residual: 'Residual',
    },
    rules: {
      codeFromName: 'Partner',
      ignore: ['Account', 'Journal', 'Ref - Label'],
      subtotalRows: true,
    },
  },
  {
    // The same report in Italian (i18n/it.po: "Scadenzario clienti/fornitori", Saldo, Attuale, Età ≤ 30 g.).
    name: 'Odoo OCA Scadenzario clienti/fornitori',
    signature: ['Registrazione', 'Partner', 'Scadenza', 'Saldo', 'Attuale'],
    mapping: {
      customerName: 'Partner',
      documentNumber: 'Registrazione',
      documentDate: 'Data',
      dueDate: 'Scadenza',
      residual: 'Saldo',
    },
    rules: {
      codeFromName: 'Partner',
      ignore: ['Conto', 'Registro', 'Rif - Etichetta'],
      subtotalRows: true,
    },
  },
];

const SIGNATURES = KNOWN_LAYOUTS.map((l) => ({ layout: l, headers: l.signature.map(normalizeHeader) }));

/** The known layout whose signature headers all appear in `headers`, or null. */
export function recogniseLayout(headers: readonly string[]): KnownLayout | null {
  const present = new Set(headers.map(normalizeHeader));
  let best: KnownLayout | null = null;
  let bestSize = 0;
  for (const { layout, headers: sig } of SIGNATURES) {
    if (sig.length > bestSize && sig.every((h) => present.has(h))) {
      best = layout;
      bestSize = sig.length;
    }
  }
  return best;
}

/** The index of a header in a row of headers, compared normalized; -1 when absent. */
export function findHeader(headers: readonly string[], header: string | undefined): number {
  if (header === undefined) return -1;
  const exact = headers.indexOf(header);
  if (exact >= 0) return exact;
  const norm = normalizeHeader(header);
  return headers.findIndex((h) => normalizeHeader(h) === norm);
}
