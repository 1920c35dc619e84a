import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { semantic } from '../../theme.ts';

/** What a status means, as a colour: kept/paid/completed green, broken/missed red, waiting neutral, paused/disputed violet. */
const COLOR: Record<string, string> = {
  open: 'gray',
  due: 'gray',
  active: semantic.accent,
  kept: semantic.ok,
  paid: semantic.ok,
  completed: semantic.ok,
  resolved: semantic.ok,
  broken: semantic.overdue,
  missed: semantic.overdue,
  rejected: 'gray',
  cancelled: 'gray',
  in_favour: semantic.paused,
  partial: semantic.paused,
};

export type StatusScope = 'promise' | 'plan' | 'installment' | 'dispute';

/** A promise, plan, installment or dispute status as a small badge in the user's language. */
export function StatusBadge({ scope, status }: { scope: StatusScope; status: string }) {
  const { t } = useTranslation();
  const known = t(`customer.status.${scope}`, { returnObjects: true }) as Record<string, string>;
  return (
    <Badge size="sm" color={COLOR[status] ?? 'gray'} variant="light">
      {known[status] ?? status}
    </Badge>
  );
}
