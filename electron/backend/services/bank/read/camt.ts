/**
 * ISO 20022 cash-management statements: camt.053 (statement, versions 001.02 to 001.08 and
 * later), camt.054 (debit/credit notification) and the CBI XML daily statement, whose
 * `CBIDlyStmtReqLogMsg` carries camt.053.001.02 statements in CBI's envelope.
 *
 * Version differences handled: the entry status is text up to 001.06 and `Sts/Cd` from 001.07;
 * related parties are `Dbtr/Nm` up to 001.07 and `Dbtr/Pty/Nm` from 001.08; the transaction amount
 * is `AmtDtls/TxAmt/Amt` in 001.02 and also `TxDtls/Amt` from 001.03; charges are a list in
 * 001.02 and `TtlChrgsAndTaxAmt`/`Rcrd` from 001.03; dates are `Dt` or `DtTm` everywhere.
 */

import {
  type BankEntryRead,
  type BankFormat,
  type BankReadIssue,
  type BankStatementRead,
  decimalToCents,
} from './types.ts';
import { at, attr, findDeep, list, text, textAt, texts, type XmlNode, type XmlValue } from './xml.ts';

/** ISO bank transaction sub-families that mean "a payment came back" (returns, unpaid direct debits, reversals). */
const RETURN_SUBFAMILIES = new Set(['RRTN', 'UPDD', 'RPCR', 'ARET', 'RDDT', 'PRDD', 'CHRR']);
/** Words Italian banks use for a returned bill in the entry's text. */
export const RETURN_WORDS =
  /\b(INSOLUT[OIAE]|RICHIAMAT[OIAE]|RIBA\s+RESA|RESO\s+EFFETT|EFFETT[OI]\s+RES[OI]|RESPINT[OIAE]|STORNO\s+(?:SDD|RID|ADDEBITO)|SDD\s+(?:RESPINTO|STORNATO|RIFIUTATO)|UNPAID|RETURNED)\b/i;

interface Ctx {
  file: string;
  issues: BankReadIssue[];
}

function dateOf(node: XmlValue | undefined): string | null {
  const d = textAt(node, 'Dt') ?? textAt(node, 'DtTm');
  return d && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : null;
}

function amountOf(ctx: Ctx, node: XmlValue | undefined, where: string, field: string): number | null {
  const raw = text(node);
  if (raw === null) return null;
  const cents = decimalToCents(raw);
  if (cents === null)
    ctx.issues.push({ file: ctx.file, entry: where, field, message: `not an amount: "${raw}"` });
  return cents;
}

function chargesOf(ctx: Ctx, node: XmlValue | undefined, where: string): number {
  let total = 0;
  for (const c of list(node)) {
    const sum = at(c, 'TtlChrgsAndTaxAmt');
    if (sum !== undefined) {
      total += amountOf(ctx, sum, where, 'Chrgs/TtlChrgsAndTaxAmt') ?? 0;
      continue;
    }
    const records = list(at(c, 'Rcrd'));
    if (records.length > 0) {
      for (const r of records) total += amountOf(ctx, at(r, 'Amt'), where, 'Chrgs/Rcrd/Amt') ?? 0;
      continue;
    }
    total += amountOf(ctx, at(c, 'Amt'), where, 'Chrgs/Amt') ?? 0;
  }
  return total;
}

function partyName(node: XmlValue | undefined): string | null {
  return textAt(node, 'Nm') ?? textAt(node, 'Pty', 'Nm') ?? null;
}

function accountId(node: XmlValue | undefined): string | null {
  return textAt(node, 'Id', 'IBAN') ?? textAt(node, 'Id', 'Othr', 'Id') ?? null;
}

function bankCodeOf(node: XmlValue | undefined): string | null {
  const domain = textAt(node, 'Domn', 'Cd');
  const family = textAt(node, 'Domn', 'Fmly', 'Cd');
  const sub = textAt(node, 'Domn', 'Fmly', 'SubFmlyCd');
  if (domain) return [domain, family, sub].filter(Boolean).join('/');
  return textAt(node, 'Prtry', 'Cd');
}

