/**
 * Adding a half-year's late-payment rate (`rates.add`), shared by Settings › Letters › rates and
 * the setup step for a missing half-year: the typed ECB rate and its source, the call, the
 * notification with the resulting moratory rate, and the ECB field itself.
 */
import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/context.tsx';
import { notifyError, notifySuccess } from '../../../components/notify.tsx';
import { useFormat } from '../../../format.ts';

/** A rate as the user reads it: "10,15 %" in Italian, "10.15 %" in English. */
export function usePercent(): (n: number) => string {
  const f = useFormat();
  return (n: number) =>
    `${n.toLocaleString(f.language === 'it' ? 'it-IT' : 'en-GB', { minimumFractionDigits: 2 })} %`;
}

/** The draft of a new rate and `add(from)`, which saves it, says so and clears the draft. */
export function useRateDraft() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const pct = usePercent();
  const [ecb, setEcb] = useState<number | string>('');
  const [source, setSource] = useState('');
  const [saving, setSaving] = useState(false);

  const add = async (from: string, onAdded: () => void) => {
    if (typeof ecb !== 'number') return;
    setSaving(true);
    try {
      const r = await api.call('rates.add', {
        from,
        ecbPercent: ecb,
        ...(source.trim() ? { source: source.trim() } : {}),
      });
      notifySuccess(
        r.replaced ? t('letterSettings.rates.replaced') : t('letterSettings.rates.added'),
        t('letterSettings.rates.addedText', { from: f.date(r.from), rate: pct(r.moratoryPercent) }),
      );
      setEcb('');
      setSource('');
      onAdded();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSaving(false);
    }
  };

  return { ecb, setEcb, source, setSource, saving, add };
}

/** The ECB rate field: three decimals, quarter-point steps, the user's decimal separator. */
export function EcbRateInput(props: Omit<NumberInputProps, 'decimalScale' | 'step' | 'min' | 'max'>) {
  const f = useFormat();
  return (
    <NumberInput
      decimalScale={3}
      step={0.25}
      min={-5}
      max={50}
      decimalSeparator={f.language === 'it' ? ',' : '.'}
      {...props}
    />
  );
}
