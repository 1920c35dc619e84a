/**
 * Passwords in Settings › Users: the admin sets anyone's (the user is signed out everywhere), and
 * everyone changes their own giving the current one. The backend checks the length (8+) and
 * never returns or records a password.
 */
import { Button, PasswordInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { DialogForm } from '../../components/DialogForm.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { MIN_PASSWORD, signInError } from '../../shell/SignInScreen.tsx';

export function PasswordButton({ target, own }: { target: User; own: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tooShort = next.length > 0 && [...next].length < MIN_PASSWORD;
  const ready = next !== '' && !tooShort && again === next && (!own || current !== '');

  const close = () => {
    setOpen(false);
    setCurrent('');
    setNext('');
    setAgain('');
    setError(null);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (own) {
        await api.call('session.changePassword', { currentPassword: current, newPassword: next });
        notifySuccess(t('auth.passwordChanged'));
      } else {
        await api.call('users.setPassword', { id: target.id, password: next });
        notifySuccess(t('auth.passwordSet', { name: target.name }));
      }
      close();
    } catch (err) {
      setError(signInError(t, toApiError(err)));
    } finally {
      setBusy(false);
    }
  };

  const label = own ? t('auth.changeMine') : t('auth.setPassword');
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconKey size={14} />}
        onClick={() => setOpen(true)}
        aria-label={own ? label : `${label}: ${target.name}`}
      >
        {label}
      </Button>
      <DialogForm
        opened={open}
        onClose={close}
        title={own ? label : t('auth.setPasswordTitle', { name: target.name })}
        hint={own ? undefined : t('auth.setPasswordHint', { name: target.name })}
        error={error}
        onSubmit={() => {
          if (ready) void save();
        }}
        submitLabel={t('common.save')}
        busy={busy}
        canSubmit={ready}
      >
        {own ? (
          <PasswordInput
            label={t('auth.currentPassword')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            data-autofocus
          />
        ) : null}
        <PasswordInput
          label={t('auth.newPassword')}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          autoComplete="new-password"
          error={tooShort ? t('auth.tooShort', { count: MIN_PASSWORD }) : undefined}
          data-autofocus={own ? undefined : true}
        />
        <PasswordInput
          label={t('auth.repeatPassword')}
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          autoComplete="new-password"
          error={again.length > 0 && again !== next ? t('auth.differ') : undefined}
        />
      </DialogForm>
    </>
  );
}
