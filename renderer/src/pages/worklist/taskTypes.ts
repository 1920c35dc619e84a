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
import {
  OUTCOMES_BY_TASK_TYPE,
  TASK_TYPES,
  type TaskOutcome,
  type TaskType,
} from '../../../../shared/domain/vocabulary.ts';

export type { TaskType };
export type Outcome = TaskOutcome;
export { TASK_TYPES };

/** What a task of each type can end with: sent for mail, a call's result, done for the rest. */
export const OUTCOMES = OUTCOMES_BY_TASK_TYPE;

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
