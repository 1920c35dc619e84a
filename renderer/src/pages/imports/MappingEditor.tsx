import { Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ImportField, type ImportMapping, importFieldSchema } from '../../../../shared/api/contract.ts';
import { REQUIRED_FIELDS } from './useImportFlow.ts';

/** Required fields first, then the optional ones in the contract's order. */
const FIELDS: readonly ImportField[] = [
  ...REQUIRED_FIELDS,
  'residual',
  'amount',
  ...importFieldSchema.options.filter(
    (f) => !REQUIRED_FIELDS.includes(f) && f !== 'residual' && f !== 'amount',
  ),
];

/** One select per ledger field over the file's column headers; required fields are marked. */
export function MappingEditor({
  headers,
  mapping,
  onChange,
  disabled,
}: {
  headers: string[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const columns = [...new Set(headers.filter((h) => h.trim() !== ''))];
  const data = columns.map((h) => ({ value: h, label: h }));
  const amountOrResidual = Boolean(mapping.amount || mapping.residual);

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3, xl: 4 }} spacing="sm" verticalSpacing={8}>
      {FIELDS.map((field) => {
        const required = REQUIRED_FIELDS.includes(field);
        const eitherOne = field === 'residual' || field === 'amount';
        const value = mapping[field] ?? null;
        const missing = (required && !value) || (eitherOne && !amountOrResidual);
        return (
          <Select
            key={field}
            label={t(`imports.fields.${field}`)}
            description={eitherOne ? t('imports.residualOrAmount') : undefined}
            withAsterisk={required}
            placeholder={t('imports.notInFile')}
            data={data}
            value={value && columns.includes(value) ? value : null}
            onChange={(header) => {
              const next = { ...mapping };
              if (header) next[field] = header;
              else delete next[field];
              onChange(next);
            }}
            clearable={!required}
            allowDeselect={!required}
            searchable
            disabled={disabled}
            error={missing ? t('imports.requiredField') : undefined}
            nothingFoundMessage={<Text size="xs">{t('imports.noSuchColumn')}</Text>}
            size="xs"
          />
        );
      })}
    </SimpleGrid>
  );
}
