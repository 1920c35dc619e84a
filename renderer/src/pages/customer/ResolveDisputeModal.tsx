import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (dispute) {
      setOutcome('in_favour');
      setNote('');
    }
  }, [dispute]);
  if (!dispute) return null;
  const submit = async () => {
    setBusy(true);
    const r = await act(
      'disputes.resolve',
      { id: dispute.id, outcome, ...(note.trim() ? { note: note.trim() } : {}) },
      t('customer.disputes.resolved'),
      t(`customer.disputes.outcomeHint.${outcome}`),
    );
    setBusy(false);
    if (r.ok) onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('customer.contact.close') }}
      opened
      onClose={onClose}
      title={t('customer.disputes.resolveTitle', { docs: dispute.documents.join(', ') })}
      size="md"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('customer.disputes.resolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
