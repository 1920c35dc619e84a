/** Signing in and out, the first-run admin, one's own password (services/auth/identity.ts). */
import { changeOwnPassword, setupFirstAdmin, signIn, signOut, statusFor } from '../services/auth/identity.ts';
import type { AreaHandlers } from './types.ts';

export const sessionHandlers: AreaHandlers<'session'> = {
  'session.status': async (_input, { app, user, session }) => await statusFor(app, user, session),
  'session.signIn': (input, { app, session, transport }) =>
    signIn(app, session, transport, input.name, input.password),
  'session.setup': (input, { app, session }) => setupFirstAdmin(app, session, input.name, input.password),
  'session.signOut': async (_input, { app, session, user }) => await signOut(app, session, user),
  'session.changePassword': async (input, { app, user, session }) => {
    await changeOwnPassword(
      app,
      user,
      session,
      session?.transport ?? app.mode,
      input.currentPassword,
      input.newPassword,
    );
    return { changed: true as const };
  },
};
