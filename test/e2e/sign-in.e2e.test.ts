/**
 * End to end: signing in, in browser mode on a new ledger. The first-run screen gives the admin a
 * password (pages.ts openApp does it as a new office would), sign-out brings the sign-in screen,
 * a wrong password is refused without saying which half was wrong, and a clerk who signs in gets
 * the clerk's app whatever the page would like to send. The session lives in an HttpOnly cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { E2E_ADMIN_PASSWORD, openApp, type Session, Shell, until } from './pages.ts';

describe('signing in (browser mode)', () => {
  let s: Session;
  let shell: Shell;

  beforeAll(async () => {
    s = await openApp({ demo: false });
    shell = new Shell(s.page);
    // The admin adds a clerk with a first password (in process, as the admin signed in above).
    const r = await dispatch(s.server.ctx, {
      method: 'users.add',
      input: { name: 'Carla Neri', role: 'clerk', password: 'carla-chiave-1' },
      userId: 1,
    });
    expect(r.ok).toBe(true);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('keeps the session in an HttpOnly cookie the page cannot read', async () => {
    await shell.heading('Attività di oggi').waitFor();
    const cookies = await s.page.context().cookies();
    expect(cookies.find((c) => c.name === 'incasso_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await s.page.evaluate(() => document.cookie)).not.toContain('incasso_session');
  });

  it('signs out to the sign-in screen and refuses a wrong password', async () => {
    await s.page.getByRole('button', { name: 'Esci' }).click();
    await s.page.getByRole('heading', { name: 'Accedi' }).waitFor();
    await shell.screenshot('sign-in-1-screen');
    await s.page.getByLabel('Nome utente').fill('admin');
    await s.page.getByLabel(/^Password\s*\*?$/).fill('non-è-questa');
    await s.page.getByRole('button', { name: 'Accedi' }).click();
    await s.page.getByRole('alert').filter({ hasText: 'Nome utente o password errati.' }).waitFor();
    await shell.screenshot('sign-in-2-wrong-password');
    // Reloading does not get past the screen either.
    await s.page.reload();
    await s.page.getByRole('heading', { name: 'Accedi' }).waitFor();
  });

  it('a clerk signs in and gets the clerk’s app; switching to the admin asks the admin’s password', async () => {
    await s.page.getByLabel('Nome utente').fill('Carla Neri');
    await s.page.getByLabel(/^Password\s*\*?$/).fill('carla-chiave-1');
    await s.page.getByRole('button', { name: 'Accedi' }).click();
    const current = s.page.getByRole('combobox', { name: 'Utente corrente' });
    await current.waitFor();
    expect(await current.inputValue()).toContain('Carla Neri');
    // The page cannot make itself admin: the backend answers as the session's clerk.
    const forged = await s.page.evaluate(async () => {
      const res = await fetch('api/users.add', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${sessionStorage.getItem('incasso.token') ?? ''}`,
          'x-incasso-user': '1',
        },
        body: JSON.stringify({ name: 'Eve', role: 'admin' }),
      });
      return res.status;
    });
    expect(forged).toBe(403);

    await current.click();
    await s.page.getByRole('option', { name: /^admin/ }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Passa a admin' });
    await dialog.waitFor();
    await dialog.getByLabel('Password di admin').fill('sbagliata-123');
    await dialog.getByRole('button', { name: 'Cambia utente' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Nome utente o password errati.' }).waitFor();
    await shell.screenshot('sign-in-3-switch-user');
    await dialog.getByLabel('Password di admin').fill(E2E_ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: 'Cambia utente' }).click();
    await shell.heading('Attività di oggi').waitFor();
    await until(
      () => current.inputValue(),
      (v) => v.startsWith('admin'),
    );
    expect(s.pageErrors).toEqual([]);
  });
});
