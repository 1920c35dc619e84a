import { Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { WorklistTask } from '../../../../shared/api/contract.ts';
import { type Formatters, useFormat } from '../../format.ts';
import { isTaskType } from './taskTypes.ts';

type Factor = WorklistTask['priorityFactors'][number];

const FACTOR_NAMES = [
  'overdueAmount',
  'daysOverdue',
  'band',
  'brokenPromises',
  'keyAccount',
  'stepSeverity',
] as const;
type FactorName = (typeof FACTOR_NAMES)[number];

function isFactorName(name: string): name is FactorName {
  return (FACTOR_NAMES as readonly string[]).includes(name);
}

export function factorLabel(t: TFunction, name: string): string {
  return isFactorName(name) ? t(`tasks.factors.${name}`) : name;
}

/** A factor's value in words: an amount, days, a band, yes/no, the step's kind. */
export function factorValue(t: TFunction, f: Formatters, factor: Factor): string {
  const v = factor.value;
  if (typeof v === 'boolean') return v ? t('tasks.yes') : t('tasks.no');
  if (factor.name === 'overdueAmount' && typeof v === 'number') return f.money(v);
  if (factor.name === 'daysOverdue' && typeof v === 'number')
    return t('tasks.days', { count: v, days: f.number(v) });
  if (factor.name === 'stepSeverity' && typeof v === 'string') {
    const [kind, extra] = v.split('+');
    const base =
      kind === 'promise_broken'
        ? t('tasks.promiseBroken')
        : kind && isTaskType(kind)
          ? t(`tasks.types.${kind}`)
          : v;
    return extra ? `${base} + ${t('tasks.escalation')}` : base;
  }
  return typeof v === 'number' ? f.number(v) : v;
}

/** How a priority was computed: each factor, its value and the points it adds. */
export function PriorityFactors({ task, compact = false }: { task: WorklistTask; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table
      withRowBorders={!compact}
      verticalSpacing={compact ? 1 : 4}
      horizontalSpacing={6}
      fz="xs"
      styles={
        compact ? { td: { color: 'inherit', border: 0 }, th: { color: 'inherit', border: 0 } } : undefined
      }
      aria-label={t('tasks.priorityOf', { priority: task.priority })}
    >
      <Table.Tbody>
        {task.priorityFactors.map((factor) => (
          <Table.Tr key={factor.name}>
            <Table.Td>{factorLabel(t, factor.name)}</Table.Td>
            <Table.Td c={compact ? undefined : 'dimmed'} ta="right" className="num">
              {factorValue(t, f, factor)}
            </Table.Td>
            <Table.Td ta="right" className="num">
              {factor.points > 0 ? `+${f.number(factor.points)}` : f.number(factor.points)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={2}>
            <Text span size="xs" fw={600}>
              {t('tasks.priority')}
            </Text>
          </Table.Th>
          <Table.Th ta="right" className="num">
            {f.number(task.priority)}
          </Table.Th>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
