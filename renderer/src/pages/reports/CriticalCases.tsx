/**
 * Critical cases: the customers whose overdue is large, old and badly rated; broken promises;
 * the oldest open disputes; legal actions whose evaluation says they are not worth continuing.
 * Each customer opens its profile.
 */
import { Badge, Paper, Table, Tabs, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Critical } from '../../../../shared/api/contracts/reports.ts';
import { semantic } from '../../theme.ts';
import { useReportFormat } from './useReportFormat.ts';

type Tab = 'customers' | 'brokenPromises' | 'disputes' | 'legal';

function CustomerLink({ code, name }: { code: string; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <UnstyledButton
      className="rp-link"
      onClick={() => navigate(`/customers/${encodeURIComponent(code)}`)}
      aria-label={t('reports.critical.open', { name })}
    >
      <Text span size="sm" fw={500}>
        {name}
      </Text>
    </UnstyledButton>
  );
}

function List({ title, head, rows }: { title: string; head: ReactNode[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        {t('reports.critical.none')}
      </Text>
    );
  }
  return (
    <Table
      aria-label={t('reports.critical.table', { title })}
      verticalSpacing={4}
      highlightOnHover
      className="rp-table"
    >
      <Table.Thead>
        <Table.Tr>
          {head.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
            <Table.Th key={i} ta={i >= 2 ? 'right' : undefined}>
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows in server order
          <Table.Tr key={r}>
            {row.map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
              <Table.Td key={i} ta={i >= 2 ? 'right' : undefined} className={i >= 2 ? 'num' : undefined}>
                {cell}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function CriticalCases({ critical }: { critical: Critical }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const c = critical;
  const label = (tab: Tab, n: number) => (
    <>
      {t(`reports.critical.${tab}`)}{' '}
      <Badge size="xs" variant="light" color={n > 0 ? semantic.overdue : 'gray'} className="num">
        {n}
      </Badge>
    </>
  );
  return (
    <Paper p="md" className="rp-panel" role="region" aria-label={t('reports.critical.title')}>
      <Title order={2} size="h3" mb="xs">
        {t('reports.critical.title')}
      </Title>
      <Tabs defaultValue="customers" keepMounted={false}>
        <Tabs.List mb="xs">
          <Tabs.Tab value="customers">{label('customers', c.customers.length)}</Tabs.Tab>
          <Tabs.Tab value="brokenPromises">{label('brokenPromises', c.brokenPromises.length)}</Tabs.Tab>
          <Tabs.Tab value="disputes">{label('disputes', c.disputes.length)}</Tabs.Tab>
          <Tabs.Tab value="legal">{label('legal', c.legal.length)}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="customers">
          <Text size="xs" c="dimmed" mb={4}>
            {t('reports.critical.customersHint')}
          </Text>
          <List
            title={t('reports.critical.customers')}
            head={[
              t('reports.critical.code'),
              t('reports.critical.customer'),
              t('reports.critical.overdue'),
              t('reports.critical.avgDays'),
              t('reports.critical.class'),
              t('reports.critical.score'),
            ]}
            rows={c.customers.map((x) => [
              <Text key="c" span size="sm" className="num">
                {x.code}
              </Text>,
              <CustomerLink key="n" code={x.code} name={x.name} />,
              f.money(x.overdueCents),
              f.decimal(x.avgDaysOverdue),
              x.class ?? '—',
              f.number(x.score),
            ])}
          />
        </Tabs.Panel>
        <Tabs.Panel value="brokenPromises">
          <List
            title={t('reports.critical.brokenPromises')}
            head={[
              t('reports.critical.code'),
              t('reports.critical.customer'),
              t('reports.critical.promiseDate'),
              t('reports.critical.amount'),
              t('reports.critical.resolvedOn'),
            ]}
            rows={c.brokenPromises.map((x) => [
              x.code,
              <CustomerLink key="n" code={x.code} name={x.name} />,
              f.date(x.date),
              f.money(x.amountCents),
              f.date(x.resolvedOn),
            ])}
          />
        </Tabs.Panel>
        <Tabs.Panel value="disputes">
          <List
            title={t('reports.critical.disputes')}
            head={[
              t('reports.critical.code'),
              t('reports.critical.customer'),
              t('reports.critical.openedOn'),
              t('reports.critical.days'),
              t('reports.critical.document'),
              t('reports.critical.amount'),
            ]}
            rows={c.disputes.map((x) => [
              x.code,
              <CustomerLink key="n" code={x.code} name={x.name} />,
              f.date(x.openedOn),
              f.number(x.days),
              x.documentNumber,
              f.money(x.residualCents),
            ])}
          />
        </Tabs.Panel>
        <Tabs.Panel value="legal">
          <List
            title={t('reports.critical.legal')}
            head={[
              t('reports.critical.code'),
              t('reports.critical.customer'),
              t('reports.critical.claim'),
              t('reports.critical.expectedNet'),
              t('reports.critical.reason'),
            ]}
            rows={c.legal.map((x) => [
              x.code,
              <CustomerLink key="n" code={x.code} name={x.name} />,
              f.money(x.claimCents),
              f.money(x.expectedNetCents),
              <Text key="r" span size="xs" c="dimmed" ta="left">
                {x.reason}
              </Text>,
            ])}
          />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
