import { Button, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useDraft } from '../../state/draft.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { SettingsSection } from './SettingsSection.tsx';

/** The company name shown in the header and, later, on letters. */
export function CompanySettings() {
  const { t } = useTranslation();
  const api = useApi();
  const { canCall } = useSession();
  const ledger = useLedger();
  const settings = useApiQuery('settings.get', {});
  const [draft, setName, reset] = useDraft(settings.data?.company.name ?? null);
  const name = draft ?? '';
  const [saving, whileSaving] = useBusyAction();
  const canEdit = canCall('settings.set');

  const save = () =>
    whileSaving(async () => {
      await api.call('settings.set', { values: { 'company.name': name.trim() } });
      notifySuccess(t('settings.companySaved'));
      reset();
      // The header shows the company name: let every view refresh.
      ledger.changed();
    });

  return (
    <SettingsSection
      title={t('settings.company')}
      description={canEdit ? t('settings.companyHint') : t('settings.companyReadOnly')}
    >
      {settings.error ? <ErrorState error={settings.error} onRetry={settings.reload} /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            label={t('settings.companyName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            disabled={!canEdit}
            maxLength={200}
            style={{ flex: 1 }}
          />
          {canEdit ? (
            <Button
              type="submit"
              loading={saving}
              disabled={!name.trim() || name.trim() === settings.data?.company.name}
            >
              {t('common.save')}
            </Button>
          ) : null}
        </Group>
      </form>
    </SettingsSection>
  );
}
