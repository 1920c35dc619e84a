import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconDownload, IconPrinter, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchResult, SendResult } from '../../../../shared/api/contracts/letters.ts';
import { useNoticeText } from '../../components/useNoticeText.ts';
import { useFormat } from '../../format.ts';

/** The head of a result: its title, the summary line under it, and the actions on the right. */
function ResultHead({
  title,
  summary,
  summaryId,
  children,
}: {
  title: string;
  summary: string;
  /** The summary's test id. */
  summaryId: string;
  children: ReactNode;
}) {
  return (
    <Group justify="space-between" wrap="nowrap" mb={4}>
      <Stack gap={0}>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="xs" c="dimmed" data-testid={summaryId}>
          {summary}
        </Text>
      </Stack>
      {children}
    </Group>
  );
}

/** One message of a send: its status badge, the customer, then the cells of that status. */
function SendRow({
  color,
  status,
  customer,
  children,
}: {
  color: string;
  status: string;
  customer: string;
  children: ReactNode;
}) {
  return (
    <Table.Tr>
      <Table.Td w={90}>
        <Badge size="xs" color={color} variant="light">
          {status}
        </Badge>
      </Table.Td>
      <Table.Td>{customer}</Table.Td>
      {children}
    </Table.Tr>
  );
}

/** A printed batch: what is in the merged PDF, the way to it, and the confirmation after printing. */
export function BatchResultPanel({
  result,
  confirmed,
  busy,
  canConfirm,
  onOpen,
  onConfirm,
}: {
  result: BatchResult;
  confirmed: number[] | null;
  busy: boolean;
  canConfirm: boolean;
  onOpen: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const noticeText = useNoticeText();
  const f = useFormat();
  const title = t('letters.batch.title', { batch: result.batchId ?? '—' });
  return (
    <Paper p="sm" withBorder component="section" aria-label={title}>
      <ResultHead
        title={title}
        summaryId="batch-summary"
        summary={t('letters.batch.summary', {
          letters: f.number(result.letters),
          pages: f.number(result.pages),
          total: f.money(result.files.reduce((s, x) => s + x.totalCents, 0)),
        })}
      >
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            disabled={result.batchId === null}
            onClick={onOpen}
          >
            {t('letters.batch.open')}
          </Button>
          {confirmed ? (
            <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
              {t('letters.batch.confirmed', { count: confirmed.length })}
            </Badge>
          ) : (
            <Button
              size="xs"
              leftSection={<IconPrinter size={14} />}
              loading={busy}
              disabled={!canConfirm || result.batchId === null}
              onClick={onConfirm}
            >
              {t('letters.batch.confirm')}
            </Button>
          )}
        </Group>
      </ResultHead>
      {!confirmed && result.batchId !== null ? (
        <Text size="xs" c="dimmed">
          {t('letters.batch.confirmHint')}
        </Text>
      ) : null}
      {result.skipped.length > 0 ? (
        <Alert
          color="yellow"
          p="xs"
          mt="xs"
          title={t('letters.batch.skipped', { count: result.skipped.length })}
        >
          <Stack gap={2}>
            {result.skipped.map((s) => (
              <Text key={s.taskId} size="xs">
                {s.customerCode}: {s.notice ? noticeText(s.notice) : s.reason}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
    </Paper>
  );
}

/** Each e-mail/PEC of a send: accepted with its Message-ID, or failed with the server's reply. */
export function SendResultPanel({
  result,
  names,
  busy,
  onRetry,
}: {
  result: SendResult;
  names: ReadonlyMap<string, string>;
  busy: boolean;
  onRetry: (taskIds: number[]) => void;
}) {
  const { t } = useTranslation();
  const noticeText = useNoticeText();
  const title = t('letters.send.title');
  const failedIds = result.failed.map((x) => x.taskId);
  const customer = (s: { customerCode: string }) => names.get(s.customerCode) ?? s.customerCode;
  return (
    <Paper p="sm" withBorder component="section" aria-label={title}>
      <ResultHead
        title={title}
        summaryId="send-summary"
        summary={t('letters.send.summary', {
          sent: result.sent.length,
          failed: result.failed.length,
          skipped: result.skipped.length,
        })}
      >
        {failedIds.length > 0 ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={busy}
            onClick={() => onRetry(failedIds)}
          >
            {t('letters.send.retryAll', { count: failedIds.length })}
          </Button>
        ) : null}
      </ResultHead>
      <Table fz="xs" verticalSpacing={3} aria-label={t('letters.send.tableLabel')}>
        <Table.Tbody>
          {result.sent.map((s) => (
            <SendRow
              key={`s${s.taskId}`}
              color="teal"
              status={t('letters.send.accepted')}
              customer={customer(s)}
            >
              <Table.Td>{s.to}</Table.Td>
              <Table.Td className="wrap-anywhere" c="dimmed">
                {t('letters.send.messageId', { id: s.messageId })}
              </Table.Td>
              <Table.Td />
            </SendRow>
          ))}
          {result.failed.map((s) => (
            <SendRow
              key={`f${s.taskId}`}
              color="red"
              status={t('letters.send.failed')}
              customer={customer(s)}
            >
              <Table.Td>{s.to}</Table.Td>
              <Table.Td className="wrap-anywhere" c="red">
                {t('letters.send.reply', { reply: s.error, count: s.attempts })}
              </Table.Td>
              <Table.Td w={70}>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  disabled={busy}
                  aria-label={t('letters.send.retryOne', { customer: customer(s) })}
                  onClick={() => onRetry([s.taskId])}
                >
                  {t('common.retry')}
                </Button>
              </Table.Td>
            </SendRow>
          ))}
          {result.skipped.map((s) => (
            <SendRow
              key={`k${s.taskId}`}
              color="gray"
              status={t('letters.send.skipped')}
              customer={customer(s)}
            >
              <Table.Td colSpan={3} c="dimmed">
                {s.notice ? noticeText(s.notice) : s.reason}
              </Table.Td>
            </SendRow>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
