/**
 * Export of the period's report to XLSX or PDF: a long job off the UI thread, with its progress
 * and a Cancel; when done, the file is downloaded (and kept in the data folder's reports/).
 */
import { Button, Group, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { base64Blob, saveFile } from '../../components/files.ts';
import { JobStatus } from '../../components/JobStatus.tsx';
import { notifyError, notifyInfo, notifySuccess } from '../../components/notify.tsx';
import type { Dimension } from './reportModel.ts';

type Format = 'xlsx' | 'pdf';

export interface ExportState {
  running: { job: string; format: Format } | null;
  start: (format: Format) => void;
  cancel: () => void;
}

export function useReportExport(period: string, by: Dimension | null): ExportState {
  const { t } = useTranslation();
  const api = useApi();
  const [running, setRunning] = useState<{ job: string; format: Format } | null>(null);
  const start = useCallback(
    (format: Format) => {
      const job = newJobId();
      setRunning({ job, format });
      api
        .call('reports.export', { period, format, ...(by ? { by } : {}) }, { job })
        .then(
          (file) => {
            saveFile(base64Blob(file.dataBase64, file.mime), file.fileName);
            notifySuccess(t('reports.export.done'), t('reports.export.doneText', { file: file.fileName }));
          },
          (err: unknown) => {
            if (err instanceof ApiError && err.code === 'CANCELLED')
              notifyInfo(t('reports.export.cancelled'));
            else notifyError(t, err);
          },
        )
        .finally(() => setRunning(null));
    },
    [api, period, by, t],
  );
  const cancel = useCallback(() => {
    if (running) void api.call('jobs.cancel', { job: running.job }).catch(() => {});
  }, [api, running]);
  return { running, start, cancel };
}

export function ExportButtons({ state, disabled }: { state: ExportState; disabled?: boolean }) {
  const { t } = useTranslation();
  const busy = state.running !== null || Boolean(disabled);
  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label={t('reports.export.xlsxTip')} multiline w={280}>
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          onClick={() => state.start('xlsx')}
          disabled={busy}
          loading={state.running?.format === 'xlsx'}
        >
          {t('reports.export.xlsx')}
        </Button>
      </Tooltip>
      <Tooltip label={t('reports.export.pdfTip')} multiline w={280}>
        <Button
          variant="default"
          leftSection={<IconFileTypePdf size={16} />}
          onClick={() => state.start('pdf')}
          disabled={busy}
          loading={state.running?.format === 'pdf'}
        >
          {t('reports.export.pdf')}
        </Button>
      </Tooltip>
    </Group>
  );
}

export function ExportProgress({ state }: { state: ExportState }) {
  const { t } = useTranslation();
  if (!state.running) return null;
  return (
    <JobStatus
      job={state.running.job}
      title={t('reports.export.running', { format: state.running.format.toUpperCase() })}
      size="sm"
      mb="md"
      counts={(at) =>
        t('reports.export.counts', {
          ...at,
          phase:
            at.phase === 'data' || at.phase === 'render' || at.phase === 'done'
              ? t(`reports.export.phases.${at.phase}`)
              : at.phase,
        })
      }
      starting={t('reports.export.starting')}
      cancelLabel={t('common.cancel')}
      onCancel={state.cancel}
    />
  );
}
