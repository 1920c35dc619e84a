import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';

/**
 * The column headings of the profile's item tables — the open invoices and, below them, the
 * credit notes — with the same widths, so the two tables' columns line up. A column a table does
 * not fill (the selection box, due date and state for credit notes) keeps its width, unheaded.
 */
export function ItemsHead({
  select,
  dueDate,
  state,
  residual,
}: {
  select?: ReactNode;
  dueDate?: boolean;
  state?: boolean;
  /** The heading of the last column: what is left to pay, or to deduct. */
  residual: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {select ? <Table.Th w={36}>{select}</Table.Th> : <Table.Td w={36} />}
        <Table.Th>{t('customer.items.document')}</Table.Th>
        <Table.Th w={110}>{t('customer.items.documentDate')}</Table.Th>
        {dueDate ? <Table.Th w={110}>{t('customer.items.dueDate')}</Table.Th> : <Table.Td w={110} />}
        {state ? <Table.Th w={130}>{t('customer.items.state')}</Table.Th> : <Table.Td w={130} />}
        <Table.Th w={140} ta="right">
          {t('customer.items.amount')}
        </Table.Th>
        <Table.Th w={140} ta="right">
          {residual}
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

/** The last two cells of an item's row: its amount and, bold, what is left of it (`residual`). */
export function AmountCells({ amountCents, residual }: { amountCents: number; residual: ReactNode }) {
  const f = useFormat();
  return (
    <>
      <Table.Td ta="right" className="num">
        {f.money(amountCents)}
      </Table.Td>
      <Table.Td ta="right" className="num" fw={600}>
        {residual}
      </Table.Td>
    </>
  );
}

/** The start of a table's totals row: under the selection box nothing, then its count over `span` columns. */
export function TotalLabel({ span, children }: { span: number; children: ReactNode }) {
  return (
    <>
      <Table.Td />
      <Table.Th scope="row" colSpan={span}>
        {children}
      </Table.Th>
    </>
  );
}
