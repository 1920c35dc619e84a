import { Select, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import { DISPUTE_REASONS, type DisputeReason, type ItemsDialogProps, receivablesOf } from './types.ts';
import { useProfileAction } from './useProfileAction.ts';

/** Opens a dispute on one or more invoices: reason and note; disputed items leave dunning. */
export function DisputeModal({ opened, onClose, code, items, preselected, onDone }: ItemsDialogProps) {
  const { t } = useTranslation();
  const act = useProfileAction();
  const { receivables, disputed } = receivablesOf(items);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [reason, setReason] = useState<DisputeReason | null>(null);
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens.
  useEffect(() => {
    if (opened) {
      setSelected(new Set([...preselected].filter((id) => !disputed.has(id))));
      setReason(null);
      setNote('');
      setShown(false);
    }
  }, [opened]);
  const itemIds = [...selected].filter((id) => !disputed.has(id));
  const submit = async () => {
    setShown(true);
    if (itemIds.length === 0 || !reason) return false;
    const r = await act(
      'disputes.add',
      { code, itemIds, reason, ...(note.trim() ? { note: note.trim() } : {}) },
      t('customer.dispute.saved', { count: itemIds.length }),
      t('customer.dispute.savedText'),
    );
    if (r.ok) onDone();
    return r.ok;
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('customer.dispute.title')}
      size="lg"
      onSubmit={submit}
      hint={t('customer.dispute.hint')}
      submitLabel={t('customer.dispute.save')}
    >
      <ItemPicker
        items={receivables}
        selected={selected}
        onChange={setSelected}
        label={t('customer.dispute.items')}
        disabledIds={disputed}
        error={shown && itemIds.length === 0 ? t('customer.dispute.errors.items') : undefined}
      />
      <Select
        label={t('customer.dispute.reason')}
        data={DISPUTE_REASONS.map((r) => ({ value: r, label: t(`customer.reasons.${r}`) }))}
        value={reason}
        onChange={(v) => setReason(v as DisputeReason | null)}
        error={shown && !reason ? t('customer.dispute.errors.reason') : undefined}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('customer.dispute.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={4000}
      />
    </FormModal>
  );
}
