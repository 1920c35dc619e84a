import { Button, SimpleGrid, Stack } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NotificationsSettings } from '../notify/NotificationsSettings.tsx';
import { AboutSettings } from './AboutSettings.tsx';
import { AppearanceSettings } from './AppearanceSettings.tsx';
import { BackupsSettings } from './BackupsSettings.tsx';
import { CompanySettings } from './CompanySettings.tsx';
import { LetterheadSettings } from './letters/LetterheadSettings.tsx';
import { MailSettings } from './letters/MailSettings.tsx';
import { RatesSettings } from './letters/RatesSettings.tsx';
import { SafetyLinks } from './SafetyLinks.tsx';
import { UsersSettings } from './UsersSettings.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page">
      <PageHeader
        title={t('settings.title')}
        description={t('settings.subtitle')}
        actions={
          <Button
            variant="default"
            leftSection={<IconListCheck size={16} />}
            onClick={() => navigate('/setup')}
          >
            {t('palette.pages.setup')}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" verticalSpacing="md" style={{ alignItems: 'start' }}>
        <Stack gap="md">
          <AppearanceSettings />
          <CompanySettings />
          <LetterheadSettings />
          <MailSettings />
          <NotificationsSettings />
          <AboutSettings />
        </Stack>
        <Stack gap="md">
          <UsersSettings />
          <RatesSettings />
          <BackupsSettings />
          <SafetyLinks />
        </Stack>
      </SimpleGrid>
    </div>
  );
}
