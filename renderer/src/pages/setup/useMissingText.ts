/** A missing piece of the first-run path (setupModel.ts) in the user's language. */
import { useTranslation } from 'react-i18next';
import type { SetupStep } from './setupModel.ts';

export function useMissingText(): (m: SetupStep['missing'][number]) => string {
  const { i18n } = useTranslation();
  return (m) => String(i18n.t(`setup.missing.${m.key}` as never, m.params ?? {}));
}
