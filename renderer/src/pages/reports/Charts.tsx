/**
 * The Reports page's pictures — aging bars, the 12-month overdue and DSO trend, collected vs
 * entered collection, results by collector — each with a table view carrying the exact figures
 * (UI.md: charts have a table view). Animations are off: the figures are there at once.
 */
import { Group, Paper, SegmentedControl, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BreakdownRowView, TrendPoint } from '../../../../shared/api/contracts/reports.ts';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/domain/aging.ts';
import { type KpiPanelProps, shortMonth } from './reportModel.ts';
import { useReportFormat } from './useReportFormat.ts';

const AGING_COLOR: Record<AgingBucket, string> = {
  notDue: '#20c997',
  d1_30: '#ffa8a8',
  d31_60: '#ff8787',
  d61_90: '#fa5252',
  d91_180: '#f03e3e',
  d181_plus: '#c92a2a',
};
const OVERDUE = '#ff8787';
const DSO = '#166a97';
const ENTERED = '#adb5bd';
const COLLECTED = '#12b886';
const AXIS = { fontSize: 11, fill: '#868e96' };

type View = 'chart' | 'table';

function ChartFrame({
  title,
  subtitle,
  children,
  table,
  empty,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  table: ReactNode;
  empty?: boolean;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('chart');
  const id = useId();
  return (
    <Paper p="md" className="rp-panel" role="region" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs" gap="sm">
        <div className="rp-panel-title">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {subtitle ? (
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
          ) : null}
        </div>
        <SegmentedControl<View>
          size="xs"
          value={view}
          onChange={setView}
          aria-label={t('reports.charts.view', { title })}
          data={[
            { value: 'chart', label: t('reports.charts.chart') },
            { value: 'table', label: t('reports.charts.table') },
          ]}
        />
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed" className="rp-nodata">
          {t('reports.charts.noData')}
        </Text>
      ) : view === 'chart' ? (
        <div className="rp-chart" role="img" aria-label={title}>
          {children}
        </div>
      ) : (
        <div className="rp-chart-table">{table}</div>
      )}
    </Paper>
  );
}

/** Props of a tooltip showing amounts (a wrapper component would hide the Tooltip from Recharts). */
function moneyTooltip(format: (v: number) => string) {
  return {
    formatter: (v: unknown) => (typeof v === 'number' ? format(v) : String(v)),
    contentStyle: { fontSize: 12 },
    isAnimationActive: false,
  };
}

