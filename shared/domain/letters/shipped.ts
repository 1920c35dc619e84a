/**
 * The shipped templates, in Italian and English (managers can edit them; an edit is stored in
 * the ledger and "reset" brings these back). Contents follow ../shared/domain/REFERENCE.md §2:
 *
 * - reminder1 ("sollecito cortese"): the open items, a courteous request, "if already paid…",
 *   payment coordinates, a contact. No legal claims.
 * - reminder2 ("secondo sollecito"): firmer, a term to pay, recalls that interest and the €40
 *   compensation accrue by law (D.Lgs. 231/2002) and announces the formal notice and the
 *   suspension of supplies.
 * - formal_notice ("messa in mora", art. 1219 c.c.): identifies the debtor and each invoice,
 *   states the claim, intimates payment within a stated term (15 days by default), claims the
 *   late-payment interest and the flat compensation when the policy says so, states that it
 *   interrupts prescription (art. 2943 c.c.), warns of legal action; signed. "Diffida ad
 *   adempiere" (art. 1454, resolution of the contract) is deliberately not used.
 * - statement ("estratto conto"): every open item and credit note with totals.
 */
import type { LetterLanguage } from './format.ts';
import type { TemplateName, TemplateText } from './model.ts';

export interface TemplateTraits {
  /** Claims late-payment interest and the flat compensation (subject to the policy's options). */
  claims: boolean;
  /** Lists items not yet due too (the statement). */
  allItems: boolean;
  /** Carries a signature block. */
  signed: boolean;
  /** The dunning level the letter stands for (1, 2, formal notice 3); null for the statement. */
  level: 1 | 2 | 3 | null;
}

export const TEMPLATE_TRAITS: Record<TemplateName, TemplateTraits> = {
  reminder1: { claims: false, allItems: false, signed: false, level: 1 },
  reminder2: { claims: false, allItems: false, signed: false, level: 2 },
  formal_notice: { claims: true, allItems: false, signed: true, level: 3 },
  statement: { claims: false, allItems: true, signed: false, level: null },
};

export const TEMPLATE_TITLES: Record<TemplateName, Record<LetterLanguage, string>> = {
  reminder1: { it: 'Sollecito cortese', en: 'First reminder' },
  reminder2: { it: 'Secondo sollecito', en: 'Second reminder' },
  formal_notice: { it: 'Messa in mora (art. 1219 c.c.)', en: 'Formal notice (art. 1219 Italian Civil Code)' },
  statement: { it: 'Estratto conto', en: 'Statement of account' },
};

