/**
 * The ledger's vocabulary: the closed lists that every layer speaks — the languages, the users'
 * roles, the task types and the statuses of cases, tasks, items, promises, plans and disputes,
 * the channels a contact or a letter travels by. Each is a `const` tuple with its type; the
 * contract's zod enums (`z.enum(TASK_TYPES)`), the schema's enum columns (db/schema.ts), the
 * services and the renderer (its lists, icons and i18n labels) all derive from these, so adding a
 * value is one edit here and TypeScript names every place that must handle it.
 * `test/unit/vocabulary.test.ts` fails if a layer keeps a list of its own that diverges.
 */

/** The languages of the app, of a customer's letters and of a user's notifications. */
export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Who signs in (shared/api/roles.ts: what each may call). */
export const USER_ROLES = ['clerk', 'accountant', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * What a dunning task asks for. `review`: a manager decides; `blockOrders`: orders stop;
 * `legal`/`agency`: hand the case over; `address`: a letter is due but the customer has no
 * postal address (shared/domain/dunning/channel.ts).
 */
export const TASK_TYPES = [
  'email',
  'letter',
  'pec',
  'phone',
  'review',
  'blockOrders',
  'legal',
  'agency',
  'address',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** `on_hold`: the case is paused (promise, plan, dispute) and the task waits for it. */
export const TASK_STATUSES = ['open', 'on_hold', 'done', 'skipped', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What completing a task can record. */
export const TASK_OUTCOMES = [
  'sent',
  'reached',
  'not_reached',
  'promise',
  'dispute',
  'callback',
  'done',
] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** What a task of each type can end with: sent for mail, a call's result, done for the rest. */
export const OUTCOMES_BY_TASK_TYPE: { readonly [T in TaskType]: readonly TaskOutcome[] } = {
  email: ['sent'],
  letter: ['sent'],
  pec: ['sent'],
  phone: ['reached', 'not_reached', 'promise', 'dispute', 'callback'],
  review: ['done'],
  blockOrders: ['done'],
  legal: ['done'],
  agency: ['done'],
  // The collector completed the postal address: the letter it was waiting for is created.
  address: ['done'],
};

export const CASE_STATUSES = ['open', 'paused', 'legal', 'agency', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** How a closed case ended. */
export const CASE_OUTCOMES = ['paid', 'settled', 'written_off', 'no_reminders'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
/** Why a case is paused. */
export const PAUSE_REASONS = ['promise', 'plan', 'dispute'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** An open item (invoice or credit note) of the ledger. */
export const ITEM_STATUSES = ['open', 'closed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const DOCUMENT_TYPES = ['invoice', 'credit_note'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** A repayment plan, and each of its instalments. */
export const PLAN_STATUSES = ['active', 'completed', 'broken', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const INSTALMENT_STATUSES = ['due', 'paid', 'missed'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

export const DISPUTE_STATUSES = ['open', 'resolved', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** The channels of the customer's timeline: what a user logs, and letters and PECs sent. */
export const CONTACT_CHANNELS = ['phone', 'email', 'visit', 'note', 'letter', 'pec'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
/** The channels a user logs a contact by (letters and PECs are logged when sent). */
export const LOGGED_CONTACT_CHANNELS = [
  'phone',
  'email',
  'visit',
  'note',
] as const satisfies readonly ContactChannel[];
export type LoggedContactChannel = (typeof LOGGED_CONTACT_CHANNELS)[number];
export const CONTACT_DIRECTIONS = ['in', 'out'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

/** How a letter travels: printed and posted, e-mail, or PEC. */
export const LETTER_CHANNELS = ['letter', 'email', 'pec'] as const satisfies readonly TaskType[];
export type LetterChannel = (typeof LETTER_CHANNELS)[number];
export const LETTER_STATUSES = ['generated', 'sent', 'superseded'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/** The channel of a dunning policy's step (its tasks are of the same type). */
export const STEP_CHANNELS = [
  'email',
  'letter',
  'pec',
  'phone',
  'review',
] as const satisfies readonly TaskType[];
export type StepChannel = (typeof STEP_CHANNELS)[number];
