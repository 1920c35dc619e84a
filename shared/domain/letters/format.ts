/**
 * How amounts and dates read in letters. Italian letters use `1.234,56 €` (grouping always on:
 * Intl leaves 4-digit amounts ungrouped otherwise, see STACK.md) and `gg/mm/aaaa`; English
 * letters to foreign customers use `€1,234.56` and the European `dd/mm/yyyy`.
 */
import type { Language } from '../vocabulary.ts';

export type LetterLanguage = Language;

const LOCALE: Record<LetterLanguage, string> = { it: 'it-IT', en: 'en-IE' };

// Built once: a thousand letters print some fifty amounts each, and building an
// Intl.NumberFormat costs far more than using one. Same options as money.ts's formatCents.
const MONEY: Record<LetterLanguage, Intl.NumberFormat> = {
  it: moneyFormat('it'),
  en: moneyFormat('en'),
};

function moneyFormat(language: LetterLanguage): Intl.NumberFormat {
  return new Intl.NumberFormat(LOCALE[language], {
    style: 'currency',
    currency: 'EUR',
    useGrouping: 'always',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

export function formatMoney(cents: number, language: LetterLanguage = 'it'): string {
  return MONEY[language].format(cents / 100);
}

/** `2026-11-23` -> `23/11/2026`; an empty or partial date is printed as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const PERCENT: Record<LetterLanguage, Intl.NumberFormat> = {
  it: new Intl.NumberFormat(LOCALE.it, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat(LOCALE.en, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** A rate in percent the way the language writes it: `10,15 %` / `10.15%`. */
export function formatPercent(percent: number, language: LetterLanguage = 'it'): string {
  const text = PERCENT[language].format(percent);
  return language === 'it' ? `${text}\u00a0%` : `${text}%`;
}