const IT: Record<TemplateName, TemplateText> = {
  reminder1: {
    subject: 'Promemoria di pagamento – fatture scadute',
    body: `{{customer.greeting}},

da un controllo della nostra contabilità {{#several}}risultano ancora aperti i documenti elencati{{/several}}{{^several}}risulta ancora aperto il documento indicato{{/several}} qui sotto, {{#several}}scaduti{{/several}}{{^several}}scaduto{{/several}} e non ancora {{#several}}pagati{{/several}}{{^several}}pagato{{/several}}. Siamo certi che si tratti di una semplice dimenticanza e Vi chiediamo cortesemente di provvedere al pagamento di **{{totals.net}}**.`,
    after: `Potete pagare con bonifico bancario{{#iban}} alle coordinate indicate nel riquadro di pagamento{{/iban}}{{#reference}}, indicando il riferimento **{{payment.reference}}**{{/reference}}{{^iban}}: per le coordinate bancarie contattateci{{/iban}}{{#qr}}, anche inquadrando il codice QR con l'app della Vostra banca{{/qr}}.

Se nel frattempo avete già provveduto al pagamento, Vi preghiamo di non tenere conto della presente e, se possibile, di inviarci copia della contabile del bonifico.

Per qualsiasi chiarimento restiamo a Vostra disposizione: {{company.contactLine}}.`,
    closing: 'Cordiali saluti.',
    emailSubject: 'Promemoria di pagamento – {{company.name}}',
    emailBody: `{{customer.greeting}},

da un controllo della nostra contabilità risultano scaduti e non ancora pagati i seguenti documenti:

{{items.list}}

per un totale di {{totals.net}}{{#credits}} (al netto delle note di credito){{/credits}}. Vi chiediamo cortesemente di provvedere al pagamento con bonifico{{#iban}} su IBAN {{company.iban}}{{/iban}}, causale "{{payment.remittance}}"{{#reference}} e riferimento {{payment.reference}}{{/reference}}.

In allegato trovate la lettera con il dettaglio{{#qr}} e il codice QR per il pagamento{{/qr}}.

Se avete già provveduto, Vi preghiamo di non tenere conto di questo messaggio e, se possibile, di inviarci copia della contabile.

Cordiali saluti,
{{company.contact}}
{{company.name}}`,
  },
  reminder2: {
    subject: 'Secondo sollecito di pagamento',
    body: `Gentili Signori,

nonostante il nostro precedente sollecito, alla data del {{letter.date}} {{#several}}i documenti elencati qui sotto risultano ancora non pagati{{/several}}{{^several}}il documento indicato qui sotto risulta ancora non pagato{{/several}}, per un importo scaduto di **{{totals.net}}**{{#credits}} al netto delle note di credito{{/credits}}.`,
    after: `Vi invitiamo a provvedere al pagamento **entro {{term.days}} giorni** dal ricevimento della presente, con bonifico bancario{{#iban}} alle coordinate indicate nel riquadro di pagamento{{/iban}}{{#reference}}, indicando il riferimento **{{payment.reference}}**{{/reference}}.

Vi ricordiamo che, ai sensi del D.Lgs. 231/2002, sulle somme scadute decorrono automaticamente gli interessi di mora (tasso di riferimento BCE maggiorato di 8 punti) e spetta l'importo forfettario di 40 € per ciascuna fattura pagata in ritardo, che ci riserviamo di richiedere.

In mancanza di pagamento nel termine indicato saremo costretti, senza ulteriore avviso, a procedere con la messa in mora formale e con le ulteriori azioni a tutela del nostro credito, compresa la sospensione delle forniture.

Se il pagamento è già stato effettuato, Vi preghiamo di inviarci copia della contabile. Per chiarimenti: {{company.contactLine}}.`,
    closing: 'Distinti saluti.',
    emailSubject: 'Secondo sollecito di pagamento – {{company.name}}',
    emailBody: `Spettabile {{customer.name}},

nonostante il nostro precedente sollecito risultano ancora non pagati i seguenti documenti:

{{items.list}}

per un importo scaduto di {{totals.net}}. Vi invitiamo a provvedere al pagamento entro {{term.days}} giorni con bonifico{{#iban}} su IBAN {{company.iban}}{{/iban}}, causale "{{payment.remittance}}"{{#reference}} e riferimento {{payment.reference}}{{/reference}}. In mancanza saremo costretti a procedere con la messa in mora formale.

In allegato trovate la lettera con il dettaglio.

Distinti saluti,
{{company.contact}}
{{company.name}}`,
  },
  formal_notice: {
    subject: "Messa in mora e intimazione di pagamento ai sensi dell'art. 1219 c.c.",
    body: `La scrivente {{company.name}} è creditrice nei confronti di {{customer.identity}} della somma di **{{totals.net}}** in linea capitale{{#credits}}, al netto delle note di credito{{/credits}}, per {{#several}}i documenti elencati qui sotto, tutti scaduti e non pagati{{/several}}{{^several}}il documento indicato qui sotto, scaduto e non pagato{{/several}} nonostante i precedenti solleciti.`,
    after: `{{#interest}}Sulle somme scadute sono dovuti, ai sensi degli artt. 4 e 5 del D.Lgs. 231/2002, gli interessi di mora al tasso di riferimento BCE maggiorato di 8 punti percentuali, che dalla scadenza di ciascun documento al {{interest.calcDate}} ammontano a **{{totals.interest}}** (dettaglio in calce) e che continueranno a maturare fino al saldo.{{/interest}}

{{#compensation}}Ai sensi dell'art. 6 del D.Lgs. 231/2002 è dovuto l'importo forfettario di 40 € per ciascuna fattura pagata in ritardo, pari a **{{totals.compensation}}**, fatto salvo il risarcimento del maggior danno.{{/compensation}}

Con la presente Vi **intimiamo e diffidiamo formalmente** a pagare la somma complessiva di **{{totals.toPay}}** **entro {{term.days}} giorni dal ricevimento** della presente, con bonifico bancario{{#iban}} alle coordinate indicate nel riquadro di pagamento{{/iban}}{{#reference}}, indicando il riferimento **{{payment.reference}}**{{/reference}}.

La presente vale quale atto di costituzione in mora ai sensi e per gli effetti dell'art. 1219 del codice civile e quale atto interruttivo della prescrizione ai sensi dell'art. 2943 del codice civile.

Decorso inutilmente il termine indicato, senza ulteriore avviso, affideremo la pratica al nostro legale per il recupero giudiziale del credito, con aggravio di interessi, spese e competenze a Vostro carico.

Se il pagamento è già stato effettuato, Vi invitiamo a trasmetterci copia della contabile. Per comunicazioni: {{company.contactLine}}.`,
    closing: 'Distinti saluti.',
    emailSubject: "Messa in mora ai sensi dell'art. 1219 c.c. – {{customer.name}}",
    emailBody: `Spettabile {{customer.name}},

Vi trasmettiamo in allegato formale atto di messa in mora ai sensi dell'art. 1219 c.c., con intimazione di pagamento della somma complessiva di {{totals.toPay}} entro {{term.days}} giorni dal ricevimento, relativo ai seguenti documenti:

{{items.list}}

La presente comunicazione vale quale atto interruttivo della prescrizione ai sensi dell'art. 2943 c.c.

Distinti saluti,
{{company.signer}}
{{company.name}}`,
  },
  statement: {
    subject: 'Estratto conto al {{letter.date}}',
    body: `Gentili Signori,

Vi trasmettiamo l'estratto conto delle partite aperte a Vostro nome alla data del {{letter.date}}.`,
    after: `{{#overdue}}Le partite scadute ammontano{{#credits}}, al netto delle note di credito,{{/credits}} a **{{totals.net}}**: Vi preghiamo di provvedere al pagamento con bonifico bancario{{#iban}} alle coordinate indicate nel riquadro di pagamento{{/iban}}{{#reference}}, indicando il riferimento **{{payment.reference}}**{{/reference}}.{{/overdue}}{{^overdue}}Non risultano partite scadute: Vi ringraziamo per la puntualità.{{/overdue}}

Vi preghiamo di verificare l'estratto conto e di segnalarci eventuali differenze: {{company.contactLine}}.`,
    closing: 'Cordiali saluti.',
    emailSubject: 'Estratto conto al {{letter.date}} – {{company.name}}',
    emailBody: `Spettabile {{customer.name}},

in allegato trovate l'estratto conto delle partite aperte a Vostro nome alla data del {{letter.date}}.{{#overdue}} Le partite scadute ammontano a {{totals.net}}.{{/overdue}}

Vi preghiamo di verificarlo e di segnalarci eventuali differenze.

Cordiali saluti,
{{company.contact}}
{{company.name}}`,
  },
};

