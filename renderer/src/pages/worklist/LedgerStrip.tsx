/**
 * The ledger's figures as one compact strip above the worklist: open items, customers, residual,
 * overdue, and the aging of the residuals as a thin stacked bar (hover a segment for its amount).
 */
import { Group, Paper, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Summary } from '../../../../shared/api/contract.ts';
import { AGING_BUCKETS } from '../../../../shared/domain/aging.ts';
import { useFormat } from '../../format.ts';
import { AGING_COLOR, semantic } from '../../theme.ts';

function Figure({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <div className="strip-figure">
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text size="sm" fw={650} c={tone} className="num" lh={1.4}>
        {value}
      </Text>
    </div>
  );
}

export function LedgerStrip({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = AGING_BUCKETS.reduce((s, b) => s + summary.aging[b], 0);
  const share =
    summary.residualCents > 0 ? f.percent(summary.overdueCents / Math.max(summary.residualCents, 1)) : '—';
  return (
    <Paper px="md" py={8} className="strip" component="section" aria-label={t('worklist.strip.label')}>
      <Group gap="xl" wrap="nowrap" align="center">
        <Figure label={t('summary.items')} value={f.number(summary.items)} />
        <Figure label={t('summary.customers')} value={f.number(summary.customers)} />
        <Figure label={t('summary.residual')} value={f.money(summary.residualCents)} />
        <Figure
          label={t('worklist.strip.overdue', { share })}
          value={f.money(summary.overdueCents)}
          tone={summary.overdueCents > 0 ? semantic.overdue : undefined}
        />
        <div className="strip-aging">
          <Text size="xs" c="dimmed" lh={1.2} mb={4}>
            {t('aging.title')}
          </Text>
          <div className="aging-stack" role="img" aria-label={t('worklist.strip.agingLabel')}>
            {AGING_BUCKETS.map((b) => {
              const value = summary.aging[b];
              if (value <= 0 || total <= 0) return null;
              return (
                <Tooltip
                  key={b}
                  label={`${t(`aging.${b}`)}: ${f.money(value)} (${f.percent(value / total)})`}
                  openDelay={100}
                >
                  <span
                    className="aging-seg"
                    style={{ flexGrow: value, background: AGING_COLOR[b] }}
                    data-bucket={b}
                  />
                </Tooltip>
              );
            })}
          </div>
        </div>
      </Group>
    </Paper>
  );
}
