import { Group, Text, Tooltip } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/hooks.ts';
import { useFormat } from '../format.ts';

/** The ledger's as-of date: the latest import in force, else today. */
export function AsOfBadge() {
  const { t } = useTranslation();
  const f = useFormat();
  const info = useApiQuery('system.info', {});
  const asOf = info.data ? (info.data.ledgerAsOf ?? info.data.today) : null;
  const fromImport = Boolean(info.data?.ledgerAsOf);
  return (
    <Tooltip label={fromImport ? t('header.asOfFromImport') : t('header.asOfToday')}>
      <Group gap={6} wrap="nowrap" className="asof" data-testid="ledger-as-of">
        <IconCalendarEvent size={16} stroke={1.5} aria-hidden />
        <Text size="sm" c="dimmed">
          {t('header.asOf')}
        </Text>
        <Text size="sm" fw={600} className="num">
          {asOf ? f.date(asOf) : '…'}
        </Text>
      </Group>
    </Tooltip>
  );
}
