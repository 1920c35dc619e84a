import { Badge, Group, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks.ts';
import { useFormat } from '../../format.ts';
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
  const locale = localeOf(f.language).intl;
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
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
            {t('customer.rating.summary', {
              base: f.number(r.base),
              score: r.score,
              class: r.class,
              confidence: t(`customer.rating.confidence.${r.confidence}`),
            })}
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
                  <Table.Td>
                    <Text size="xs">{t(`customer.rating.factors.${x.name}`)}</Text>
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text size="xs" c="dimmed">
                      {x.value === null ? '—' : one.format(x.value)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text
                      size="xs"
                      fw={600}
                      c={x.points > 0 ? semantic.ok : x.points < 0 ? semantic.overdue : 'dimmed'}
                    >
                      {signed.format(x.points)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
