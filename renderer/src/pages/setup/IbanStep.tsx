/** The IBAN (and BIC) letters print in the payment box and encode in the payment QR code. */
import { Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidIban } from '../../../../shared/domain/epc.ts';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useDraft } from '../../state/draft.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';

export function IbanStep({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ledger = useLedger();
  const { canCall } = useSession();
  const canEdit = canCall('settings.set');
  const q = useApiQuery('settings.get', {});
  const [ibanDraft, setIban, resetIban] = useDraft(q.data?.company.iban ?? null);
  const [bicDraft, setBic, resetBic] = useDraft(q.data?.company.bic ?? null);
  const iban = ibanDraft ?? '';
  const bic = bicDraft ?? '';
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);

  const valid = isValidIban(iban);
  const save = async () => {
    setTried(true);
    if (!valid) return;
    setSaving(true);
    try {
      await api.call('settings.set', {
        values: {
          'company.iban': iban.replace(/\s+/g, '').toUpperCase(),
          'company.bic': bic.trim().toUpperCase(),
        },
      });
      notifySuccess(t('setup.iban.saved'));
      resetIban();
      resetBic();
      q.reload();
      ledger.changed();
      onSaved();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSaving(false);
    }
  };

  if (!canEdit)
    return (
      <Text size="sm" c="dimmed">
        {t('setup.askManager')}
      </Text>
    );
  return (
    <form
      aria-label={t('setup.steps.iban.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput
          label={t('setup.iban.label')}
          description={t('setup.iban.hint')}
          placeholder="IT60 X054 2811 1010 0000 0123 456"
          value={iban}
          onChange={(e) => setIban(e.currentTarget.value)}
          error={tried && !valid ? t('setup.iban.invalid') : null}
          w={360}
          classNames={{ input: 'num' }}
          data-testid="setup-iban"
        />
        <TextInput
          label={t('setup.iban.bic')}
          description={t('setup.iban.bicHint')}
          value={bic}
          onChange={(e) => setBic(e.currentTarget.value)}
          w={180}
        />
        <Button type="submit" mt={42} loading={saving}>
          {t('setup.iban.save')}
        </Button>
      </Group>
    </form>
  );
}
