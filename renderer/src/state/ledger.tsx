/**
 * A global "ledger changed" signal: a counter that grows after an import, an undo or the demo
 * fill (or when the backend says so). Queries over ledger data re-run when it changes.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/context.tsx';

interface LedgerSignal {
  version: number;
  changed: () => void;
}

const LedgerContext = createContext<LedgerSignal>({ version: 0, changed: () => {} });

export function LedgerProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'ledger-changed') changed();
      }),
    [api, changed],
  );
  const value = useMemo(() => ({ version, changed }), [version, changed]);
  return <LedgerContext.Provider value={value}>{children}</LedgerContext.Provider>;
}

export function useLedger(): LedgerSignal {
  return useContext(LedgerContext);
}
