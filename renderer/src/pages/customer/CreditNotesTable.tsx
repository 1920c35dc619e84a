import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { AmountCells, ItemsHead, TotalLabel } from './ItemColumns.tsx';
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
          <ItemsHead residual={t('customer.items.toDeduct')} />
          <Table.Tbody>
            {notes.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td />
                <Table.Td className="num">{n.documentNumber}</Table.Td>
                <Table.Td className="num">{f.date(n.documentDate)}</Table.Td>
                <Table.Td />
                <Table.Td />
                <AmountCells amountCents={n.amountCents} residual={f.money(n.residualCents)} />
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="total-row">
              <TotalLabel span={5}>
                {t('customer.items.totalCredits', { count: notes.length, total: f.number(notes.length) })}
              </TotalLabel>
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
