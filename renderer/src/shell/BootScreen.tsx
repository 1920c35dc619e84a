import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';
import { DamagedLedger, isLedgerDamaged } from './DamagedLedger.tsx';
import { Logo } from './Logo.tsx';

/** Shown while the app connects to its ledger, or when it cannot (a damaged ledger: the recovery view). */
export function BootScreen({
  loading,
  error,
  retry,
}: {
  loading: boolean;
  error: ApiError | null;
  retry: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" className="boot">
      <Stack align="center" gap="md" maw={480}>
        <Logo size={40} />
        {!loading && error && isLedgerDamaged(error) ? (
          <DamagedLedger error={error} retry={retry} />
        ) : loading || !error ? (
          <Stack align="center" gap={6}>
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              {t('boot.connecting')}
            </Text>
          </Stack>
        ) : (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('boot.failed')} w="100%">
            <Stack gap="sm">
              <Text size="sm">{error.message}</Text>
              {error.code === 'UNAUTHENTICATED' ? (
                <Text size="sm" c="dimmed">
                  {t('boot.tokenHint')}
                </Text>
              ) : null}
              <Button size="xs" variant="default" onClick={retry} w="fit-content">
                {t('common.retry')}
              </Button>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Center>
  );
}
