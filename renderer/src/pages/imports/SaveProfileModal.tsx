import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';

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
    <DialogForm
      opened={opened}
      onClose={onClose}
      title={t('imports.saveProfileTitle')}
      size="sm"
      hint={t('imports.saveProfileText')}
      onSubmit={() => {
        setSaving(true);
        onSave(name.trim()).finally(() => setSaving(false));
      }}
      submitLabel={t('common.save')}
      busy={saving}
      canSubmit={name.trim() !== ''}
    >
      <TextInput
        label={t('imports.profileName')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={80}
        data-autofocus
      />
    </DialogForm>
  );
}
