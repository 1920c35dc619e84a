/** The first-run checklist, loaded from the backend and re-checked on demand. */
import { useMemo } from 'react';
import { useApiQuery } from '../../api/hooks.ts';
import { type SetupStep, setupSteps } from './setupModel.ts';

export interface SetupStatus {
  steps: SetupStep[] | null;
  loading: boolean;
  reload: () => void;
}

export function useSetupStatus(): SetupStatus {
  const settings = useApiQuery('settings.get', {});
  const rates = useApiQuery('rates.list', {});
  const summary = useApiQuery('summary.get', {});
  const steps = useMemo(
    () =>
      settings.data && rates.data && summary.data
        ? setupSteps({ settings: settings.data, rates: rates.data, summary: summary.data })
        : null,
    [settings.data, rates.data, summary.data],
  );
  return {
    steps,
    loading: settings.loading || rates.loading || summary.loading,
    reload: () => {
      settings.reload();
      rates.reload();
      summary.reload();
    },
  };
}
