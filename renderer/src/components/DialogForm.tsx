import { Alert, Button, Group, Modal, type ModalProps, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dialog that is one form: a dimmed hint, its fields, the error of the last attempt (an alert),
 * then Cancel and the submit button. Enter submits; the caller decides what submitting does, when
 * the button spins (`busy`) and when it is enabled (`canSubmit`).
 */
export function DialogForm({
  opened,
  onClose,
  title,
  size,
  closeLabel,
  hint,
  error,
  onSubmit,
  submitLabel,
  submitColor,
  busy,
  canSubmit = true,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalProps['size'];
  /** The accessible name of the dialog's close button (Mantine's own when absent). */
  closeLabel?: string;
  hint?: ReactNode;
  error?: string | null;
  onSubmit: () => void;
  submitLabel: string;
  submitColor?: string;
  busy: boolean;
  canSubmit?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={closeLabel === undefined ? undefined : { 'aria-label': closeLabel }}
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {hint ? (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          ) : null}
          {children}
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!canSubmit} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
