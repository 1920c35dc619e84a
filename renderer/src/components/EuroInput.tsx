import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useFormat } from '../format.ts';

/**
 * An amount in euros as a number field: two decimals, written with the separators of the
 * interface's language (`1.234,56` in Italian, `1,234.56` in English), never below zero.
 */
export function EuroInput(
  props: Omit<NumberInputProps, 'min' | 'decimalScale' | 'decimalSeparator' | 'thousandSeparator' | 'suffix'>,
) {
  const { language } = useFormat();
  return (
    <NumberInput
      min={0}
      decimalScale={2}
      decimalSeparator={language === 'it' ? ',' : '.'}
      thousandSeparator={language === 'it' ? '.' : ','}
      suffix=" €"
      classNames={{ input: 'num' }}
      {...props}
    />
  );
}
