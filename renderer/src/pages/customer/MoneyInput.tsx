import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { parseAmountToCents } from '../../../../shared/domain/money.ts';
import { useFormat } from '../../format.ts';
import { localeOf } from '../../i18n/index.ts';

/**
 * An amount in euros typed the way a person writes it (`1.234,56`, `1234.56`), kept as cents.
 * The text is reformatted when the field loses the focus; `null` while it is empty or unreadable.
 */
export function MoneyInput({
  value,
  onChange,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> & {
  value: number | null;
  /** `valid` is false while the text is not empty and not an amount. */
  onChange: (cents: number | null, valid: boolean) => void;
}) {
  const { language } = useFormat();
  const plain = useMemo(
    () =>
      new Intl.NumberFormat(localeOf(language).intl, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        useGrouping: 'always',
      }),
    [language],
  );
  const show = (cents: number | null) => (cents === null ? '' : plain.format(cents / 100));
  const [text, setText] = useState(() => show(value));

  // A value set from outside (a proposed schedule, a reset) replaces what is typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of `value` resyncs the text.
  useEffect(() => {
    if (parseAmountToCents(text) !== value) setText(show(value));
  }, [value]);

  return (
    <TextInput
      {...rest}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      rightSection="€"
      rightSectionPointerEvents="none"
      classNames={{ input: 'num money-input' }}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const cents = parseAmountToCents(next);
        onChange(cents, cents !== null || next.trim() === '');
      }}
      onBlur={(e) => {
        const cents = parseAmountToCents(text);
        if (cents !== null) setText(show(cents));
        rest.onBlur?.(e);
      }}
    />
  );
}
