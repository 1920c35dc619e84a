import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dialog of the customer profile that is one form: its fields, then Cancel and the submit
 * button. Enter submits; the button spins while `onSubmit` saves, and the dialog closes when it
 * answers true (saved); false leaves it open (a field to correct, or the error notified).
 */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  onSubmit,
  submitLabel,
  submitColor,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size: ModalProps['size'];
  onSubmit: () => Promise<boolean>;
  submitLabel: string;
  submitColor?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const saved = await onSubmit();
    setBusy(false);
    if (saved) onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('customer.contact.close') }}
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
