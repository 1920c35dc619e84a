/**
 * The current user, chosen in the header and remembered on this machine (default: the first
 * active admin). Every API call carries this user's id; the backend checks the role.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { contract, type MethodName, type User } from '../../../shared/api/contract.ts';
import { roleAllows } from '../../../shared/api/roles.ts';
import type { ApiClient, ApiError } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { toApiError } from '../api/hooks.ts';

const USER_KEY = 'incasso.userId';
/** A new ledger's first admin; used to ask for the users list when nobody was chosen yet. */
const FIRST_USER_ID = 1;

export interface Session {
  users: User[];
  user: User;
  setUser: (id: number) => void;
  reloadUsers: () => Promise<void>;
  /** Whether the current user's role may call a method (the contract lists the roles; admin always may). */
  canCall: (method: MethodName) => boolean;
}

const SessionContext = createContext<Session | null>(null);

function storedUserId(): number | null {
  try {
    const raw = window.localStorage.getItem(USER_KEY);
    return raw && /^\d+$/.test(raw) ? Number(raw) : null;
  } catch {
    return null;
  }
}

function rememberUserId(id: number): void {
  try {
    window.localStorage.setItem(USER_KEY, String(id));
  } catch {
    // Storage disabled: the choice lasts for this session only.
  }
}

/** The user to act as: the remembered one if still active, else the first active admin. */
export function pickUser(users: User[], preferred: number | null): User | null {
  const active = users.filter((u) => u.active);
  return (
    active.find((u) => u.id === preferred) ?? active.find((u) => u.role === 'admin') ?? active[0] ?? null
  );
}

async function loadUsers(api: ApiClient, preferred: number | null): Promise<User[]> {
  const candidates = [...new Set([preferred, FIRST_USER_ID].filter((id): id is number => id !== null))];
  let lastError: unknown = null;
  for (const id of candidates) {
    api.setUserId(id);
    try {
      return await api.call('users.list', {});
    } catch (err) {
      lastError = err;
      if (toApiError(err).code !== 'UNAUTHENTICATED') break;
    }
  }
  throw lastError;
}

type LoadState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready' };

export function SessionProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: (state: { loading: boolean; error: ApiError | null; retry: () => void }) => ReactNode;
}) {
  const api = useApi();
  const [users, setUsers] = useState<User[]>([]);
  const [userId, setUserId] = useState<number | null>(null);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the first load on Retry.
  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    loadUsers(api, storedUserId()).then(
      (list) => {
        if (!live) return;
        const chosen = pickUser(list, storedUserId());
        if (!chosen) {
          setLoad({
            status: 'error',
            error: toApiError(new Error('No active user in this ledger.')),
          });
          return;
        }
        api.setUserId(chosen.id);
        setUsers(list);
        setUserId(chosen.id);
        setLoad({ status: 'ready' });
      },
      (err: unknown) => {
        if (live) setLoad({ status: 'error', error: toApiError(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const setUser = useCallback(
    (id: number) => {
      api.setUserId(id);
      rememberUserId(id);
      setUserId(id);
    },
    [api],
  );

  const reloadUsers = useCallback(async () => {
    setUsers(await api.call('users.list', {}));
  }, [api]);

  const user = users.find((u) => u.id === userId) ?? null;
  const value = useMemo<Session | null>(
    () =>
      user
        ? {
            users,
            user,
            setUser,
            reloadUsers,
            canCall: (method: MethodName) => roleAllows(contract[method].roles, user.role),
          }
        : null,
    [users, user, setUser, reloadUsers],
  );

  if (load.status !== 'ready' || !value) {
    return (
      <>
        {fallback({
          loading: load.status === 'loading',
          error: load.status === 'error' ? load.error : null,
          retry: () => setAttempt((a) => a + 1),
        })}
      </>
    );
  }
  // Remount the pages when the user changes: every view reloads with the new role.
  return (
    <SessionContext.Provider value={value} key={value.user.id}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
