/** The fixed words of a letter (table headings, totals, payment box), per language. */
import type { LetterLanguage } from './format.ts';

export interface LetterLabels {
  vat: string;
  taxCode: string;
  phone: string;
  customerCode: string;
  reference: string;
  subject: string;
  registered: string;
  viaPec: string;
  document: string;
  documentDate: string;
  dueDate: string;
  amount: string;
  residual: string;
  daysLate: string;
  /** Per-invoice level column: its header and the three levels. */
  level: string;
  levels: Record<1 | 2 | 3, string>;
  creditNote: string;
  disputed: string;
  notDue: string;
  totalOverdue: string;
  totalNotDue: string;
  totalCredits: string;
  netDue: string;
  balance: string;
  interest: (date: string) => string;
  compensation: (count: number) => string;
  fees: string;
  toPay: string;
  interestDetail: string;
  period: string;
  days: string;
  rate: string;
  interestAmount: string;
  interestNote: string;
  payBy: string;
  beneficiary: string;
  iban: string;
  bic: string;
  amountToPay: string;
  remittance: string;
  creditorReference: string;
  qrHint: string;
  noIban: string;
  nothingToPay: string;
  signatureLine: string;
  page: (n: number, of: number) => string;
  remittancePrefix: string;
  more: (n: number) => string;
  installment: string;
}

export const LABELS: Record<LetterLanguage, LetterLabels> = {
  it: {
    vat: 'P.IVA',
    taxCode: 'C.F.',
    phone: 'Tel.',
    customerCode: 'Cod. cliente',
    reference: 'Rif.',
    subject: 'Oggetto',
    registered: 'Raccomandata A/R',
    viaPec: 'Via PEC',
    document: 'Documento',
    documentDate: 'Data',
    dueDate: 'Scadenza',
    amount: 'Importo',
    residual: 'Residuo',
    daysLate: 'Gg. ritardo',
    level: 'Livello',
    levels: { 1: '1° sollecito', 2: '2° sollecito', 3: 'Messa in mora' },
    creditNote: 'nota di credito',
    disputed: 'contestata',
    notDue: 'a scadere',
    totalOverdue: 'Totale scaduto',
    totalNotDue: 'Totale a scadere',
    totalCredits: 'Note di credito a dedurre',
    netDue: 'Netto scaduto',
    balance: 'Saldo del conto',
    interest: (d) => `Interessi di mora D.Lgs. 231/2002 al ${d}`,
    compensation: (n) => `Indennizzo forfettario art. 6 D.Lgs. 231/2002 (40 € × ${n})`,
    fees: 'Spese di sollecito',
    toPay: 'Totale da pagare',
    interestDetail: 'Dettaglio degli interessi di mora (D.Lgs. 231/2002)',
    period: 'Periodo',
    days: 'Giorni',
    rate: 'Tasso',
    interestAmount: 'Interessi',
    interestNote:
      'Interesse semplice sul residuo di ciascun documento dal giorno successivo alla scadenza, al tasso di riferimento BCE del semestre maggiorato di 8 punti, giorni/365; il totale di ciascun documento è arrotondato al centesimo.',
    payBy: 'Pagamento con bonifico bancario',
    beneficiary: 'Beneficiario',
    iban: 'IBAN',
    bic: 'BIC',
    amountToPay: 'Importo',
    remittance: 'Causale',
    creditorReference: 'Riferimento (RF)',
    qrHint: "Inquadrate il codice QR con l'app della Vostra banca per compilare il bonifico (standard EPC).",
    noIban: 'Coordinate bancarie non configurate: contattateci per le modalità di pagamento.',
    nothingToPay: 'Nessun importo da pagare.',
    signatureLine: 'Firma',
    page: (n, of) => `Pagina ${n} di ${of}`,
    remittancePrefix: 'Saldo',
    more: (n) => `e altri ${n}`,
    installment: 'rata',
  },
  en: {
    vat: 'VAT no.',
    taxCode: 'Tax code',
    phone: 'Tel.',
    customerCode: 'Customer code',
    reference: 'Ref.',
    subject: 'Subject',
    registered: 'Registered mail with return receipt',
    viaPec: 'By certified e-mail (PEC)',
    document: 'Document',
    documentDate: 'Date',
    dueDate: 'Due date',
    amount: 'Amount',
    residual: 'Balance',
    daysLate: 'Days late',
    level: 'Level',
    levels: { 1: '1st reminder', 2: '2nd reminder', 3: 'Formal notice' },
    creditNote: 'credit note',
    disputed: 'disputed',
    notDue: 'not yet due',
    totalOverdue: 'Total overdue',
    totalNotDue: 'Total not yet due',
    totalCredits: 'Credit notes to deduct',
    netDue: 'Net overdue',
    balance: 'Account balance',
    interest: (d) => `Late-payment interest (Leg. Decree 231/2002) to ${d}`,
    compensation: (n) => `Flat compensation, art. 6 Leg. Decree 231/2002 (€40 × ${n})`,
    fees: 'Dunning fees',
    toPay: 'Total to pay',
    interestDetail: 'Late-payment interest in detail (Italian Legislative Decree 231/2002)',
    period: 'Period',
    days: 'Days',
    rate: 'Rate',
    interestAmount: 'Interest',
    interestNote:
      "Simple interest on each document's balance from the day after its due date, at the ECB reference rate of each half-year plus 8 points, days/365; each document's total is rounded to the cent.",
    payBy: 'Payment by bank transfer',
    beneficiary: 'Beneficiary',
    iban: 'IBAN',
    bic: 'BIC',
    amountToPay: 'Amount',
    remittance: 'Reference',
    creditorReference: 'Creditor reference (RF)',
    qrHint: "Scan the QR code with your bank's app to fill in the transfer (EPC standard).",
    noIban: 'Bank details not configured: please contact us for payment instructions.',
    nothingToPay: 'Nothing to pay.',
    signatureLine: 'Signature',
    page: (n, of) => `Page ${n} of ${of}`,
    remittancePrefix: 'Payment',
    more: (n) => `and ${n} more`,
    installment: 'instalment',
  },
};
