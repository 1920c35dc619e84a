import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { ConfirmActionModal } from './ConfirmActionModal.tsx';

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
    <ConfirmActionModal
      opened={opened}
      onClose={onClose}
      title={t('imports.confirmClosuresTitle', { count: closed, total: f.number(closed) })}
      actionLabel={t('imports.confirmClosuresAction', { count: closed, total: f.number(closed) })}
      onConfirm={onConfirm}
    >
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
    </ConfirmActionModal>
  );
}
