import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterTask } from '../../../../shared/api/contracts/letters.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useNoticeText } from '../../components/useNoticeText.ts';
import { useFormat } from '../../format.ts';
import { blobUrl, downloadPdf, PDF_FRAMES_ALLOWED, pdfBlob, revokeUrl } from './pdf.ts';

/** The selected task's letter as the backend renders it: the PDF, its figures, its problems. */
export function LetterPreview({ task }: { task: LetterTask | null }) {
  const { t } = useTranslation();
  if (!task) {
    return (
      <Paper p="md" component="section" aria-label={t('letters.preview.title')}>
        <Title order={2} size="h4" mb={4}>
          {t('letters.preview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('letters.preview.none')}
        </Text>
      </Paper>
    );
  }
  return <TaskPreview task={task} />;
}

function TaskPreview({ task }: { task: LetterTask }) {
  const { t } = useTranslation();
  const noticeText = useNoticeText();
  const f = useFormat();
  const q = useApiQuery('letters.preview', { taskId: task.taskId }, { watchLedger: false });
  const url = useMemo(
    () => (q.data && PDF_FRAMES_ALLOWED ? blobUrl(pdfBlob(q.data.pdfBase64)) : null),
    [q.data],
  );
  useEffect(() => () => revokeUrl(url), [url]);
  const d = q.data;
  const title = t('letters.preview.title');
  const rows: [string, number][] = d
    ? [
        [t('letters.amounts.overdue'), d.amounts.overdueCents],
        [t('letters.amounts.credits'), d.amounts.creditsCents === 0 ? 0 : -d.amounts.creditsCents],
        [t('letters.amounts.net'), d.amounts.netCents],
        [t('letters.amounts.interest'), d.amounts.interestCents],
        [t('letters.amounts.compensation'), d.amounts.compensationCents],
      ]
    : [];

  return (
    <Paper p="md" component="section" aria-label={title}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={2} size="h4">
            {title}
          </Title>
          <Text size="xs" c="dimmed" truncate="end">
            {task.customerName} · {t(`letters.templates.${task.template}`)} ·{' '}
            {t(`letters.channel.${task.type}`)}
          </Text>
        </Stack>
        <Button
          size="xs"
          variant="default"
          style={{ flexShrink: 0 }}
          leftSection={<IconDownload size={14} />}
          disabled={!d}
          onClick={() => d && downloadPdf(d.pdfBase64, `${d.reference || task.customerCode}.pdf`)}
        >
          {t('letters.preview.download')}
        </Button>
      </Group>
      {q.error ? <ErrorState error={q.error} onRetry={q.reload} /> : null}
      {!d && !q.error ? (
        <Group justify="center" p="lg">
          <Loader size="sm" role="status" aria-label={t('letters.preview.loading')} />
        </Group>
      ) : null}
      {d ? (
        <Stack gap="sm">
          {d.notices.length > 0 ? (
            <Alert
              color="yellow"
              icon={<IconAlertTriangle size={16} />}
              p="xs"
              title={t('letters.preview.issues')}
            >
              <Stack gap={2}>
                {d.notices.map((n) => (
                  <Text key={n.message} size="xs">
                    {noticeText(n)}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : null}
          <Text size="sm" fw={600}>
            {d.subject}
          </Text>
          <Text size="xs" c="dimmed">
            {t('letters.preview.meta', { reference: d.reference, count: d.pages })}
          </Text>
          <Table fz="sm" verticalSpacing={2} aria-label={t('letters.amounts.label')}>
            <Table.Tbody>
              {rows.map(([label, cents]) => (
                <Table.Tr key={label}>
                  <Table.Td c="dimmed">{label}</Table.Td>
                  <Table.Td ta="right" className="num">
                    {f.money(cents)}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={700}>{t('letters.amounts.toPay')}</Table.Td>
                <Table.Td ta="right" fw={700} className="num" data-testid="preview-to-pay">
                  {f.money(d.amounts.toPayCents)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {task.type !== 'letter' ? (
            <Paper withBorder p="xs" bg="var(--mantine-color-body)">
              <Text size="xs" c="dimmed">
                {t('letters.preview.emailTo', { to: task.recipient ?? '—' })}
              </Text>
              <Text size="sm" fw={600}>
                {d.email.subject}
              </Text>
              <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={8}>
                {d.email.body}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('letters.preview.attached')}
              </Text>
            </Paper>
          ) : null}
          {url ? (
            <iframe
              title={t('letters.preview.frame', { customer: task.customerName })}
              src={url}
              style={{ width: '100%', height: 560, border: '1px solid var(--mantine-color-default-border)' }}
            />
          ) : (
            <Text size="xs" c="dimmed">
              {t('letters.preview.noFrame')}
            </Text>
          )}
        </Stack>
      ) : null}
    </Paper>
  );
}
