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
                <Table.Th ta="right">{t('reports.breakdown.receivables')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.overdue')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.overdueRatio')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.dso')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.add')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.cei')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.payments')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.collected')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.recoveryRate')}</Table.Th>
                <Table.Th ta="right">{t('reports.breakdown.openCases')}</Table.Th>
                <Table.Th w={36}>
                  <span className="visually-hidden">{t('reports.filter')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const name = r.label || t('reports.none');
                const k = r.kpis;
                const active = filterKey === r.key;
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
                    <Table.Td ta="right" className="num">
                      {money(k.receivablesCents)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {money(k.overdueCents)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {pct(k.overdueRatio)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {days(k.dso)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {days(k.add)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {pct(k.cei)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {money(k.payments.amountCents)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {money(k.collectedCents)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {pct(k.recoveryRate)}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {k.openCases === null ? '—' : f.number(k.openCases)}
                    </Table.Td>
                    <Table.Td>
                      {by === 'customer' ? null : (
                        <Tooltip
                          label={
                            active ? t('reports.clearFilter') : t('reports.breakdown.filterTo', { name })
                          }
                        >
                          <ActionIcon
                            variant={active ? 'light' : 'subtle'}
                            color={active ? 'accent' : 'gray'}
                            size="sm"
                            aria-pressed={active}
                            aria-label={
                              active ? t('reports.clearFilter') : t('reports.breakdown.filterTo', { name })
                            }
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
                  <Table.Td ta="right" fw={600} className="num">
                    {money(total.receivablesCents)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {money(total.overdueCents)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {pct(total.overdueRatio)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {days(total.dso)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {days(total.add)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {pct(total.cei)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {money(total.payments.amountCents)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {money(total.collectedCents)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {pct(total.recoveryRate)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="num">
                    {total.openCases === null ? '—' : f.number(total.openCases)}
                  </Table.Td>
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
