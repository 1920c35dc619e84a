/**
 * The KPIs by group of the chosen dimension, with the totals at the foot. A group's name opens
 * the customers behind it; the filter button limits the whole page to that group.
 */
import {
  ActionIcon,
  Group,
  Paper,
  ScrollArea,
  Table,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconFilter, IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BreakdownRowView, KpisView } from '../../../../shared/api/contracts/reports.ts';
import type { Dimension } from './reportModel.ts';
import { useReportFormat } from './useReportFormat.ts';

export function BreakdownTable({
  by,
  rows,
  total,
  filterKey,
  onDrill,
  onFilter,
}: {
  by: Dimension;
  rows: BreakdownRowView[];
  /** The page's totals (every customer when no filter is on). */
  total: KpisView;
  filterKey: string | null;
  onDrill: (row: BreakdownRowView) => void;
  onFilter: (key: string | null) => void;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const dimension = t(`reports.dimensions.${by}`);
  const title = t('reports.breakdown.title', { dimension: dimension.toLowerCase() });
  const money = (v: number | null) => (v === null ? '—' : f.money(v));
  const pct = (v: number | null) => (v === null ? '—' : f.percent(v));
  const days = (v: number | null) => (v === null ? '—' : f.decimal(v));
  const count = (v: number | null) => (v === null ? '—' : f.number(v));
  /** The KPI columns after the customer count: a group's row and the totals' foot read them alike. */
  const kpiColumns: { label: string; figure: (k: KpisView) => string }[] = [
    { label: t('reports.breakdown.receivables'), figure: (k) => money(k.receivablesCents) },
    { label: t('reports.breakdown.overdue'), figure: (k) => money(k.overdueCents) },
    { label: t('reports.breakdown.overdueRatio'), figure: (k) => pct(k.overdueRatio) },
    { label: t('reports.breakdown.dso'), figure: (k) => days(k.dso) },
    { label: t('reports.breakdown.add'), figure: (k) => days(k.add) },
    { label: t('reports.breakdown.cei'), figure: (k) => pct(k.cei) },
    { label: t('reports.breakdown.payments'), figure: (k) => money(k.payments.amountCents) },
    { label: t('reports.breakdown.collected'), figure: (k) => money(k.collectedCents) },
    { label: t('reports.breakdown.recoveryRate'), figure: (k) => pct(k.recoveryRate) },
    { label: t('reports.breakdown.openCases'), figure: (k) => count(k.openCases) },
  ];
  const customers = rows.reduce((a, r) => a + r.customers, 0);
  return (
    <Paper p="md" className="rp-panel" role="region" aria-label={title}>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.breakdown.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={by === 'customer' ? 520 : undefined} type="auto">
          <Table
            aria-label={t('reports.breakdown.table', { dimension: dimension.toLowerCase() })}
            highlightOnHover
            stickyHeader
            verticalSpacing={5}
            className="rp-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{dimension}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.customers')}</Table.Th>
                {kpiColumns.map((c) => (
                  <Table.Th key={c.label} ta="right">
                    {c.label}
                  </Table.Th>
                ))}
                <Table.Th w={36}>
                  <span className="visually-hidden">{t('reports.filter')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const name = r.label || t('reports.none');
                const active = filterKey === r.key;
                const filterLabel = active
                  ? t('reports.clearFilter')
                  : t('reports.breakdown.filterTo', { name });
                return (
                  <Table.Tr key={r.key} className={active ? 'rp-active' : undefined}>
                    <Table.Td>
                      <UnstyledButton
                        className="rp-link"
                        onClick={() => onDrill(r)}
                        aria-label={t('reports.breakdown.drill', { name })}
                      >
                        <Text span size="sm" fw={500} className="wrap-anywhere">
                          {name}
                        </Text>
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {f.number(r.customers)}
                    </Table.Td>
                    {kpiColumns.map((c) => (
                      <Table.Td key={c.label} ta="right" className="num">
                        {c.figure(r.kpis)}
                      </Table.Td>
                    ))}
                    <Table.Td>
                      {by === 'customer' ? null : (
                        <Tooltip label={filterLabel}>
                          <ActionIcon
                            variant={active ? 'light' : 'subtle'}
                            color={active ? 'accent' : 'gray'}
                            size="sm"
                            aria-pressed={active}
                            aria-label={filterLabel}
                            onClick={() => onFilter(active ? null : r.key)}
                          >
                            {active ? <IconFilterOff size={14} /> : <IconFilter size={14} />}
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            {/* The page's totals are the filtered group's while a filter is on: no foot then. */}
            {filterKey !== null ? null : (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('reports.breakdown.total')}</Table.Th>
                  <Table.Td ta="right" fw={600} className="num">
                    {f.number(customers)}
                  </Table.Td>
                  {kpiColumns.map((c) => (
                    <Table.Td key={c.label} ta="right" fw={600} className="num">
                      {c.figure(total)}
                    </Table.Td>
                  ))}
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </ScrollArea.Autosize>
      )}
      <Group justify="flex-end" mt={4}>
        {filterKey !== null ? (
          <UnstyledButton className="rp-link" onClick={() => onFilter(null)}>
            <Group gap={4}>
              <IconFilterOff size={14} aria-hidden />
              <Text size="xs">{t('reports.clearFilter')}</Text>
            </Group>
          </UnstyledButton>
        ) : null}
      </Group>
    </Paper>
  );
}
