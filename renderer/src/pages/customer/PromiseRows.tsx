import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { DateField } from './DateField.tsx';
import { MoneyInput } from './MoneyInput.tsx';
import type { DatedAmount } from './types.ts';

let nextKey = 1;
export function newRow(date: string | null = null, cents: number | null = null): DatedAmount {
  nextKey += 1;
  return { key: nextKey, date, cents };
}

export type RowProblem = 'date' | 'past' | 'amount';

/** What is wrong with each row (a date from today on, an amount above zero). */
export function rowProblems(rows: DatedAmount[], today: string): Map<number, RowProblem[]> {
  const out = new Map<number, RowProblem[]>();
  for (const r of rows) {
    const p: RowProblem[] = [];
    if (!r.date) p.push('date');
    else if (r.date < today) p.push('past');
    if (r.cents === null || r.cents <= 0) p.push('amount');
    if (p.length) out.set(r.key, p);
  }
  return out;
}

/** The promised amounts, each with its date: a promise can be several dated amounts. */
export function PromiseRows({
  rows,
  onChange,
  today,
  showErrors,
}: {
  rows: DatedAmount[];
  onChange: (rows: DatedAmount[]) => void;
  today: string;
  showErrors: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const problems = rowProblems(rows, today);
  const total = rows.reduce((s, r) => s + (r.cents ?? 0), 0);
  const update = (key: number, patch: Partial<DatedAmount>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6} role="group" aria-label={t('customer.promise.rows')}>
      {rows.map((r, i) => {
        const p = showErrors ? (problems.get(r.key) ?? []) : [];
        return (
          <Group key={r.key} gap="xs" align="flex-start" wrap="nowrap">
            <DateField
              label={t('customer.promise.dateN', { n: i + 1 })}
              value={r.date}
              onChange={(date) => update(r.key, { date })}
              minDate={today}
              error={
                p.includes('date')
                  ? t('customer.promise.errors.date')
                  : p.includes('past')
                    ? t('customer.promise.errors.past')
                    : undefined
              }
              style={{ flex: 1 }}
              size="sm"
            />
            <MoneyInput
              label={t('customer.promise.amountN', { n: i + 1 })}
              value={r.cents}
              onChange={(cents) => update(r.key, { cents })}
              error={p.includes('amount') ? t('customer.promise.errors.amount') : undefined}
              style={{ flex: 1 }}
            />
            <Tooltip label={t('customer.promise.removeRow')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={26}
                aria-label={t('customer.promise.removeRowN', { n: i + 1 })}
                disabled={rows.length === 1}
                onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
              >
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          </Group>
        );
      })}
      <Group justify="space-between">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, newRow()])}
          disabled={rows.length >= 24}
        >
          {t('customer.promise.addRow')}
        </Button>
        <Text size="sm" className="num" data-testid="promise-total">
          {t('customer.promise.total', { amount: f.money(total) })}
        </Text>
      </Group>
    </Stack>
  );
}