function statusOf(ntry: XmlValue): string | null {
  const sts = at(ntry, 'Sts');
  return text(sts) ?? textAt(sts, 'Cd') ?? textAt(sts, 'Prtry');
}

interface TxInfo {
  amountCents: number | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  creditorName: string | null;
  creditorIban: string | null;
  texts: string[];
  references: string[];
  endToEndId: string | null;
  bankReference: string | null;
  bankCode: string | null;
  chargesCents: number;
  returnReason: string | null;
}

function txInfo(ctx: Ctx, tx: XmlValue, where: string): TxInfo {
  const parties = at(tx, 'RltdPties');
  const rmt = at(tx, 'RmtInf');
  const strd = list(at(rmt, 'Strd'));
  const references: string[] = [];
  const lines: string[] = [...texts(at(rmt, 'Ustrd'))];
  for (const s of strd) {
    for (const cri of list(at(s, 'CdtrRefInf'))) {
      const ref = textAt(cri, 'Ref');
      if (ref) references.push(ref);
    }
    for (const doc of list(at(s, 'RfrdDocInf'))) {
      const nb = textAt(doc, 'Nb');
      if (nb) lines.push(nb);
    }
    lines.push(...texts(at(s, 'AddtlRmtInf')));
  }
  lines.push(...texts(at(tx, 'AddtlTxInf')));
  const amt = at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt');
  const rtr = at(tx, 'RtrInf');
  const returnReason = rtr
    ? (textAt(rtr, 'Rsn', 'Cd') ?? textAt(rtr, 'Rsn', 'Prtry') ?? texts(at(rtr, 'AddtlInf')).join(' ')) ||
      'returned'
    : null;
  return {
    amountCents: amt === undefined ? null : amountOf(ctx, amt, where, 'TxDtls/Amt'),
    counterpartyName: partyName(at(parties, 'Dbtr')) ?? partyName(at(parties, 'UltmtDbtr')),
    counterpartyIban: accountId(at(parties, 'DbtrAcct')),
    creditorName: partyName(at(parties, 'Cdtr')),
    creditorIban: accountId(at(parties, 'CdtrAcct')),
    texts: lines,
    references,
    endToEndId: textAt(tx, 'Refs', 'EndToEndId'),
    bankReference: textAt(tx, 'Refs', 'AcctSvcrRef'),
    bankCode: bankCodeOf(at(tx, 'BkTxCd')),
    chargesCents: chargesOf(ctx, at(tx, 'Chrgs'), where),
    returnReason,
  };
}

