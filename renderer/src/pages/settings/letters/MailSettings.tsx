import {
  Alert,
  Button,
  Group,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../../shared/api/contracts/settings.ts';
import { useApi } from '../../../api/context.tsx';
import { useApiQuery } from '../../../api/hooks.ts';
import { notifySuccess } from '../../../components/notify.tsx';
import { useBusyAction } from '../../../components/useBusyAction.ts';
import { useDraft } from '../../../state/draft.ts';
import { useSession } from '../../../state/session.tsx';
import { SettingsForm } from './SettingsForm.tsx';

type Account = 'smtp' | 'pec';
interface Draft {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  from: string;
}

const draftOf = (v: SettingsView, a: Account): Draft => ({
  host: v[a].host,
  port: v[a].port,
  secure: v[a].secure,
  user: v[a].user,
  from: v[a].from,
});

/** The two mail accounts: ordinary e-mail (SMTP) and PEC. The password is write-only. */
export function MailSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const { canCall } = useSession();
  const canEdit = canCall('settings.set');
  const q = useApiQuery('settings.get', {}, { watchLedger: false });
  const [account, setAccount] = useState<Account>('smtp');
  const savedDraft = useMemo(() => (q.data ? draftOf(q.data, account) : null), [q.data, account]);
  const [draft, setDraft, resetDraft] = useDraft(savedDraft);
  const [password, setPassword] = useState('');
  const [saving, whileSaving] = useBusyAction();
  const [verify, setVerify] = useState<{ ok: boolean; message: string } | null>(null);
  const [verifying, whileVerifying] = useBusyAction();

  // Another account is another form: start again from what that account has saved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on the account switch only
  useEffect(() => {
    resetDraft();
    setPassword('');
    setVerify(null);
  }, [account, resetDraft]);

  const saved = q.data?.[account];
  const changed =
    saved && draft ? (Object.keys(draft) as (keyof Draft)[]).filter((k) => draft[k] !== saved[k]) : [];

  const save = async () => {
    if (!draft) return;
    await whileSaving(async () => {
      if (changed.length > 0) {
        const values: Record<string, string | number | boolean> = {};
        for (const k of changed)
          values[`${account}.${k}`] = typeof draft[k] === 'string' ? draft[k].trim() : draft[k];
        await api.call('settings.set', { values });
      }
      if (password !== '') await api.call('settings.setPassword', { account, password });
      setPassword('');
      setVerify(null);
      notifySuccess(t('letterSettings.saved'));
      resetDraft();
      q.reload();
    });
  };

  const test = () =>
    whileVerifying(async () => {
      setVerify(await api.call('mail.verify', { account }));
    });

  const text = (k: 'host' | 'user' | 'from', placeholder?: string) => (
    <TextInput
      label={t(`letterSettings.mail.${k}`)}
      value={draft?.[k] ?? ''}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setDraft((d) => (d ? { ...d, [k]: v } : d));
      }}
      disabled={!canEdit}
      placeholder={placeholder}
      size="xs"
      maxLength={300}
    />
  );

  return (
    <SettingsForm
      title={t('letterSettings.mail.title')}
      description={t('letterSettings.mail.hint')}
      error={q.error}
      onRetry={q.reload}
      onSubmit={() => void save()}
    >
      <SegmentedControl
        size="xs"
        value={account}
        onChange={(v) => setAccount(v === 'pec' ? 'pec' : 'smtp')}
        data={[
          { value: 'smtp', label: t('letterSettings.mail.smtp') },
          { value: 'pec', label: t('letterSettings.mail.pec') },
        ]}
        aria-label={t('letterSettings.mail.account')}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <div style={{ gridColumn: 'span 2' }}>
          {text('host', account === 'pec' ? 'smtps.pec.aruba.it' : 'smtp.example.it')}
        </div>
        <NumberInput
          label={t('letterSettings.mail.port')}
          value={draft?.port ?? ''}
          onChange={(v) => setDraft((d) => (d && typeof v === 'number' ? { ...d, port: v } : d))}
          min={1}
          max={65535}
          allowDecimal={false}
          disabled={!canEdit}
          size="xs"
        />
      </SimpleGrid>
      <Switch
        size="xs"
        label={t('letterSettings.mail.secure')}
        checked={draft?.secure ?? false}
        onChange={(e) => {
          const v = e.currentTarget.checked;
          setDraft((d) => (d ? { ...d, secure: v } : d));
        }}
        disabled={!canEdit}
      />
      <SimpleGrid cols={2} spacing="xs">
        {text('user')}
        {text('from', account === 'pec' ? 'crediti@pec.azienda.it' : 'Ufficio crediti <crediti@azienda.it>')}
      </SimpleGrid>
      {canEdit ? (
        <PasswordInput
          label={t('letterSettings.mail.password')}
          description={
            saved?.password ? t('letterSettings.mail.passwordSet') : t('letterSettings.mail.passwordNone')
          }
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
          size="xs"
          maxLength={1000}
        />
      ) : (
        <Text size="xs" c="dimmed">
          {saved?.password ? t('letterSettings.mail.passwordSet') : t('letterSettings.mail.passwordNone')}
        </Text>
      )}
      {verify ? (
        <Alert color={verify.ok ? 'teal' : 'red'} p="xs" data-testid="mail-verify">
          <Text size="xs">{verify.message}</Text>
        </Alert>
      ) : null}
      {canEdit ? (
        <Group justify="flex-end" gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlugConnected size={14} />}
            loading={verifying}
            disabled={!saved?.host || changed.length > 0 || password !== ''}
            onClick={() => void test()}
          >
            {t('letterSettings.mail.verify')}
          </Button>
          <Button type="submit" size="xs" loading={saving} disabled={changed.length === 0 && password === ''}>
            {t('letterSettings.mail.save')}
          </Button>
        </Group>
      ) : null}
    </SettingsForm>
  );
}
