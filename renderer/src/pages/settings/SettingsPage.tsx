import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../state/session.tsx';
import { AboutSettings } from './AboutSettings.tsx';
import { AppearanceSettings } from './AppearanceSettings.tsx';
import { BackupsSettings } from './BackupsSettings.tsx';
import { CompanySettings } from './CompanySettings.tsx';
import { LetterheadSettings } from './letters/LetterheadSettings.tsx';
import { MailSettings } from './letters/MailSettings.tsx';
import { RatesSettings } from './letters/RatesSettings.tsx';
import { TemplatesEditor } from './letters/TemplatesEditor.tsx';
import { SafetyLinks } from './SafetyLinks.tsx';
import { UsersSettings } from './UsersSettings.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" verticalSpacing="md" style={{ alignItems: 'start' }}>
        <Stack gap="md">
          <AppearanceSettings />
          <CompanySettings />
          <LetterheadSettings />
          <MailSettings />
          <AboutSettings />
        </Stack>
        <Stack gap="md">
          <UsersSettings />
          <RatesSettings />
          <BackupsSettings />
          <SafetyLinks />
        </Stack>
      </SimpleGrid>
      <TemplatesSection />
    </div>
  );
}

/** The template editor is for managers (templates.save); others read templates in the letters. */
function TemplatesSection() {
  const { canCall } = useSession();
  if (!canCall('templates.save')) return null;
  return (
    <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
      <TemplatesEditor />
    </div>
  );
}
