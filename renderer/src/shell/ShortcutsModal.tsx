import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SECTIONS } from './sections.ts';

/** The `?` help sheet: every keyboard shortcut of the app. */
export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const rows: { keys: string[]; label: string }[] = [
    ...SECTIONS.map((s) => ({ keys: ['Alt', s.shortcut], label: t(`nav.${s.key}`) })),
    { keys: ['/'], label: t('shortcuts.search') },
    { keys: ['Ctrl', 'K'], label: t('palette.label') },
    { keys: ['↑', '↓', 'j', 'k'], label: t('worklist.shortcuts.move') },
    { keys: ['Enter'], label: t('worklist.shortcuts.open') },
    { keys: ['c'], label: t('worklist.shortcuts.complete') },
    { keys: ['s'], label: t('worklist.shortcuts.skip') },
    { keys: ['x'], label: t('worklist.shortcuts.select') },
    { keys: ['1…5'], label: t('worklist.shortcuts.outcome') },
    { keys: ['Ctrl', 'Enter'], label: t('worklist.shortcuts.confirm') },
    { keys: ['Ctrl', 'S'], label: t('policies.shortcutSave') },
    { keys: ['C', 'P', 'D', 'R', 'A'], label: t('customer.shortcuts.actions') },
    { keys: ['?'], label: t('shortcuts.help') },
    { keys: ['Esc'], label: t('shortcuts.close') },
  ];
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="sm">
      <Stack gap={6}>
        {rows.map((r) => (
          <Group key={r.label} justify="space-between" wrap="nowrap">
            <Text size="sm">{r.label}</Text>
            <Group gap={4} wrap="nowrap">
              {r.keys.map((k) => (
                <Kbd key={k} size="xs">
                  {k}
                </Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
