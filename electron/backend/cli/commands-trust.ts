/**
 * Users and who acts: `users` (list, add, passwd, map, unmap) and `call METHOD [JSON]`, any
 * contract method through the dispatcher as the signed-in CLI user (for scripts, and so every
 * method's role check is testable from the command line).
 */
import { AppError } from '../../../shared/api/errors.ts';
import { currentOsAccount } from '../services/auth/identity.ts';
import type { Command, CommandContext } from './commands.ts';

async function userId(call: CommandContext['call'], name: string | undefined): Promise<number> {
  if (!name) throw new AppError('VALIDATION', 'Name the user: `users passwd|map|unmap NAME`.');
  const users = await call('users.list', {});
  const user = users.find((u) => u.name === name);
  if (!user) throw new AppError('NOT_FOUND', `No user named "${name}".`);
  return user.id;
}

/** A new password: INCASSO_NEW_PASSWORD, or asked twice on a terminal; never a prompt without one. */
async function newPassword({ env, io }: CommandContext, name: string): Promise<string> {
  if (env.INCASSO_NEW_PASSWORD !== undefined) return env.INCASSO_NEW_PASSWORD;
  if (!io.askPassword)
    throw new AppError(
      'VALIDATION',
      'Set INCASSO_NEW_PASSWORD: there is no terminal to ask the new password on.',
    );
  const first = await io.askPassword(`New password for ${name}: `);
  const again = await io.askPassword('Again: ');
  if (first !== again) throw new AppError('VALIDATION', 'The two passwords differ.');
  return first;
}

export const TRUST_COMMANDS: Record<string, Command> = {
  users: {
    summary:
      'list users; `users add NAME --role clerk|manager|accountant|admin [--areas A,B]` (first password from INCASSO_NEW_PASSWORD), `users passwd NAME`, `users map NAME [OS-ACCOUNT]`, `users unmap NAME`',
    run: async (c) => {
      const { call, args, values, env } = c;
      const [sub, name] = args;
      switch (sub) {
        case undefined:
          return call('users.list', {});
        case 'add':
          return call('users.add', {
            name: name ?? '',
            role: values.role,
            areas: values.areas ? values.areas.split(',').map((a) => a.trim()) : [],
            ...(env.INCASSO_NEW_PASSWORD !== undefined ? { password: env.INCASSO_NEW_PASSWORD } : {}),
          });
        case 'passwd': {
          const id = await userId(call, name);
          return call('users.setPassword', { id, password: await newPassword(c, name ?? '') });
        }
        case 'map':
        case 'unmap': {
          const id = await userId(call, name);
          const account = sub === 'unmap' ? null : (args[2] ?? currentOsAccount());
          if (sub === 'map' && !account) throw new AppError('VALIDATION', 'Name the OS account to map.');
          return call('users.mapOsAccount', { id, osAccount: account });
        }
        default:
          throw new AppError('VALIDATION', `Unknown users subcommand "${sub}"`);
      }
    },
  },
  call: {
    summary:
      'any contract method as the CLI user: `call METHOD [JSON-INPUT]` (e.g. `call summary.get \'{"asOf":"2026-06-30"}\'`)',
    run: async ({ callAny, args }) => {
      const [method, json] = args;
      if (!method) throw new AppError('VALIDATION', 'call needs a METHOD: `call area.verb [JSON]`.');
      let input: unknown = {};
      if (json !== undefined) {
        try {
          input = JSON.parse(json);
        } catch {
          throw new AppError('VALIDATION', `The input of ${method} is not valid JSON.`);
        }
      }
      return callAny(method, input);
    },
  },
};
