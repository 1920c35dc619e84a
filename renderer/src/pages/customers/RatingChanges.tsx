/** The manager's "rating changed" list: customers whose class or score went down this week. */
import { Anchor, Badge, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays } from '../../../../shared/domain/dates.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { CLASS_COLOR } from '../customer/RatingBadge.tsx';
import { customerPath } from './CustomersTable.tsx';

export function RatingChanges({ today }: { today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useApiQuery('ratings.list', {
    changedSince: addDays(today, -7),
    direction: 'down',
    onlyOpen: false,
    sort: 'changedOn',
    desc: true,
  });
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loader size="sm" />;
  const rows = list.data.rows;
  return (
    <div>
      <Title order={2} size="h5" mb="xs">
        {t('rating.changedTitle')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rating.changedEmpty')}
        </Text>
      ) : (
        <Table aria-label={t('rating.changedLabel')} striped verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>{t('customers.columns.code')}</Table.Th>
              <Table.Th>{t('rating.customer')}</Table.Th>
              <Table.Th w={140}>{t('rating.before')}</Table.Th>
              <Table.Th w={140}>{t('rating.now')}</Table.Th>
              <Table.Th w={120}>{t('rating.changedOn')}</Table.Th>
              <Table.Th w={140} ta="right">
                {t('customers.columns.overdue')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.customerCode}>
                <Table.Td ff="monospace">{r.customerCode}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={customerPath(r.customerCode)} size="sm">
                    {r.customerName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {r.previousClass ? (
                    <Group gap={6} wrap="nowrap">
                      <Badge size="sm" variant="light" color={CLASS_COLOR[r.previousClass] ?? 'gray'}>
                        {r.previousClass}
                      </Badge>
                      <Text span size="sm" c="dimmed" className="num">
                        {r.previousScore ?? '—'}
                      </Text>
                    </Group>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge size="sm" variant="filled" color={CLASS_COLOR[r.class] ?? 'gray'}>
                      {r.class}
                    </Badge>
                    <Text span size="sm" fw={600} className="num">
                      {r.score}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{f.date(r.changedOn)}</Table.Td>
                <Table.Td ta="right" className="num" c={r.overdueCents > 0 ? semantic.overdue : undefined}>
                  {f.money(r.overdueCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