function entriesOf(ctx: Ctx, ntry: XmlValue, n: number): BankEntryRead[] {
  const where = `Ntry ${n}`;
  const status = statusOf(ntry);
  // Pending and information-only entries are not on the account yet.
  if (status !== null && status !== 'BOOK') return [];
  const amount = amountOf(ctx, at(ntry, 'Amt'), where, 'Amt');
  if (amount === null && text(at(ntry, 'Amt')) === null)
    ctx.issues.push({ file: ctx.file, entry: where, field: 'Amt', message: 'the amount is missing' });
  const indicator = textAt(ntry, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT')
    ctx.issues.push({
      file: ctx.file,
      entry: where,
      field: 'CdtDbtInd',
      message: `must be CRDT or DBIT, got ${indicator === null ? 'nothing' : `"${indicator}"`}`,
    });
  const bookingDate = dateOf(at(ntry, 'BookgDt'));
  if (bookingDate === null)
    ctx.issues.push({
      file: ctx.file,
      entry: where,
      field: 'BookgDt',
      message: 'the booking date is missing',
    });
  const valueDate = dateOf(at(ntry, 'ValDt'));
  if (amount === null || bookingDate === null || (indicator !== 'CRDT' && indicator !== 'DBIT')) return [];
  const direction = indicator === 'CRDT' ? 'credit' : 'debit';
  const reversal = textAt(ntry, 'RvslInd') === 'true';
  const entryCode = bankCodeOf(at(ntry, 'BkTxCd'));
  const entryCharges = chargesOf(ctx, at(ntry, 'Chrgs'), where);
  const entryTexts = texts(at(ntry, 'AddtlNtryInf'));
  const txs = list(at(ntry, 'NtryDtls')).flatMap((d) => list(at(d, 'TxDtls')));
  const infos = txs.map((tx, i) => txInfo(ctx, tx, txs.length > 1 ? `${where} › TxDtls ${i + 1}` : where));
  const split =
    infos.length > 1 &&
    infos.every((i) => i.amountCents !== null) &&
    infos.reduce((s, i) => s + (i.amountCents ?? 0), 0) === amount;
  const make = (info: TxInfo | null, position: string, cents: number, all: TxInfo[]): BankEntryRead => {
    const code = info?.bankCode ?? entryCode;
    const sub = code?.split('/')[2] ?? '';
    const lines = [...(info ? info.texts : all.flatMap((i) => i.texts)), ...entryTexts];
    const returnReason = info?.returnReason ?? all.find((i) => i.returnReason)?.returnReason ?? null;
    const isReturn =
      direction === 'debit' &&
      (reversal ||
        returnReason !== null ||
        RETURN_SUBFAMILIES.has(sub) ||
        lines.some((l) => RETURN_WORDS.test(l)));
    const pick = <K extends keyof TxInfo>(k: K): TxInfo[K] | null =>
      info ? info[k] : (all.find((i) => i[k] !== null && i[k] !== undefined)?.[k] ?? null);
    // A credit's counterparty is its debtor; a supplier payment's, its creditor; a returned
    // collection's, the debtor who did not pay.
    const useDebtor = direction === 'credit' || isReturn;
    return {
      position,
      bookingDate,
      valueDate,
      amountCents: cents,
      direction,
      isReturn,
      counterpartyName: useDebtor
        ? (pick('counterpartyName') ?? null)
        : (pick('creditorName') ?? pick('counterpartyName') ?? null),
      counterpartyIban: useDebtor
        ? (pick('counterpartyIban') ?? null)
        : (pick('creditorIban') ?? pick('counterpartyIban') ?? null),
      texts: lines,
      references: info ? info.references : all.flatMap((i) => i.references),
      endToEndId: pick('endToEndId') ?? null,
      bankReference: pick('bankReference') ?? textAt(ntry, 'AcctSvcrRef') ?? textAt(ntry, 'NtryRef'),
      bankCode: code,
      chargesCents: info ? info.chargesCents + (split ? 0 : entryCharges) : entryCharges,
      returnReason: isReturn ? (returnReason ?? (reversal ? 'reversal' : 'returned')) : null,
    };
  };
  if (split)
    return infos.map((info, i) => make(info, `${where} › TxDtls ${i + 1}`, info.amountCents ?? 0, infos));
  if (infos.length === 1) return [make(infos[0] as TxInfo, where, amount, infos)];
  return [make(null, where, amount, infos)];
}

function balance(
  ctx: Ctx,
  bals: XmlValue[],
  codes: string[],
  where: string,
): { cents: number; date: string | null } | null {
  for (const code of codes) {
    const b = bals.find(
      (x) => (textAt(x, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(x, 'Tp', 'CdOrPrtry', 'Prtry')) === code,
    );
    if (!b) continue;
    const cents = amountOf(ctx, at(b, 'Amt'), where, `Bal ${code}/Amt`);
    if (cents === null) return null;
    const sign = textAt(b, 'CdtDbtInd') === 'DBIT' ? -1 : 1;
    return { cents: sign * cents, date: dateOf(at(b, 'Dt')) };
  }
  return null;
}

function statementOf(
  ctx: Ctx,
  stmt: XmlValue,
  n: number,
  format: BankFormat,
  version: string,
  fallbackDate: string | null,
): BankStatementRead {
  const where = `${format === 'camt.054' ? 'Ntfctn' : 'Stmt'} ${n}`;
  const acct = at(stmt, 'Acct');
  const account = accountId(acct);
  if (!account)
    ctx.issues.push({
      file: ctx.file,
      entry: where,
      field: 'Acct/Id',
      message: 'the account IBAN is missing',
    });
  const currency = textAt(acct, 'Ccy') ?? attr(at(stmt, 'Ntry', 'Amt'), 'Ccy') ?? 'EUR';
  const entries = list(at(stmt, 'Ntry')).flatMap((e, i) => entriesOf(ctx, e, i + 1));
  const bals = list(at(stmt, 'Bal'));
  const opening = balance(ctx, bals, ['OPBD', 'PRCD'], where);
  const closing = balance(ctx, bals, ['CLBD'], where);
  const dates = entries.map((e) => e.bookingDate).sort();
  const from =
    textAt(stmt, 'FrToDt', 'FrDtTm')?.slice(0, 10) ??
    dates[0] ??
    opening?.date ??
    closing?.date ??
    fallbackDate;
  const to =
    textAt(stmt, 'FrToDt', 'ToDtTm')?.slice(0, 10) ??
    dates.at(-1) ??
    closing?.date ??
    opening?.date ??
    fallbackDate;
  if (!from || !to)
    ctx.issues.push({
      file: ctx.file,
      entry: where,
      field: 'FrToDt',
      message: 'no dates: the statement is empty',
    });
  return {
    format,
    version,
    account: account ?? '',
    currency,
    from: from ?? '',
    to: to ?? '',
    openingCents: opening?.cents ?? null,
    closingCents: closing?.cents ?? null,
    entries,
  };
}

/** The camt message kind and version from the Document's namespace (urn:iso:std:iso:20022:tech:xsd:camt.053.001.08). */
function camtVersion(raw: string): string | null {
  return /urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3}\.\d{3}\.\d{2})/.exec(raw.slice(0, 4000))?.[1] ?? null;
}

