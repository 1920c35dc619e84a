/**
 * The start-up check found the ledger damaged: say so plainly, show SQLite's words for the
 * technically minded, and offer the latest backup that passes its own full check. The backend
 * answers nothing else until a backup is restored (electron/backend/services/safety/health.ts).
 */
import { Alert, Button, Code, Loader, Spoiler, Stack, Text } from '@mantine/core';
import { IconDatabaseOff, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupsView } from '../../../shared/api/contracts/safety.ts';
import type { ApiError } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { toApiError } from '../api/hooks.ts';
import { useFormat } from '../format.ts';

export function isLedgerDamaged(error: ApiError | null): boolean {
  return error?.code === 'CONFLICT' && error.details?.ledgerDamaged === true;
}

export function DamagedLedger({ error, retry }: { error: ApiError; retry: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const [view, setView] = useState<BackupsView | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [keptAs, setKeptAs] = useState<string | null | undefined>(undefined);
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as string[]) : [];
  const dbPath = typeof error.details?.dbPath === 'string' ? error.details.dbPath : '';

  useEffect(() => {
    let live = true;
    api.call('backups.list', { latestGood: true }).then(
      (v) => {
        if (live) setView(v);
      },
      (err: unknown) => {
        if (live) setFailure(toApiError(err));
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const latest = view?.latestGood ? view.backups.find((b) => b.id === view.latestGood?.id) : undefined;

  const restore = async (id: string) => {
    setRestoring(true);
    setFailure(null);
    try {
      const r = await api.call('backups.restore', { id, confirm: true });
      setKeptAs(r.damagedFileKeptAs);
    } catch (err) {
      setFailure(toApiError(err));
    } finally {
      setRestoring(false);
    }
  };

  if (keptAs !== undefined) {
    return (
      <Alert color="teal" icon={<IconRestore size={18} />} title={t('backups.damaged.done')} w="100%">
        <Stack gap="sm">
          {keptAs ? <Text size="sm">{t('backups.damaged.keptAs', { path: keptAs })}</Text> : null}
          <Button size="xs" onClick={retry} w="fit-content">
            {t('backups.damaged.continue')}
          </Button>
        </Stack>
      </Alert>
    );
  }

  return (
    <Alert color="red" icon={<IconDatabaseOff size={18} />} title={t('backups.damaged.title')} w="100%">
      <Stack gap="sm">
        <Text size="sm">{t('backups.damaged.text', { path: dbPath })}</Text>
        {problems.length > 0 ? (
          <Spoiler
            maxHeight={0}
            showLabel={t('backups.damaged.problems')}
            hideLabel={t('backups.damaged.problems')}
          >
            <Code block>{problems.slice(0, 10).join('\n')}</Code>
          </Spoiler>
        ) : null}
        {failure ? (
          <Text size="sm" c="red">
            {failure.message}
          </Text>
        ) : null}
        {!view && !failure ? (
          <Stack align="flex-start" gap={4}>
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('backups.damaged.searching')}
            </Text>
          </Stack>
        ) : null}
        {view && latest ? (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('backups.damaged.latest', {
                date: f.dateTime(latest.createdAt),
                kind: t(`backups.kinds.${latest.kind}`),
              })}
            </Text>
            <Button
              leftSection={<IconRestore size={16} />}
              loading={restoring}
              onClick={() => void restore(latest.id)}
              w="fit-content"
            >
              {t('backups.damaged.restoreLatest')}
            </Button>
          </Stack>
        ) : null}
        {view && !latest ? <Text size="sm">{t('backups.damaged.none', { folder: view.folder })}</Text> : null}
      </Stack>
    </Alert>
  );
}
