/**
 * Matching a bank credit to open items: pure functions of the credit and an index of the ledger.
 *
 * Evidence, strongest first: the RF creditor reference our letters print (it names the customer),
 * invoice numbers in the remittance text, the debtor's IBAN learned from earlier credits, the
 * debtor's name against customers' names, and last the amount against one item or a run of the
 * customer's open items, oldest first.
 *
 * - `matched`: applied at once (payments dated on the booking date).
 * - `suggested`: a likely customer and allocation a clerk confirms.
 * - `unmatched`: nothing points anywhere.
 *
 * An invoice number two customers share goes to the one the reference, IBAN or name points to;
 * when nothing decides between them the credit is only a suggestion, never the first one found.
 */
import { creditorReferenceBody, findCreditorReferences, referenceBody } from './creditor-reference.ts';

export interface MatchCustomer {
  id: number;
  code: string;
  name: string;
  /** IBANs learned from matched credits (compact, upper case). */
  ibans: readonly string[];
}

export interface MatchItem {
  id: number;
  customerId: number;
  documentNumber: string;
  dueDate: string;
  documentDate: string;
  residualCents: number;
}

export interface CreditToMatch {
  amountCents: number;
  debtorName: string | null;
  debtorIban: string | null;
  /** Unstructured remittance lines (Ustrd, CBI 63 records, additional information). */
  texts: readonly string[];
  /** Structured references (Strd/CdtrRefInf/Ref, end-to-end id…). */
  references: readonly string[];
}

export interface Allocation {
  itemId: number;
  amountCents: number;
}

export type Evidence = 'reference' | 'invoice' | 'iban' | 'name' | 'amount';

