import type { ModalProps } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';

/**
 * A dialog of the customer profile that is one form: a dimmed hint, its fields, then Cancel and
 * the submit button. Enter submits; the button spins while `onSubmit` saves, and the dialog
 * closes when it answers true (saved); false leaves it open (a field to correct, or the error
 * notified).
 */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  hint,
  onSubmit,
  submitLabel,
  submitColor,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size: ModalProps['size'];
  hint?: string;
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
    <DialogForm
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeLabel={t('customer.contact.close')}
      hint={hint}
      onSubmit={() => void submit()}
      submitLabel={submitLabel}
      submitColor={submitColor}
      busy={busy}
    >
      {children}
    </DialogForm>
  );
}
