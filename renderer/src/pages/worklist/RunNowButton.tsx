import { Button, Tooltip } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RunCounts } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { type Formatters, useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { TASK_TYPES } from './taskTypes.ts';

/** The run's counts in one sentence, with the tasks created by type. */
export function runSummary(t: TFunction, f: Formatters, counts: RunCounts): string {
  const byType = TASK_TYPES.filter((k) => counts.byType[k] > 0)
    .map((k) => `${f.number(counts.byType[k])} ${t(`tasks.typesShort.${k}`)}`)
    .join(', ');
  return t('worklist.run.summary', {
    opened: f.number(counts.casesOpened),
    closed: f.number(counts.casesClosed),
    paused: f.number(counts.casesPaused),
    resumed: f.number(counts.casesResumed),
    created: f.number(counts.tasksCreated),
    cancelled: f.number(counts.tasksCancelled),
    byType: byType ? ` (${byType})` : '',
  });
}

/** "Esegui ora": today's dunning run on demand (runs are idempotent, so it never duplicates). */
export function RunNowButton({ variant = 'default' }: { variant?: 'default' | 'filled' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const [busy, whileBusy] = useBusyAction();
  const run = () =>
    whileBusy(async () => {
      const counts = await api.call('dunning.run', { dryRun: false });
      notifySuccess(t('worklist.run.done', { date: f.date(counts.today) }), runSummary(t, f, counts), {
        autoClose: 9000,
      });
      ledger.changed();
    });
  return (
    <Tooltip label={t('worklist.run.tip')} multiline w={300}>
      <Button
        variant={variant}
        leftSection={<IconPlayerPlay size={16} />}
        loading={busy}
        onClick={() => void run()}
      >
        {t('worklist.run.action')}
      </Button>
    </Tooltip>
  );
}
