import { Badge, Group, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { type Formatters, useFormat } from '../../format.ts';
import { localeOf } from '../../i18n/index.ts';
import { semantic } from '../../theme.ts';

/** Class colours by meaning: good payers green, the middle neutral, poor payers amber and red. */
export const CLASS_COLOR: Record<string, string> = {
  A: semantic.ok,
  B: semantic.ok,
  C: 'gray',
  D: semantic.dueSoon,
  E: semantic.overdue,
};

type Rating = NonNullable<MethodOutput<'ratings.get'>>;

/** How the score was reached, in a line: the base, the score and class, the confidence. */
export function ratingSummary(t: TFunction, f: Formatters, r: Rating): string {
  return t('customer.rating.summary', {
    base: f.number(r.base),
    score: r.score,
    class: r.class,
    confidence: t(`customer.rating.confidence.${r.confidence}`),
  });
}

/** The colour of a factor's points: green when they add, red when they take away. */
const pointsColor = (points: number) => (points > 0 ? semantic.ok : points < 0 ? semantic.overdue : 'dimmed');

/** A score factor's cells: its name, its value (one decimal) and the points it gives, signed. */
export function FactorCells({ factor: x, size }: { factor: Rating['factors'][number]; size: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const locale = localeOf(f.language).intl;
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return (
    <>
      <Table.Td>
        <Text size={size}>{t(`customer.rating.factors.${x.name}`)}</Text>
      </Table.Td>
      <Table.Td ta="right" className="num">
        <Text size={size} c="dimmed">
          {x.value === null ? '—' : one.format(x.value)}
        </Text>
      </Table.Td>
      <Table.Td ta="right" className="num">
        <Text size={size} fw={600} c={pointsColor(x.points)}>
          {signed.format(x.points)}
        </Text>
      </Table.Td>
    </>
  );
}

/**
 * The internal rating (score and class) in the header; opened, it explains the score factor by
 * factor. Shows nothing when the backend has no rating for the customer.
 */
export function RatingBadge({ code }: { code: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rating = useApiQuery('ratings.get', { code });
  const [opened, setOpened] = useState(false);
  const r = rating.data;
  if (!r || r.customerCode !== code) return null;
  const label = t('customer.rating.badge', { score: r.score, class: r.class });
  return (
    <Popover
      width={380}
      position="bottom-start"
      shadow="md"
      withArrow
      opened={opened}
      onChange={setOpened}
      onDismiss={() => setOpened(false)}
    >
      <Popover.Target>
        <UnstyledButton
          aria-label={t('customer.rating.explain', { score: r.score, class: r.class })}
          aria-expanded={opened}
          onClick={() => setOpened((o) => !o)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpened(false);
          }}
        >
          <Badge
            color={CLASS_COLOR[r.class] ?? 'gray'}
            variant="light"
            size="md"
            leftSection={<IconGauge size={12} />}
            data-testid="rating"
            style={{ cursor: 'pointer' }}
          >
            {label}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('customer.rating.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('customer.rating.computedOn', { date: f.date(r.computedOn) })}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {ratingSummary(t, f, r)}
          </Text>
          {r.previous ? (
            <Text size="xs" c="dimmed">
              {t('customer.rating.previous', {
                score: r.previous.score,
                class: r.previous.class,
                date: f.date(r.changedOn),
              })}
            </Text>
          ) : null}
          <Table className="dense-table" aria-label={t('customer.rating.factorsLabel')} verticalSpacing={3}>
            <Table.Tbody>
              {r.factors.map((x) => (
                <Table.Tr key={x.name}>
                  <FactorCells factor={x} size="xs" />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
