import { Group, SegmentedControl, Stack, Text, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage } from '../../i18n/index.ts';
import { SettingsSection } from './SettingsSection.tsx';

/** Language and theme of this machine (remembered locally). */
export function AppearanceSettings() {
  const { t, i18n } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SettingsSection title={t('settings.appearance')} description={t('settings.appearanceHint')}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" id="language-label">
            {t('settings.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="language-label"
            value={isLanguage(i18n.language) ? i18n.language : 'it'}
            onChange={(value) => {
              if (isLanguage(value)) void setLanguage(value);
            }}
            data={[
              { value: 'it', label: 'Italiano' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" id="theme-label">
            {t('settings.theme')}
          </Text>
          <SegmentedControl
            aria-labelledby="theme-label"
            value={colorScheme}
            onChange={(value) => {
              if (value === 'light' || value === 'dark' || value === 'auto') setColorScheme(value);
            }}
            data={[
              { value: 'light', label: t('settings.themeLight') },
              { value: 'dark', label: t('settings.themeDark') },
              { value: 'auto', label: t('settings.themeAuto') },
            ]}
          />
        </Group>
      </Stack>
    </SettingsSection>
  );
}