/** null when the XML is not a statement this reader knows. */
export function readCamtXml(
  file: string,
  doc: XmlNode,
  raw: string,
): { statements: BankStatementRead[]; issues: BankReadIssue[] } | null {
  const ctx: Ctx = { file, issues: [] };
  const document = doc.Document;
  const stmtRoot = at(document, 'BkToCstmrStmt');
  const ntfRoot = at(document, 'BkToCstmrDbtCdtNtfctn');
  if (stmtRoot !== undefined || ntfRoot !== undefined) {
    const format: BankFormat = stmtRoot !== undefined ? 'camt.053' : 'camt.054';
    const root = stmtRoot ?? ntfRoot;
    const version = camtVersion(raw) ?? format;
    const created = textAt(root, 'GrpHdr', 'CreDtTm')?.slice(0, 10) ?? null;
    const items = list(at(root, format === 'camt.053' ? 'Stmt' : 'Ntfctn'));
    const statements = items.map((s, i) => statementOf(ctx, s, i + 1, format, version, created));
    return { statements, issues: ctx.issues };
  }
  const cbi = findDeep(doc, 'CBIDlyStmtReqLogMsg');
  if (cbi !== undefined) {
    const messages = list(cbi);
    const statements: BankStatementRead[] = [];
    let n = 0;
    for (const m of messages) {
      const created = textAt(m, 'GrpHdr', 'CreDtTm')?.slice(0, 10) ?? null;
      for (const s of list(at(m, 'Stmt'))) {
        n++;
        statements.push(statementOf(ctx, s, n, 'cbi-xml', 'CBI DlyStmt (camt.053.001.02)', created));
      }
    }
    return { statements, issues: ctx.issues };
  }
  return null;
}
