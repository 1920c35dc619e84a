import { Button, Stack, Text } from '@mantine/core';
import { IconListDetails, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../state/session.tsx';
import { SettingsSection } from './SettingsSection.tsx';

/** A button that opens a page of its own, with a line on what is there. */
function PageLink({ to, icon, label, hint }: { to: string; icon: ReactNode; label: string; hint: string }) {
  return (
    <Stack gap={2}>
      <Button component={Link} to={to} variant="light" leftSection={icon}>
        {label}
      </Button>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

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
          <PageLink
            to="/settings/audit"
            icon={<IconListDetails size={16} />}
            label={t('audit.open')}
            hint={t('audit.openHint')}
          />
        ) : null}
        {gdpr ? (
          <PageLink
            to="/settings/privacy"
            icon={<IconShieldLock size={16} />}
            label={t('gdpr.open')}
            hint={t('gdpr.openHint')}
          />
        ) : null}
      </Stack>
    </SettingsSection>
  );
}
