/**
 * Which overdue items a reminder is about (per-invoice levels). Pure: the letters list these
 * items and, when the reminder is sent, these are the items that record it (item_reminders).
 *
 * - An item whose residual is below the policy's per-item minimum is not chased: no step falls due
 *   for it and no reminder lists it.
 * - A first reminder for new invoices (a task with item ids) is about those items only.
 * - A second reminder or a formal notice is about the items already reminded: an invoice that has
 *   never been in a reminder gets its own first reminder (services/dunning/run.ts), it does not
 *   join the customer's formal notice as "primo sollecito". When no item has been reminded yet
 *   (the earlier steps were calls, or were skipped), the letter is about all of them.
 */
import type { IsoDate } from '../dates.ts';

export interface DunnedItem {
  id: number;
  dueDate: IsoDate;
  residualCents: number;
  disputed: boolean;
  /** Reminders the item already appeared in. */
  reminders: number;
}

export interface ReminderScope {
  /** The day the reminder is composed or sent: items due before it are overdue. */
  today: IsoDate;
  /** The reminder's level (1 first reminder, 2 second, 3 formal notice). */
  level: 1 | 2 | 3;
  /** The policy's per-item minimum (0: none). */
  minItemCents: number;
  /** The new invoices a first reminder is about; null: a step of the customer's case. */
  itemIds: readonly number[] | null;
}

/** The overdue, undisputed items above the per-item minimum: what dunning chases. */
export function isChased(i: Omit<DunnedItem, 'id' | 'reminders'>, today: IsoDate, minItemCents: number) {
  return i.residualCents > 0 && i.dueDate < today && !i.disputed && i.residualCents >= minItemCents;
}

/** The items a reminder lists, in the order given. */
export function reminderItems<T extends DunnedItem>(items: readonly T[], scope: ReminderScope): T[] {
  const chased = items.filter((i) => isChased(i, scope.today, scope.minItemCents));
  if (scope.itemIds) {
    const wanted = new Set(scope.itemIds);
    return chased.filter((i) => wanted.has(i.id));
  }
  if (scope.level > 1 && chased.some((i) => i.reminders > 0)) return chased.filter((i) => i.reminders > 0);
  return chased;
}

/** Parses a task's item ids (JSON array); null when the task is a step of the whole case. */
export function parseItemIds(json: string | null): number[] | null {
  if (!json) return null;
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : null;
}
