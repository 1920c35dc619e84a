import { Badge, Group, Text } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import type { Profile } from './types.ts';

const CASE_COLOR: Record<string, string> = {
  open: semantic.accent,
  paused: semantic.paused,
  legal: semantic.overdue,
  agency: semantic.overdue,
};

/** The open collection case: status, policy, current step, why it is paused. */
export function CaseLine({ openCase }: { openCase: Profile['openCase'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!openCase) {
    return (
      <Text size="sm" c="dimmed" data-testid="case-line">
        {t('customer.case.none')}
      </Text>
    );
  }
  const statuses = t('customer.case.status', { returnObjects: true }) as Record<string, string>;
  const reasons = t('customer.case.paused', { returnObjects: true }) as Record<string, string>;
  return (
    <Group gap="xs" wrap="wrap" data-testid="case-line">
      <Text size="sm" fw={600}>
        {t('customer.case.title', { id: openCase.id })}
      </Text>
      {openCase.pausedReason ? (
        <Badge size="sm" color={semantic.paused} leftSection={<IconPlayerPause size={11} />}>
          {reasons[openCase.pausedReason] ?? statuses[openCase.status] ?? openCase.status}
        </Badge>
      ) : (
        <Badge size="sm" color={CASE_COLOR[openCase.status] ?? 'gray'}>
          {statuses[openCase.status] ?? openCase.status}
        </Badge>
      )}
      <Text size="sm" c="dimmed">
        {t('customer.case.policy', { policy: openCase.policy })}
      </Text>
      <Text size="sm">
        {openCase.step ? t('customer.case.step', { step: openCase.step }) : t('customer.case.noStep')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('customer.case.opened', { date: f.date(openCase.openedOn) })}
      </Text>
    </Group>
  );
}
