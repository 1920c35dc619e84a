import { Button, Group, Text } from '@mantine/core';
import { IconCalendarRepeat, IconMessageReport, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';

/** What the checked items add up to, and the two things to do with them. Always shown, so nothing jumps. */
export function SelectionBar({
  count,
  cents,
  onDispute,
  onPlan,
  onClear,
}: {
  count: number;
  cents: number;
  onDispute: () => void;
  onPlan: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { canCall } = useSession();
  const none = count === 0;
  return (
    <Group justify="space-between" wrap="nowrap" className="selection-bar" data-active={!none || undefined}>
      <Text size="sm" c={none ? 'dimmed' : undefined} aria-live="polite" data-testid="selection-summary">
        {none
          ? t('customer.items.selectHint')
          : t('customer.items.selected', { count, total: f.number(count), amount: f.money(cents) })}
      </Text>
      <Group gap={6} wrap="nowrap">
        {!none ? (
          <Button variant="subtle" color="gray" size="xs" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('customer.items.clearSelection')}
          </Button>
        ) : null}
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMessageReport size={14} />}
          disabled={none || !canCall('disputes.add')}
          onClick={onDispute}
          aria-label={t('customer.items.disputeSelectedLabel')}
        >
          {t('customer.items.disputeSelected')}
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconCalendarRepeat size={14} />}
          disabled={none || !canCall('plans.add')}
          onClick={onPlan}
          aria-label={t('customer.items.planSelectedLabel')}
        >
          {t('customer.items.planSelected')}
        </Button>
      </Group>
    </Group>
  );
}
