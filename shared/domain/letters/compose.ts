/**
 * Composes a letter: which items it lists, its totals, the late-payment interest and flat
 * compensation it claims, the EPC payment data, and the template texts with their merge fields
 * filled in. Pure (today is the `date` argument), so the PDF, the e-mail and the editor's live
 * preview all come from the same figures.
 */

import { COMPENSATION_CENTS, computeClaim } from '../claim.ts';
import { customerCreditorReference, formatCreditorReference } from '../creditor-reference.ts';
import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import { EpcError, epcPayload, isValidIban } from '../epc.ts';
import type { HalfYearRate } from '../interest.ts';
import { formatDate, formatMoney, type LetterLanguage } from './format.ts';
import { LABELS } from './labels.ts';
import { type MergeIssue, mergeFields, toParagraphs, toPlainText } from './merge.ts';
import type {
  Amounts,
  InterestRow,
  ItemRow,
  LetterChannel,
  LetterCustomer,
  Letterhead,
  LetterItemInput,
  LetterModel,
  LetterOptions,
  PaymentBox,
  TemplateName,
  TemplateText,
  TotalLine,
} from './model.ts';
import { TEMPLATE_TRAITS } from './shipped.ts';

export { COMPENSATION_CENTS };
export const DEFAULT_TERM_DAYS = 15;
const REMITTANCE_MAX = 140;

export interface ComposeInput {
  template: TemplateName;
  text: TemplateText;
  language: LetterLanguage;
  channel: LetterChannel;
  /** The letter's date, which is also the interest calculation date. */
  date: IsoDate;
  company: Letterhead;
  customer: LetterCustomer;
  items: readonly LetterItemInput[];
  options: LetterOptions;
  rates: readonly HalfYearRate[];
  /** Dunning fees charged to the customer's case, claimed by the letters that claim (formal notice). */
  feesCents?: number;
}

/** The merge fields a template may use, with what they print (for the template editor). */
export const MERGE_FIELDS: readonly { name: string; description: string }[] = [
  { name: 'customer.code', description: 'customer code' },
  { name: 'customer.name', description: 'customer name' },
  {
    name: 'customer.greeting',
    description: '"Gentile <contact>" when a contact is known, else "Gentile Cliente"',
  },
  { name: 'customer.identity', description: 'name, VAT number and registered address in one phrase' },
  { name: 'customer.address', description: 'address on one line' },
  { name: 'customer.vat', description: 'VAT number' },
  { name: 'customer.pec', description: 'PEC address' },
  { name: 'customer.email', description: 'e-mail address' },
  { name: 'company.name', description: 'your company name' },
  { name: 'company.address', description: 'your address on one line' },
  { name: 'company.vat', description: 'your VAT number' },
  { name: 'company.iban', description: 'your IBAN' },
  { name: 'company.bic', description: 'your BIC' },
  { name: 'company.contact', description: 'the contact person' },
  { name: 'company.phone', description: 'your phone number' },
  { name: 'company.email', description: 'your e-mail' },
  { name: 'company.pec', description: 'your PEC address' },
  { name: 'company.place', description: 'the place on the date line' },
  { name: 'company.signer', description: 'who signs formal notices' },
  { name: 'company.contactLine', description: 'contact person, phone and e-mail in one phrase' },
  { name: 'letter.date', description: 'the letter date (gg/mm/aaaa)' },
  { name: 'letter.reference', description: 'the letter reference' },
  { name: 'totals.overdue', description: 'total overdue' },
  { name: 'totals.notDue', description: 'total not yet due (statement)' },
  { name: 'totals.credits', description: 'open credit notes to deduct' },
  { name: 'totals.net', description: 'net overdue (overdue less credits)' },
  { name: 'totals.interest', description: 'late-payment interest claimed' },
  { name: 'totals.compensation', description: 'flat compensation claimed' },
  { name: 'totals.fees', description: 'dunning fees charged (e.g. the registered letter)' },
  { name: 'totals.toPay', description: 'total to pay (the QR amount)' },
  { name: 'items.count', description: 'number of overdue documents' },
  { name: 'items.list', description: 'one line per overdue document and credit note (e-mails)' },
  { name: 'items.documents', description: 'overdue document numbers' },
  { name: 'items.oldestDue', description: 'oldest due date' },
  { name: 'term.days', description: 'days given to pay' },
  { name: 'term.date', description: 'letter date plus the days given to pay' },
  { name: 'interest.calcDate', description: 'the date interest is computed to' },
  { name: 'payment.amount', description: 'amount to pay' },
  { name: 'payment.remittance', description: 'the transfer reference' },
  { name: 'payment.reference', description: 'the structured creditor reference (RF…) to quote' },
];

