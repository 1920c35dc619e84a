/**
 * The sign-in screen, and on the first start the screen that gives the administrator a password.
 * Wrong answers say only "wrong name or password"; too many make the backend wait, and the
 * screen says for how long.
 */
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLogin } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { toApiError } from '../api/hooks.ts';
import type { SignInProps } from '../state/session.tsx';
import { Logo } from './Logo.tsx';

export const MIN_PASSWORD = 8;

/** The words for a refused sign-in, in the user's language. */
export function signInError(t: TFunction, err: ApiError): string {
  if (err.code === 'UNAUTHENTICATED') return t('auth.wrong');
  if (err.code === 'RATE_LIMITED') {
    const seconds = Number(err.details?.retryAfterSeconds ?? 1);
    return t('auth.wait', { count: seconds });
  }
  return err.message;
}

export function SignInScreen({ status, onSignedIn }: SignInProps) {
  const { t } = useTranslation();
  const api = useApi();
  const firstRun = status.firstRun;
  const [name, setName] = useState(firstRun ? (status.firstAdminName ?? 'admin') : '');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tooShort = firstRun && password.length > 0 && [...password].length < MIN_PASSWORD;
  const differs = firstRun && again.length > 0 && again !== password;
  const ready = name.trim() !== '' && password !== '' && (!firstRun || (!tooShort && again === password));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await api.call(firstRun ? 'session.setup' : 'session.signIn', { name: name.trim(), password });
      onSignedIn();
    } catch (err) {
      setError(signInError(t, toApiError(err)));
      setPassword('');
      setAgain('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" className="boot">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={400}>
        <form onSubmit={(e) => void submit(e)} aria-label={firstRun ? t('auth.setupTitle') : t('auth.title')}>
          <Stack gap="md">
            <Stack align="center" gap={6}>
              <Logo size={36} />
              <Title order={1} size="h3">
                {firstRun ? t('auth.setupTitle') : t('auth.title')}
              </Title>
              {firstRun ? (
                <Text size="sm" c="dimmed" ta="center">
                  {t('auth.setupHint')}
                </Text>
              ) : null}
            </Stack>
            <TextInput
              label={firstRun ? t('auth.adminName') : t('auth.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              autoComplete="username"
              maxLength={80}
              required
              data-autofocus={!firstRun || undefined}
            />
            <PasswordInput
              label={firstRun ? t('auth.newPassword') : t('auth.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete={firstRun ? 'new-password' : 'current-password'}
              error={tooShort ? t('auth.tooShort', { count: MIN_PASSWORD }) : undefined}
              required
            />
            {firstRun ? (
              <PasswordInput
                label={t('auth.repeatPassword')}
                value={again}
                onChange={(e) => setAgain(e.currentTarget.value)}
                autoComplete="new-password"
                error={differs ? t('auth.differ') : undefined}
                required
              />
            ) : null}
            {error ? (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                {error}
              </Alert>
            ) : null}
            <Button type="submit" leftSection={<IconLogin size={16} />} loading={busy} disabled={!ready}>
              {firstRun ? t('auth.setupSubmit') : t('auth.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
