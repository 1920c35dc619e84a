import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconBellRinging } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { alertText } from './alertText.ts';

/** The deterioration alerts not yet acknowledged: customer, reason, urgent/sent, acknowledge. */
export function AlertsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const { canCall } = useSession();
  const q = useApiQuery('notify.alerts.list', { open: true, limit: 200 });
  const [busy, setBusy] = useState<number | null>(null);
  const canAck = canCall('notify.alerts.acknowledge');

  const acknowledge = async (id: number, code: string) => {
    setBusy(id);
    try {
      await api.call('notify.alerts.acknowledge', { id });
      notifySuccess(t('notify.alerts.acknowledged', { code }));
      q.reload();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
    }
  };

  const rows = q.data ?? [];
  return (
    <Paper p="md" component="section" aria-label={t('notify.alerts.title')}>
      <Group gap="xs" mb="sm">
        <IconBellRinging size={18} aria-hidden />
        <Title order={2} size="h3">
          {t('notify.alerts.title')}
        </Title>
        {rows.length ? <Badge color="red">{rows.length}</Badge> : null}
      </Group>
      {q.error ? <ErrorState error={q.error} onRetry={q.reload} /> : null}
      {rows.length === 0 && !q.loading ? (
        <Text size="sm" c="dimmed">
          {t('notify.alerts.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600} mah={320}>
          <Table striped highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notify.alerts.date')}</Table.Th>
                <Table.Th>{t('notify.alerts.customer')}</Table.Th>
                <Table.Th>{t('notify.alerts.reason')}</Table.Th>
                <Table.Th>{t('notify.alerts.state')}</Table.Th>
                {canAck ? (
                  <Table.Th>
                    <span className="visually-hidden">{t('notify.alerts.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{f.date(a.date)}</Table.Td>
                  <Table.Td>
                    <Link to={`/customers/${encodeURIComponent(a.customerCode)}`}>
                      {a.customerCode} {a.customerName}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {t(`notify.kinds.${a.kind}`)}
                      </Text>
                      <Text size="sm">{alertText(t, f, a)}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {a.urgent ? <Badge color="red">{t('notify.alerts.urgent')}</Badge> : null}
                      {a.sentAt ? (
                        <Badge variant="light">{t('notify.alerts.sent')}</Badge>
                      ) : a.lastError ? (
                        <Badge color="orange" variant="light" title={a.lastError}>
                          {t('notify.alerts.notSent')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  {canAck ? (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        loading={busy === a.id}
                        onClick={() => void acknowledge(a.id, a.customerCode)}
                        aria-label={t('notify.alerts.acknowledgeFor', { code: a.customerCode })}
                      >
                        {t('notify.alerts.acknowledge')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
