/**
 * Carrying out a match on the ledger (always inside the caller's transaction): payments on the
 * items dated on the credit's BOOKING date (the value date stays on the entry), an overpayment kept
 * as a credit on the customer, the payer's IBAN learned; a returned bill reopens its item on the
 * bank's date and gives the customer's collector a task.
 */

import type { Ledger } from '../../../../db/open.ts';
import {
  activeCaseOf,
  type ItemChange,
  insertMatch,
  learnIban,
  payItem,
  reopenItem,
  setEntryOutcome,
} from '../../../../db/queries/bank.ts';
import { customersForDunning, insertCase, insertTaskFast } from '../../../../db/queries/dunning.ts';
import { listUsers } from '../../../../db/queries/users.ts';
import { type Allocation, compactIban, type Evidence } from '../../../../shared/domain/bank-matching.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { formatCents } from '../../../../shared/domain/money.ts';
import { loadPolicies } from '../dunning/policies.ts';
import { chooseAssignee } from '../dunning/run.ts';

export interface EntryForApply {
  id: number;
  bookingDate: IsoDate;
  counterpartyIban: string | null;
}

export interface Actor {
  userId: number | null;
  at: string;
  origin: 'auto' | 'confirmed';
}

export interface AppliedMatch {
  paidCents: number;
  creditCents: number;
  ibanLearned: boolean;
}

async function recordItemMatch(
  db: Ledger,
  entryId: number,
  customerId: number,
  kind: 'payment' | 'return',
  amountCents: number,
  change: ItemChange,
  actor: Actor,
): Promise<void> {
  await insertMatch(db, {
    entryId,
    customerId,
    itemId: change.itemId,
    kind,
    amountCents,
    eventId: change.eventId,
    residualBeforeCents: change.residualBeforeCents,
    statusBefore: change.statusBefore,
    closedOnBefore: change.closedOnBefore,
    origin: actor.origin,
    userId: actor.userId,
    at: actor.at,
  });
}

/** Pays the allocations, keeps the rest as a credit, learns the IBAN; the entry becomes `matched`. */
export async function applyCreditMatch(
  db: Ledger,
  entry: EntryForApply,
  customerId: number,
  allocations: readonly Allocation[],
  creditCents: number,
  actor: Actor,
  why: { reason: string; evidence: Evidence[] },
  /** The import inserts the entry with its outcome already: no second write. */
  entryRecorded = false,
  /** The open items' residuals the import holds (same transaction): spares a read per payment. */
  residualOf?: (itemId: number) => number | undefined,
): Promise<AppliedMatch> {
  let paid = 0;
  for (const a of allocations) {
    const residual = residualOf?.(a.itemId);
    const change = await payItem(
      db,
      a.itemId,
      a.amountCents,
      entry.bookingDate,
      entry.id,
      residual === undefined ? undefined : { residual, status: 'open', closedOn: null },
    );
    await recordItemMatch(db, entry.id, customerId, 'payment', a.amountCents, change, actor);
    paid += a.amountCents;
  }
  if (creditCents > 0) {
    await insertMatch(db, {
      entryId: entry.id,
      customerId,
      itemId: null,
      kind: 'credit',
      amountCents: creditCents,
      origin: actor.origin,
      userId: actor.userId,
      at: actor.at,
    });
  }
  const ibanLearned = entry.counterpartyIban
    ? await learnIban(db, customerId, compactIban(entry.counterpartyIban), entry.bookingDate, entry.id)
    : false;
  if (!entryRecorded)
    await setEntryOutcome(db, entry.id, {
      status: 'matched',
      customerId,
      suggestion: JSON.stringify({ allocations, creditCents }),
      reason: why.reason,
      evidence: JSON.stringify(why.evidence),
    });
  return { paidCents: paid, creditCents, ibanLearned };
}

/**
 * A returned bill: the item reopens by the returned amount on the booking date; the customer's
 * collector gets a call task (in the customer's open case, or a new one) naming the bank's charges.
 */
export async function applyReturn(
  db: Ledger,
  entry: EntryForApply & { amountCents: number; chargesCents: number; returnReason: string | null },
  item: {
    id: number;
    customerId: number;
    documentNumber: string;
    amountCents: number;
    residualCents: number;
  },
  actor: Actor,
  today: IsoDate,
  evidence: Evidence[],
): Promise<void> {
  const amount = Math.min(entry.amountCents, item.amountCents - item.residualCents);
  const change = await reopenItem(db, item.id, amount, entry.bookingDate, entry.id);
  await recordItemMatch(db, entry.id, item.customerId, 'return', amount, change, actor);
  const reason = `returned bill: ${item.documentNumber} reopened (${formatCents(amount)}${
    entry.chargesCents ? `, bank charges ${formatCents(entry.chargesCents)}` : ''
  }${entry.returnReason && entry.returnReason !== 'returned' ? `, reason ${entry.returnReason}` : ''})`;
  await setEntryOutcome(db, entry.id, {
    status: 'returned',
    customerId: item.customerId,
    suggestion: JSON.stringify({ allocations: [{ itemId: item.id, amountCents: amount }], creditCents: 0 }),
    reason,
    evidence: JSON.stringify(evidence),
  });
  await createReturnTask(db, item.customerId, `Insoluto ${item.documentNumber}`, today);
}

async function createReturnTask(
  db: Ledger,
  customerId: number,
  stepName: string,
  today: IsoDate,
): Promise<void> {
  const customer = customersForDunning(db).find((c) => c.id === customerId);
  if (!customer) return;
  let current = await activeCaseOf(db, customerId);
  if (!current) {
    const policies = await loadPolicies(db);
    const policy = policies.find((p) => p.default) ?? policies[0];
    current = await insertCase(db, {
      customerId,
      policyName: policy?.name ?? 'bank',
      status: 'open',
      openedOn: today,
      openedOverdueCents: 0,
      overdueCents: 0,
    });
  }
  await insertTaskFast(db, {
    caseId: current.id,
    customerId,
    stepIndex: null,
    stepName,
    type: 'phone',
    template: null,
    dueDate: today,
    createdOn: today,
    assigneeId: chooseAssignee(customer, 'phone', await listUsers(db)),
    // A returned bill is urgent: the customer thought it paid, or did not want to.
    priority: 90,
    priorityFactors: JSON.stringify([{ name: 'returnedBill', value: 1, points: 90 }]),
  });
}
