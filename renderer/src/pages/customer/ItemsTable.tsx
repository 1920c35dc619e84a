import { Badge, Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SelectAllCheckbox } from '../../components/SelectAllCheckbox.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { AmountCells, ItemsHead, TotalLabel } from './ItemColumns.tsx';
import type { ProfileItem } from './types.ts';

function DocumentCell({ item }: { item: ProfileItem }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" span className="num">
      {item.documentNumber}
      {item.installment ? (
        <Text span size="xs" c="dimmed" ml={6}>
          {t('customer.items.installment', { n: item.installment })}
        </Text>
      ) : null}
    </Text>
  );
}

function StateCell({ item }: { item: ProfileItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (item.disputed)
    return (
      <Badge size="sm" color={semantic.paused} variant="light" data-testid="disputed-badge">
        {t('customer.items.disputed')}
      </Badge>
    );
  if (item.daysLate > 0)
    return (
      <Text size="sm" span c={semantic.overdue} fw={500} className="num">
        {t('customer.items.lateDays', { days: f.number(item.daysLate) })}
      </Text>
    );
  return (
    <Text size="sm" span c="dimmed" className="num">
      {t('customer.items.notDue')}
    </Text>
  );
}

/**
 * The open invoices, oldest due first, with a checkbox each: the selection is what "Contesta" and
 * "Piano di rientro" act on. Disputed items are marked; overdue days are red.
 */
export function ItemsTable({
  items,
  selected,
  onToggle,
  onToggleAll,
}: {
  items: ProfileItem[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: (select: boolean) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const totalAmount = items.reduce((s, i) => s + i.amountCents, 0);
  const totalResidual = items.reduce((s, i) => s + i.residualCents, 0);
  const totalOverdue = items.filter((i) => i.daysLate > 0).reduce((s, i) => s + i.residualCents, 0);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        aria-label={t('customer.items.tableLabel')}
        stickyHeader
        highlightOnHover
        striped
        className="dense-table items-table"
      >
        <ItemsHead
          select={
            <SelectAllCheckbox
              ids={items.map((i) => i.id)}
              selected={selected}
              label={t('customer.items.selectAll')}
              onToggle={onToggleAll}
            />
          }
          dueDate
          state
          residual={t('customer.items.residual')}
        />
        <Table.Tbody>
          {items.map((item) => {
            const checked = selected.has(item.id);
            return (
              <Table.Tr
                key={item.id}
                data-selected={checked || undefined}
                data-disputed={item.disputed || undefined}
                onClick={(e) => {
                  // A click on the row toggles it, except on the checkbox itself (it handles its own).
                  if ((e.target as HTMLElement).closest('input')) return;
                  onToggle(item.id);
                }}
              >
                <Table.Td>
                  <Checkbox
                    size="xs"
                    aria-label={t('customer.items.select', { doc: item.documentNumber })}
                    checked={checked}
                    onChange={() => onToggle(item.id)}
                  />
                </Table.Td>
                <Table.Td>
                  <DocumentCell item={item} />
                </Table.Td>
                <Table.Td className="num">{f.date(item.documentDate)}</Table.Td>
                <Table.Td className="num">{f.date(item.dueDate)}</Table.Td>
                <Table.Td>
                  <StateCell item={item} />
                </Table.Td>
                <AmountCells
                  amountCents={item.amountCents}
                  residual={
                    <Text span size="sm" fw={600} c={item.disputed ? semantic.paused : undefined}>
                      {f.money(item.residualCents)}
                    </Text>
                  }
                />
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className="total-row">
            <TotalLabel span={3}>
              {t('customer.items.totalInvoices', { count: items.length, total: f.number(items.length) })}
            </TotalLabel>
            <Table.Td>
              <Text span size="xs" c={totalOverdue > 0 ? semantic.overdue : 'dimmed'} className="num">
                {t('customer.items.overdueTotal', { amount: f.money(totalOverdue) })}
              </Text>
            </Table.Td>
            <Table.Td ta="right" fw={600} className="num">
              {f.money(totalAmount)}
            </Table.Td>
            <Table.Td ta="right" fw={600} className="num" data-testid="invoices-total">
              {f.money(totalResidual)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
