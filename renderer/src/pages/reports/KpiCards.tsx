/**
 * The KPI cards: each figure with its change against the previous period (green when for the
 * better, red when for the worse), how it is computed behind a "?", why it is missing when the
 * data cannot support it, and — for figures made of customers — a click that lists them.
 */
import { ActionIcon, Badge, Group, Paper, Popover, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconHelpCircle, IconMinus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillFigureName, KpisView } from '../../../../shared/api/contracts/reports.ts';
import { semantic } from '../../theme.ts';
import { BETTER, type Change, changeOf, type OnDrill } from './reportModel.ts';
import { type ReportFormatters, useReportFormat } from './useReportFormat.ts';

export type CardName =
  | 'dso'
  | 'cei'
  | 'overdue'
  | 'receivables'
  | 'inCollection'
  | 'recoveryRate'
  | 'avgDaysLate'
  | 'payments';

type Unit = 'days' | 'ratio' | 'money';

interface CardDef {
  name: CardName;
  unit: Unit;
  value: (k: KpisView) => number | null;
  reason?: keyof KpisView['reasons'];
  drill?: DrillFigureName;
}

export const CARDS: CardDef[] = [
  { name: 'dso', unit: 'days', value: (k) => k.dso, reason: 'dso', drill: 'sales' },
  { name: 'overdue', unit: 'money', value: (k) => k.overdueCents, reason: 'aging', drill: 'overdue' },
  { name: 'cei', unit: 'ratio', value: (k) => k.cei, reason: 'cei', drill: 'payments' },
  {
    name: 'inCollection',
    unit: 'money',
    value: (k) => k.inCollectionCents,
    reason: 'aging',
    drill: 'openCases',
  },
  {
    name: 'receivables',
    unit: 'money',
    value: (k) => k.receivablesCents,
    reason: 'aging',
    drill: 'receivables',
  },
  {
    name: 'recoveryRate',
    unit: 'ratio',
    value: (k) => k.recoveryRate,
    reason: 'recoveryRate',
    drill: 'collected',
  },
  { name: 'avgDaysLate', unit: 'days', value: (k) => k.avgDaysLate, reason: 'avgDaysLate', drill: 'late' },
  { name: 'payments', unit: 'money', value: (k) => k.payments.amountCents, drill: 'payments' },
];

function ChangeBadge({
  change,
  unit,
  previousName,
}: {
  change: Change | null;
  unit: Unit;
  previousName: string;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  if (!change) {
    return (
      <Text size="xs" c="dimmed" data-testid="kpi-change">
        {t('reports.change.none', { period: previousName })}
      </Text>
    );
  }
  const delta =
    unit === 'money'
      ? f.money(change.delta)
      : unit === 'ratio'
        ? f.percent(change.delta)
        : t('reports.days', { value: f.decimal(change.delta) });
  const color = change.good === null ? 'gray' : change.good ? semantic.ok : semantic.overdue;
  const Icon =
    change.sign === 'up' ? IconArrowUpRight : change.sign === 'down' ? IconArrowDownRight : IconMinus;
  const label =
    change.sign === 'same'
      ? t('reports.change.same', { period: t('reports.vsPrevious', { period: previousName }) })
      : t(change.sign === 'up' ? 'reports.change.up' : 'reports.change.down', {
          delta,
          period: t('reports.vsPrevious', { period: previousName }),
        });
  const judgement =
    change.good === null ? '' : ` (${change.good ? t('reports.change.better') : t('reports.change.worse')})`;
  return (
    <Badge
      variant="light"
      color={color}
      size="sm"
      radius="sm"
      leftSection={<Icon size={12} aria-hidden />}
      className="num rp-change"
      data-testid="kpi-change"
      aria-label={`${label}${judgement}`}
    >
      {label}
    </Badge>
  );
}

function Explain({ name, label }: { name: CardName; label: string }) {
  const { t } = useTranslation();
  return (
    <Popover width={300} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={t('reports.howComputed', { name: label })}
        >
          <IconHelpCircle size={15} stroke={1.6} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs">{t(`reports.explain.${name}`)}</Text>
      </Popover.Dropdown>
    </Popover>
  );
}

function hintOf(name: CardName, k: KpisView, f: ReportFormatters, t: TFunction): string {
  const days = (d: number | null) => (d === null ? '—' : t('reports.days', { value: f.decimal(d) }));
  switch (name) {
    case 'dso':
      return t('reports.hint.dso', { best: days(k.bestPossibleDso), add: days(k.add) });
    case 'overdue':
      return t('reports.hint.overdue', { ratio: k.overdueRatio === null ? '—' : f.percent(k.overdueRatio) });
    case 'receivables':
      return t('reports.hint.receivables', { credits: f.money(Math.abs(k.creditsCents ?? 0)) });
    case 'inCollection':
      return t('reports.hint.inCollection', { count: k.openCases ?? 0 });
    case 'recoveryRate':
      return t('reports.hint.recoveryRate', {
        collected: f.money(k.collectedCents),
        entered: f.money(k.enteredCollectionCents),
      });
    case 'avgDaysLate':
      return t('reports.hint.avgDaysLate');
    case 'payments':
      return t('reports.hint.payments', { count: k.payments.count });
    case 'cei':
      return t('reports.hint.cei');
  }
}

export function KpiCards({
  kpis,
  previous,
  previousName,
  onDrill,
}: {
  kpis: KpisView;
  previous: KpisView | null;
  previousName: string;
  onDrill: OnDrill;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const format = (unit: Unit, v: number | null): string =>
    v === null
      ? '—'
      : unit === 'money'
        ? f.money(v)
        : unit === 'ratio'
          ? f.percent(v)
          : t('reports.days', { value: f.decimal(v) });
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" className="rp-cards">
      {CARDS.map((card) => {
        const label = t(`reports.kpi.${card.name}`);
        const value = card.value(kpis);
        const reason = card.reason && value === null ? kpis.reasons[card.reason] : undefined;
        const shown: ReactNode = (
          <Text size="xl" fw={650} className="num rp-value" component="span">
            {format(card.unit, value)}
          </Text>
        );
        return (
          <Paper key={card.name} p="md" className="rp-card" data-testid={`kpi-${card.name}`}>
            <Group justify="space-between" wrap="nowrap" gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4} id={`kpi-label-${card.name}`}>
                {label}
              </Text>
              <Explain name={card.name} label={label} />
            </Group>
            {card.drill && value !== null ? (
              <UnstyledButton
                className="rp-drill"
                onClick={() => onDrill(card.drill as DrillFigureName, label)}
              >
                {shown}
                {/* The name starts with the figure shown, then says what the click does. */}
                <span className="visually-hidden">{`, ${t('reports.open', { name: label })}`}</span>
              </UnstyledButton>
            ) : (
              shown
            )}
            <Text size="xs" c="dimmed" mt={2} lineClamp={2}>
              {reason ? t(`reports.reason.${reason.code}`) : hintOf(card.name, kpis, f, t)}
            </Text>
            <div className="rp-change-row">
              <ChangeBadge
                change={changeOf(
                  value,
                  previous ? card.value(previous) : null,
                  BETTER[card.name] ?? 'neutral',
                )}
                unit={card.unit}
                previousName={previousName}
              />
            </div>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
