/**
 * What the credit office did and saw in the period: cases opened and closed as paid, promises
 * kept and broken, contacts by channel, letters sent by template, days to pay, reversals.
 * Counts made of customers open the list behind them.
 */
import { Divider, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillFigureName, KpisView } from '../../../../shared/api/contracts/reports.ts';
import { useReportFormat } from './useReportFormat.ts';

const CHANNELS = ['phone', 'email', 'pec', 'letter', 'visit', 'note'] as const;
const TEMPLATES = ['reminder1', 'reminder2', 'formal_notice', 'statement'] as const;

function Line({
  label,
  value,
  drill,
  onDrill,
}: {
  label: string;
  value: string;
  drill?: DrillFigureName | undefined;
  onDrill: (figure: DrillFigureName, title: string) => void;
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

export function ActivityPanel({
  kpis,
  onDrill,
}: {
  kpis: KpisView;
  onDrill: (figure: DrillFigureName, title: string) => void;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const days = (d: number | null) => (d === null ? '—' : t('reports.days', { value: f.decimal(d) }));
  const channels = CHANNELS.filter((c) => (kpis.contacts.byChannel[c] ?? 0) > 0);
  const templates = TEMPLATES.filter((c) => (kpis.letters.byTemplate[c] ?? 0) > 0);
  return (
    <Paper p="md" className="rp-panel" role="region" aria-label={t('reports.activity.title')}>
      <Title order={2} size="h3" mb="xs">
        {t('reports.activity.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 1 }} spacing="sm">
        <Stack gap={6}>
          <Line
            label={t('reports.activity.casesOpened')}
            value={f.number(kpis.casesOpened)}
            drill={kpis.casesOpened > 0 ? 'entered' : undefined}
            onDrill={onDrill}
          />
          <Line
            label={t('reports.activity.casesRecovered')}
            value={f.number(kpis.casesRecovered)}
            drill={kpis.casesRecovered > 0 ? 'recovered' : undefined}
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
          <Line
            label={t('reports.activity.promisesKept')}
            value={f.number(kpis.promises.kept)}
            drill={kpis.promises.kept > 0 ? 'promisesKept' : undefined}
            onDrill={onDrill}
          />
          <Line
            label={t('reports.activity.promisesBroken')}
            value={f.number(kpis.promises.broken)}
            drill={kpis.promises.broken > 0 ? 'promisesBroken' : undefined}
            onDrill={onDrill}
          />
          <Divider my={4} />
          <Line
            label={t('reports.activity.contacts')}
            value={f.number(kpis.contacts.total)}
            drill={kpis.contacts.total > 0 ? 'contacts' : undefined}
            onDrill={onDrill}
          />
          {channels.map((c) => (
            <Line
              key={c}
              label={`· ${t(`reports.activity.channels.${c}`)}`}
              value={f.number(kpis.contacts.byChannel[c] ?? 0)}
              onDrill={onDrill}
            />
          ))}
        </Stack>
        <Stack gap={6}>
          <Line
            label={t('reports.activity.letters')}
            value={f.number(kpis.letters.total)}
            drill={kpis.letters.total > 0 ? 'letters' : undefined}
            onDrill={onDrill}
          />
          {templates.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('reports.activity.nothing')}
            </Text>
          ) : (
            templates.map((c) => (
              <Line
                key={c}
                label={`· ${t(`reports.activity.templates.${c}`)}`}
                value={f.number(kpis.letters.byTemplate[c] ?? 0)}
                onDrill={onDrill}
              />
            ))
          )}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
