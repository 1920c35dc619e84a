import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { semantic } from '../../theme.ts';
import { FormModal } from './FormModal.tsx';
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
  useEffect(() => {
    if (opened) {
      setReason('');
      setShown(false);
    }
  }, [opened]);
  const invalid = reason.trim().length < 3;
  const submit = async () => {
    setShown(true);
    if (invalid) return false;
    const r = await act(
      'orderBlock.set',
      { code: customer.code, blocked: blocking, reason: reason.trim() },
      blocking ? t('customer.block.blocked') : t('customer.block.released'),
    );
    return r.ok;
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={blocking ? t('customer.block.titleBlock') : t('customer.block.titleRelease')}
      size="md"
      onSubmit={submit}
      submitLabel={blocking ? t('customer.block.confirmBlock') : t('customer.block.confirmRelease')}
      submitColor={blocking ? semantic.overdue : undefined}
    >
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
    </FormModal>
  );
}
