/**
 * Channel fallback: a reminder is created on a channel the customer can actually be reached on,
 * so the worklist never holds a task nobody can do. An e-mail without an address goes as a
 * letter; a PEC without a PEC address goes as a registered letter ("raccomandata A/R", which has
 * the same legal effect for a formal notice); a letter without a postal address becomes a task
 * for the collector to complete the address, after which the letter is created.
 */
import type { NewTask } from './case.ts';

export interface Reachability {
  /** An e-mail address for reminders (the dunning contact's or the customer's). */
  email: boolean;
  pec: boolean;
  /** A postal address letters can be sent to. */
  postal: boolean;
}

export type Fallback = 'email_to_letter' | 'pec_to_registered_letter' | 'missing_address';

export interface Delivery {
  task: NewTask;
  fallback: Fallback | null;
}

const REGISTERED = ' (raccomandata A/R)';

/** The task to create for a step's task, given how the customer can be reached. */
export function deliverable(task: NewTask, reach: Reachability): Delivery {
  if (task.type === 'email' && !reach.email) return asLetter(task, reach, 'email_to_letter', '');
  if (task.type === 'pec' && !reach.pec) return asLetter(task, reach, 'pec_to_registered_letter', REGISTERED);
  if (task.type === 'letter' && !reach.postal) return missingAddress(task);
  return { task, fallback: null };
}

function asLetter(task: NewTask, reach: Reachability, fallback: Fallback, suffix: string): Delivery {
  const letter: NewTask = { ...task, type: 'letter', stepName: `${task.stepName}${suffix}` };
  if (!reach.postal) return missingAddress(letter);
  return { task: letter, fallback };
}

/** The letter waits on an "address" task; its template travels with it (see services/dunning/tasks.ts). */
function missingAddress(letter: NewTask): Delivery {
  return { task: { ...letter, type: 'address' }, fallback: 'missing_address' };
}

/** Is this text a usable postal address (a street line and a town)? */
export function hasPostalAddress(parts: {
  address: string | null;
  street: string | null;
  city: string | null;
}): boolean {
  if (parts.street?.trim() && parts.city?.trim()) return true;
  // The composed block (imported as one text): at least two non-empty lines or a ZIP code.
  const block = parts.address?.trim() ?? '';
  return block.split(/\n|,/).filter((l) => l.trim()).length >= 2 || /\b\d{5}\b/.test(block);
}
