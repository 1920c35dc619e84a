import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGING_BUCKETS, ageItems } from '../../../../shared/domain/aging.ts';
import { useFormat } from '../../format.ts';
import { AGING_COLOR } from '../../theme.ts';
import type { ProfileItem } from './types.ts';

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
            <div style={{ flexGrow: aging[b], background: AGING_COLOR[b] }} />
          </Tooltip>
        ))}
      </div>
      <Group gap="lg" wrap="wrap" mt={6}>
        {AGING_BUCKETS.map((b) => (
          <Group key={b} gap={6} wrap="nowrap" className="aging-legend">
            <span className="aging-dot" style={{ background: AGING_COLOR[b] }} aria-hidden />
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
