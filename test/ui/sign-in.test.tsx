// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client.ts';
import { UsersSettings } from '../../renderer/src/pages/settings/UsersSettings.tsx';
import { SignInScreen } from '../../renderer/src/shell/SignInScreen.tsx';
import { UserSelect } from '../../renderer/src/shell/UserSelect.tsx';
import type { User } from '../../shared/api/contract.ts';
import type { SessionStatus } from '../../shared/api/contracts/auth.ts';
import { ADMIN, mockClient, renderWithApp, signedInAs } from './render.tsx';

const CLERK: User = { id: 3, name: 'Carla', role: 'clerk', areas: [], active: true };
const status = (over: Partial<SessionStatus> = {}): SessionStatus => ({
  signedIn: false,
  user: null,
  firstRun: false,
  firstAdminName: 'admin',
  ledgerDamaged: false,
  idleMinutes: 30,
  ...over,
});

describe('the sign-in screen', () => {
  it('signs in with name and password, and says only "wrong name or password" when refused', async () => {
    const user = userEvent.setup();
    let tries = 0;
    const api = mockClient({
      'session.signIn': () => {
        tries++;
        if (tries === 1)
          throw new ApiError({ code: 'UNAUTHENTICATED', message: 'Wrong user name or password.' });
        if (tries === 2)
          throw new ApiError({ code: 'RATE_LIMITED', message: 'wait', details: { retryAfterSeconds: 4 } });
        return status({ signedIn: true, user: CLERK });
      },
    });
    let signedIn = 0;
    renderWithApp(<SignInScreen status={status()} onSignedIn={() => signedIn++} />, api);
    await user.type(await screen.findByLabelText(/Nome utente/), 'Carla');
    const password = screen.getByLabelText(/^Password/);
    await user.type(password, 'sbagliata');
    await user.click(screen.getByRole('button', { name: 'Accedi' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Nome utente o password errati.');
    await user.type(password, 'ancora');
    await user.click(screen.getByRole('button', { name: 'Accedi' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Troppe password errate: riprova tra 4 secondi.'),
    );
    await user.type(password, 'giusta-123');
    await user.click(screen.getByRole('button', { name: 'Accedi' }));
    await waitFor(() => expect(signedIn).toBe(1));
    expect(api.calls.filter((c) => c.method === 'session.signIn').at(-1)?.input).toEqual({
      name: 'Carla',
      password: 'giusta-123',
    });
  });

  it('on the first start asks the administrator’s password twice, 8 characters at least', async () => {
    const user = userEvent.setup();
    const api = mockClient({ 'session.setup': () => status({ signedIn: true, user: ADMIN }) });
    let signedIn = 0;
    renderWithApp(<SignInScreen status={status({ firstRun: true })} onSignedIn={() => signedIn++} />, api);
    await screen.findByRole('heading', { name: "Primo avvio: la password dell'amministratore" });
    expect((screen.getByLabelText(/Nome dell'amministratore/) as HTMLInputElement).value).toBe('admin');
    const submit = screen.getByRole('button', { name: 'Salva e accedi' });
    await user.type(screen.getByLabelText(/^Nuova password/), 'corta');
    expect(screen.getByText('Almeno 8 caratteri')).toBeTruthy();
    expect(submit.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByLabelText(/^Nuova password/), '-ma-ora-lunga');
    await user.type(screen.getByLabelText(/^Ripeti la password/), 'corta-ma-ora-lungA');
    expect(screen.getByText('Le due password non coincidono')).toBeTruthy();
    expect(submit.hasAttribute('disabled')).toBe(true);
    await user.clear(screen.getByLabelText(/^Ripeti la password/));
    await user.type(screen.getByLabelText(/^Ripeti la password/), 'corta-ma-ora-lunga');
    await user.click(submit);
    await waitFor(() => expect(signedIn).toBe(1));
    expect(api.calls.find((c) => c.method === 'session.setup')?.input).toEqual({
      name: 'admin',
      password: 'corta-ma-ora-lunga',
    });
  });
});

describe('the user switch', () => {
  it('asks the other user’s password before switching; sign-out ends the session', async () => {
    const user = userEvent.setup();
    const api = mockClient({
      'users.list': () => [ADMIN, CLERK],
      'session.signIn': () => status({ signedIn: true, user: CLERK }),
      'session.signOut': () => status(),
    });
    renderWithApp(<UserSelect />, api);
    await user.click(await screen.findByRole('combobox', { name: 'Utente corrente' }));
    await user.click(await screen.findByRole('option', { name: 'Carla · Addetto' }));
    const dialog = await screen.findByRole('dialog', { name: 'Passa a Carla' });
    expect(api.calls.some((c) => c.method === 'session.signIn')).toBe(false);
    await user.type(within(dialog).getByLabelText('Password di Carla'), 'chiave-carla');
    await user.click(within(dialog).getByRole('button', { name: 'Cambia utente' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'session.signIn')?.input).toEqual({
        name: 'Carla',
        password: 'chiave-carla',
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Esci' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'session.signOut')).toBe(true));
  });
});

describe('passwords in Settings › Users', () => {
  it('the admin adds a user with a first password and sets anyone’s password', async () => {
    const user = userEvent.setup();
    const api = mockClient({
      'users.list': () => [ADMIN, CLERK],
      'users.add': (input) => ({ id: 4, name: input.name, role: input.role, areas: [], active: true }),
      'users.setPassword': (input) => ({ id: input.id, hasPassword: input.password !== null }),
    });
    renderWithApp(<UsersSettings />, api);
    await user.click(await screen.findByRole('button', { name: 'Imposta password: Carla' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nuova password per Carla' });
    await user.type(within(dialog).getByLabelText(/^Nuova password/), 'nuova-chiave');
    await user.type(within(dialog).getByLabelText(/^Ripeti la password/), 'nuova-chiave');
    await user.click(within(dialog).getByRole('button', { name: 'Salva' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'users.setPassword')?.input).toEqual({
        id: 3,
        password: 'nuova-chiave',
      }),
    );
    await user.type(screen.getByRole('textbox', { name: 'Nome' }), 'Paolo');
    await user.type(screen.getByLabelText(/^Prima password/), 'prima-chiave');
    await user.click(screen.getByRole('button', { name: 'Aggiungi utente' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'users.add')?.input).toEqual({
        name: 'Paolo',
        role: 'clerk',
        password: 'prima-chiave',
      }),
    );
  });

  it('a clerk only changes their own password, giving the current one', async () => {
    const user = userEvent.setup();
    const api = mockClient({
      'users.list': () => [ADMIN, CLERK],
      'session.status': signedInAs(CLERK),
      'session.changePassword': () => ({ changed: true as const }),
    });
    renderWithApp(<UsersSettings />, api);
    await user.click(await screen.findByRole('button', { name: 'Cambia la mia password' }));
    expect(screen.queryByRole('button', { name: /Imposta password/ })).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: 'Cambia la mia password' });
    await user.type(within(dialog).getByLabelText(/^Password attuale/), 'vecchia-chiave');
    await user.type(within(dialog).getByLabelText(/^Nuova password/), 'nuova-chiave');
    await user.type(within(dialog).getByLabelText(/^Ripeti la password/), 'nuova-chiave');
    await user.click(within(dialog).getByRole('button', { name: 'Salva' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'session.changePassword')?.input).toEqual({
        currentPassword: 'vecchia-chiave',
        newPassword: 'nuova-chiave',
      }),
    );
  });
});
