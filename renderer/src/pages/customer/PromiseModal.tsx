import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { FormModal } from './FormModal.tsx';
import { newRow, PromiseRows, rowProblems } from './PromiseRows.tsx';
import type { DatedAmount } from './types.ts';
import { useProfileAction } from './useProfileAction.ts';

/** A promise to pay without a contact to log (a letter, a message left by the customer). */
export function PromiseModal({
  opened,
  onClose,
  code,
  today,
}: {
  opened: boolean;
  onClose: () => void;
  code: string;
  today: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const act = useProfileAction();
  const [rows, setRows] = useState<DatedAmount[]>([newRow()]);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (opened) {
      setRows([newRow()]);
      setShown(false);
    }
  }, [opened]);
  const submit = async () => {
    setShown(true);
    if (rowProblems(rows, today).size > 0) return false;
    const amount = rows.reduce((s, r) => s + (r.cents ?? 0), 0);
    const r = await act(
      'promises.add',
      { code, installments: rows.map((x) => ({ date: x.date ?? '', cents: x.cents ?? 0 })) },
      t('customer.promise.saved'),
      t('customer.contact.savedPromise', {
        count: rows.length,
        total: f.number(rows.length),
        amount: f.money(amount),
      }),
    );
    return r.ok;
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('customer.promise.title')}
      size="lg"
      onSubmit={submit}
      hint={t('customer.promise.hint')}
      submitLabel={t('customer.promise.save')}
    >
      <PromiseRows rows={rows} onChange={setRows} today={today} showErrors={shown} />
    </FormModal>
  );
}
