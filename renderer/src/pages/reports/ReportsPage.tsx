/**
 * Reports: the credit KPIs of a period (month, quarter, year) with their change against the
 * previous one, the charts (aging, 12-month trend, collected vs entered collection, collectors),
 * the breakdown by a dimension (which can also limit the whole page to one group), the period's
 * activity and the critical cases. Every figure made of customers opens them. The period, the
 * dimension and the group live in the address (#/reports?period=2026-11&by=area&key=Sud).
 */
import './reports.css';
import {
  Badge,
  Button,
  CloseButton,
  Grid,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
} from '@mantine/core';
import { IconChartBar, IconFileImport } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { BreakdownRowView, DrillFigureName } from '../../../../shared/api/contracts/reports.ts';
import { parsePeriod, previousPeriod } from '../../../../shared/domain/kpi.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../state/session.tsx';
import { AlertsPanel } from '../notify/AlertsPanel.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import { AgingChart, CollectionChart, CollectorsChart, TrendChart } from './Charts.tsx';
import { CriticalCases } from './CriticalCases.tsx';
import { DrillDrawer, type DrillTarget } from './DrillDrawer.tsx';
import { ExportButtons, ExportProgress, useReportExport } from './ExportButtons.tsx';
import { KpiCards } from './KpiCards.tsx';
import {
  DIMENSIONS,
  type Dimension,
  defaultPeriod,
  isDimension,
  kindOf,
  type PeriodKind,
  periodChoices,
  periodName,
  switchKind,
} from './reportModel.ts';
import { useReportFormat } from './useReportFormat.ts';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

