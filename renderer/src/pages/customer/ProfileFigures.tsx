import { Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { CreditBar } from './CreditBar.tsx';
import type { Profile } from './types.ts';

function Figure({
  label,
  hint,
  value,
  color,
  sub,
  testId,
}: {
  label: string;
  hint?: string;
  value: string;
  color?: string | undefined;
  sub?: ReactNode;
  testId: string;
}) {
  const body = (
    <Stack gap={0} className="figure" data-testid={`figure-${testId}`}>
      <Text size="xs" c="dimmed" className="figure-label" truncate="end">
        {label}
      </Text>
      <Text fw={650} size="lg" className="num figure-value" c={color}>
        {value}
      </Text>
      <div className="figure-sub">{sub}</div>
    </Stack>
  );
  return hint ? (
    <Tooltip label={hint} multiline maw={300}>
      {body}
    </Tooltip>
  ) : (
    body
  );
}

/** The customer's figures in one strip: what is owed, how late, how they pay. */
export function ProfileFigures({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const f = useFormat();
  const x = profile.figures;
  const days = (n: number | null) =>
    n === null ? '—' : t('customer.figures.days', { days: f.number(Math.round(n)) });
  const dim = (text: string) => (
    <Text size="xs" c="dimmed">
      {text}
    </Text>
  );
  return (
    <Paper px="md" py="sm" className="figures">
      <div className="figures-grid">
        <Figure
          label={t('customer.figures.overdue')}
          testId="overdue"
          value={f.money(x.overdueCents)}
          color={x.overdueCents > 0 ? semantic.overdue : undefined}
        />
        <Figure
          label={t('customer.figures.residual')}
          hint={t('customer.figures.residualHint')}
          testId="residual"
          value={f.money(x.residualCents)}
        />
        <Figure
          label={t('customer.figures.exposure')}
          testId="exposure"
          value={f.money(x.exposureCents)}
          sub={<CreditBar exposureCents={x.exposureCents} limitCents={profile.customer.creditLimitCents} />}
        />
        <Figure
          label={t('customer.figures.credits')}
          hint={t('customer.figures.creditsHint')}
          testId="credits"
          value={f.money(x.creditsCents)}
          color={x.creditsCents === 0 ? 'dimmed' : undefined}
        />
        <Figure
          label={t('customer.figures.disputed')}
          testId="disputed"
          value={f.money(x.disputedCents)}
          color={x.disputedCents > 0 ? semantic.paused : 'dimmed'}
        />
        <Figure
          label={t('customer.figures.avgDaysLate')}
          hint={t('customer.figures.avgDaysLateHint')}
          testId="avg-days-late"
          value={days(x.avgDaysLate)}
          color={x.avgDaysLate === null ? 'dimmed' : undefined}
        />
        <Figure
          label={t('customer.figures.avgDaysToPay')}
          hint={t('customer.figures.avgDaysToPayHint')}
          testId="avg-days-to-pay"
          value={days(x.avgDaysToPay)}
          color={x.avgDaysToPay === null ? 'dimmed' : undefined}
        />
        <Figure
          label={t('customer.figures.payments90')}
          testId="payments-90"
          value={f.money(x.paymentsLast90Cents)}
          color={x.paymentsLast90Count === 0 ? 'dimmed' : undefined}
          sub={dim(
            t('customer.figures.payments90Count', {
              count: x.paymentsLast90Count,
              total: f.number(x.paymentsLast90Count),
            }),
          )}
        />
      </div>
    </Paper>
  );
}
