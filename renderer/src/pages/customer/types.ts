/** Types of the customer profile, derived from the contract (shared/api/contracts/customers.ts). */
import type { MethodInput } from '../../../../shared/api/contract.ts';
import {
  customersContract,
  type Profile,
  timelineEntrySchema,
} from '../../../../shared/api/contracts/customers.ts';
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
/** The lists the profile offers, in the contract's order (its zod enums are the one source). */
export const OUTCOMES: readonly ContactOutcome[] =
  customersContract['contacts.add'].input.shape.outcome.unwrap().options;
export const DISPUTE_REASONS: readonly DisputeReason[] =
  customersContract['disputes.add'].input.shape.reason.options;
export const TIMELINE_KINDS: readonly TimelineKind[] = timelineEntrySchema.shape.kind.options;

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

/** The open invoices of a profile and, among them, the ids of those already disputed. */
export function receivablesOf(items: readonly ProfileItem[]): {
  receivables: ProfileItem[];
  disputed: Set<number>;
} {
  const receivables = items.filter(isReceivable);
  return { receivables, disputed: new Set(receivables.filter((i) => i.disputed).map((i) => i.id)) };
}

/** A dialog that acts on invoices of the profile (a dispute, a plan), opened with the selection. */
export interface ItemsDialogProps {
  opened: boolean;
  onClose: () => void;
  code: string;
  items: ProfileItem[];
  preselected: ReadonlySet<number>;
  onDone: () => void;
}
