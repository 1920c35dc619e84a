import { Stack } from '@mantine/core';
import { IconReceiptOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { AgingStrip } from './AgingStrip.tsx';
import { CreditNotesTable } from './CreditNotesTable.tsx';
import { ItemsTable } from './ItemsTable.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import type { ProfileItem } from './types.ts';

/** Open items: aging, the invoices (selectable), the credit notes apart as deductions. */
export function ItemsTab({
  items,
  asOf,
  selected,
  onSelect,
  onDispute,
  onPlan,
}: {
  items: ProfileItem[];
  asOf: string;
  selected: ReadonlySet<number>;
  onSelect: (next: Set<number>) => void;
  onDispute: () => void;
  onPlan: () => void;
}) {
  const { t } = useTranslation();
  const invoices = items.filter((i) => i.documentType !== 'credit_note' && i.residualCents >= 0);
  const credits = items.filter((i) => i.documentType === 'credit_note' || i.residualCents < 0);
  if (items.length === 0) {
    return (
      <EmptyPanel
        icon={<IconReceiptOff size={26} stroke={1.5} />}
        title={t('customer.items.emptyTitle')}
        description={t('customer.items.emptyText')}
        headingOrder={3}
      />
    );
  }
  const selectedCents = invoices.filter((i) => selected.has(i.id)).reduce((s, i) => s + i.residualCents, 0);
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <Stack gap="md">
      <AgingStrip items={items} asOf={asOf} />
      <Stack gap={6}>
        <SelectionBar
          count={invoices.filter((i) => selected.has(i.id)).length}
          cents={selectedCents}
          onDispute={onDispute}
          onPlan={onPlan}
          onClear={() => onSelect(new Set())}
        />
        <ItemsTable
          items={invoices}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(all) => onSelect(all ? new Set(invoices.map((i) => i.id)) : new Set())}
        />
      </Stack>
      <CreditNotesTable notes={credits} />
    </Stack>
  );
}
