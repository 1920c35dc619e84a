import { DataList, Paper, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ProfileCustomer } from './types.ts';

/** What the accounting export brings: shown, never edited here (the next import would overwrite it). */
export function ImportedFields({ customer }: { customer: ProfileCustomer }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t('customer.master.code'), customer.code],
    [t('customer.master.name'), customer.name],
    [t('customer.vat'), customer.vat],
    [t('customer.master.taxCode'), customer.taxCode],
    [t('customer.master.address'), customer.address],
    [t('customer.master.email'), customer.email],
    [t('customer.master.pec'), customer.pec],
    [t('customer.master.sdiCode'), customer.sdiCode ?? null],
    [t('customer.master.iban'), customer.iban ?? null],
    [t('customer.master.phone'), customer.phone],
    [t('customer.area'), customer.area],
    [t('customer.salesperson'), customer.salesperson],
    [t('customer.master.paymentMethod'), customer.paymentMethod],
  ];
  return (
    <Paper p="md" h="100%">
      <Title order={2} size="h4" mb={2}>
        {t('customer.master.importedTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        <IconFileSpreadsheet size={12} style={{ verticalAlign: '-2px', marginRight: 4 }} />
        {t('customer.master.importedHint')}
      </Text>
      <DataList size="sm" gap={6} labelWidth="140px" aria-label={t('customer.master.importedTitle')}>
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>
              <Text span size="sm" c="dimmed">
                {label}
              </Text>
            </DataList.ItemLabel>
            <DataList.ItemValue>
              <Text span size="sm" c={value ? undefined : 'dimmed'} className="wrap-anywhere">
                {value ?? '—'}
              </Text>
            </DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Paper>
  );
}
