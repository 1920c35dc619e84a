/** Types of the customer profile, derived from the contract (shared/api/contracts/customers.ts). */
import type { MethodInput } from '../../../../shared/api/contract.ts';
import type { Profile } from '../../../../shared/api/contracts/customers.ts';
import { LOGGED_CONTACT_CHANNELS } from '../../../../shared/domain/vocabulary.ts';

export type { Profile };
export type ProfileCustomer = Profile['customer'];
export type ProfileItem = Profile['items'][number];
export type TimelineEntry = Profile['timeline'][number];
export type TimelineKind = TimelineEntry['kind'];
export type ProfilePromise = Profile['promises'][number];
export type ProfilePlan = Profile['plans'][number];
export type ProfileDispute = Profile['disputes'][number];
export type ProfileAttachment = Profile['attachments'][number];

export type ContactInput = MethodInput<'contacts.add'>;
export type ContactChannel = ContactInput['channel'];
export type ContactOutcome = NonNullable<ContactInput['outcome']>;
export type DisputeReason = MethodInput<'disputes.add'>['reason'];
export type DisputeOutcome = MethodInput<'disputes.resolve'>['outcome'];
export type PlanEvery = MethodInput<'plans.add'>['every'];

export const CHANNELS: readonly ContactChannel[] = LOGGED_CONTACT_CHANNELS;
export const OUTCOMES: readonly ContactOutcome[] = [
  'reached',
  'not_reached',
  'promise',
  'dispute',
  'callback',
  'info',
];
export const DISPUTE_REASONS: readonly DisputeReason[] = [
  'quality',
  'quantity',
  'price',
  'not_received',
  'already_paid',
  'other',
];
export const TIMELINE_KINDS: readonly TimelineKind[] = [
  'payment',
  'credit',
  'reversal',
  'contact',
  'task',
  'promise',
  'plan',
  'dispute',
  'case',
  'document',
];

/** The dialogs of the profile; the actions bar opens them, one at a time. */
export type ProfileDialog = 'contact' | 'promise' | 'dispute' | 'plan' | 'block';

/** A dated amount being typed (a promise or a plan installment): the date as ISO, cents or null. */
export interface DatedAmount {
  key: number;
  date: string | null;
  cents: number | null;
}

/** Open invoices (positive residual): what can be disputed or put in a plan. */
export function isReceivable(item: ProfileItem): boolean {
  return item.documentType === 'invoice' && item.residualCents > 0;
}
