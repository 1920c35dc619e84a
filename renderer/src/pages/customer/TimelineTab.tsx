import { Badge, Chip, Group, Table, Text, ThemeIcon } from '@mantine/core';
import { IconTimeline } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { KIND_COLOR, KIND_ICON } from './kindIcons.tsx';
import { timelineDetail, timelineTitle } from './timelineText.ts';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from './types.ts';

/** Everything that happened with the customer, newest first, filterable by kind. */
export function TimelineTab({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const counts = useMemo(() => {
    const m = new Map<TimelineKind, number>();
    for (const e of entries) m.set(e.kind, (m.get(e.kind) ?? 0) + 1);
    return m;
  }, [entries]);
  const present = TIMELINE_KINDS.filter((k) => counts.has(k));
  const shown = kinds.length === 0 ? entries : entries.filter((e) => kinds.includes(e.kind));

  if (entries.length === 0) {
    return (
      <EmptyPanel
        icon={<IconTimeline size={26} stroke={1.5} />}
        title={t('customer.timeline.emptyTitle')}
        description={t('customer.timeline.emptyText')}
        headingOrder={3}
      />
    );
  }
  return (
    <>
      <Group gap={6} mb="sm" role="group" aria-label={t('customer.timeline.filter')}>
        <Chip size="xs" checked={kinds.length === 0} onChange={() => setKinds([])} variant="light">
          {t('customer.timeline.all', { count: entries.length })}
        </Chip>
        <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as TimelineKind[])}>
          {present.map((k) => (
            <Chip key={k} value={k} size="xs" variant="light">
              {t(`customer.timeline.kinds.${k}`)} {counts.get(k)}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      <Table aria-label={t('customer.timeline.tableLabel')} className="dense-table timeline-table" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('customer.timeline.date')}</Table.Th>
            <Table.Th w={150}>{t('customer.timeline.kind')}</Table.Th>
            <Table.Th>{t('customer.timeline.what')}</Table.Th>
            <Table.Th w={140} ta="right">
              {t('customer.timeline.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((e, i) => {
            const Icon = KIND_ICON[e.kind];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the order is stable per load.
              <Table.Tr key={`${e.date}-${e.kind}-${i}`} data-kind={e.kind}>
                <Table.Td className="num">{f.date(e.date)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ThemeIcon size={20} variant="light" color={KIND_COLOR[e.kind]} aria-hidden>
                      <Icon size={13} stroke={1.8} />
                    </ThemeIcon>
                    <Text size="sm" span>
                      {t(`customer.timeline.kinds.${e.kind}`)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" span fw={500}>
                    {timelineTitle(e, t, f)}
                  </Text>
                  {e.detail ? (
                    <Text size="xs" c="dimmed" className="wrap-anywhere">
                      {timelineDetail(e.detail, t)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {e.amountCents === null ? (
                    ''
                  ) : (
                    <Text span size="sm" c={e.kind === 'reversal' ? semantic.overdue : undefined}>
                      {f.money(e.amountCents)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('customer.timeline.noneOfKind')}
        </Text>
      ) : null}
      {kinds.length > 0 ? (
        <Badge variant="transparent" color="gray" mt={4}>
          {t('customer.timeline.shown', { shown: shown.length, total: entries.length })}
        </Badge>
      ) : null}
    </>
  );
}
