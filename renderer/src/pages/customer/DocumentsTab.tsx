import { Button, Group, Table, Text } from '@mantine/core';
import { IconExternalLink, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context.tsx';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { notifyError } from '../../components/notify.tsx';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { openDocument } from './attachments.ts';
import type { ProfileAttachment } from './types.ts';

function size(bytes: number, f: ReturnType<typeof useFormat>): string {
  if (bytes < 1024) return `${f.number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${f.number(Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(f.language === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** Documents received from the customer: list, open with the viewer, attach another. */
export function DocumentsTab({
  attachments,
  onAttach,
  busy,
}: {
  attachments: ProfileAttachment[];
  onAttach: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const { canCall } = useSession();
  const [opening, setOpening] = useState<number | null>(null);
  const open = async (a: ProfileAttachment) => {
    setOpening(a.id);
    try {
      openDocument(await api.call('attachments.read', { id: a.id }));
    } catch (err) {
      notifyError(t, err);
    } finally {
      setOpening(null);
    }
  };
  const attachButton = (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconPaperclip size={14} />}
      onClick={onAttach}
      loading={busy}
      disabled={!canCall('attachments.add')}
    >
      {t('customer.actions.attach')}
    </Button>
  );
  if (attachments.length === 0) {
    return (
      <EmptyPanel
        icon={<IconPaperclip size={26} stroke={1.5} />}
        title={t('customer.documents.emptyTitle')}
        description={t('customer.documents.emptyText')}
        headingOrder={2}
        actions={attachButton}
      />
    );
  }
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {t('customer.documents.hint')}
        </Text>
        {attachButton}
      </Group>
      <Table aria-label={t('customer.documents.tableLabel')} className="dense-table" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customer.documents.name')}</Table.Th>
            <Table.Th w={150}>{t('customer.documents.added')}</Table.Th>
            <Table.Th w={100} ta="right">
              {t('customer.documents.size')}
            </Table.Th>
            <Table.Th w={130}>{t('customer.documents.fingerprint')}</Table.Th>
            <Table.Th w={100}>
              <span className="visually-hidden">{t('customer.documents.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attachments.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td className="wrap-anywhere">{a.fileName}</Table.Td>
              <Table.Td className="num">{f.dateTime(a.createdAt)}</Table.Td>
              <Table.Td ta="right" className="num">
                {size(a.sizeBytes, f)}
              </Table.Td>
              <Table.Td>
                <Text span size="xs" ff="monospace" c="dimmed" title={a.sha256}>
                  {a.sha256.slice(0, 12)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconExternalLink size={12} />}
                  loading={opening === a.id}
                  onClick={() => void open(a)}
                  aria-label={t('customer.documents.openNamed', { name: a.fileName })}
                >
                  {t('customer.documents.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
