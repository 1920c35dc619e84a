import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useLedger } from '../../state/ledger.tsx';

/**
 * On the demo company a real file first asks where it goes (services/demo-ledger.ts): `choose`
 * holds the file back while the demo takes no imports and `modal` (for DemoImportModal) offers to
 * start the user's own ledger or import into the demo; either way the file then goes to `onFile`.
 * The Imports and Bank pages ask the same question.
 */
export function useDemoImportGate(onFile: (file: File) => void) {
  const { t } = useTranslation();
  const api = useApi();
  const ledger = useLedger();
  const demo = useApiQuery('demo.status', {});
  const [held, setHeld] = useState<File | null>(null);
  const [switching, setSwitching] = useState(false);
  const choose = (file: File) => {
    if (demo.data?.demo && !demo.data.importsAllowed) setHeld(file);
    else onFile(file);
  };
  const continueWith = async (method: 'demo.startRealLedger' | 'demo.allowImports') => {
    const file = held;
    if (!file) return;
    setSwitching(true);
    try {
      await api.call(method, {});
      setHeld(null);
      ledger.changed();
      if (method === 'demo.startRealLedger') notifySuccess(t('demo.started'), t('demo.startedText'));
      onFile(file);
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSwitching(false);
    }
  };
  return {
    choose,
    modal: {
      fileName: held?.name ?? null,
      realLedgerPath: demo.data?.realLedgerPath ?? null,
      busy: switching,
      onStartReal: () => void continueWith('demo.startRealLedger'),
      onIntoDemo: () => void continueWith('demo.allowImports'),
      onClose: () => setHeld(null),
    },
  };
}
