import { Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarDollar, IconCalendarRepeat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { PlanAgreementButton } from '../letters/PlanAgreementButton.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { ProfilePlan, ProfilePromise } from './types.ts';

function PromisesTable({ promises, today }: { promises: ProfilePromise[]; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const sorted = [...promises].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  return (
    <Table aria-label={t('customer.promises.tableLabel')} className="dense-table" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={130}>{t('customer.promises.date')}</Table.Th>
          <Table.Th w={160} ta="right">
            {t('customer.promises.amount')}
          </Table.Th>
          <Table.Th>{t('customer.promises.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td className="num">
              {f.date(p.date)}
              {p.status === 'open' && p.date < today ? (
                <Text span size="xs" c={semantic.dueSoon} ml={6}>
                  {t('customer.promises.waitingImport')}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td ta="right" className="num">
              {f.money(p.amountCents)}
            </Table.Td>
            <Table.Td>
              <StatusBadge scope="promise" status={p.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PlanCard({ plan }: { plan: ProfilePlan }) {
  const { t } = useTranslation();
  const f = useFormat();
  const paid = plan.installments.reduce((s, i) => s + i.paidCents, 0);
  const frequency = plan.frequency === 'weekly' ? t('customer.plan.weekly') : t('customer.plan.monthly');
  return (
    <Paper p="sm" data-testid={`plan-${plan.id}`}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={3} size="h4">
            {t('customer.plans.title', { id: plan.id })}
          </Title>
          <StatusBadge scope="plan" status={plan.status} />
          <Text size="sm" c="dimmed">
            {t('customer.plans.summary', {
              count: plan.installments.length,
              total: f.number(plan.installments.length),
              frequency,
              amount: f.money(plan.totalCents),
            })}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <PlanAgreementButton planId={plan.id} />
          <Text size="xs" c="dimmed" className="num">
            {t('customer.plans.paid', { paid: f.money(paid), total: f.money(plan.totalCents) })}
          </Text>
          <Progress
            value={plan.totalCents > 0 ? (paid / plan.totalCents) * 100 : 0}
            color={semantic.ok}
            size="sm"
            w={90}
            aria-label={t('customer.plans.paid', { paid: f.money(paid), total: f.money(plan.totalCents) })}
          />
        </Group>
      </Group>
      <Table aria-label={t('customer.plans.title', { id: plan.id })} className="dense-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>{t('customer.plans.n')}</Table.Th>
            <Table.Th w={130}>{t('customer.plans.date')}</Table.Th>
            <Table.Th w={150} ta="right">
              {t('customer.plans.amount')}
            </Table.Th>
            <Table.Th w={150} ta="right">
              {t('customer.plans.paidCol')}
            </Table.Th>
            <Table.Th>{t('customer.plans.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.installments.map((i, k) => (
            <Table.Tr key={i.date}>
              <Table.Td className="num">{k + 1}</Table.Td>
              <Table.Td className="num">{f.date(i.date)}</Table.Td>
              <Table.Td ta="right" className="num">
                {f.money(i.amountCents)}
              </Table.Td>
              <Table.Td ta="right" className="num">
                <Text span size="sm" c={i.paidCents > 0 ? undefined : 'dimmed'}>
                  {f.money(i.paidCents)}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge scope="installment" status={i.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Promises to pay and repayment plans, with what was kept, paid or missed. */
export function PromisesPlansTab({
  promises,
  plans,
  today,
  onPromise,
  onPlan,
}: {
  promises: ProfilePromise[];
  plans: ProfilePlan[];
  today: string;
  onPromise: () => void;
  onPlan: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={980}>
      <section aria-labelledby="promises-title">
        <Group justify="space-between" mb={6}>
          <Title order={2} size="h4" id="promises-title">
            {t('customer.promises.title')}
          </Title>
        </Group>
        {promises.length === 0 ? (
          <EmptyPanel
            icon={<IconCalendarDollar size={24} stroke={1.5} />}
            title={t('customer.promises.emptyTitle')}
            description={t('customer.promises.emptyText')}
            headingOrder={3}
            actions={
              <Button variant="default" size="xs" onClick={onPromise}>
                {t('customer.actions.promise')}
              </Button>
            }
          />
        ) : (
          <PromisesTable promises={promises} today={today} />
        )}
      </section>
      <section aria-labelledby="plans-title">
        <Title order={2} size="h4" id="plans-title" mb={6}>
          {t('customer.plans.heading')}
        </Title>
        {plans.length === 0 ? (
          <EmptyPanel
            icon={<IconCalendarRepeat size={24} stroke={1.5} />}
            title={t('customer.plans.emptyTitle')}
            description={t('customer.plans.emptyText')}
            headingOrder={3}
            actions={
              <Button variant="default" size="xs" onClick={onPlan}>
                {t('customer.actions.plan')}
              </Button>
            }
          />
        ) : (
          <Stack gap="sm">
            {[...plans].reverse().map((p) => (
              <PlanCard key={p.id} plan={p} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