export const MERGE_FLAGS: readonly { name: string; description: string }[] = [
  { name: 'interest', description: 'the letter claims late-payment interest' },
  { name: 'compensation', description: 'the letter claims the flat compensation' },
  { name: 'credits', description: 'there are open credit notes' },
  { name: 'overdue', description: 'something is overdue' },
  { name: 'notDue', description: 'some items are not yet due' },
  { name: 'several', description: 'more than one overdue document' },
  { name: 'qr', description: 'the letter carries a payment QR code' },
  { name: 'iban', description: 'your IBAN is set (the payment box shows your bank coordinates)' },
  { name: 'reference', description: 'the letter carries a creditor reference (RF…)' },
  { name: 'letter', description: 'sent as a printed letter' },
  { name: 'email', description: 'sent by e-mail' },
  { name: 'pec', description: 'sent by PEC' },
];

function documentLabel(i: LetterItemInput, language: LetterLanguage): string {
  const inst = i.installment?.trim();
  return inst ? `${i.documentNumber} (${LABELS[language].installment} ${inst})` : i.documentNumber;
}

/**
 * Per-invoice levels: an invoice is at the letter's level, or at its next reminder when it has had
 * fewer (a new invoice in a formal notice is at its first reminder).
 */
export function itemLevel(template: TemplateName, reminders: number): 1 | 2 | 3 | null {
  const letter = TEMPLATE_TRAITS[template].level;
  if (letter === null) return null;
  return Math.min(letter, Math.max(0, reminders) + 1) as 1 | 2 | 3;
}

function selectRows(input: ComposeInput): { rows: ItemRow[]; sources: LetterItemInput[] } {
  const all = TEMPLATE_TRAITS[input.template].allItems;
  const picked = input.items
    .filter((i) => i.residualCents !== 0)
    .map((i) => {
      const kind: ItemRow['kind'] =
        i.residualCents < 0 ? 'credit' : i.dueDate < input.date ? 'overdue' : 'notDue';
      return { i, kind };
    })
    // Dunning letters chase undisputed overdue items only; the statement shows everything.
    .filter(({ i, kind }) => all || kind === 'credit' || (kind === 'overdue' && !i.disputed))
    .sort(
      (a, b) =>
        Number(a.kind === 'credit') - Number(b.kind === 'credit') ||
        a.i.dueDate.localeCompare(b.i.dueDate) ||
        a.i.documentNumber.localeCompare(b.i.documentNumber, 'it', { numeric: true }),
    );
  return {
    rows: picked.map(({ i, kind }) => ({
      kind,
      document: documentLabel(i, input.language),
      documentDate: i.documentDate,
      dueDate: i.dueDate,
      amountCents: i.amountCents,
      residualCents: i.residualCents,
      daysLate: kind === 'overdue' ? daysBetween(i.dueDate, input.date) : null,
      disputed: i.disputed,
      level: kind === 'overdue' ? itemLevel(input.template, i.reminders ?? 0) : null,
    })),
    sources: picked.map(({ i }) => i),
  };
}

