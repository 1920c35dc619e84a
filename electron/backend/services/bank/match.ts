/**
 * A clerk's decision on a credit: confirm the suggestion, or name the documents (and, when the
 * numbers alone do not say, the customer) it pays. A returned bill left unmatched is resolved the
 * same way: the document named is reopened. Runs inside the dispatcher's transaction.
 */
import type { Ledger } from '../../../../db/open.ts';
import { itemsByNumbers, matchOpenItems } from '../../../../db/queries/bank.ts';
import { customerByCode, customerById } from '../../../../db/queries/profile.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Allocation, allocateOldestFirst } from '../../../../shared/domain/bank-matching.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { mapInOrder } from '../../../../shared/in-order.ts';
import { type Actor, applyCreditMatch, applyReturn } from './apply.ts';
import { loadEntry } from './view.ts';

export interface ConfirmInput {
  entryId: number;
  items?: string[] | undefined;
  customerCode?: string | undefined;
}

async function customerIdOf(db: Ledger, code: string | undefined): Promise<number | undefined> {
  if (code === undefined) return undefined;
  const c = await customerByCode(db, code);
  if (!c) throw new AppError('NOT_FOUND', `No customer with code "${code}".`);
  return c.id;
}

export async function confirmEntry(
  db: Ledger,
  input: ConfirmInput,
  actor: Actor,
  today: IsoDate,
): Promise<void> {
  const e = await loadEntry(db, input.entryId);
  if (e.status === 'matched' || e.status === 'returned')
    throw new AppError(
      'CONFLICT',
      `Bank entry ${e.id} is already ${e.status}: undo it first to match it again.`,
    );
  if (e.direction === 'debit' && !e.isReturn)
    throw new AppError(
      'CONFLICT',
      `Bank entry ${e.id} is a debit: debits are listed, never matched to open items.`,
    );
  const customerId = await customerIdOf(db, input.customerCode);
  const entry = { id: e.id, bookingDate: e.bookingDate, counterpartyIban: e.counterpartyIban };

  if (e.isReturn) {
    const numbers = input.items ?? [];
    const items = (await itemsByNumbers(db, numbers, customerId)).filter(
      (i) => i.residualCents < i.amountCents,
    );
    if (numbers.length !== 1 || items.length !== 1)
      throw new AppError(
        'VALIDATION',
        `A returned bill reopens one paid document: name it with --items (and --customer when two customers share the number); ${items.length} found.`,
      );
    const item = items[0] as (typeof items)[number];
    await applyReturn(
      db,
      { ...entry, amountCents: e.amountCents, chargesCents: e.chargesCents, returnReason: e.returnReason },
      item,
      actor,
      today,
      ['invoice'],
    );
    return;
  }

  let target: number;
  let allocations: Allocation[];
  let creditCents: number;
  if (input.items?.length) {
    const wanted = [...new Set(input.items)];
    const found = (await itemsByNumbers(db, wanted, customerId)).filter(
      (i) => i.status === 'open' && i.residualCents > 0,
    );
    const missing = wanted.filter((n) => !found.some((i) => i.documentNumber === n));
    if (missing.length)
      throw new AppError(
        'VALIDATION',
        `No open invoice numbered ${missing.join(', ')}${input.customerCode ? ` for ${input.customerCode}` : ''}.`,
        {
          issues: missing.map((n) => ({ column: 'items', value: n, message: `no open invoice ${n}` })),
        },
      );
    const owners = [...new Set(found.map((i) => i.customerId))];
    if (owners.length > 1) {
      const codes = await mapInOrder(owners, async (id) => (await customerById(db, id))?.code ?? String(id));
      throw new AppError(
        'VALIDATION',
        `The documents belong to several customers (${codes.join(', ')}): name the customer with --customer.`,
      );
    }
    target = owners[0] as number;
    ({ allocations, creditCents } = allocateOldestFirst(found, e.amountCents));
  } else if (customerId !== undefined) {
    target = customerId;
    ({ allocations, creditCents } = allocateOldestFirst(await matchOpenItems(db, customerId), e.amountCents));
  } else {
    if (e.status !== 'suggested' || e.customerId === null || !e.suggestion)
      throw new AppError(
        'VALIDATION',
        `Bank entry ${e.id} has no suggestion: name the documents (--items) or the customer (--customer).`,
      );
    target = e.customerId;
    const s = JSON.parse(e.suggestion) as { allocations: Allocation[] };
    // The suggestion as it stands, re-checked against today's residuals.
    const open = new Map((await matchOpenItems(db, target)).map((i) => [i.id, i]));
    const items = s.allocations.map((a) => open.get(a.itemId)).filter((i) => i !== undefined);
    ({ allocations, creditCents } = allocateOldestFirst(items, e.amountCents));
  }
  await applyCreditMatch(db, entry, target, allocations, creditCents, actor, {
    reason: input.items?.length ? 'confirmed: the documents named' : 'confirmed suggestion',
    evidence: JSON.parse(e.evidence) as never[],
  });
}
