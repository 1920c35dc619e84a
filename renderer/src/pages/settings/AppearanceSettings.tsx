import { Group, SegmentedControl, Stack, Text, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage } from '../../i18n/index.ts';
import { SettingsSection } from './SettingsSection.tsx';

/** A setting chosen among a few values: its name, then the choices side by side. */
function ChoiceRow<V extends string>({
  id,
  label,
  value,
  onChange,
  data,
}: {
  id: string;
  label: string;
  value: V;
  onChange: (value: V) => void;
  data: { value: V; label: string }[];
}) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" id={id}>
        {label}
      </Text>
      <SegmentedControl<V> aria-labelledby={id} value={value} onChange={onChange} data={data} />
    </Group>
  );
}

/** Language and theme of this machine (remembered locally). */
export function AppearanceSettings() {
  const { t, i18n } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SettingsSection title={t('settings.appearance')} description={t('settings.appearanceHint')}>
      <Stack gap="sm">
        <ChoiceRow
          id="language-label"
          label={t('settings.language')}
          value={isLanguage(i18n.language) ? i18n.language : 'it'}
          onChange={(value) => void setLanguage(value)}
          data={[
            { value: 'it', label: 'Italiano' },
            { value: 'en', label: 'English' },
          ]}
        />
        <ChoiceRow
          id="theme-label"
          label={t('settings.theme')}
          value={colorScheme}
          onChange={setColorScheme}
          data={[
            { value: 'light', label: t('settings.themeLight') },
            { value: 'dark', label: t('settings.themeDark') },
            { value: 'auto', label: t('settings.themeAuto') },
          ]}
        />
      </Stack>
    </SettingsSection>
  );
}
