import { ActionIcon, Alert, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { DateField } from './DateField.tsx';
import { MoneyInput } from './MoneyInput.tsx';
import { newRow } from './PromiseRows.tsx';
import type { PlanCheck } from './planCheck.ts';
import type { DatedAmount } from './types.ts';

/** The proposed installments, each date and amount editable, with the live check of the total. */
export function ScheduleEditor({
  rows,
  onChange,
  check,
  principalCents,
  interestCents,
  today,
}: {
  rows: DatedAmount[];
  onChange: (rows: DatedAmount[]) => void;
  check: PlanCheck;
  principalCents: number;
  interestCents: number;
  today: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const update = (key: number, patch: Partial<DatedAmount>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const diff = check.differenceCents;
  return (
    <>
      <Table aria-label={t('customer.plan.scheduleLabel')} className="dense-table schedule-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>{t('customer.plans.n')}</Table.Th>
            <Table.Th>{t('customer.plans.date')}</Table.Th>
            <Table.Th>{t('customer.plans.amount')}</Table.Th>
            <Table.Th w={44}>
              <span className="visually-hidden">{t('customer.documents.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const dateProblem = check.badDates.get(r.key);
            return (
              <Table.Tr key={r.key}>
                <Table.Td className="num">{i + 1}</Table.Td>
                <Table.Td>
                  <DateField
                    aria-label={t('customer.plan.dateN', { n: i + 1 })}
                    value={r.date}
                    onChange={(date) => update(r.key, { date })}
                    minDate={today}
                    size="xs"
                    error={dateProblem ? t(`customer.plan.errors.${dateProblem}`) : undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <MoneyInput
                    aria-label={t('customer.plan.amountN', { n: i + 1 })}
                    value={r.cents}
                    onChange={(cents) => update(r.key, { cents })}
                    size="xs"
                    error={check.badAmounts.has(r.key) ? t('customer.promise.errors.amount') : undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('customer.promise.removeRow')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={t('customer.plan.removeN', { n: i + 1 })}
                      disabled={rows.length === 1}
                      onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt={4} mb="xs">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, newRow(null, null)])}
          disabled={rows.length >= 60}
        >
          {t('customer.plan.addInstallment')}
        </Button>
        <Text size="sm" className="num">
          {t('customer.plan.scheduled', { amount: f.money(check.scheduledCents) })}
        </Text>
      </Group>
      <Alert
        variant="light"
        color={diff === 0 ? semantic.ok : semantic.overdue}
        icon={diff === 0 ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        py={8}
        role="status"
        data-testid="plan-check"
        data-ok={diff === 0 || undefined}
      >
        <Text size="sm" className="num">
          {t('customer.plan.target', {
            target: f.money(check.targetCents),
            principal: f.money(principalCents),
            interest: f.money(interestCents),
          })}
        </Text>
        <Text size="sm" fw={600} className="num">
          {diff === 0
            ? t('customer.plan.balanced')
            : diff > 0
              ? t('customer.plan.tooMuch', { amount: f.money(diff) })
              : t('customer.plan.tooLittle', { amount: f.money(-diff) })}
        </Text>
      </Alert>
    </>
  );
}