export function AgingChart({ kpis, onDrill }: KpiPanelProps) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const aging = kpis.aging;
  const data = AGING_BUCKETS.map((b) => ({
    bucket: b,
    label: t(`reports.aging.${b}`),
    value: aging ? aging[b] : 0,
  }));
  const total = data.reduce((a, d) => a + d.value, 0);
  const title = t('reports.charts.aging');
  const drill = (b: AgingBucket) => onDrill(b, t(`reports.figures.${b}`));
  return (
    <ChartFrame
      title={title}
      subtitle={kpis.asOf ? t('reports.charts.agingSubtitle', { date: f.date(kpis.asOf) }) : undefined}
      empty={!aging}
      table={
        <Table aria-label={title} verticalSpacing={4} className="rp-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.charts.bucket')}</Table.Th>
              <Table.Th ta="right">{t('reports.charts.amount')}</Table.Th>
              <Table.Th ta="right">{t('reports.charts.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((d) => (
              <Table.Tr key={d.bucket}>
                <Table.Td>
                  <UnstyledButton
                    className="rp-link"
                    onClick={() => drill(d.bucket)}
                    aria-label={t('reports.open', { name: t(`reports.figures.${d.bucket}`) })}
                  >
                    {d.label}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {f.money(d.value)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {total > 0 ? f.percent(d.value / total) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('reports.charts.total')}</Table.Th>
              <Table.Th ta="right" className="num">
                {f.money(total)}
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      }
    >
      <ResponsiveContainer width="100%" height={230}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => f.compactMoney(v)} />
          <YAxis type="category" dataKey="label" tick={AXIS} width={86} />
          <Tooltip {...moneyTooltip(f.money)} />
          <Bar
            dataKey="value"
            name={t('reports.charts.amount')}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_entry, index) => {
              const b = AGING_BUCKETS[index];
              if (b) drill(b);
            }}
          >
            {data.map((d) => (
              <Cell key={d.bucket} fill={AGING_COLOR[d.bucket]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const title = t('reports.charts.trend');
  const data = points.map((p) => ({ ...p, label: shortMonth(p.month) }));
  const known = points.some((p) => p.source !== null);
  return (
    <ChartFrame
      title={title}
      subtitle={t('reports.charts.trendSubtitle')}
      empty={!known}
      table={
        <Table aria-label={title} verticalSpacing={4} className="rp-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.charts.month')}</Table.Th>
              <Table.Th ta="right">{t('reports.charts.receivables')}</Table.Th>
              <Table.Th ta="right">{t('reports.charts.overdue')}</Table.Th>
              <Table.Th ta="right">{t('reports.breakdown.overdueRatio')}</Table.Th>
              <Table.Th ta="right">{t('reports.charts.dso')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Td className="num">{p.asOf ? f.date(p.asOf) : p.month}</Table.Td>
                <Table.Td ta="right" className="num">
                  {p.receivablesCents === null ? '—' : f.money(p.receivablesCents)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {p.overdueCents === null ? '—' : f.money(p.overdueCents)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {p.overdueRatio === null ? '—' : f.percent(p.overdueRatio)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {p.dso === null ? '—' : f.decimal(p.dso)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    >
      <ResponsiveContainer width="100%" height={230}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={AXIS} />
          <YAxis yAxisId="money" tick={AXIS} tickFormatter={(v: number) => f.compactMoney(v)} width={70} />
          <YAxis yAxisId="days" orientation="right" tick={AXIS} width={36} />
          <Tooltip
            formatter={(v, name) =>
              typeof v !== 'number' ? String(v) : name === t('reports.charts.dso') ? f.decimal(v) : f.money(v)
            }
            contentStyle={{ fontSize: 12 }}
            isAnimationActive={false}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="money"
            dataKey="overdueCents"
            name={t('reports.charts.overdue')}
            fill={OVERDUE}
            isAnimationActive={false}
          />
          <Line
            yAxisId="days"
            dataKey="dso"
            name={t('reports.charts.dso')}
            stroke={DSO}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

type PairRow = { key: string; label: string; entered: number; collected: number };

function PairTable({ title, head, rows }: { title: string; head: string; rows: PairRow[] }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  return (
    <Table aria-label={title} verticalSpacing={4} className="rp-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{head}</Table.Th>
          <Table.Th ta="right">{t('reports.charts.entered')}</Table.Th>
          <Table.Th ta="right">{t('reports.charts.collected')}</Table.Th>
          <Table.Th ta="right">{t('reports.charts.recoveryRate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right" className="num">
              {f.money(r.entered)}
            </Table.Td>
            <Table.Td ta="right" className="num">
              {f.money(r.collected)}
            </Table.Td>
            <Table.Td ta="right" className="num">
              {r.entered > 0 ? f.percent(r.collected / r.entered) : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Entered into collection against collected, by month or by collector: two bars a row, or the
 * table with the recovery rate. `axisLabel` is a row's shorter name under its bars (the month).
 */
function EnteredCollectedChart({
  title,
  subtitle,
  head,
  rows,
  axisLabel = (r) => r.label,
  everyAxisLabel,
}: {
  title: string;
  subtitle: string;
  head: string;
  rows: PairRow[];
  axisLabel?: (row: PairRow) => string;
  /** Every name under the bars, not only those that fit (the collectors' names). */
  everyAxisLabel?: boolean;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const data = rows.map((r) => ({ ...r, label: axisLabel(r) }));
  return (
    <ChartFrame
      title={title}
      subtitle={subtitle}
      empty={rows.every((r) => r.entered === 0 && r.collected === 0)}
      table={<PairTable title={title} head={head} rows={rows} />}
    >
      <ResponsiveContainer width="100%" height={230}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={AXIS} {...(everyAxisLabel ? { interval: 0 } : {})} />
          <YAxis tick={AXIS} tickFormatter={(v: number) => f.compactMoney(v)} width={70} />
          <Tooltip {...moneyTooltip(f.money)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="entered"
            name={t('reports.charts.entered')}
            fill={ENTERED}
            isAnimationActive={false}
          />
          <Bar
            dataKey="collected"
            name={t('reports.charts.collected')}
            fill={COLLECTED}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function CollectionChart({ points }: { points: TrendPoint[] }) {
  const { t } = useTranslation();
  return (
    <EnteredCollectedChart
      title={t('reports.charts.collection')}
      subtitle={t('reports.charts.collectionSubtitle')}
      head={t('reports.charts.month')}
      rows={points.map((p) => ({
        key: p.month,
        label: p.month,
        entered: p.enteredCollectionCents,
        collected: p.collectedCents,
      }))}
      axisLabel={(r) => shortMonth(r.key)}
    />
  );
}

export function CollectorsChart({ rows }: { rows: BreakdownRowView[] }) {
  const { t } = useTranslation();
  return (
    <EnteredCollectedChart
      title={t('reports.charts.collectors')}
      subtitle={t('reports.charts.collectorsSubtitle')}
      head={t('reports.charts.collector')}
      rows={rows.map((r) => ({
        key: r.key,
        label: r.label || t('reports.none'),
        entered: r.kpis.enteredCollectionCents,
        collected: r.kpis.collectedCents,
      }))}
      everyAxisLabel
    />
  );
}
