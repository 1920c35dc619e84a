import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGING_BUCKETS, type AgingBucket, ageItems } from '../../../../shared/domain/aging.ts';
import { useFormat } from '../../format.ts';
import type { ProfileItem } from './types.ts';

const COLOR: Record<AgingBucket, string> = {
  notDue: 'var(--mantine-color-teal-5)',
  d1_30: 'var(--mantine-color-red-3)',
  d31_60: 'var(--mantine-color-red-4)',
  d61_90: 'var(--mantine-color-red-6)',
  d91_180: 'var(--mantine-color-red-7)',
  d181_plus: 'var(--mantine-color-red-9)',
};

/** This customer's receivables by age: one stacked bar, and each bucket's amount beneath it. */
export function AgingStrip({ items, asOf }: { items: ProfileItem[]; asOf: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const aging = ageItems(items, asOf);
  const total = AGING_BUCKETS.reduce((s, b) => s + aging[b], 0);
  if (total <= 0) return null;
  return (
    <Box className="aging-strip" role="group" aria-label={t('aging.title')}>
      <div className="aging-bar" aria-hidden>
        {AGING_BUCKETS.filter((b) => aging[b] > 0).map((b) => (
          <Tooltip key={b} label={`${t(`aging.${b}`)}: ${f.money(aging[b])}`}>
            <div style={{ flexGrow: aging[b], background: COLOR[b] }} />
          </Tooltip>
        ))}
      </div>
      <Group gap="lg" wrap="wrap" mt={6}>
        {AGING_BUCKETS.map((b) => (
          <Group key={b} gap={6} wrap="nowrap" className="aging-legend">
            <span className="aging-dot" style={{ background: COLOR[b] }} aria-hidden />
            <Text size="xs" c="dimmed">
              {t(`aging.${b}`)}
            </Text>
            <Text size="xs" fw={600} className="num" c={aging[b] === 0 ? 'dimmed' : undefined}>
              {f.money(aging[b])}
            </Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}
