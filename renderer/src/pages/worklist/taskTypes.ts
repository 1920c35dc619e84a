/**
 * Task types and outcomes as the UI shows them: one icon per type, and the outcomes a task of
 * each type can be completed with (the backend checks the same table).
 */
import {
  IconBriefcase,
  IconCertificate,
  IconClipboardCheck,
  IconGavel,
  IconHomeQuestion,
  IconLock,
  IconMail,
  IconMailbox,
  IconPhone,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { MethodInput, WorklistTask } from '../../../../shared/api/contract.ts';

export type TaskType = WorklistTask['type'];
export type Outcome = MethodInput<'tasks.complete'>['outcome'];

export const TASK_TYPES: readonly TaskType[] = [
  'email',
  'letter',
  'pec',
  'phone',
  'review',
  'blockOrders',
  'legal',
  'agency',
  'address',
];

/** What a task of each type can end with: sent for mail, a call's result, done for the rest. */
export const OUTCOMES: Record<TaskType, readonly Outcome[]> = {
  email: ['sent'],
  letter: ['sent'],
  pec: ['sent'],
  phone: ['reached', 'not_reached', 'promise', 'dispute', 'callback'],
  review: ['done'],
  blockOrders: ['done'],
  legal: ['done'],
  agency: ['done'],
  address: ['done'],
};

export const TYPE_ICON: Record<TaskType, ComponentType<{ size?: number; stroke?: number }>> = {
  email: IconMail,
  letter: IconMailbox,
  pec: IconCertificate,
  phone: IconPhone,
  review: IconClipboardCheck,
  blockOrders: IconLock,
  legal: IconGavel,
  agency: IconBriefcase,
  address: IconHomeQuestion,
};

export function isTaskType(value: string): value is TaskType {
  return (TASK_TYPES as readonly string[]).includes(value);
}
