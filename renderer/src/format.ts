/**
 * Amounts and dates in the UI language: `1.234,56 €` and `23/11/2026` in Italian,
 * `€1,234.56` and `23 Nov 2026` in English. Business dates are ISO strings and are formatted
 * in UTC, so the machine's time zone can never shift them.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween, isIsoDate } from '../../shared/domain/dates.ts';
import { formatCents } from '../../shared/domain/money.ts';
import { isLanguage, type Language, localeOf } from './i18n/index.ts';

export interface Formatters {
  language: Language;
  money: (cents: number) => string;
  number: (n: number) => string;
  percent: (ratio: number) => string;
  /** An ISO business date (`YYYY-MM-DD`). */
  date: (iso: string | null | undefined) => string;
  /** An ISO timestamp (when something happened), in the machine's time zone. */
  dateTime: (iso: string | null | undefined) => string;
  /** Days from an ISO date to another (positive when `to` is later). */
  days: (from: string, to: string) => number;
}

export function makeFormatters(language: Language): Formatters {
  const locale = localeOf(language).intl;
  const num = new Intl.NumberFormat(locale, { useGrouping: 'always', maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateFmt = new Intl.DateTimeFormat(
    locale,
    language === 'it'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
      : { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
  const localDateFmt = new Intl.DateTimeFormat(
    locale,
    language === 'it'
      ? { day: '2-digit', month: '2-digit', year: 'numeric' }
      : { day: '2-digit', month: 'short', year: 'numeric' },
  );
  const timeFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  return {
    language,
    money: (cents) => formatCents(cents, locale),
    number: (n) => num.format(n),
    percent: (ratio) => pct.format(ratio),
    date: (iso) => {
      if (!iso || !isIsoDate(iso)) return '—';
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      return dateFmt.format(new Date(Date.UTC(y, m - 1, d)));
    },
    dateTime: (iso) => {
      if (!iso) return '—';
      const t = new Date(iso);
      return Number.isNaN(t.getTime()) ? iso : `${localDateFmt.format(t)} ${timeFmt.format(t)}`;
    },
    days: (from, to) => daysBetween(from, to),
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'it';
  return useMemo(() => makeFormatters(language), [language]);
}
