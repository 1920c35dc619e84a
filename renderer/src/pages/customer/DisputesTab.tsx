import { Button, Table, Text } from '@mantine/core';
import { IconMessageReport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { semantic } from '../../theme.ts';
import { ResolveDisputeModal } from './ResolveDisputeModal.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { ProfileDispute } from './types.ts';

/** Disputes with their age in days; open ones can be resolved. */
export function DisputesTab({
  disputes,
  today,
  onDispute,
}: {
  disputes: ProfileDispute[];
  today: string;
  onDispute: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { canCall } = useSession();
  const [resolving, setResolving] = useState<ProfileDispute | null>(null);
  if (disputes.length === 0) {
    return (
      <EmptyPanel
        icon={<IconMessageReport size={26} stroke={1.5} />}
        title={t('customer.disputes.emptyTitle')}
        description={t('customer.disputes.emptyText')}
        headingOrder={2}
        actions={
          <Button variant="default" size="xs" onClick={onDispute} disabled={!canCall('disputes.add')}>
            {t('customer.actions.dispute')}
          </Button>
        }
      />
    );
  }
  const reasons = t('customer.reasons', { returnObjects: true }) as Record<string, string>;
  return (
    <>
      <Table aria-label={t('customer.disputes.tableLabel')} className="dense-table" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('customer.disputes.opened')}</Table.Th>
            <Table.Th w={90} ta="right">
              {t('customer.disputes.age')}
            </Table.Th>
            <Table.Th>{t('customer.disputes.documents')}</Table.Th>
            <Table.Th w={150}>{t('customer.disputes.reason')}</Table.Th>
            <Table.Th>{t('customer.disputes.note')}</Table.Th>
            <Table.Th w={190}>{t('customer.disputes.status')}</Table.Th>
            <Table.Th w={110}>
              <span className="visually-hidden">{t('customer.disputes.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {disputes.map((d) => {
            const end = d.resolvedOn ?? today;
            const age = Math.max(0, f.days(d.openedOn, end));
            const open = d.status === 'open';
            return (
              <Table.Tr key={d.id} data-status={d.status}>
                <Table.Td className="num">{f.date(d.openedOn)}</Table.Td>
                <Table.Td ta="right" className="num">
                  <Text span size="sm" c={open && age > 30 ? semantic.dueSoon : undefined}>
                    {t('customer.figures.days', { days: f.number(age) })}
                  </Text>
                </Table.Td>
                <Table.Td className="num">{d.documents.join(', ')}</Table.Td>
                <Table.Td>{reasons[d.reason] ?? d.reason}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={d.note ? undefined : 'dimmed'} lineClamp={2} title={d.note ?? undefined}>
                    {d.note ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge
                    scope="dispute"
                    status={open && d.outcome === 'in_favour' ? 'in_favour' : d.status}
                  />
                  {!open && d.outcome ? (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t(`customer.disputes.outcomes.${d.outcome as 'in_favour'}`, {
                        defaultValue: d.outcome,
                      })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {open && d.outcome !== 'in_favour' ? (
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => setResolving(d)}
                      disabled={!canCall('disputes.resolve')}
                      aria-label={t('customer.disputes.resolveDocs', { docs: d.documents.join(', ') })}
                    >
                      {t('customer.disputes.resolve')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ResolveDisputeModal dispute={resolving} onClose={() => setResolving(null)} />
    </>
  );
}
