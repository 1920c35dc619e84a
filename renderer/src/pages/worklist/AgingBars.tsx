import { Box, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Summary } from '../../../../shared/api/contract.ts';
import { AGING_BUCKETS } from '../../../../shared/domain/aging.ts';
import { useFormat } from '../../format.ts';
import { AGING_COLOR } from '../../theme.ts';

/** Aging of the positive residuals as a bar list; the table carries the exact figures. */
export function AgingBars({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = AGING_BUCKETS.reduce((s, b) => s + summary.aging[b], 0);
  const max = Math.max(1, ...AGING_BUCKETS.map((b) => summary.aging[b]));
  return (
    <Paper p="md" h="100%">
      <Title order={2} size="h3" mb={4}>
        {t('aging.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('aging.subtitle', { date: f.date(summary.asOf) })}
      </Text>
      <Table aria-label={t('aging.title')} withRowBorders={false} verticalSpacing={5} className="aging">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="27%">{t('aging.bucket')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('aging.bar')}</span>
            </Table.Th>
            <Table.Th ta="right" w="24%">
              {t('aging.amount')}
            </Table.Th>
            <Table.Th ta="right" w="12%">
              {t('aging.share')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {AGING_BUCKETS.map((b) => {
            const value = summary.aging[b];
            return (
              <Table.Tr key={b}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t(`aging.${b}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Box className="bar-track" aria-hidden>
                    <Box
                      className="bar-fill"
                      style={{ width: `${(value / max) * 100}%`, background: AGING_COLOR[b] }}
                    />
                  </Box>
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {f.money(value)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  <Text size="sm" c="dimmed" span>
                    {total > 0 ? f.percent(value / total) : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t('aging.total')}</Table.Th>
            <Table.Th />
            <Table.Th ta="right" className="num">
              {f.money(total)}
            </Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Paper>
  );
}
