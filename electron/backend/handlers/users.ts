import { getUserByName, insertUser, listUsers, setPasswordHash } from '../../../db/queries/users.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { mapOsAccount, setUserPassword } from '../services/auth/identity.ts';
import { checkPasswordStrength, hashPassword } from '../services/auth/password.ts';
import { auditAs } from '../services/common/audit.ts';
import type { AreaHandlers } from './types.ts';

export const usersHandlers: AreaHandlers<'users'> = {
  'users.list': async (_input, { app }) => await listUsers(app.db),
  // A job (contract): the password is hashed first, then the user and its audit row land together.
  'users.add': async (input, { app, user: actor }) => {
    if (input.password !== undefined) checkPasswordStrength(input.password);
    const hash = input.password === undefined ? null : await hashPassword(input.password, app.auth.scrypt);
    return await inTransaction(
      app.db,
      async () => {
        if (await getUserByName(app.db, input.name))
          throw new AppError('CONFLICT', `A user named "${input.name}" already exists.`);
        const user = await insertUser(app.db, input.name, input.role, input.areas);
        if (hash) await setPasswordHash(app.db, user.id, hash);
        await auditAs(app.db, actor, {
          at: app.now(),
          action: 'users.add',
          entity: 'user',
          entityId: user.id,
          after: { ...user, password: hash ? 'set' : 'none' },
        });
        return user;
      },
      { behavior: 'immediate' },
    );
  },
  'users.setPassword': async (input, { app, user, session }) => ({
    id: input.id,
    hasPassword: await setUserPassword(app, user, input.id, input.password, session),
  }),
  'users.mapOsAccount': async (input, call) => {
    const target = await mapOsAccount(call.app, input.id, input.osAccount);
    call.audit = { entity: 'user', entityId: target.id, after: { osAccount: input.osAccount } };
    return { id: target.id, osAccount: input.osAccount };
  },
};
