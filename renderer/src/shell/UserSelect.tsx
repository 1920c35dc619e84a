import { ActionIcon, Group, PasswordInput, Select, Tooltip } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/api/contract.ts';
import { toApiError } from '../api/hooks.ts';
import { DialogForm } from '../components/DialogForm.tsx';
import { notifyError } from '../components/notify.tsx';
import { useSession } from '../state/session.tsx';
import { signInError } from './SignInScreen.tsx';

/**
 * The signed-in user: every action is done, audited and authorized as this user. Choosing
 * another user asks for that user's password (the backend opens a new session); sign-out ends it.
 */
export function UserSelect() {
  const { t } = useTranslation();
  const { users, user, switchUser, signOut } = useSession();
  const [target, setTarget] = useState<User | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = users
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`roles.${u.role}`)}` }));

  const close = () => {
    setTarget(null);
    setPassword('');
    setError(null);
  };

  const confirm = async () => {
    if (!target || password === '') return;
    setBusy(true);
    setError(null);
    try {
      await switchUser(target.name, password);
    } catch (err) {
      setError(signInError(t, toApiError(err)));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <Group gap={4} wrap="nowrap">
      <Select<number>
        aria-label={t('header.currentUser')}
        data={data}
        value={user.id}
        onChange={(id) => {
          const next = users.find((u) => u.id === id);
          if (next && next.id !== user.id) setTarget(next);
        }}
        leftSection={<IconUserCircle size={18} stroke={1.5} />}
        w={230}
        size="xs"
        comboboxProps={{ position: 'bottom-end', width: 260 }}
      />
      <Tooltip label={t('auth.signOut')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('auth.signOut')}
          onClick={() => void signOut().catch((err: unknown) => notifyError(t, err))}
        >
          <IconLogout size={18} stroke={1.5} />
        </ActionIcon>
      </Tooltip>
      <DialogForm
        opened={target !== null}
        onClose={close}
        title={t('auth.switchTitle', { name: target?.name ?? '' })}
        hint={t('auth.switchHint')}
        error={error}
        onSubmit={() => void confirm()}
        submitLabel={t('auth.switchSubmit')}
        busy={busy}
        canSubmit={password !== ''}
      >
        <PasswordInput
          label={t('auth.passwordOf', { name: target?.name ?? '' })}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          data-autofocus
        />
      </DialogForm>
    </Group>
  );
}
