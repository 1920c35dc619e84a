/**
 * Who is signed in. The backend holds the session (a cookie in browser mode, the main process on
 * the desktop) and decides every call's role from it; this state only mirrors it: the sign-in
 * screen (or the first-run screen) until `session.status` says someone is signed in, the pages
 * after. A user switch signs in again with the other user's password; a call that finds the
 * session gone (expired, signed out) brings the sign-in screen back.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { contract, type MethodName, type User } from '../../../shared/api/contract.ts';
import type { SessionStatus } from '../../../shared/api/contracts/auth.ts';
import { roleAllows } from '../../../shared/api/roles.ts';
import { type ApiError, SESSION_LOST_EVENT } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { toApiError } from '../api/hooks.ts';

export interface Session {
  users: User[];
  user: User;
  /** Signs in as another user (their password); the pages reload with the new role. */
  switchUser: (name: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  reloadUsers: () => Promise<void>;
  /** Whether the current user's role may call a method (the contract lists the roles; admin always may). */
  canCall: (method: MethodName) => boolean;
}

const SessionContext = createContext<Session | null>(null);

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'signedOut'; session: SessionStatus }
  | { status: 'ready'; user: User; users: User[] };

/** What the sign-in and first-run screens need from the provider. */
export interface SignInProps {
  status: SessionStatus;
  /** Called once the backend has opened a session: the provider loads the signed-in app. */
  onSignedIn: () => void;
}

export function SessionProvider({
  children,
  fallback,
  signIn,
}: {
  children: ReactNode;
  fallback: (state: { loading: boolean; error: ApiError | null; retry: () => void }) => ReactNode;
  /** The sign-in (or first-run) screen; without it a signed-out state shows the fallback's error. */
  signIn?: (props: SignInProps) => ReactNode;
}) {
  const api = useApi();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load (retry, sign-in, switch).
  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    (async () => {
      const status = await api.call('session.status', {});
      // A damaged ledger: users.list answers with the recovery details the boot screen shows.
      if (!status.ledgerDamaged && (!status.signedIn || !status.user))
        return { kind: 'out' as const, status };
      const users = await api.call('users.list', {});
      const user = users.find((u) => u.id === status.user?.id) ?? status.user;
      if (!user) throw new Error('No current user.');
      return { kind: 'in' as const, user, users };
    })().then(
      (r) => {
        if (!live) return;
        setLoad(
          r.kind === 'out'
            ? { status: 'signedOut', session: r.status }
            : { status: 'ready', user: r.user, users: r.users },
        );
      },
      (err: unknown) => {
        if (live) setLoad({ status: 'error', error: toApiError(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  // The backend said the session is gone: ask again who is there.
  useEffect(() => {
    const lost = () => reload();
    window.addEventListener(SESSION_LOST_EVENT, lost);
    return () => window.removeEventListener(SESSION_LOST_EVENT, lost);
  }, [reload]);

  const switchUser = useCallback(
    async (name: string, password: string) => {
      await api.call('session.signIn', { name, password });
      reload();
    },
    [api, reload],
  );

  const signOut = useCallback(async () => {
    await api.call('session.signOut', {});
    reload();
  }, [api, reload]);

  const reloadUsers = useCallback(async () => {
    const users = await api.call('users.list', {});
    setLoad((l) => (l.status === 'ready' ? { ...l, users } : l));
  }, [api]);

  const value = useMemo<Session | null>(
    () =>
      load.status === 'ready'
        ? {
            users: load.users,
            user: load.user,
            switchUser,
            signOut,
            reloadUsers,
            canCall: (method: MethodName) => roleAllows(contract[method].roles, load.user.role),
          }
        : null,
    [load, switchUser, signOut, reloadUsers],
  );

  if (load.status === 'signedOut' && signIn)
    return <>{signIn({ status: load.session, onSignedIn: reload })}</>;
  if (!value) {
    return (
      <>
        {fallback({
          loading: load.status === 'loading',
          error:
            load.status === 'error'
              ? load.error
              : load.status === 'signedOut'
                ? toApiError(new Error('Not signed in.'))
                : null,
          retry: reload,
        })}
      </>
    );
  }
  // Remount the pages when the user changes: every view reloads with the new role.
  return (
    <SessionContext.Provider value={value} key={`${value.user.id}:${attempt}`}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