export function ReportsPage() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const navigate = useNavigate();
  const { canCall } = useSession();
  const [params, setParams] = useSearchParams();
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const info = useApiQuery('system.info', {});
  const anchor = info.data ? (info.data.ledgerAsOf ?? info.data.today) : null;
  const asked = params.get('period');
  const period =
    asked && parsePeriod(asked)
      ? asked
      : anchor
        ? defaultPeriod(info.data?.ledgerAsOf ?? null, anchor)
        : null;
  const byParam = params.get('by');
  const by: Dimension = isDimension(byParam) ? byParam : 'area';
  const key = params.get('key');

  const words = useMemo(
    () => ({
      quarter: (q: number, year: string) => t('reports.quarterLabel', { q, year }),
      year: (year: string) => t('reports.yearLabel', { year }),
    }),
    [t],
  );
  const nameOf = (p: string) => periodName(p, f.language, words);

  const update = (next: { period?: string; by?: Dimension; key?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.period !== undefined) p.set('period', next.period);
    if (next.by !== undefined) {
      p.set('by', next.by);
      p.delete('key');
    }
    if (next.key !== undefined) {
      if (next.key === null) p.delete('key');
      else p.set('key', next.key);
    }
    setParams(p, { replace: true });
  };

  const enabled = period !== null;
  const input = { period: period ?? '2000', by, compare: true, ...(key !== null ? { key } : {}) };
  const kpi = useApiQuery('kpi.get', input, { enabled });
  const trend = useApiQuery(
    'kpi.trend',
    { period: period ?? '2000', months: 12, ...(key !== null ? { by, key } : {}) },
    { enabled },
  );
  const collectors = useApiQuery(
    'kpi.get',
    { period: period ?? '2000', by: 'collector' },
    { enabled: enabled && by !== 'collector' },
  );
  const critical = useApiQuery('reports.critical', { period: period ?? '2000', limit: 10 }, { enabled });
  // The exported report carries every breakdown but the per-customer one (in the XLSX's lists).
  const exporter = useReportExport(period ?? '', null);

  const k = kpi.data;
  const current = period ? parsePeriod(period) : null;
  const previousName = current ? nameOf(previousPeriod(current).key) : '';
  const group = key !== null ? (k?.breakdown?.find((g) => g.key === key) ?? null) : null;
  const groupName = key !== null ? group?.label || (key === '' ? t('reports.none') : key) : null;
  const onDrill = (figure: DrillFigureName, title: string) =>
    setDrill({
      figure,
      title,
      ...(key !== null && groupName !== null ? { group: { by, key, name: groupName } } : {}),
    });
  const onGroupDrill = (row: BreakdownRowView) =>
    setDrill({
      figure: 'receivables',
      title: t('reports.figures.receivables'),
      group: { by, key: row.key, name: row.label || t('reports.none') },
    });

  const position = !k
    ? undefined
    : !k.sources.end || !k.asOf
      ? t('reports.position.none')
      : k.sources.end.kind === 'ledger'
        ? t('reports.position.ledger', { date: f.date(k.asOf) })
        : t('reports.position.snapshot', { date: f.date(k.asOf) });
  const ledgerEmpty = Boolean(info.data && info.data.ledgerAsOf === null && k && k.receivablesCents === 0);
  const choices = period && anchor ? periodChoices(kindOf(period), anchor) : [];

  return (
    <div className="page rp-page">
      <PageHeader
        title={t('nav.reports')}
        description={position ?? t('reports.subtitle')}
        actions={
          canCall('reports.export') ? (
            <ExportButtons state={exporter} disabled={!period || ledgerEmpty} />
          ) : null
        }
      />
      <ExportProgress state={exporter} />
      <Group gap="sm" mb="md" wrap="wrap" className="rp-toolbar">
        <SegmentedControl<PeriodKind>
          size="sm"
          aria-label={t('reports.periodKind')}
          value={period ? kindOf(period) : 'month'}
          onChange={(kind) => period && anchor && update({ period: switchKind(period, kind, anchor) })}
          data={KINDS.map((kind) => ({ value: kind, label: t(`reports.kinds.${kind}`) }))}
        />
        <Select
          aria-label={t('reports.period')}
          w={210}
          value={period}
          onChange={(v) => v && update({ period: v })}
          data={choices.map((p) => ({ value: p.key, label: nameOf(p.key) }))}
          allowDeselect={false}
          checkIconPosition="right"
        />
        <Select
          aria-label={t('reports.dimension')}
          w={230}
          value={by}
          onChange={(v) => isDimension(v) && update({ by: v })}
          data={DIMENSIONS.map((d) => ({
            value: d,
            label: `${t('reports.dimension')}: ${t(`reports.dimensions.${d}`).toLowerCase()}`,
          }))}
          allowDeselect={false}
          checkIconPosition="right"
        />
        {key !== null && groupName !== null ? (
          <Badge
            size="lg"
            variant="light"
            radius="sm"
            rightSection={
              <CloseButton
                size="xs"
                aria-label={t('reports.clearFilter')}
                onClick={() => update({ key: null })}
              />
            }
          >
            {t('reports.filtered', {
              dimension: t(`reports.dimensions.${by}`).toLowerCase(),
              name: groupName,
            })}
          </Badge>
        ) : null}
      </Group>

      {kpi.error ? <ErrorState error={kpi.error} onRetry={kpi.reload} /> : null}
      {!k && !kpi.error ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('reports.loading')}>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
              <Skeleton key={i} h={112} />
            ))}
          </SimpleGrid>
          <Skeleton h={280} />
        </Stack>
      ) : null}
      {k && ledgerEmpty ? (
        <EmptyPanel
          icon={<IconChartBar size={26} stroke={1.5} />}
          title={t('reports.empty.title')}
          description={t('reports.empty.text')}
          actions={
            <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('/imports')}>
              {t('reports.empty.action')}
            </Button>
          }
        />
      ) : null}
      {k && period && !ledgerEmpty ? (
        <Stack gap="md">
          {/* The manager's dashboard: deteriorations to look at first (services/notify). */}
          <AlertsPanel />
          <KpiCards kpis={k} previous={k.previous} previousName={previousName} onDrill={onDrill} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <AgingChart kpis={k} onDrill={onDrill} />
            {trend.data ? <TrendChart points={trend.data.points} /> : <Skeleton h={300} />}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            {trend.data ? <CollectionChart points={trend.data.points} /> : <Skeleton h={300} />}
            <CollectorsChart rows={(by === 'collector' ? k.breakdown : collectors.data?.breakdown) ?? []} />
          </SimpleGrid>
          <BreakdownTable
            by={by}
            rows={k.breakdown ?? []}
            total={k}
            filterKey={key}
            onDrill={onGroupDrill}
            onFilter={(next) => update({ key: next })}
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <ActivityPanel kpis={k} onDrill={onDrill} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              {critical.data ? <CriticalCases critical={critical.data} /> : <Skeleton h={300} />}
            </Grid.Col>
          </Grid>
        </Stack>
      ) : null}
      <DrillDrawer
        period={period ?? '2000'}
        periodName={period ? nameOf(period) : ''}
        target={drill}
        onClose={() => setDrill(null)}
      />
    </div>
  );
}
