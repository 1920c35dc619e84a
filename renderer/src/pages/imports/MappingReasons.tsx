import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';

type Detail = MethodOutput<'imports.stage'>['mappingDetails'][number];

/** Why each column was taken for its field, with a few of its values: what the detection decided, explained. */
export function MappingReasons({ details }: { details: Detail[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560} mt="sm">
      <Table striped withTableBorder fz="sm" aria-label={t('imports.mappingReasons')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.mappingField')}</Table.Th>
            <Table.Th>{t('imports.mappingColumn')}</Table.Th>
            <Table.Th>{t('imports.mappingReason')}</Table.Th>
            <Table.Th>{t('imports.mappingSamples')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {details.map((d) => (
            <Table.Tr key={d.field}>
              <Table.Td>{t(`imports.fields.${d.field}`)}</Table.Td>
              <Table.Td>{d.header}</Table.Td>
              <Table.Td>
                <Text size="xs">{d.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {d.samples.join(' · ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
