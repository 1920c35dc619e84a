/**
 * What the credit office did and saw in the period: cases opened and closed as paid, promises
 * kept and broken, contacts by channel, letters sent by template, days to pay, reversals.
 * Counts made of customers open the list behind them.
 */
import { Divider, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillFigureName } from '../../../../shared/api/contracts/reports.ts';
import { TEMPLATE_NAMES } from '../../../../shared/domain/letters/model.ts';
import type { ContactChannel } from '../../../../shared/domain/vocabulary.ts';
import type { KpiPanelProps, OnDrill } from './reportModel.ts';
import { useReportFormat } from './useReportFormat.ts';

/** The contact channels in the order the panel lists them (not the vocabulary's). */
const CHANNELS = [
  'phone',
  'email',
  'pec',
  'letter',
  'visit',
  'note',
] as const satisfies readonly ContactChannel[];

function Line({
  label,
  value,
  drill,
  onDrill,
}: {
  label: string;
  value: string;
  drill?: DrillFigureName | undefined;
  onDrill: OnDrill;
}) {
  const { t } = useTranslation();
  const shown: ReactNode = (
    <Text span size="sm" fw={600} className="num">
      {value}
    </Text>
  );
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {drill ? (
        <UnstyledButton className="rp-link" onClick={() => onDrill(drill, label)}>
          {shown}
          <span className="visually-hidden">{`, ${t('reports.open', { name: label })}`}</span>
        </UnstyledButton>
      ) : (
        shown
      )}
    </Group>
  );
}

/** A count; with a figure, it opens the customers behind it when there are any. */
function CountLine({
  label,
  count,
  figure,
  onDrill,
}: {
  label: string;
  count: number;
  figure?: DrillFigureName;
  onDrill: OnDrill;
}) {
  const f = useReportFormat();
  return (
    <Line
      label={label}
      value={f.number(count)}
      drill={figure && count > 0 ? figure : undefined}
      onDrill={onDrill}
    />
  );
}

/**
 * A total that opens its list, then its parts with a count (contacts by channel, letters by
 * template), each a line of its own; `empty` is said when no part has one.
 */
function TotalAndParts({
  label,
  total,
  figure,
  parts,
  empty,
  onDrill,
}: {
  label: string;
  total: number;
  figure: DrillFigureName;
  parts: { key: string; label: string; count: number }[];
  empty?: string;
  onDrill: OnDrill;
}) {
  return (
    <>
      <CountLine label={label} count={total} figure={figure} onDrill={onDrill} />
      {parts.length === 0 && empty ? (
        <Text size="xs" c="dimmed">
          {empty}
        </Text>
      ) : (
        parts.map((p) => <CountLine key={p.key} label={`· ${p.label}`} count={p.count} onDrill={onDrill} />)
      )}
    </>
  );
}

/** The keys with a count, in the list's order. */
function counted<K extends string>(keys: readonly K[], counts: Record<string, number>): K[] {
  return keys.filter((k) => (counts[k] ?? 0) > 0);
}

export function ActivityPanel({ kpis, onDrill }: KpiPanelProps) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const days = (d: number | null) => (d === null ? '—' : t('reports.days', { value: f.decimal(d) }));
  const { byChannel } = kpis.contacts;
  const { byTemplate } = kpis.letters;
  return (
    <Paper p="md" className="rp-panel" role="region" aria-label={t('reports.activity.title')}>
      <Title order={2} size="h3" mb="xs">
        {t('reports.activity.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 1 }} spacing="sm">
        <Stack gap={6}>
          <CountLine
            label={t('reports.activity.casesOpened')}
            count={kpis.casesOpened}
            figure="entered"
            onDrill={onDrill}
          />
          <CountLine
            label={t('reports.activity.casesRecovered')}
            count={kpis.casesRecovered}
            figure="recovered"
            onDrill={onDrill}
          />
          <Line
            label={t('reports.kpi.avgRecoveryDays')}
            value={days(kpis.avgRecoveryDays)}
            onDrill={onDrill}
          />
          <Line label={t('reports.kpi.avgDaysToPay')} value={days(kpis.avgDaysToPay)} onDrill={onDrill} />
          <Line
            label={t('reports.activity.reversals')}
            value={f.money(kpis.payments.reversalsCents)}
            onDrill={onDrill}
          />
        </Stack>
        <Stack gap={6}>
          <CountLine
            label={t('reports.activity.promisesKept')}
            count={kpis.promises.kept}
            figure="promisesKept"
            onDrill={onDrill}
          />
          <CountLine
            label={t('reports.activity.promisesBroken')}
            count={kpis.promises.broken}
            figure="promisesBroken"
            onDrill={onDrill}
          />
          <Divider my={4} />
          <TotalAndParts
            label={t('reports.activity.contacts')}
            total={kpis.contacts.total}
            figure="contacts"
            parts={counted(CHANNELS, byChannel).map((c) => ({
              key: c,
              label: t(`reports.activity.channels.${c}`),
              count: byChannel[c] ?? 0,
            }))}
            onDrill={onDrill}
          />
        </Stack>
        <Stack gap={6}>
          <TotalAndParts
            label={t('reports.activity.letters')}
            total={kpis.letters.total}
            figure="letters"
            parts={counted(TEMPLATE_NAMES, byTemplate).map((c) => ({
              key: c,
              label: t(`reports.activity.templates.${c}`),
              count: byTemplate[c] ?? 0,
            }))}
            empty={t('reports.activity.nothing')}
            onDrill={onDrill}
          />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
