import { Radio, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal.tsx';
import type { DisputeOutcome, ProfileDispute } from './types.ts';
import { useProfileAction } from './useProfileAction.ts';

const OUTCOMES: readonly DisputeOutcome[] = ['in_favour', 'partial', 'rejected'];

/** Closes a dispute with its outcome: in favour (a credit note is expected), partially, or rejected (dunning resumes). */
export function ResolveDisputeModal({
  dispute,
  onClose,
}: {
  dispute: ProfileDispute | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const act = useProfileAction();
  const [outcome, setOutcome] = useState<DisputeOutcome>('in_favour');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (dispute) {
      setOutcome('in_favour');
      setNote('');
    }
  }, [dispute]);
  if (!dispute) return null;
  const submit = async () => {
    const r = await act(
      'disputes.resolve',
      { id: dispute.id, outcome, ...(note.trim() ? { note: note.trim() } : {}) },
      t('customer.disputes.resolved'),
      t(`customer.disputes.outcomeHint.${outcome}`),
    );
    return r.ok;
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('customer.disputes.resolveTitle', { docs: dispute.documents.join(', ') })}
      size="md"
      onSubmit={submit}
      submitLabel={t('customer.disputes.resolve')}
    >
      <Radio.Group
        label={t('customer.disputes.outcome')}
        value={outcome}
        onChange={(v) => setOutcome(v as DisputeOutcome)}
      >
        <Stack gap={6} mt={4}>
          {OUTCOMES.map((o) => (
            <Radio
              key={o}
              value={o}
              label={t(`customer.disputes.outcomes.${o}`)}
              description={t(`customer.disputes.outcomeHint.${o}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('customer.disputes.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={4000}
      />
      <Text size="xs" c="dimmed">
        {t('customer.disputes.resolveHint')}
      </Text>
    </FormModal>
  );
}
