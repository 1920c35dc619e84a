import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asks before an import step that is hard to take back (closing most open items, undoing a
 * batch): what it will do, then Cancel (focused, the safe choice) and the red action.
 */
export function ConfirmActionModal({
  opened,
  onClose,
  title,
  actionLabel,
  actionIcon,
  busy,
  onConfirm,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  actionLabel: string;
  actionIcon?: ReactNode;
  busy?: boolean;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="md">
      <Stack gap="sm">
        {children}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy} leftSection={actionIcon}>
            {actionLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
