/**
 * The command line: the same dispatcher as the UI, for accountants' scripts.
 * Stable JSON on stdout with --json, human messages on stderr; exit 0 ok, 2 invalid input, 1 other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { uncheckedClient } from '../../../shared/api/client.ts';
import type { MethodName } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { createBackend } from '../app.ts';
import type { BackendContext } from '../context.ts';
import { authorize as authorizeCall, dispatch } from '../dispatch.ts';
import { defaultDbPath } from '../paths.ts';
import { resolveCliUser } from '../services/auth/identity.ts';
import { type CliIO, COMMANDS as CORE_COMMANDS } from './commands.ts';
import { BANK_COMMANDS } from './commands-bank.ts';
import { CUSTOMER_COMMANDS } from './commands-customers.ts';
import { DUNNING_COMMANDS } from './commands-dunning.ts';
import { LEGAL_COMMANDS } from './commands-legal.ts';
import { LETTER_COMMANDS } from './commands-letters.ts';
import { NOTIFY_COMMANDS } from './commands-notify.ts';
import { REPORT_COMMANDS } from './commands-reports.ts';
import { SAFETY_COMMANDS } from './commands-safety.ts';
import { TEAM_COMMANDS } from './commands-team.ts';
import { TRUST_COMMANDS } from './commands-trust.ts';
import { CLI_OPTIONS, CliError, cliErrorFrom } from './options.ts';

const COMMANDS = {
  ...SAFETY_COMMANDS,
  ...CORE_COMMANDS,
  ...DUNNING_COMMANDS,
  ...CUSTOMER_COMMANDS,
  ...LETTER_COMMANDS,
  ...LEGAL_COMMANDS,
  ...REPORT_COMMANDS,
  ...TRUST_COMMANDS,
  ...BANK_COMMANDS,
  ...NOTIFY_COMMANDS,
  ...TEAM_COMMANDS,
};

function usage(): string {
  return [
    'Usage: npm run cli -- <command> [args] [--db PATH] [--today YYYY-MM-DD] [--json] [--user NAME]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
  ].join('\n');
}

export async function runCli(
  argv: string[],
  io: CliIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof CLI_OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: CLI_OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  // Asked for help: the usage on stdout, exit 0. No command at all: the usage as an error, exit 2.
  if (values.help) {
    io.out(usage());
    return 0;
  }
  if (!name) {
    io.err(usage());
    return 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  let ctx: BackendContext | null = null;
  try {
    // The ledger is SQLite in this version: a PostgreSQL URL is only what `migrate-to` copies into,
    // and what the commands flagged `postgres` (`backup`, `restore`) work on.
    const onPostgres = values.db !== undefined && /^postgres(ql)?:/i.test(values.db);
    if (onPostgres && !command.dbIsTarget && !command.postgres) {
      const which = Object.entries(COMMANDS)
        .filter(([, c]) => c.dbIsTarget || c.postgres)
        .map(([n]) => `\`${n}\``);
      throw new AppError(
        'VALIDATION',
        `This version keeps the ledger in SQLite: --db postgres://… is for ${which.join(', ')} only (docs/team-edition.md).`,
      );
    }
    const ledgerFromSource = command.dbIsTarget === true || onPostgres;
    const dbPath = path.resolve((ledgerFromSource ? values.source : values.db) ?? defaultDbPath(env));
    if (onPostgres && !command.dbIsTarget && !fs.existsSync(dbPath))
      throw new AppError(
        'NOT_FOUND',
        `No ledger at ${dbPath}: with --db postgres://… the SQLite ledger (the default one, or --source LEDGER) only says who runs ${name}, and it is not created for that.`,
      );
    command.beforeOpen?.(dbPath);
    // --today, else INCASSO_TODAY from the environment this run was given (tests run it in-process).
    const today = values.today || env.INCASSO_TODAY;
    ctx = await createBackend({
      dbPath,
      mode: 'cli',
      ...(today ? { today } : {}),
      // `restore` and `verify` must work on a damaged ledger (services/safety/health.ts).
      ...(command.recovery ? { recovery: true } : {}),
      ...(values.progress
        ? { emit: (e) => e.type === 'job' && io.err(`progress: ${e.phase} ${e.done}/${e.total}`) }
        : {}),
    });
    const backend = ctx;
    // Who runs this: --user NAME with its password, or the user mapped to this OS account.
    const userId = command.anonymous
      ? null
      : (
          await resolveCliUser(backend, {
            name: values.user,
            password: env.INCASSO_PASSWORD,
            prompt: io.askPassword,
          })
        ).id;
    const signedIn = (): number => {
      if (userId === null) throw new AppError('UNAUTHENTICATED', `${name} runs without a user.`);
      return userId;
    };
    const authorize = async (method: MethodName) => await authorizeCall(backend, method, signedIn());
    // --progress: long jobs report on stderr (`progress: write 5000/30000`).
    const send = (method: string, input: unknown) =>
      dispatch(backend, { method, input, userId: signedIn(), ...(values.progress ? { job: 'cli' } : {}) });
    const call = uncheckedClient(send, { refused: cliErrorFrom });
    const callAny = async (method: string, input: unknown): Promise<unknown> => {
      const res = await send(method, input);
      if (!res.ok) throw cliErrorFrom(res.error);
      return res.data;
    };
    const result = await command.run({ ctx: backend, args, values, call, callAny, authorize, io, env });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else io.err(command.human ? command.human(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    const cliErr =
      err instanceof CliError
        ? err
        : err instanceof AppError
          ? cliErrorFrom({
              code: err.code,
              message: err.message,
              ...(err.details ? { details: err.details } : {}),
            })
          : new CliError(1, { error: (err as Error).message, errors: [{ message: (err as Error).message }] });
    if (values.json) io.out(JSON.stringify(cliErr.body, null, 2));
    io.err(`Error: ${cliErr.body.error}`);
    for (const e of cliErr.body.errors.slice(0, 50)) {
      if (e.message !== cliErr.body.error)
        io.err(
          `  ${e.row !== undefined ? `row ${e.row} ` : ''}${e.column ? `[${e.column}] ` : ''}${e.value !== undefined ? `"${e.value}": ` : ''}${e.message}`,
        );
    }
    return cliErr.exitCode;
  } finally {
    if (ctx) ctx.close();
  }
}