function computeAmounts(input: ComposeInput, rows: ItemRow[], sources: LetterItemInput[]) {
  const sum = (kind: ItemRow['kind']) =>
    rows.filter((r) => r.kind === kind).reduce((a, r) => a + r.residualCents, 0);
  const overdueCents = sum('overdue');
  const creditsCents = -sum('credit');
  const claims = TEMPLATE_TRAITS[input.template].claims;
  const claimInterest = claims && input.options.claimInterest;
  const claimCompensation = claims && input.options.claimCompensation;
  // The one claim function (shared/domain/claim.ts): the letter claims what `interest` and the
  // legal dossier claim.
  const claim = computeClaim(
    sources.map((s) => ({ ...s, label: documentLabel(s, input.language) })),
    input.rates,
    input.date,
    {
      interest: claimInterest,
      compensation: claimCompensation,
      feesCents: claims ? (input.feesCents ?? 0) : 0,
    },
  );
  const detail: InterestRow[] = claimInterest ? claim.invoices : [];
  const { interestCents, compensationCents, feesCents } = claim;
  const invoiceCount = compensationCents / COMPENSATION_CENTS;
  const netCents = overdueCents - creditsCents;
  const amounts: Amounts = {
    overdueCents,
    notDueCents: sum('notDue'),
    creditsCents,
    netCents,
    interestCents,
    compensationCents,
    feesCents,
    toPayCents: netCents + interestCents + compensationCents + feesCents,
  };
  return { amounts, detail, claimInterest, claimCompensation, invoiceCount };
}

function totalLines(
  input: ComposeInput,
  a: Amounts,
  claimInterest: boolean,
  claimCompensation: boolean,
  invoiceCount: number,
): TotalLine[] {
  const L = LABELS[input.language];
  if (TEMPLATE_TRAITS[input.template].allItems) {
    return [
      { label: L.totalOverdue, amountCents: a.overdueCents },
      { label: L.totalCredits, amountCents: -a.creditsCents },
      { label: L.netDue, amountCents: a.netCents, strong: true },
      { label: L.totalNotDue, amountCents: a.notDueCents },
      { label: L.balance, amountCents: a.netCents + a.notDueCents },
    ];
  }
  const claimed = claimInterest || claimCompensation;
  const lines: TotalLine[] = [
    { label: L.totalOverdue, amountCents: a.overdueCents },
    { label: L.totalCredits, amountCents: -a.creditsCents },
    { label: L.netDue, amountCents: a.netCents, strong: !claimed },
  ];
  if (claimInterest) lines.push({ label: L.interest(formatDate(input.date)), amountCents: a.interestCents });
  if (claimCompensation)
    lines.push({ label: L.compensation(invoiceCount), amountCents: a.compensationCents });
  if (a.feesCents > 0) lines.push({ label: L.fees, amountCents: a.feesCents });
  if (claimed || a.feesCents > 0) lines.push({ label: L.toPay, amountCents: a.toPayCents, strong: true });
  return lines;
}

/** "Cliente C001 – Saldo FT 1/2026, FT 2/2026 e altri 3" within the EPC's 140 characters. */
export function remittanceText(
  language: LetterLanguage,
  customerCode: string,
  documents: readonly string[],
): string {
  const L = LABELS[language];
  const head = `${L.customerCode} ${customerCode} - ${L.remittancePrefix}`;
  const unique = [...new Set(documents)];
  const length = (t: string) => [...t].length;
  let text = head;
  for (let i = 0; i < unique.length; i++) {
    const candidate = `${text}${i === 0 ? ' ' : ', '}${unique[i]}`;
    const rest = unique.length - i - 1;
    // Stop while there is still room to say how many documents did not fit.
    if (length(candidate) + (rest > 0 ? length(` ${L.more(rest)}`) : 0) > REMITTANCE_MAX) {
      return `${text} ${L.more(unique.length - i)}`;
    }
    text = candidate;
  }
  return text;
}

