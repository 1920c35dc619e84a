/** Bank entries as the contract shows them: customer, evidence and what the credit paid or would pay. */
import type { Ledger } from '../../../../db/open.ts';
import {
  activeMatchesOf,
  type BankEntryRow,
  getEntry,
  itemsByIds,
  listEntries,
} from '../../../../db/queries/bank.ts';
import { customerById } from '../../../../db/queries/profile.ts';
import type { BankEntryView } from '../../../../shared/api/contracts/bank.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { mapInOrder } from '../../../../shared/in-order.ts';

interface Suggestion {
  allocations: { itemId: number; amountCents: number }[];
  creditCents: number;
}

function parseSuggestion(raw: string | null): Suggestion {
  if (!raw) return { allocations: [], creditCents: 0 };
  const s = JSON.parse(raw) as Partial<Suggestion>;
  return { allocations: s.allocations ?? [], creditCents: s.creditCents ?? 0 };
}

export async function entryView(
  db: Ledger,
  e: BankEntryRow,
  customer: { code: string | null; name: string | null } | null = null,
): Promise<BankEntryView> {
  const c = customer ?? (e.customerId !== null ? await customerById(db, e.customerId) : null);
  // Matched and returned entries show what was done (active matches); the others their suggestion.
  let allocations: { itemId: number; amountCents: number }[];
  let creditCents: number;
  if (e.status === 'matched' || e.status === 'returned') {
    const matches = await activeMatchesOf(db, e.id);
    allocations = matches
      .filter((m) => m.itemId !== null)
      .map((m) => ({ itemId: m.itemId as number, amountCents: m.amountCents }));
    creditCents = matches.filter((m) => m.kind === 'credit').reduce((s, m) => s + m.amountCents, 0);
  } else {
    ({ allocations, creditCents } = parseSuggestion(e.suggestion));
  }
  const items = new Map(
    (
      await itemsByIds(
        db,
        allocations.map((a) => a.itemId),
      )
    ).map((i) => [i.id, i]),
  );
  return {
    id: e.id,
    statementId: e.statementId,
    account: e.account,
    bookingDate: e.bookingDate,
    valueDate: e.valueDate,
    amountCents: e.amountCents,
    direction: e.direction,
    isReturn: e.isReturn,
    status: e.status,
    counterpartyName: e.counterpartyName,
    counterpartyIban: e.counterpartyIban,
    remittance: e.remittance,
    reference: e.reference,
    endToEndId: e.endToEndId,
    chargesCents: e.chargesCents,
    customerCode: c?.code ?? null,
    customerName: c?.name ?? null,
    reason: e.reason,
    evidence: JSON.parse(e.evidence) as string[],
    allocations: allocations.map((a) => ({
      itemId: a.itemId,
      documentNumber: items.get(a.itemId)?.documentNumber ?? '',
      dueDate: items.get(a.itemId)?.dueDate ?? e.bookingDate,
      amountCents: a.amountCents,
    })),
    creditCents,
  };
}

export async function loadEntry(db: Ledger, id: number): Promise<BankEntryRow> {
  const e = await getEntry(db, id);
  if (!e) throw new AppError('NOT_FOUND', `No bank entry ${id}.`);
  return e;
}

export async function listEntryViews(
  db: Ledger,
  filter: Parameters<typeof listEntries>[1],
): Promise<BankEntryView[]> {
  return await mapInOrder(
    await listEntries(db, filter),
    async (r) =>
      await entryView(
        db,
        r.entry,
        r.customerCode === null ? null : { code: r.customerCode, name: r.customerName },
      ),
  );
}
