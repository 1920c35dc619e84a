import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from './notify.tsx';

/**
 * What a button or a form does with the backend, with the flag that it is running (the button
 * spins): `run(action)` sets it for the action's time, and a failure is notified in the user's
 * language, so the action is only its success path.
 */
export function useBusyAction(): [busy: boolean, run: (action: () => Promise<void>) => Promise<void>] {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      try {
        await action();
      } catch (err) {
        notifyError(t, err);
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return [busy, run];
}