function paymentBox(input: ComposeInput, amounts: Amounts, rows: ItemRow[]): PaymentBox | null {
  const L = LABELS[input.language];
  const c = input.company;
  const amountCents = TEMPLATE_TRAITS[input.template].allItems ? amounts.netCents : amounts.toPayCents;
  const remittance = remittanceText(
    input.language,
    input.customer.code,
    rows.filter((r) => r.kind === 'overdue').map((r) => r.document),
  );
  // Our RF reference: a payment quoting it comes back from the bank naming the customer.
  const reference = customerCreditorReference(input.customer.code);
  const box: PaymentBox = {
    beneficiary: c.name,
    iban: c.iban.replace(/\s+/g, '').toUpperCase(),
    bic: c.bic.replace(/\s+/g, '').toUpperCase(),
    amountCents,
    remittance,
    creditorReference: reference ? formatCreditorReference(reference) : null,
    epcPayload: null,
    note: null,
  };
  if (amountCents <= 0) return { ...box, amountCents: 0, note: L.nothingToPay };
  if (!isValidIban(c.iban)) return { ...box, note: L.noIban };
  try {
    box.epcPayload = epcPayload({
      beneficiaryName: c.name,
      iban: c.iban,
      bic: c.bic || null,
      amountCents,
      remittance,
      creditorReference: reference,
    });
  } catch (err) {
    if (!(err instanceof EpcError)) throw err;
    box.note = L.noIban;
  }
  return box;
}

const oneLine = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(', ');

/** Address lines for the window envelope: one per line, "Via …, 40100 Città" split before the CAP. */
export function addressLines(address: string | null): string[] {
  return (address ?? '')
    .split(/\r?\n/)
    .flatMap((l) => l.split(/,\s*(?=\d{5}\b)/))
    .map((l) => l.trim())
    .filter(Boolean);
}

function identity(customer: LetterCustomer, language: LetterLanguage): string {
  const L = LABELS[language];
  const parts = [customer.name];
  if (customer.vat) parts.push(`${L.vat} ${customer.vat}`);
  else if (customer.taxCode) parts.push(`${L.taxCode} ${customer.taxCode}`);
  const address = oneLine(customer.address);
  if (address) parts.push(language === 'it' ? `con sede in ${address}` : `registered office at ${address}`);
  return parts.join(', ');
}

/** "Gentile Mario Rossi" when the dunning contact is known, else "Gentile Cliente". */
function greeting(customer: LetterCustomer, language: LetterLanguage): string {
  const name = customer.contactName?.trim();
  if (language === 'it') return name ? `Gentile ${name}` : 'Gentile Cliente';
  return name ? `Dear ${name}` : 'Dear Customer';
}

