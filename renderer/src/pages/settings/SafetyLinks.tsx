import { Button, Stack, Text } from '@mantine/core';
import { IconListDetails, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../state/session.tsx';
import { SettingsSection } from './SettingsSection.tsx';

/** The way to the audit trail and the data-protection tools (pages of their own). */
export function SafetyLinks() {
  const { t } = useTranslation();
  const { canCall } = useSession();
  const audit = canCall('audit.list');
  const gdpr = canCall('gdpr.retention');
  if (!audit && !gdpr) return null;
  return (
    <SettingsSection title={t('backups.settingsLinks')} description={t('backups.settingsLinksHint')}>
      <Stack gap="sm" align="flex-start">
        {audit ? (
          <Stack gap={2}>
            <Button
              component={Link}
              to="/settings/audit"
              variant="light"
              leftSection={<IconListDetails size={16} />}
            >
              {t('audit.open')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('audit.openHint')}
            </Text>
          </Stack>
        ) : null}
        {gdpr ? (
          <Stack gap={2}>
            <Button
              component={Link}
              to="/settings/privacy"
              variant="light"
              leftSection={<IconShieldLock size={16} />}
            >
              {t('gdpr.open')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('gdpr.openHint')}
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </SettingsSection>
  );
}
