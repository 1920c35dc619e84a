import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { semantic } from '../../theme.ts';
import type { ProfileCustomer } from './types.ts';
import { useProfileAction } from './useProfileAction.ts';

/** A manager blocks the customer's orders (sales must not ship) or releases them, always with a reason. */
export function OrderBlockModal({
  opened,
  onClose,
  customer,
}: {
  opened: boolean;
  onClose: () => void;
  customer: ProfileCustomer;
}) {
  const { t } = useTranslation();
  const act = useProfileAction();
  const blocking = !customer.orderBlocked;
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setShown(false);
    }
  }, [opened]);
  const invalid = reason.trim().length < 3;
  const submit = async () => {
    setShown(true);
    if (invalid) return;
    setBusy(true);
    const r = await act(
      'orderBlock.set',
      { code: customer.code, blocked: blocking, reason: reason.trim() },
      blocking ? t('customer.block.blocked') : t('customer.block.released'),
    );
    setBusy(false);
    if (r.ok) onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('customer.contact.close') }}
      opened={opened}
      onClose={onClose}
      title={blocking ? t('customer.block.titleBlock') : t('customer.block.titleRelease')}
      size="md"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {blocking
              ? t('customer.block.textBlock', { name: customer.name })
              : t('customer.block.textRelease', {
                  name: customer.name,
                  reason: customer.orderBlockReason ?? '—',
                })}
          </Text>
          <Textarea
            label={t('customer.block.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={shown && invalid ? t('customer.block.reasonRequired') : undefined}
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={blocking ? semantic.overdue : undefined}>
              {blocking ? t('customer.block.confirmBlock') : t('customer.block.confirmRelease')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
