import { ActionIcon, Badge, Divider, Group, Text, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/hooks.ts';
import { AsOfBadge } from './AsOfBadge.tsx';
import { Logo } from './Logo.tsx';
import { UserSelect } from './UserSelect.tsx';

export function Header({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const { t } = useTranslation();
  const settings = useApiQuery('settings.get', {});
  const demo = useApiQuery('demo.status', {});
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" className="header">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Logo />
        <Text fw={700} size="md" className="brand">
          Incasso
        </Text>
        {demo.data?.demo ? (
          <Tooltip label={t('demo.badgeHint')} multiline w={280}>
            <Badge color="orange" variant="filled" className="demo-badge">
              {t('demo.badge')}
            </Badge>
          </Tooltip>
        ) : null}
        {settings.data ? (
          <>
            <Divider orientation="vertical" />
            <Text size="sm" c="dimmed" truncate="end" title={settings.data.company.name}>
              {settings.data.company.name}
            </Text>
          </>
        ) : null}
      </Group>
      <Group gap="md" wrap="nowrap">
        <AsOfBadge />
        <Divider orientation="vertical" />
        <UserSelect />
        <Tooltip label={`${t('shortcuts.title')} (?)`}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('shortcuts.title')}
            onClick={onShowShortcuts}
          >
            <IconKeyboard size={18} stroke={1.5} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
