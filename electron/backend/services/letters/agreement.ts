/**
 * The printable repayment-plan agreement ("accordo di piano di rientro"): the company letterhead,
 * the two parties, the items the plan covers, the installment schedule with dates and amounts,
 * the total (and the agreed interest, if any), the clauses and a signature area for both parties.
 * Rendered with the letters PDF engine, archived in the data folder with its sha256 (a `letters`
 * row, template `plan_agreement`) and logged in the customer's contact log.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { customerById, planById, planInstallmentRows, planItems } from '../../../../db/queries/agreement.ts';
import { insertContactRow, insertLetter } from '../../../../db/queries/letters.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { formatDate, formatMoney, type LetterLanguage } from '../../../../shared/domain/letters/format.ts';
import type { Letterhead } from '../../../../shared/domain/letters/model.ts';
import type { CallContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { FONT, renderPdf } from '../common/pdf-engine.ts';
import { ARCHIVE, writeArchived } from './archive.ts';
import { letterAssets } from './assets.ts';
import { letterContext } from './load.ts';

type PdfNode = string | PdfNode[] | { [key: string]: unknown };

export const AGREEMENT_TEMPLATE = 'plan_agreement';
const GREY = '#555555';
const RULE = '#9a9a9a';
const FILL = '#eeeeee';

const TEXT = {
  it: {
    title: 'Accordo di piano di rientro',
    ref: 'Rif.',
    between: 'Tra',
    creditor: 'di seguito «il Creditore»',
    and: 'e',
    debtor: 'di seguito «il Debitore»',
    vat: 'P.IVA',
    code: 'Cod. cliente',
    premise:
      'Il Debitore riconosce di dovere al Creditore, alla data del presente accordo, le somme relative ai documenti seguenti, e le parti convengono il pagamento rateale alle condizioni sotto indicate.',
    items: 'Documenti compresi nel piano',
    doc: 'Documento',
    date: 'Data',
    due: 'Scadenza',
    amount: 'Importo',
    residual: 'Residuo',
    principal: 'Totale dei documenti',
    schedule: 'Piano delle rate',
    seq: 'Rata',
    installment: 'Importo rata',
    interest: 'Interessi convenuti',
    total: 'Totale da pagare',
    frequency: { weekly: 'Rate settimanali', monthly: 'Rate mensili' },
    clauses: [
      (iban: string) =>
        iban
          ? `1. Ogni rata è pagata entro la data indicata con bonifico sul conto IBAN ${iban} intestato al Creditore, indicando il riferimento del presente accordo.`
          : '1. Ogni rata è pagata entro la data indicata con bonifico sul conto del Creditore, indicando il riferimento del presente accordo.',
      () =>
        '2. Il mancato pagamento anche di una sola rata, protratto per oltre 15 giorni dalla scadenza, comporta la decadenza dal beneficio del termine (art. 1186 c.c.): l’intero importo residuo diventa immediatamente esigibile, con gli interessi di mora di legge.',
      () =>
        '3. Il presente accordo non costituisce novazione delle obbligazioni originarie. Esso vale come riconoscimento del debito (art. 1988 c.c.) e interrompe la prescrizione (art. 2944 c.c.).',
      () =>
        '4. Finché il piano è rispettato, il Creditore sospende ogni azione di recupero relativa ai documenti sopra indicati.',
    ],
    place: 'Luogo e data',
    forCreditor: 'Per il Creditore',
    forDebtor: 'Per il Debitore (timbro e firma)',
    page: (p: number, n: number) => `Pagina ${p} di ${n}`,
  },
  en: {
    title: 'Repayment plan agreement',
    ref: 'Ref.',
    between: 'Between',
    creditor: 'hereinafter “the Creditor”',
    and: 'and',
    debtor: 'hereinafter “the Debtor”',
    vat: 'VAT no.',
    code: 'Customer code',
    premise:
      'The Debtor acknowledges owing the Creditor, at the date of this agreement, the amounts of the documents below, and the parties agree on payment by installments on the terms set out here.',
    items: 'Documents covered by the plan',
    doc: 'Document',
    date: 'Date',
    due: 'Due date',
    amount: 'Amount',
    residual: 'Residual',
    principal: 'Total of the documents',
    schedule: 'Installment schedule',
    seq: 'No.',
    installment: 'Installment',
    interest: 'Agreed interest',
    total: 'Total to pay',
    frequency: { weekly: 'Weekly installments', monthly: 'Monthly installments' },
    clauses: [
      (iban: string) =>
        iban
          ? `1. Each installment is paid by its date by bank transfer to the Creditor's account IBAN ${iban}, quoting the reference of this agreement.`
          : "1. Each installment is paid by its date by bank transfer to the Creditor's account, quoting the reference of this agreement.",
      () =>
        '2. Failure to pay any installment for more than 15 days after its due date forfeits the benefit of the term (art. 1186 of the Italian Civil Code): the whole residual amount becomes immediately due, with statutory late-payment interest.',
      () =>
        '3. This agreement does not novate the original obligations. It is an acknowledgement of the debt (art. 1988 Civil Code) and interrupts the limitation period (art. 2944 Civil Code).',
      () => '4. While the plan is kept, the Creditor suspends any recovery action on the documents above.',
    ],
    place: 'Place and date',
    forCreditor: 'For the Creditor',
    forDebtor: 'For the Debtor (stamp and signature)',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
  },
} as const;

const groupIban = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');
const cell = (text: string, extra: Record<string, unknown> = {}): PdfNode => ({ text, ...extra });
const right = (text: string, bold = false): PdfNode => ({ text, alignment: 'right', bold });
const head = (labels: string[], rightFrom: number): PdfNode[] =>
  labels.map((l, i) => ({
    text: l,
    bold: true,
    fillColor: FILL,
    ...(i >= rightFrom ? { alignment: 'right' } : {}),
  }));
const tableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
    i === 0 || i === 1 || i === node.table.body.length ? 0.6 : 0.2,
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

function partyLines(name: string, lines: (string | null | undefined)[]): PdfNode {
  return {
    stack: [
      { text: name, bold: true },
      ...lines.filter((l): l is string => Boolean(l)).map((l) => ({ text: l })),
    ],
  };
}

export interface AgreementData {
  planId: number;
  language: LetterLanguage;
  date: string;
  company: Letterhead;
  customer: { code: string; name: string; address: string | null; vat: string | null };
  frequency: 'weekly' | 'monthly';
  items: { number: string; date: string; due: string; amountCents: number; residualCents: number }[];
  installments: { seq: number; dueDate: string; amountCents: number }[];
  interestCents: number;
  totalCents: number;
}

export function agreementReference(planId: number): string {
  return `PR-${String(planId).padStart(5, '0')}`;
}

export function agreementDoc(d: AgreementData, images: { logo: string | null; signature: string | null }) {
  const T = TEXT[d.language];
  const m = (c: number) => formatMoney(c, d.language);
  const c = d.company;
  const principal = d.items.reduce((s, i) => s + i.residualCents, 0);
  const address = c.address
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' – ');
  const headerText: PdfNode = {
    stack: [
      { text: c.name, bold: true, fontSize: 13 },
      {
        text: [address, c.vat && `${T.vat} ${c.vat}`, c.phone, c.email].filter(Boolean).join(' – '),
        fontSize: 8,
        color: GREY,
      },
    ],
  };
  const letterhead: PdfNode = images.logo
    ? {
        columns: [
          { image: 'logo', fit: [110, 48], width: 'auto' },
          { ...headerText, width: '*' },
        ],
        columnGap: 12,
      }
    : headerText;
  const reference = agreementReference(d.planId);
  const content: PdfNode[] = [
    letterhead,
    {
      canvas: [{ type: 'line', x1: 0, y1: 4, x2: 481, y2: 4, lineWidth: 0.6, lineColor: RULE }],
      margin: [0, 0, 0, 12],
    },
    { text: T.title, fontSize: 15, bold: true },
    {
      text: `${T.ref} ${reference} – ${c.place ? `${c.place}, ` : ''}${formatDate(d.date)}`,
      color: GREY,
      fontSize: 8.5,
      margin: [0, 2, 0, 12],
    },
    { text: T.between, italics: true, margin: [0, 0, 0, 3] },
    {
      columns: [
        {
          width: '*',
          stack: [
            partyLines(c.name, [address, c.vat && `${T.vat} ${c.vat}`]),
            { text: T.creditor, italics: true, color: GREY, fontSize: 8.5 },
          ],
        },
        { width: 20, text: T.and, italics: true, alignment: 'center' },
        {
          width: '*',
          stack: [
            partyLines(d.customer.name, [
              d.customer.address?.replace(/\r?\n/g, ' – '),
              d.customer.vat && `${T.vat} ${d.customer.vat}`,
              `${T.code} ${d.customer.code}`,
            ]),
            { text: T.debtor, italics: true, color: GREY, fontSize: 8.5 },
          ],
        },
      ],
      columnGap: 10,
      margin: [0, 0, 0, 12],
    },
    { text: T.premise, margin: [0, 0, 0, 10] },
    { text: T.items, bold: true, fontSize: 10.5, margin: [0, 0, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: ['*', 62, 62, 80, 80],
        body: [
          head([T.doc, T.date, T.due, T.amount, T.residual], 3),
          ...d.items.map((i) => [
            cell(i.number),
            cell(formatDate(i.date)),
            cell(formatDate(i.due)),
            right(m(i.amountCents)),
            right(m(i.residualCents)),
          ]),
          [{ text: T.principal, bold: true, colSpan: 4 }, '', '', '', right(m(principal), true)],
        ],
      },
      layout: tableLayout,
      margin: [0, 0, 0, 12],
    },
    {
      text: [
        { text: T.schedule, bold: true },
        { text: `  ·  ${T.frequency[d.frequency]}`, color: GREY },
      ],
      fontSize: 10.5,
      margin: [0, 0, 0, 4],
    },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [40, 90, '*'],
        body: [
          head([T.seq, T.due, T.installment], 2),
          ...d.installments.map((i) => [
            cell(String(i.seq)),
            cell(formatDate(i.dueDate)),
            right(m(i.amountCents)),
          ]),
          ...(d.interestCents > 0
            ? [[{ text: T.interest, colSpan: 2, color: GREY }, '', right(m(d.interestCents))]]
            : []),
          [{ text: T.total, bold: true, colSpan: 2 }, '', right(m(d.totalCents), true)],
        ],
      },
      layout: tableLayout,
      margin: [0, 0, 0, 12],
    },
    ...T.clauses.map((f) => ({ text: f(c.iban ? groupIban(c.iban) : ''), margin: [0, 0, 0, 5] })),
    {
      unbreakable: true,
      margin: [0, 18, 0, 0],
      stack: [
        { text: `${T.place}: ${c.place ? `${c.place}, ` : ''}${formatDate(d.date)}`, margin: [0, 0, 0, 18] },
        {
          columns: [
            {
              width: '*',
              stack: [
                { text: T.forCreditor, bold: true },
                { text: c.signer || c.contact || c.name, color: GREY, fontSize: 8.5 },
                images.signature
                  ? { image: 'signature', fit: [150, 46], margin: [0, 4, 0, 0] }
                  : { text: ' ', margin: [0, 0, 0, 46] },
                { canvas: [{ type: 'line', x1: 0, y1: 2, x2: 200, y2: 2, lineWidth: 0.5 }] },
              ],
            },
            {
              width: '*',
              stack: [
                { text: T.forDebtor, bold: true },
                { text: d.customer.name, color: GREY, fontSize: 8.5 },
                { text: ' ', margin: [0, 0, 0, 46] },
                { canvas: [{ type: 'line', x1: 0, y1: 2, x2: 200, y2: 2, lineWidth: 0.5 }] },
              ],
            },
          ],
          columnGap: 30,
        },
      ],
    },
  ];
  let pages = 0;
  const imageMap: Record<string, string> = {};
  if (images.logo) imageMap.logo = images.logo;
  if (images.signature) imageMap.signature = images.signature;
  const doc = {
    pageSize: 'A4',
    pageMargins: [57, 42, 57, 54],
    info: { title: `${T.title} – ${reference}`, author: c.name, creator: 'Incasso', producer: 'Incasso' },
    defaultStyle: { font: FONT, fontSize: 9.5, lineHeight: 1.18 },
    images: imageMap,
    content,
    footer: (page: number, count: number) => {
      pages = count;
      return {
        columns: [{ text: `${c.name} – ${reference}` }, { text: T.page(page, count), alignment: 'right' }],
        fontSize: 7.5,
        color: GREY,
        margin: [57, 20, 57, 0],
      };
    },
  };
  return { doc, pages: () => pages, reference };
}

async function loadAgreement(call: CallContext, planId: number): Promise<AgreementData> {
  const { db } = call.app;
  const plan = await planById(db, planId);
  if (!plan) throw new AppError('NOT_FOUND', `No repayment plan ${planId}.`);
  const customer = await customerById(db, plan.customerId);
  if (!customer) throw new AppError('NOT_FOUND', `The customer of plan ${planId} is missing.`);
  const ids = (JSON.parse(plan.itemIds) as unknown[]).filter((x): x is number => typeof x === 'number');
  const items = await planItems(db, ids);
  const installments = await planInstallmentRows(db, planId);
  const ctx = await letterContext(db, call.app.dataDir, call.app.today());
  return {
    planId,
    language: customer.language === 'en' ? 'en' : 'it',
    date: call.app.today(),
    company: ctx.company,
    customer: { code: customer.code, name: customer.name, address: customer.address, vat: customer.vat },
    frequency: plan.frequency,
    items: items.map((i) => ({
      number: i.installment ? `${i.documentNumber} (${i.installment})` : i.documentNumber,
      date: i.documentDate,
      due: i.dueDate,
      amountCents: i.amountCents,
      residualCents: i.residualCents,
    })),
    installments: installments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountCents: i.amountCents })),
    interestCents: plan.interestCents,
    totalCents: plan.totalCents,
  };
}

/** Renders, archives and logs the agreement of a plan; returns the PDF for the user to open. */
export async function planAgreement(call: CallContext, input: { planId: number }) {
  const { app, user } = call;
  const data = await loadAgreement(call, input.planId);
  const ctx = await letterContext(app.db, app.dataDir, app.today());
  const { doc, pages, reference } = agreementDoc(data, ctx.images);
  const pdf = await renderPdf(doc, letterAssets().fontsDir);
  const [y = '0000', mo = '00'] = data.date.split('-');
  const safeCode = data.customer.code.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
  const fileName = `${data.date}-${AGREEMENT_TEMPLATE}-${safeCode}-${crypto.randomBytes(3).toString('hex')}.pdf`;
  const rel = path.join(ARCHIVE, y, mo, fileName);
  const { sha256, bytes } = writeArchived(app.dataDir, rel, pdf);
  const plan = await planById(app.db, input.planId);
  const customerId = plan?.customerId ?? 0;
  const principal = data.items.reduce((s, i) => s + i.residualCents, 0);
  const letterId = await inTransaction(app.db, async () => {
    const id = await insertLetter(app.db, {
      customerId,
      caseId: plan?.caseId ?? null,
      taskId: null,
      batchId: null,
      template: AGREEMENT_TEMPLATE,
      language: data.language,
      channel: 'letter',
      date: data.date,
      reference,
      path: rel,
      sha256,
      sizeBytes: bytes,
      pages: pages(),
      overdueCents: principal,
      creditsCents: 0,
      interestCents: data.interestCents,
      compensationCents: 0,
      totalCents: data.totalCents,
      status: 'generated',
      userId: user.id,
    });
    await insertContactRow(app.db, {
      customerId,
      caseId: plan?.caseId ?? null,
      taskId: null,
      date: data.date,
      channel: 'letter',
      direction: 'out',
      outcome: 'generated',
      note: `Accordo di piano di rientro – rif. ${reference} – ${data.installments.length} rate, totale ${formatMoney(data.totalCents)}`,
      documentPath: rel,
      documentSha256: sha256,
      userId: user.id,
    });
    await auditAs(app.db, user, {
      at: app.now(),
      action: 'plans.agreement',
      entity: 'plan',
      entityId: input.planId,
      after: { letterId: id, reference, sha256, totalCents: data.totalCents },
    });
    return id;
  });
  return {
    letterId,
    planId: input.planId,
    reference,
    fileName,
    sha256,
    pages: pages(),
    totalCents: data.totalCents,
    pdfBase64: pdf.toString('base64'),
  };
}
