import { Group, Progress, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';

/** Exposure against the credit limit: a small bar, red past the limit, amber from 90%. */
export function CreditBar({
  exposureCents,
  limitCents,
}: {
  exposureCents: number;
  limitCents: number | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (limitCents === null || limitCents <= 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('customer.figures.noLimit')}
      </Text>
    );
  }
  const ratio = exposureCents / limitCents;
  const color = ratio > 1 ? semantic.overdue : ratio >= 0.9 ? semantic.dueSoon : semantic.accent;
  const label = t('customer.figures.limitUse', { share: f.percent(ratio), limit: f.money(limitCents) });
  return (
    <Tooltip label={label}>
      <Group gap={6} wrap="nowrap" data-testid="credit-bar">
        <Progress value={Math.min(100, ratio * 100)} color={color} size="sm" w={88} aria-label={label} />
        <Text size="xs" c={ratio > 1 ? semantic.overdue : 'dimmed'} className="num">
          {t('customer.figures.ofLimit', { limit: f.money(limitCents) })}
        </Text>
      </Group>
    </Tooltip>
  );
}
