/**
 * All UI text goes through i18next: Italian by default, English complete. The chosen language is
 * remembered with the other preferences (state/prefs.ts); dates and amounts follow it (see format.ts).
 */
import 'dayjs/locale/it';
import 'dayjs/locale/en-gb';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/domain/vocabulary.ts';
import { prefs } from '../state/prefs.ts';
import en from './en.json';
import it from './it.json';

export { LANGUAGES, type Language };

export const resources = { it: { translation: it }, en: { translation: en } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof it };
  }
}

const STORAGE_KEY = 'incasso.language';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The language the user chose on this machine, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = prefs.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** Locale tags for Intl and dayjs: Italian, and British English (day-month order, euro area). */
export function localeOf(language: Language): { intl: string; dayjs: string } {
  return language === 'it' ? { intl: 'it-IT', dayjs: 'it' } : { intl: 'en-GB', dayjs: 'en-gb' };
}

function applyDocumentLanguage(language: Language): void {
  dayjs.locale(localeOf(language).dayjs);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();

export function initI18n(language: Language = storedLanguage() ?? 'it'): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'it',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      react: { useSuspense: false },
    });
  }
  applyDocumentLanguage(language);
  return i18n;
}

/** Switches the UI language and remembers the choice. */
export async function setLanguage(language: Language, remember = true): Promise<void> {
  if (remember) {
    try {
      prefs.setItem(STORAGE_KEY, language);
    } catch {
      // Storage disabled: the choice lasts for this session only.
    }
  }
  applyDocumentLanguage(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'it';
}
