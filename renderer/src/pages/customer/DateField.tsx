import { DateInput, type DateInputProps } from '@mantine/dates';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from '../imports/dateInput.ts';

/**
 * Enter in a date field takes the typed date (the field parses it on blur) and never submits the
 * form around it: a half-typed date must not save a promise.
 */
export function commitDateOnEnter(e: KeyboardEvent<HTMLInputElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  e.preventDefault();
  e.stopPropagation();
  const input = e.currentTarget;
  input.blur();
  input.focus();
}

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
      onKeyDown={commitDateOnEnter}
      {...rest}
      value={value}
      onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
    />
  );
}
