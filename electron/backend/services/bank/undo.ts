/**
 * Undoing a match: every payment it made on items is taken back (residual restored, event
 * removed), an overpayment credit is dropped, a reopened bill is closed again, the IBAN learned
 * from it is forgotten; the entry goes back to the unmatched queue. Runs inside the dispatcher's
 * transaction (the audit row says what was undone).
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  activeMatchesOf,
  type BankMatchRow,
  forgetIbansFrom,
  markMatchesUndone,
  revertItemChange,
  setEntryOutcome,
} from '../../../../db/queries/bank.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { loadEntry } from './view.ts';

export async function undoEntry(
  db: Ledger,
  entryId: number,
  userId: number | null,
  at: string,
): Promise<BankMatchRow[]> {
  const e = await loadEntry(db, entryId);
  const matches = await activeMatchesOf(db, entryId);
  if (matches.length === 0)
    throw new AppError('CONFLICT', `Bank entry ${entryId} has no match to undo (${e.status}).`);
  for (const m of matches) await revertItemChange(db, m);
  await markMatchesUndone(db, entryId, at, userId);
  await forgetIbansFrom(db, entryId);
  await setEntryOutcome(db, entryId, {
    status: 'unmatched',
    customerId: null,
    suggestion: null,
    reason: `match undone on ${at.slice(0, 10)}`,
    evidence: '[]',
  });
  return matches;
}