function contactLine(c: Letterhead, language: LetterLanguage): string {
  const parts = [
    c.contact,
    // A phone number must not break across lines.
    c.phone ? `${LABELS[language].phone.toLowerCase()}\u00a0${c.phone.replace(/ /g, '\u00a0')}` : '',
    c.email,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : c.name;
}

function itemsList(rows: ItemRow[], language: LetterLanguage): string {
  const L = LABELS[language];
  return rows
    .filter((r) => r.kind !== 'notDue')
    .map((r) =>
      r.kind === 'credit'
        ? `- ${r.document} (${L.creditNote}): ${formatMoney(r.residualCents, language)}`
        : language === 'it'
          ? `- ${r.document} del ${formatDate(r.documentDate)}, scaduto il ${formatDate(r.dueDate)}: ${formatMoney(r.residualCents, language)}`
          : `- ${r.document} of ${formatDate(r.documentDate)}, due ${formatDate(r.dueDate)}: ${formatMoney(r.residualCents, language)}`,
    )
    .join('\n');
}

export function letterReference(template: TemplateName, customerCode: string, date: IsoDate): string {
  const abbr = { reminder1: 'S1', reminder2: 'S2', formal_notice: 'MM', statement: 'EC' }[template];
  return `${customerCode}-${date.replaceAll('-', '')}-${abbr}`;
}

export function composeLetter(input: ComposeInput): LetterModel {
  const { language, customer, company } = input;
  const L = LABELS[language];
  const traits = TEMPLATE_TRAITS[input.template];
  const { rows, sources } = selectRows(input);
  const { amounts, detail, claimInterest, claimCompensation, invoiceCount } = computeAmounts(
    input,
    rows,
    sources,
  );
  const payment = paymentBox(input, amounts, rows);
  const overdueRows = rows.filter((r) => r.kind === 'overdue');
  const money = (c: number) => formatMoney(c, language);
  const reference = letterReference(input.template, customer.code, input.date);
  const values: Record<string, string> = {
    'customer.code': customer.code,
    'customer.name': customer.name,
    'customer.greeting': greeting(customer, language),
    'customer.identity': identity(customer, language),
    'customer.address': oneLine(customer.address),
    'customer.vat': customer.vat ?? '',
    'customer.pec': customer.pec ?? '',
    'customer.email': customer.email ?? '',
    'company.name': company.name,
    'company.address': oneLine(company.address),
    'company.vat': company.vat,
    'company.iban': company.iban,
    'company.bic': company.bic,
    'company.contact': company.contact || company.name,
    'company.phone': company.phone,
    'company.email': company.email,
    'company.pec': company.pec,
    'company.place': company.place,
    'company.signer': company.signer || company.contact || company.name,
    'company.contactLine': contactLine(company, language),
    'letter.date': formatDate(input.date),
    'letter.reference': reference,
    'totals.overdue': money(amounts.overdueCents),
    'totals.notDue': money(amounts.notDueCents),
    'totals.credits': money(amounts.creditsCents),
    'totals.net': money(amounts.netCents),
    'totals.interest': money(amounts.interestCents),
    'totals.compensation': money(amounts.compensationCents),
    'totals.fees': money(amounts.feesCents),
    'totals.toPay': money(amounts.toPayCents),
    'items.count': String(overdueRows.length),
    'items.list': itemsList(rows, language),
    'items.documents': [...new Set(overdueRows.map((r) => r.document))].join(', '),
    'items.oldestDue': overdueRows[0] ? formatDate(overdueRows[0].dueDate) : '',
    'term.days': String(input.options.termDays),
    'term.date': formatDate(addDays(input.date, input.options.termDays)),
    'interest.calcDate': formatDate(input.date),
    'payment.amount': money(payment?.amountCents ?? 0),
    'payment.remittance': payment?.remittance ?? '',
    'payment.reference': payment?.creditorReference ?? '',
  };
  const flags: Record<string, boolean> = {
    interest: claimInterest && amounts.interestCents > 0,
    compensation: claimCompensation && amounts.compensationCents > 0,
    credits: amounts.creditsCents > 0,
    overdue: amounts.overdueCents > 0,
    notDue: amounts.notDueCents > 0,
    several: new Set(overdueRows.map((r) => r.document)).size > 1,
    qr: payment?.epcPayload != null,
    iban: isValidIban(company.iban),
    reference: Boolean(payment?.creditorReference),
    letter: input.channel === 'letter',
    email: input.channel === 'email',
    pec: input.channel === 'pec',
  };
  const issues: MergeIssue[] = [];
  const merge = (field: keyof TemplateText) => {
    const r = mergeFields(input.text[field], values, flags);
    for (const i of r.issues) issues.push({ ...i, part: field, message: `${field}: ${i.message}` });
    return r.text;
  };
  const deliveryNote =
    input.channel === 'pec'
      ? `${L.viaPec}${customer.pec ? ` – ${customer.pec}` : ''}`
      : input.channel === 'letter' && input.template === 'formal_notice'
        ? L.registered
        : null;
  return {
    template: input.template,
    language,
    channel: input.channel,
    date: input.date,
    reference,
    customerCode: customer.code,
    company,
    recipient: { name: customer.name, lines: addressLines(customer.address) },
    deliveryNote,
    subject: toPlainText(merge('subject')),
    body: toParagraphs(merge('body')),
    after: toParagraphs(merge('after')),
    closing: toParagraphs(merge('closing')),
    rows,
    totals: totalLines(input, amounts, claimInterest, claimCompensation, invoiceCount),
    interestRows: detail,
    amounts,
    payment,
    signed: traits.signed,
    email: { subject: toPlainText(merge('emailSubject')), body: toPlainText(merge('emailBody')) },
    issues,
  };
}
