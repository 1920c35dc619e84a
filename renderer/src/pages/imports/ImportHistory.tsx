import { Badge, Button, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { ConfirmActionModal } from './ConfirmActionModal.tsx';

type Batch = MethodOutput<'imports.list'>[number];

/** What a batch did to the items, a column each. */
const ITEM_COUNTS = [
  'new',
  'changed',
  'closed',
  'reopened',
] as const satisfies readonly (keyof Batch['items'])[];

/** The batch that Undo applies to: the most recent one still in force. */
export function undoableBatch(batches: Batch[]): Batch | null {
  return batches.filter((b) => b.undoneAt === null).sort((a, b) => b.id - a.id)[0] ?? null;
}

/** Every import batch with its counts; the latest one in force can be undone. */
export function ImportHistory() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const { canCall } = useSession();
  const list = useApiQuery('imports.list', {});
  const [confirming, setConfirming] = useState<Batch | null>(null);
  const [busy, whileBusy] = useBusyAction();
  const batches = [...(list.data ?? [])].sort((a, b) => b.id - a.id);
  const latest = undoableBatch(batches);

  const undo = (batch: Batch) =>
    whileBusy(async () => {
      const undone = await api.call('imports.undo', { batch: batch.id });
      notifySuccess(t('imports.undone', { id: undone.id }), t('imports.undoneText', { file: undone.file }));
      setConfirming(null);
      ledger.changed();
    });

  return (
    <Paper p="md" component="section" aria-label={t('imports.historyTitle')}>
      <Title order={2} size="h3" mb="sm">
        {t('imports.historyTitle')}
      </Title>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && batches.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.historyEmpty')}
        </Text>
      ) : null}
      {batches.length > 0 ? (
        <ScrollArea type="auto">
          <Table aria-label={t('imports.historyTitle')} highlightOnHover className="history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{t('imports.history.id')}</Table.Th>
                <Table.Th>{t('imports.history.whenWho')}</Table.Th>
                <Table.Th>{t('imports.history.file')}</Table.Th>
                <Table.Th>{t('imports.history.asOf')}</Table.Th>
                {ITEM_COUNTS.map((k) => (
                  <Table.Th key={k} ta="right">
                    {t(`imports.history.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('imports.history.payments')}</Table.Th>
                <Table.Th>{t('imports.history.status')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('imports.history.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.map((b) => (
                <Table.Tr key={b.id} data-undone={b.undoneAt ? true : undefined}>
                  <Table.Td ta="right" className="num">
                    {b.id}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="num">
                      {f.dateTime(b.createdAt)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {b.user ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td className="history-file">
                    <Text size="sm" truncate="end" title={b.file}>
                      {b.file}
                    </Text>
                    <Text size="xs" c="dimmed" truncate="end">
                      {[
                        b.format.toUpperCase(),
                        b.sheet,
                        b.mode === 'incremental' ? t('imports.modeIncremental') : t('imports.modeSnapshot'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td className="num">{f.date(b.asOf)}</Table.Td>
                  {ITEM_COUNTS.map((k) => (
                    <Table.Td key={k} ta="right" className="num">
                      {f.number(b.items[k])}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" className="num">
                    {f.money(b.paymentsCents)}
                  </Table.Td>
                  <Table.Td>
                    {b.undoneAt ? (
                      <Badge color="gray" variant="light" title={f.dateTime(b.undoneAt)}>
                        {t('imports.history.undone')}
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light">
                        {t('imports.history.inForce')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {latest?.id === b.id && canCall('imports.undo') ? (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconArrowBackUp size={14} />}
                        onClick={() => setConfirming(b)}
                        aria-label={t('imports.undo')}
                      >
                        {t('imports.undoShort')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : null}
      <ConfirmActionModal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('imports.undoTitle', { id: confirming?.id ?? '' })}
        actionLabel={t('imports.undoAction')}
        actionIcon={<IconArrowBackUp size={16} />}
        busy={busy}
        onConfirm={() => {
          if (confirming) void undo(confirming);
        }}
      >
        {confirming ? (
          <Text size="sm">
            {t('imports.undoText', {
              file: confirming.file,
              date: f.date(confirming.asOf),
              when: f.dateTime(confirming.createdAt),
            })}
          </Text>
        ) : null}
      </ConfirmActionModal>
    </Paper>
  );
}
