import { useEffect } from 'react';
import { useApiQuery } from '../api/hooks.ts';
import { currentLanguage, setLanguage, storedLanguage } from './index.ts';

/**
 * Until someone picks a language on this machine, follow the company's default language
 * (`settings.get`). A choice made in Settings always wins and is remembered locally.
 */
export function useCompanyLanguage(): void {
  const settings = useApiQuery('settings.get', {}, { watchLedger: false });
  const language = settings.data?.language;
  useEffect(() => {
    if (language && storedLanguage() === null && language !== currentLanguage()) {
      void setLanguage(language, false);
    }
  }, [language]);
}
