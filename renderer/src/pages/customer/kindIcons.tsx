import {
  IconArrowBackUp,
  IconCalendarDollar,
  IconCalendarRepeat,
  IconCash,
  IconChecklist,
  IconFolder,
  IconMessageReport,
  IconPaperclip,
  IconPhone,
  IconReceiptRefund,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { semantic } from '../../theme.ts';
import type { TimelineKind } from './types.ts';

type Icon = ComponentType<{ size?: number; stroke?: number }>;

export const KIND_ICON: Record<TimelineKind, Icon> = {
  payment: IconCash,
  credit: IconReceiptRefund,
  reversal: IconArrowBackUp,
  contact: IconPhone,
  task: IconChecklist,
  promise: IconCalendarDollar,
  plan: IconCalendarRepeat,
  dispute: IconMessageReport,
  case: IconFolder,
  document: IconPaperclip,
};

/** Colour by meaning: money in green, a returned payment red, disputes violet, the rest neutral. */
export const KIND_COLOR: Record<TimelineKind, string> = {
  payment: semantic.ok,
  credit: semantic.ok,
  reversal: semantic.overdue,
  contact: semantic.accent,
  task: 'gray',
  promise: semantic.accent,
  plan: semantic.accent,
  dispute: semantic.paused,
  case: 'gray',
  document: 'gray',
};