const EN: Record<TemplateName, TemplateText> = {
  reminder1: {
    subject: 'Payment reminder – overdue invoices',
    body: `{{customer.greeting}},

according to our records, the {{#several}}documents listed below are{{/several}}{{^several}}document below is{{/several}} past due and still unpaid. We are sure this is an oversight and kindly ask you to pay **{{totals.net}}**.`,
    after: `You can pay by bank transfer{{#iban}} to the account shown in the payment box{{/iban}}{{#reference}}, quoting the reference **{{payment.reference}}**{{/reference}}{{^iban}}: please ask us for our bank details{{/iban}}{{#qr}}, or scan the QR code with your bank's app{{/qr}}.

If you have already paid in the meantime, please disregard this letter and, if possible, send us a copy of the transfer.

For any question we remain at your disposal: {{company.contactLine}}.`,
    closing: 'Kind regards,',
    emailSubject: 'Payment reminder – {{company.name}}',
    emailBody: `{{customer.greeting}},

according to our records, the following documents are past due and still unpaid:

{{items.list}}

for a total of {{totals.net}}{{#credits}} (net of credit notes){{/credits}}. We kindly ask you to pay by bank transfer{{#iban}} to IBAN {{company.iban}}{{/iban}}, reference "{{payment.remittance}}"{{#reference}} and creditor reference {{payment.reference}}{{/reference}}.

The attached letter lists the details{{#qr}} and carries a QR code for the payment{{/qr}}.

If you have already paid, please disregard this message and, if possible, send us a copy of the transfer.

Kind regards,
{{company.contact}}
{{company.name}}`,
  },
  reminder2: {
    subject: 'Second payment reminder',
    body: `Dear Sir or Madam,

despite our previous reminder, on {{letter.date}} the {{#several}}documents listed below are{{/several}}{{^several}}document below is{{/several}} still unpaid, for an overdue amount of **{{totals.net}}**{{#credits}} net of credit notes{{/credits}}.`,
    after: `Please pay **within {{term.days}} days** of receiving this letter, by bank transfer{{#iban}} to the account shown in the payment box{{/iban}}{{#reference}}, quoting the reference **{{payment.reference}}**{{/reference}}.

Under Italian Legislative Decree 231/2002, late-payment interest (ECB reference rate plus 8 points) accrues automatically on overdue amounts, and a flat compensation of €40 is due for each invoice paid late; we reserve the right to claim them.

If payment is not received within this term, we will have to send a formal notice and take further steps to protect our claim, including suspending deliveries, without further warning.

If you have already paid, please send us a copy of the transfer. For any question: {{company.contactLine}}.`,
    closing: 'Yours faithfully,',
    emailSubject: 'Second payment reminder – {{company.name}}',
    emailBody: `Dear {{customer.name}},

despite our previous reminder, the following documents are still unpaid:

{{items.list}}

for an overdue amount of {{totals.net}}. Please pay within {{term.days}} days by bank transfer{{#iban}} to IBAN {{company.iban}}{{/iban}}, reference "{{payment.remittance}}"{{#reference}} and creditor reference {{payment.reference}}{{/reference}}. Otherwise we will have to send a formal notice.

The attached letter lists the details.

Yours faithfully,
{{company.contact}}
{{company.name}}`,
  },
  formal_notice: {
    subject: 'Formal notice and demand for payment (art. 1219 Italian Civil Code)',
    body: `{{company.name}} holds a claim against {{customer.identity}} for the principal amount of **{{totals.net}}**{{#credits}}, net of credit notes{{/credits}}, for the {{#several}}documents listed below, all past due and unpaid{{/several}}{{^several}}document below, past due and unpaid{{/several}} despite our previous reminders.`,
    after: `{{#interest}}Under articles 4 and 5 of Italian Legislative Decree 231/2002, late-payment interest at the ECB reference rate plus 8 percentage points is due on the overdue amounts; from each due date to {{interest.calcDate}} it amounts to **{{totals.interest}}** (details below) and continues to accrue until payment.{{/interest}}

{{#compensation}}Under article 6 of Italian Legislative Decree 231/2002, a flat compensation of €40 is due for each invoice paid late, i.e. **{{totals.compensation}}**, without prejudice to further damages.{{/compensation}}

We hereby **formally demand** payment of the total amount of **{{totals.toPay}}** **within {{term.days}} days of receiving** this letter, by bank transfer{{#iban}} to the account shown in the payment box{{/iban}}{{#reference}}, quoting the reference **{{payment.reference}}**{{/reference}}.

This letter constitutes a formal notice of default under article 1219 of the Italian Civil Code and interrupts the limitation period under article 2943 of the Italian Civil Code.

Should this term expire without payment, we will instruct our lawyers to recover the claim through the courts without further notice, with interest, costs and fees charged to you.

If you have already paid, please send us a copy of the transfer. For any communication: {{company.contactLine}}.`,
    closing: 'Yours faithfully,',
    emailSubject: 'Formal notice (art. 1219 Italian Civil Code) – {{customer.name}}',
    emailBody: `Dear {{customer.name}},

please find attached our formal notice of default under article 1219 of the Italian Civil Code, demanding payment of the total amount of {{totals.toPay}} within {{term.days}} days of receipt, for the following documents:

{{items.list}}

This communication interrupts the limitation period under article 2943 of the Italian Civil Code.

Yours faithfully,
{{company.signer}}
{{company.name}}`,
  },
  statement: {
    subject: 'Statement of account at {{letter.date}}',
    body: `Dear Sir or Madam,

please find below the statement of your open items at {{letter.date}}.`,
    after: `{{#overdue}}Overdue items amount to **{{totals.net}}**{{#credits}} net of credit notes{{/credits}}: please pay by bank transfer{{#iban}} to the account shown in the payment box{{/iban}}{{#reference}}, quoting the reference **{{payment.reference}}**{{/reference}}.{{/overdue}}{{^overdue}}No item is overdue: thank you for paying on time.{{/overdue}}

Please check the statement and let us know of any difference: {{company.contactLine}}.`,
    closing: 'Kind regards,',
    emailSubject: 'Statement of account at {{letter.date}} – {{company.name}}',
    emailBody: `Dear {{customer.name}},

please find attached the statement of your open items at {{letter.date}}.{{#overdue}} Overdue items amount to {{totals.net}}.{{/overdue}}

Please check it and let us know of any difference.

Kind regards,
{{company.contact}}
{{company.name}}`,
  },
};

export const SHIPPED_TEMPLATES: Record<LetterLanguage, Record<TemplateName, TemplateText>> = {
  it: IT,
  en: EN,
};
