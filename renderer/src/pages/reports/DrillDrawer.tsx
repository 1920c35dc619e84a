/**
 * The customers behind a figure (a card, an aging bucket, a group of the breakdown, an activity
 * count), largest first; each opens the customer's profile.
 */
import { Drawer, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DrillFigureName } from '../../../../shared/api/contracts/reports.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import type { Dimension } from './reportModel.ts';
import { useReportFormat } from './useReportFormat.ts';

export interface DrillTarget {
  figure: DrillFigureName;
  title: string;
  group?: { by: Dimension; key: string; name: string };
}

const COUNT_ONLY = new Set<DrillFigureName>([
  'recovered',
  'promisesKept',
  'promisesBroken',
  'contacts',
  'letters',
]);

export function DrillDrawer({
  period,
  periodName,
  target,
  onClose,
}: {
  period: string;
  periodName: string;
  target: DrillTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const navigate = useNavigate();
  const query = useApiQuery(
    'kpi.customers',
    {
      period,
      figure: target?.figure ?? 'receivables',
      ...(target?.group ? { by: target.group.by, key: target.group.key } : {}),
      limit: 500,
    },
    { enabled: target !== null },
  );
  const data = target ? query.data : undefined;
  const figure = target?.figure;
  const late = figure === 'late';
  const countOnly = figure !== undefined && COUNT_ONLY.has(figure);
  const valueHead = late
    ? t('reports.drill.days')
    : countOnly
      ? t('reports.drill.count')
      : t('reports.drill.value');
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        target ? (
          <div>
            <Text fw={600}>{t('reports.drill.title', { figure: target.title })}</Text>
            <Text size="xs" c="dimmed">
              {target.group
                ? `${t('reports.drill.group', {
                    dimension: t(`reports.dimensions.${target.group.by}`),
                    name: target.group.name,
                  })} · `
                : ''}
              {data ? t('reports.drill.subtitle', { period: periodName, count: data.total }) : periodName}
            </Text>
          </div>
        ) : null
      }
    >
      {query.error ? <ErrorState error={query.error} onRetry={query.reload} /> : null}
      {!data && !query.error ? <Loader size="sm" /> : null}
      {data && data.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.drill.empty')}
        </Text>
      ) : null}
      {data && data.rows.length > 0 ? (
        <>
          <Table
            aria-label={t('reports.drill.table')}
            highlightOnHover
            verticalSpacing={4}
            className="rp-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.drill.code')}</Table.Th>
                <Table.Th>{t('reports.drill.customer')}</Table.Th>
                <Table.Th>{t('reports.drill.area')}</Table.Th>
                <Table.Th ta="right">{valueHead}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.code}>
                  <Table.Td className="num">{r.code}</Table.Td>
                  <Table.Td>
                    <UnstyledButton
                      className="rp-link"
                      onClick={() => navigate(`/customers/${encodeURIComponent(r.code)}`)}
                      aria-label={t('reports.drill.open', { name: r.name })}
                    >
                      <Text span size="sm" fw={500} className="wrap-anywhere">
                        {r.name}
                      </Text>
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>
                    <Text span size="sm" c="dimmed">
                      {r.area ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {late
                      ? r.valueCents === null
                        ? '—'
                        : f.decimal(r.valueCents)
                      : countOnly || r.valueCents === null
                        ? f.number(r.count ?? 0)
                        : f.money(r.valueCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total > data.rows.length ? (
            <Text size="xs" c="dimmed" mt="xs">
              {t('reports.drill.more', { shown: f.number(data.rows.length), total: f.number(data.total) })}
            </Text>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
