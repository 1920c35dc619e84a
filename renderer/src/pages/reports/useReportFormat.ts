/** The app's formatters plus what reports need: one-decimal days and compact axis amounts. */
import { useMemo } from 'react';
import { type Formatters, useFormat } from '../../format.ts';
import { localeOf } from '../../i18n/index.ts';

export interface ReportFormatters extends Formatters {
  /** 45.25 -> `45,3` / `45.3`. */
  decimal: (n: number) => string;
  /** 123456789 cents -> `1,2 Mln €` / `€1.2M` (chart axes only). */
  compactMoney: (cents: number) => string;
}

export function useReportFormat(): ReportFormatters {
  const f = useFormat();
  return useMemo(() => {
    const locale = localeOf(f.language).intl;
    const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const compact = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    return { ...f, decimal: (n) => one.format(n), compactMoney: (cents) => compact.format(cents / 100) };
  }, [f]);
}
