/**
 * The words of the digests and alerts in the recipient's language (it/en): plain, short, one
 * line per customer. The alert reasons are worded from their stored figures, so the list in the
 * app, the CLI and the e-mails say the same thing.
 */
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import type { AlertKind, NotifyRole } from '../../../../shared/domain/notify.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';

export type Lang = Language;
type Params = Record<string, string | number | null>;

const money = (lang: Lang, cents: unknown) =>
  formatCents(Number(cents ?? 0), lang === 'it' ? 'it-IT' : 'en-GB');
const day = (lang: Lang, iso: unknown) => {
  const s = String(iso ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  return lang === 'it' ? `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}` : s;
};

export function alertReason(kind: AlertKind, p: Params, lang: Lang): string {
  const it = lang === 'it';
  switch (kind) {
    case 'ratingDrop':
      return it
        ? `rating sceso da ${p.from} a ${p.to} (punteggio ${p.score})`
        : `rating fell from ${p.from} to ${p.to} (score ${p.score})`;
    case 'overLimit':
      return it
        ? `esposizione ${money(lang, p.exposureCents)} oltre il fido di ${money(lang, p.limitCents)}`
        : `exposure ${money(lang, p.exposureCents)} above the credit limit of ${money(lang, p.limitCents)}`;
    case 'promiseBroken':
      return it
        ? `promessa di pagamento del ${day(lang, p.date)} (${money(lang, p.amountCents)}) non mantenuta`
        : `promise to pay of ${day(lang, p.date)} (${money(lang, p.amountCents)}) broken`;
    case 'planBroken':
      return it
        ? `rata ${p.seq} del piano di rientro (scadenza ${day(lang, p.dueDate)}, ${money(lang, p.amountCents)}) non pagata`
        : `repayment plan installment ${p.seq} (due ${day(lang, p.dueDate)}, ${money(lang, p.amountCents)}) not paid`;
    case 'returnedBill':
      return it
        ? `effetto insoluto del ${day(lang, p.date)} (${money(lang, p.amountCents)})`
        : `bank bill returned unpaid on ${day(lang, p.date)} (${money(lang, p.amountCents)})`;
    case 'legalInvoice':
      return it
        ? `nuova fattura ${p.document} del ${day(lang, p.date)} (${money(lang, p.amountCents)}) a un cliente in fase legale`
        : `new invoice ${p.document} of ${day(lang, p.date)} (${money(lang, p.amountCents)}) to a customer in the legal phase`;
  }
}

export function askedText(
  a: {
    orderBlocked: boolean;
    lastBrokenPromise: string | null;
    oldestOverdue: string | null;
    released: boolean;
  },
  role: NotifyRole,
  lang: Lang,
): string[] {
  const it = lang === 'it';
  const out: string[] = [];
  if (a.orderBlocked) out.push(it ? 'non spedire: ordini bloccati' : 'do not ship: order block');
  if (a.released) out.push(it ? 'blocco ordini rimosso' : 'order block released');
  if (a.lastBrokenPromise)
    out.push(
      it
        ? `promessa non mantenuta del ${day(lang, a.lastBrokenPromise)}`
        : `promise broken on ${day(lang, a.lastBrokenPromise)}`,
    );
  if (role === 'salesperson' && !a.orderBlocked && a.oldestOverdue)
    out.push(
      it
        ? `parlare al cliente dello scaduto dal ${day(lang, a.oldestOverdue)}`
        : `speak to the customer about what is overdue since ${day(lang, a.oldestOverdue)}`,
    );
  return out;
}

export interface DigestText {
  role: NotifyRole;
  name: string;
  company: string;
  today: string;
  customers: {
    code: string;
    name: string;
    overdueCents: number;
    step: string | null;
    nextAction: string | null;
    asked: string[];
  }[];
  alerts: { customerCode: string; customerName: string; reason: string }[];
  collector?: { due: number; late: number };
  office?: {
    /** The days reported, both included (none when `from` is after `to`). */
    from: IsoDate;
    to: IsoDate;
    runs: number;
    lettersSent: number;
    paymentsCents: number;
    promisesBroken: number;
    newLegalCases: number;
  };
}

export function digestSubject(d: DigestText, lang: Lang): string {
  const it = lang === 'it';
  const what =
    d.role === 'salesperson'
      ? it
        ? 'i tuoi clienti'
        : 'your customers'
      : d.role === 'collector'
        ? it
          ? 'la tua agenda'
          : 'your worklist'
        : it
          ? "la giornata dell'ufficio crediti"
          : "the credit office's day";
  return `${d.company}: ${what} – ${day(lang, d.today)}`;
}

export function digestBody(d: DigestText, lang: Lang): string {
  const it = lang === 'it';
  const lines: string[] = [it ? `Buongiorno ${d.name},` : `Good morning ${d.name},`, ''];
  if (d.collector)
    lines.push(
      it
        ? `Attività da fare oggi: ${d.collector.due}, di cui ${d.collector.late} in ritardo.`
        : `Tasks due today: ${d.collector.due}, ${d.collector.late} of them late.`,
      '',
    );
  if (d.office && d.office.from <= d.office.to) {
    const o = d.office;
    const when =
      o.from === o.to
        ? `${it ? 'Il' : 'On'} ${day(lang, o.from)}`
        : it
          ? `Dal ${day(lang, o.from)} al ${day(lang, o.to)}`
          : `From ${day(lang, o.from)} to ${day(lang, o.to)}`;
    lines.push(
      it
        ? `${when}: ${o.runs} elaborazioni, ${o.lettersSent} lettere inviate, incassi ${money(lang, o.paymentsCents)}, ${o.promisesBroken} promesse non mantenute, ${o.newLegalCases} nuove pratiche legali.`
        : `${when}: ${o.runs} runs, ${o.lettersSent} letters sent, payments ${money(lang, o.paymentsCents)}, ${o.promisesBroken} promises broken, ${o.newLegalCases} new legal cases.`,
      '',
    );
  }
  if (d.alerts.length) {
    lines.push(it ? 'Avvisi:' : 'Alerts:');
    for (const a of d.alerts) lines.push(`- ${a.customerCode}: ${a.reason}`);
    lines.push('');
  }
  if (d.customers.length) {
    lines.push(it ? 'Clienti con scaduto:' : 'Customers with overdue:');
    for (const c of d.customers.slice(0, 50)) {
      const parts = [`${c.code} ${c.name}: ${money(lang, c.overdueCents)}`];
      if (c.step) parts.push(`${it ? 'fase' : 'step'} ${c.step}`);
      if (c.nextAction) parts.push(`${it ? 'prossima azione' : 'next action'} ${c.nextAction}`);
      lines.push(`- ${parts.join('; ')}`);
      for (const a of c.asked) lines.push(`  > ${a}`);
    }
    if (d.customers.length > 50)
      lines.push(
        it
          ? `… e altri ${d.customers.length - 50} (vedi allegato)`
          : `… and ${d.customers.length - 50} more (see the attachment)`,
      );
    lines.push('');
  }
  lines.push(it ? "L'elenco completo è nel file allegato." : 'The full list is in the attached file.');
  lines.push(it ? `Ufficio crediti – ${d.company}` : `Credit office – ${d.company}`);
  return lines.join('\n');
}

export function urgentSubject(company: string, count: number, lang: Lang): string {
  return lang === 'it' ? `${company}: avviso urgente (${count})` : `${company}: urgent alert (${count})`;
}

export function urgentBody(
  name: string,
  company: string,
  alerts: { customerCode: string; customerName: string; reason: string }[],
  lang: Lang,
): string {
  const it = lang === 'it';
  return [
    it ? `Buongiorno ${name},` : `Hello ${name},`,
    '',
    it ? 'Da sapere subito:' : 'To know at once:',
    ...alerts.map((a) => `- ${a.customerCode} ${a.customerName}: ${a.reason}`),
    '',
    it ? `Ufficio crediti – ${company}` : `Credit office – ${company}`,
  ].join('\n');
}

export const SHEET_HEADERS: Record<
  Lang,
  { customers: string[]; alerts: string[]; customersSheet: string; alertsSheet: string }
> = {
  it: {
    customersSheet: 'Clienti',
    alertsSheet: 'Avvisi',
    customers: ['Codice', 'Cliente', 'Scaduto (€)', 'Fase', 'Prossima azione', 'Richiesto'],
    alerts: ['Codice', 'Cliente', 'Avviso', 'Urgente'],
  },
  en: {
    customersSheet: 'Customers',
    alertsSheet: 'Alerts',
    customers: ['Code', 'Customer', 'Overdue (€)', 'Step', 'Next action', 'Asked'],
    alerts: ['Code', 'Customer', 'Alert', 'Urgent'],
  },
};
