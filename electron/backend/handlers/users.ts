import { getUserByName, insertUser, listUsers } from '../../../db/queries/users.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { AreaHandlers } from './types.ts';

export const usersHandlers: AreaHandlers<'users'> = {
  'users.list': (_input, { app }) => listUsers(app.db),
  'users.add': (input, call) => {
    if (getUserByName(call.app.db, input.name))
      throw new AppError('CONFLICT', `A user named "${input.name}" already exists.`);
    const user = insertUser(call.app.db, input.name, input.role, input.areas);
    call.audit = { entity: 'user', entityId: user.id, after: user };
    return user;
  },
};