export interface MatchResult {
  status: 'matched' | 'suggested' | 'unmatched';
  customerId: number | null;
  allocations: Allocation[];
  /** What is left over after the allocations: kept as a credit on the customer's account. */
  creditCents: number;
  evidence: Evidence[];
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const DOC_PREFIX = /^(?:FATTURA|FATT|FAT|FT|FA|INVOICE|INV|DOC|NR|NUM|NO|N)(?=\d)/;

/** A document number's comparable key: upper case, no spaces or punctuation but '/', no leading zeros, no "FT"/"NR" prefix. */
export function documentKey(documentNumber: string): string {
  let s = documentNumber.toUpperCase().replace(/[\s.\-_#°:]/g, '');
  s = s.replace(DOC_PREFIX, '');
  return s.replace(/(^|\/)0+(?=\d)/g, '$1');
}

const PREFIX_WORDS = new Set([
  'FATTURA',
  'FATTURE',
  'FATT',
  'FAT',
  'FT',
  'FA',
  'INVOICE',
  'INVOICES',
  'INV',
  'DOC',
  'NR',
  'NUM',
  'NO',
  'N',
  'RIF',
  'SALDO',
  'ACCONTO',
]);

/** Keys of the words of a remittance text that could be document numbers. */
export function documentKeysInText(text: string): Set<string> {
  const keys = new Set<string>();
  const words = text
    .toUpperCase()
    .split(/[\s;:()"'+,]+/)
    .map((w) => w.replace(/^[.\-_#°]+|[.\-_#°]+$/g, ''))
    .filter((w) => w.length > 0);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (PREFIX_WORDS.has(w)) continue;
    if (!/\d/.test(w)) continue;
    const k = documentKey(w);
    if (k.length >= 3 || /[A-Z/]/.test(k)) keys.add(k);
    // "FT 12 2026" is rare; "12/2026" and "FT12" are covered above.
  }
  return keys;
}

const LEGAL_FORMS = new Set([
  'SRL',
  'SRLS',
  'SPA',
  'SAS',
  'SNC',
  'SAPA',
  'SCARL',
  'SCRL',
  'SCPA',
  'COOP',
  'SOC',
  'SOCIETA',
  'DI',
  'E',
  'DEI',
  'DEL',
  'DELLA',
  'LTD',
  'GMBH',
  'AG',
  'SA',
  'SL',
  'BV',
  'INC',
  'THE',
  '&',
]);

/** A name's comparable tokens: upper case, accents and legal forms removed ("Rossi S.r.l." → ["ROSSI"]). */
export function nameTokens(name: string): string[] {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    // "S.R.L." and "S.p.A." become one word before splitting.
    .replace(/\b([A-Z])\.(?=[A-Z]\.?)/g, '$1')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  return plain.split(' ').filter((t) => t.length > 0 && !LEGAL_FORMS.has(t));
}

export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}

/** 0–1: how much two names agree (shared tokens over the longer token list). */
export function nameSimilarity(a: string, b: string): number {
  const ta = new Set(nameTokens(a));
  const tb = new Set(nameTokens(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.max(ta.size, tb.size);
}

export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// The index: built once per import, then every credit is looked up in O(words).

export interface MatchIndex {
  customers: Map<number, MatchCustomer>;
  /** Open invoices (residual > 0) per customer, oldest due date first. */
  itemsByCustomer: Map<number, MatchItem[]>;
  itemsByKey: Map<string, MatchItem[]>;
  customersByIban: Map<string, number[]>;
  customersByReference: Map<string, number[]>;
  customersByName: Map<string, number[]>;
  /** Name tokens -> customers, for the similarity search. */
  customersByToken: Map<string, number[]>;
}

/** Appends to the list under `k` (callers never add the same value twice under one key). */
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function byDueThenDocument(a: MatchItem, b: MatchItem): number {
  return (
    a.dueDate.localeCompare(b.dueDate) ||
    a.documentDate.localeCompare(b.documentDate) ||
    a.documentNumber.localeCompare(b.documentNumber) ||
    a.id - b.id
  );
}

export function buildMatchIndex(
  customers: readonly MatchCustomer[],
  items: readonly MatchItem[],
): MatchIndex {
  const index: MatchIndex = {
    customers: new Map(),
    itemsByCustomer: new Map(),
    itemsByKey: new Map(),
    customersByIban: new Map(),
    customersByReference: new Map(),
    customersByName: new Map(),
    customersByToken: new Map(),
  };
  for (const c of customers) {
    index.customers.set(c.id, c);
    for (const iban of new Set(c.ibans.map(compactIban))) push(index.customersByIban, iban, c.id);
    const body = referenceBody(c.code);
    if (body) push(index.customersByReference, body, c.id);
    const tokens = nameTokens(c.name);
    const key = tokens.join(' ');
    if (key) push(index.customersByName, key, c.id);
    for (const t of new Set(tokens)) if (t.length >= 3) push(index.customersByToken, t, c.id);
  }
  for (const item of items) {
    if (item.residualCents <= 0) continue;
    push(index.itemsByCustomer, item.customerId, item);
    push(index.itemsByKey, documentKey(item.documentNumber), item);
  }
  for (const list of index.itemsByCustomer.values()) list.sort(byDueThenDocument);
  return index;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Pays the items in the given order until the amount runs out; the rest is a credit. */
export function allocateOldestFirst(
  items: readonly MatchItem[],
  amountCents: number,
): { allocations: Allocation[]; creditCents: number } {
  const allocations: Allocation[] = [];
  let left = amountCents;
  for (const item of [...items].sort(byDueThenDocument)) {
    if (left <= 0) break;
    const pay = Math.min(left, item.residualCents);
    if (pay <= 0) continue;
    allocations.push({ itemId: item.id, amountCents: pay });
    left -= pay;
  }
  return { allocations, creditCents: left };
}

/** Items of one customer whose residuals add up to the amount: one item, else a run oldest first, else a small subset. */
export function itemsForAmount(
  items: readonly MatchItem[],
  amountCents: number,
): { items: MatchItem[]; how: 'one' | 'oldest-first' | 'subset' } | null {
  const same = items.filter((i) => i.residualCents === amountCents);
  if (same.length >= 1) return { items: [same[0] as MatchItem], how: 'one' };
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    sum += (items[i] as MatchItem).residualCents;
    if (sum === amountCents) return { items: items.slice(0, i + 1), how: 'oldest-first' };
    if (sum > amountCents) break;
  }
  // A subset of the 14 oldest (16,384 combinations at most), preferring the oldest.
  const pool = items.slice(0, 14);
  const n = pool.length;
  for (let mask = 1; mask < 1 << n; mask++) {
    let total = 0;
    for (let b = 0; b < n; b++) if (mask & (1 << b)) total += (pool[b] as MatchItem).residualCents;
    if (total === amountCents) return { items: pool.filter((_, b) => mask & (1 << b)), how: 'subset' };
  }
  return null;
}

function customersByReferences(index: MatchIndex, credit: CreditToMatch): number[] {
  const refs = new Set<string>();
  for (const r of credit.references) for (const f of findCreditorReferences(r)) refs.add(f);
  for (const t of credit.texts) for (const f of findCreditorReferences(t)) refs.add(f);
  const out = new Set<number>();
  for (const ref of refs) {
    const body = creditorReferenceBody(ref);
    if (body) for (const id of index.customersByReference.get(body) ?? []) out.add(id);
  }
  return [...out];
}

function customersByName(index: MatchIndex, name: string | null): { ids: number[]; exact: boolean } {
  if (!name) return { ids: [], exact: false };
  const tokens = nameTokens(name);
  const key = tokens.join(' ');
  if (!key) return { ids: [], exact: false };
  const exact = index.customersByName.get(key);
  if (exact?.length) return { ids: [...exact], exact: true };
  // Similar names: customers sharing a distinctive token, scored.
  const scores = new Map<number, number>();
  for (const t of new Set(tokens)) {
    const ids = index.customersByToken.get(t);
    // A token shared by many customers ("ITALIA") says nothing.
    if (!ids || ids.length > 20) continue;
    for (const id of ids) scores.set(id, 0);
  }
  const similar: number[] = [];
  for (const id of scores.keys()) {
    const c = index.customers.get(id);
    if (c && nameSimilarity(c.name, name) >= 0.6) similar.push(id);
  }
  return { ids: similar, exact: false };
}

function textOf(credit: CreditToMatch): string {
  return [...credit.texts, ...credit.references].join(' ');
}

function result(
  status: MatchResult['status'],
  customerId: number | null,
  alloc: { allocations: Allocation[]; creditCents: number },
  evidence: Evidence[],
  reason: string,
): MatchResult {
  return {
    status,
    customerId,
    allocations: alloc.allocations,
    creditCents: alloc.creditCents,
    evidence,
    reason,
  };
}

const NONE = { allocations: [] as Allocation[], creditCents: 0 };

/** Decides what a credit pays. Pure: the same credit and index always give the same answer. */
export function matchCredit(credit: CreditToMatch, index: MatchIndex): MatchResult {
  const amount = credit.amountCents;
  if (amount <= 0) return result('unmatched', null, NONE, [], 'no amount');

  const byRef = customersByReferences(index, credit);
  const iban = credit.debtorIban ? compactIban(credit.debtorIban) : null;
  const byIban = iban ? (index.customersByIban.get(iban) ?? []) : [];
  const byName = customersByName(index, credit.debtorName);

  // Who the payer's identity points to: the reference, else the IBAN, else the name.
  const pointers: { ids: number[]; evidence: Evidence }[] = [
    { ids: byRef, evidence: 'reference' },
    { ids: byIban, evidence: 'iban' },
    { ids: byName.ids, evidence: 'name' },
  ];
  const pointed = (ids: readonly number[]): { id: number; evidence: Evidence[] } | null => {
    for (const p of pointers) {
      const hits = p.ids.filter((id) => ids.includes(id));
      if (hits.length === 1) return { id: hits[0] as number, evidence: [p.evidence] };
      if (hits.length > 1) return null;
    }
    return null;
  };

  // 1–2. Invoice numbers in the text (the RF reference, when present, decides shared numbers).
  const keys = documentKeysInText(textOf(credit));
  const found: MatchItem[] = [];
  for (const k of keys) for (const item of index.itemsByKey.get(k) ?? []) found.push(item);
  if (found.length > 0) {
    const customers = [...new Set(found.map((i) => i.customerId))];
    let customerId: number | null = null;
    const evidence: Evidence[] = ['invoice'];
    if (customers.length === 1) customerId = customers[0] as number;
    else {
      const p = pointed(customers);
      if (p) {
        customerId = p.id;
        evidence.push(...p.evidence);
      }
    }
    if (customerId === null) {
      const first = found.sort(byDueThenDocument)[0] as MatchItem;
      return result(
        'suggested',
        first.customerId,
        allocateOldestFirst(
          found.filter((i) => i.customerId === first.customerId),
          amount,
        ),
        evidence,
        `invoice number shared by ${customers.length} customers: nothing in the credit tells which`,
      );
    }
    // The payer's identity contradicts the invoice's customer: a human decides.
    const strongOther = [byRef, byIban].find((ids) => ids.length > 0 && !ids.includes(customerId as number));
    const items = found.filter((i) => i.customerId === customerId);
    const alloc = allocateOldestFirst(items, amount);
    if (strongOther) {
      return result(
        'suggested',
        customerId,
        alloc,
        evidence,
        "the invoice belongs to another customer than the payer's reference or IBAN",
      );
    }
    if (byRef.includes(customerId) && !evidence.includes('reference')) evidence.push('reference');
    if (byIban.includes(customerId) && !evidence.includes('iban')) evidence.push('iban');
    if (byName.ids.includes(customerId) && !evidence.includes('name')) evidence.push('name');
    const total = items.reduce((s, i) => s + i.residualCents, 0);
    // A number alone ("101/2026" is in every ledger) from a payer nothing else ties to the
    // customer, for another amount than the invoices': a human confirms it.
    if (evidence.length === 1 && amount !== total) {
      return result(
        'suggested',
        customerId,
        alloc,
        evidence,
        'invoice number only: neither the payer nor the amount confirms it',
      );
    }
    if (evidence.length === 1) evidence.push('amount');
    const reason =
      amount === total
        ? `pays invoice${items.length > 1 ? 's' : ''} ${items.map((i) => i.documentNumber).join(', ')}`
        : amount < total
          ? 'partial payment of the invoices named'
          : 'overpayment: the rest is kept as a credit on the customer';
    return result('matched', customerId, alloc, evidence, reason);
  }

  // 3. The customer from the reference, the IBAN or the name.
  const ref = byRef.length === 1 ? (byRef[0] as number) : null;
  const ib = byIban.length === 1 ? (byIban[0] as number) : null;
  const nm = byName.ids.length === 1 ? (byName.ids[0] as number) : null;
  if (ref !== null && ib !== null && ref !== ib) {
    return result(
      'suggested',
      ref,
      allocateOldestFirst(index.itemsByCustomer.get(ref) ?? [], amount),
      ['reference'],
      'the reference and the IBAN point to different customers',
    );
  }
  const customerId = ref ?? ib ?? nm;
  if (customerId !== null) {
    const items = index.itemsByCustomer.get(customerId) ?? [];
    const evidence: Evidence[] = ref !== null ? ['reference'] : ib !== null ? ['iban'] : ['name'];
    if (ref !== null) {
      // Our own reference: the letter asked for the overdue items, oldest first.
      return result(
        'matched',
        customerId,
        allocateOldestFirst(items, amount),
        evidence,
        "our letter's creditor reference",
      );
    }
    const fit = itemsForAmount(items, amount);
    const strongIdentity = ib !== null || byName.exact;
    if (fit && fit.how !== 'subset' && strongIdentity) {
      return result(
        'matched',
        customerId,
        allocateOldestFirst(fit.items, amount),
        [...evidence, 'amount'],
        fit.how === 'one' ? 'the amount of one open item' : 'the open items oldest first',
      );
    }
    if (fit) {
      return result(
        'suggested',
        customerId,
        allocateOldestFirst(fit.items, amount),
        [...evidence, 'amount'],
        'the amount fits a set of the customer’s items',
      );
    }
    return result(
      'suggested',
      customerId,
      allocateOldestFirst(items, amount),
      evidence,
      items.length ? 'customer known, the amount fits no set of its items' : 'customer known, nothing open',
    );
  }
  if (byName.ids.length > 1 || byRef.length > 1 || byIban.length > 1) {
    const candidates = [...new Set([...byRef, ...byIban, ...byName.ids])];
    for (const id of candidates) {
      const fit = itemsForAmount(index.itemsByCustomer.get(id) ?? [], amount);
      if (fit)
        return result(
          'suggested',
          id,
          allocateOldestFirst(fit.items, amount),
          ['name', 'amount'],
          'several customers of that name: the amount fits this one',
        );
    }
  }
  return result('unmatched', null, NONE, [], 'nothing in the credit points to a customer');
}

// ---------------------------------------------------------------------------------------------
// Returns: a collection the debtor's bank sent back reopens the item it had paid.

export interface ReturnItem extends MatchItem {
  amountCents: number;
}

/**
 * The item a returned bill paid: named in the text (invoice number) or, for the customer the
 * reference/IBAN/name points to, the one paid item of exactly that amount. Null when unsure.
 */
export function matchReturn(
  ret: CreditToMatch,
  index: MatchIndex,
  paidItems: readonly ReturnItem[],
): { item: ReturnItem; evidence: Evidence[] } | null {
  const amount = ret.amountCents;
  const byKey = new Map<string, ReturnItem[]>();
  for (const i of paidItems) push(byKey, documentKey(i.documentNumber), i);
  const named: ReturnItem[] = [];
  for (const k of documentKeysInText(textOf(ret))) for (const i of byKey.get(k) ?? []) named.push(i);
  const byRef = customersByReferences(index, ret);
  const iban = ret.debtorIban ? compactIban(ret.debtorIban) : null;
  const byIban = iban ? (index.customersByIban.get(iban) ?? []) : [];
  const byName = customersByName(index, ret.debtorName).ids;
  const who = [byRef, byIban, byName].find((ids) => ids.length === 1)?.[0] ?? null;
  if (named.length > 0) {
    const narrowed = named.length > 1 && who !== null ? named.filter((i) => i.customerId === who) : named;
    const exact = narrowed.filter((i) => i.amountCents - i.residualCents >= amount);
    if (exact.length === 1) return { item: exact[0] as ReturnItem, evidence: ['invoice'] };
    return null;
  }
  if (who === null) return null;
  const candidates = paidItems.filter(
    (i) => i.customerId === who && i.amountCents === amount && i.residualCents === 0,
  );
  if (candidates.length === 1)
    return { item: candidates[0] as ReturnItem, evidence: [byRef.length ? 'reference' : 'name', 'amount'] };
  return null;
}
