import { Anchor, Group } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The way back to Settings from a page opened there (the audit trail, data protection). */
export function BackToSettings() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/settings" size="sm">
      <Group gap={4}>
        <IconChevronLeft size={14} />
        {t('nav.settings')}
      </Group>
    </Anchor>
  );
}
