import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import type { ProfileItem } from './types.ts';

/** Credit notes not yet applied: deductions from what is owed, listed apart from the invoices. */
export function CreditNotesTable({ notes }: { notes: ProfileItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (notes.length === 0) return null;
  const total = notes.reduce((s, n) => s + n.residualCents, 0);
  return (
    <section aria-labelledby="credit-notes-title">
      <Title order={2} size="h4" id="credit-notes-title" mb={4}>
        {t('customer.items.creditNotes')}
      </Title>
      <Text size="xs" c="dimmed" mb={6}>
        {t('customer.items.creditNotesHint')}
      </Text>
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label={t('customer.items.creditNotes')} striped className="dense-table credit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Td w={36} />
              <Table.Th>{t('customer.items.document')}</Table.Th>
              <Table.Th w={110}>{t('customer.items.documentDate')}</Table.Th>
              <Table.Td w={110} />
              <Table.Td w={130} />
              <Table.Th w={140} ta="right">
                {t('customer.items.amount')}
              </Table.Th>
              <Table.Th w={140} ta="right">
                {t('customer.items.toDeduct')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {notes.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td />
                <Table.Td className="num">{n.documentNumber}</Table.Td>
                <Table.Td className="num">{f.date(n.documentDate)}</Table.Td>
                <Table.Td />
                <Table.Td />
                <Table.Td ta="right" className="num">
                  {f.money(n.amountCents)}
                </Table.Td>
                <Table.Td ta="right" className="num" fw={600}>
                  {f.money(n.residualCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="total-row">
              <Table.Td />
              <Table.Th scope="row" colSpan={5}>
                {t('customer.items.totalCredits', { count: notes.length, total: f.number(notes.length) })}
              </Table.Th>
              <Table.Td ta="right" fw={600} className="num" data-testid="credits-total">
                {f.money(total)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
