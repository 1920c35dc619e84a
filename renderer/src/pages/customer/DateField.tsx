import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from '../imports/dateInput.ts';

/** A business date typed as `gg/mm/aaaa` (or picked); the value is an ISO `YYYY-MM-DD` string. */
export function DateField({
  value,
  onChange,
  ...rest
}: Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null;
  onChange: (iso: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <DateInput
      placeholder={t('common.datePlaceholder')}
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseTypedDate(text)}
      popoverProps={{ withinPortal: true }}
      {...rest}
      value={value}
      onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
    />
  );
}
