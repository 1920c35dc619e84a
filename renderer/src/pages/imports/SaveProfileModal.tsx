import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the current mapping so the next file with the same headers uses it automatically. */
export function SaveProfileModal({
  opened,
  initialName,
  onSave,
  onClose,
}: {
  opened: boolean;
  initialName: string;
  onSave: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (opened) setName(initialName);
  }, [opened, initialName]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('imports.saveProfileTitle')} size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaving(true);
          onSave(name.trim()).finally(() => setSaving(false));
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('imports.saveProfileText')}
          </Text>
          <TextInput
            label={t('imports.profileName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={80}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
