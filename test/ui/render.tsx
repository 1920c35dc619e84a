/** Renders part of the app with its providers and a mocked API client. */
import { MantineProvider } from '@mantine/core';
import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { type ApiClient, ApiError } from '../../renderer/src/api/client.ts';
import { ApiProvider } from '../../renderer/src/api/context.tsx';
import { initI18n, setLanguage } from '../../renderer/src/i18n/index.ts';
import { LedgerProvider } from '../../renderer/src/state/ledger.tsx';
import { SessionProvider } from '../../renderer/src/state/session.tsx';
import { theme } from '../../renderer/src/theme.ts';
import type { AppEvent, MethodInput, MethodName, MethodOutput, User } from '../../shared/api/contract.ts';
import { settingsView } from '../helpers/settings.ts';

export type Handlers = {
  [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface MockClient extends ApiClient {
  calls: { method: MethodName; input: unknown; job?: string }[];
  emit: (event: AppEvent) => void;
}

export const ADMIN: User = { id: 1, name: 'admin', role: 'admin', areas: [], active: true };

/** A `session.status` handler: the backend has this user signed in (null: nobody). */
export function signedInAs(user: User | null) {
  return () => ({
    signedIn: user !== null,
    user,
    firstRun: false,
    firstAdminName: 'admin',
    ledgerDamaged: false,
    idleMinutes: 30,
  });
}

export function mockClient(handlers: Handlers): MockClient {
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: MockClient['calls'] = [];
  const all: Handlers = {
    'users.list': () => [ADMIN],
    'system.info': () => ({
      version: '0.1.0',
      today: '2026-11-23',
      ledgerAsOf: null,
      dbPath: '/tmp/test.db',
      mode: 'browser',
    }),
    'settings.get': () => settingsView(),
    ...handlers,
  };
  // Signed in as the first active admin of the users the test gives (else the first active user).
  all['session.status'] ??= async () => {
    const users = ((await all['users.list']?.({})) ?? []).filter((u) => u.active);
    return signedInAs(users.find((u) => u.role === 'admin') ?? users[0] ?? null)();
  };
  return {
    calls,
    async call<M extends MethodName>(method: M, input: MethodInput<M>, opts?: { job?: string }) {
      calls.push({ method, input, ...(opts?.job ? { job: opts.job } : {}) });
      const handler = all[method] as
        | ((i: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>)
        | undefined;
      if (!handler) throw new ApiError({ code: 'UNKNOWN_METHOD', message: `No mock for ${method}` });
      return handler(input);
    },
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
  };
}

export function renderWithApp(
  ui: ReactElement,
  client: ApiClient,
  language: 'it' | 'en' = 'it',
): RenderResult {
  const i18n = initI18n(language);
  void setLanguage(language, false);
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} env="test">
        <ApiProvider client={client}>
          <LedgerProvider>
            <SessionProvider fallback={() => <p>loading</p>}>
              <MemoryRouter>{ui}</MemoryRouter>
            </SessionProvider>
          </LedgerProvider>
        </ApiProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
}
