import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';

/** Asks once, with the count, before a snapshot closes most of the open items. */
export function ConfirmClosuresModal({
  opened,
  closed,
  paymentsCents,
  asOf,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  closed: number;
  paymentsCents: number;
  asOf: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('imports.confirmClosuresTitle', { count: closed, total: f.number(closed) })}
      size="md"
    >
      <Stack gap="sm">
        <Text size="sm">
          {t('imports.confirmClosuresText', {
            count: closed,
            total: f.number(closed),
            date: f.date(asOf),
            payments: f.money(paymentsCents),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('imports.confirmClosuresHint')}
        </Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm}>
            {t('imports.confirmClosuresAction', { count: closed, total: f.number(closed) })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
