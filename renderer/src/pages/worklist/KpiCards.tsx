import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Summary } from '../../../../shared/api/contract.ts';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';

function Kpi({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: string }) {
  return (
    <Paper p="md" className="kpi">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text size="xl" fw={650} c={tone} className="num" mt={4}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The ledger's figures that matter, at its as-of date. */
export function KpiCards({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const overdueShare =
    summary.residualCents > 0 ? f.percent(summary.overdueCents / Math.max(summary.residualCents, 1)) : '—';
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <Kpi label={t('summary.items')} value={f.number(summary.items)} hint={t('summary.itemsHint')} />
      <Kpi
        label={t('summary.customers')}
        value={f.number(summary.customers)}
        hint={t('summary.customersHint')}
      />
      <Kpi
        label={t('summary.residual')}
        value={f.money(summary.residualCents)}
        hint={t('summary.residualHint')}
      />
      <Kpi
        label={t('summary.overdue')}
        value={f.money(summary.overdueCents)}
        hint={t('summary.overdueShare', { share: overdueShare })}
        tone={summary.overdueCents > 0 ? semantic.overdue : undefined}
      />
    </SimpleGrid>
  );
}
