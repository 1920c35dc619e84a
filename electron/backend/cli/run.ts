/**
 * The command line: the same dispatcher as the UI, for accountants' scripts.
 * Stable JSON on stdout with --json, human messages on stderr; exit 0 ok, 2 invalid input, 1 other.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MethodName } from '../../../shared/api/contract.ts';
import type { ApiErrorBody } from '../../../shared/api/errors.ts';
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
import { TRUST_COMMANDS } from './commands-trust.ts';

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
};

export const CLI_OPTIONS = {
  db: { type: 'string' },
  today: { type: 'string' },
  json: { type: 'boolean', default: false },
  user: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  // command options (each command reads the ones it needs)
  'as-of': { type: 'string' },
  mode: { type: 'string' },
  profile: { type: 'string' },
  // `import FILE --map field=Header --map …`
  map: { type: 'string', multiple: true },
  'confirm-closures': { type: 'boolean', default: false },
  // `import FILE --into-demo`: real data into the demo company's ledger after all
  'into-demo': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  role: { type: 'string' },
  areas: { type: 'string' },
  out: { type: 'string' },
  status: { type: 'string' },
  outcome: { type: 'string' },
  note: { type: 'string' },
  reason: { type: 'string' },
  'promise-date': { type: 'string' },
  'promise-cents': { type: 'string' },
  'callback-date': { type: 'string' },
  channel: { type: 'string' },
  person: { type: 'string' },
  date: { type: 'string' },
  cents: { type: 'string' },
  items: { type: 'string' },
  item: { type: 'string' },
  installments: { type: 'string' },
  first: { type: 'string' },
  every: { type: 'string' },
  csv: { type: 'boolean', default: false },
  template: { type: 'string' },
  from: { type: 'string' },
  ecb: { type: 'string' },
  source: { type: 'string' },
  exclude: { type: 'string' },
  'task-ids': { type: 'string' },
  // rating and legal
  to: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  reference: { type: 'string' },
  phase: { type: 'string' },
  class: { type: 'string' },
  'changed-since': { type: 'string' },
  down: { type: 'boolean', default: false },
  file: { type: 'string' },
  probability: { type: 'string' },
  'further-cents': { type: 'string' },
  // reports
  period: { type: 'string' },
  by: { type: 'string' },
  format: { type: 'string' },
  language: { type: 'string' },
  // notify
  email: { type: 'string' },
  // safety
  who: { type: 'string' },
  customer: { type: 'string' },
  action: { type: 'string' },
  limit: { type: 'string' },
  confirm: { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
} as const;

export type CliValues = ReturnType<
  typeof parseArgs<{ options: typeof CLI_OPTIONS; allowPositionals: true }>
>['values'];

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly body: {
      error: string;
      errors: { row?: number; column?: string; value?: string; message: string }[];
    },
  ) {
    super(body.error);
  }
}

/** Maps a dispatcher error to the CLI's JSON and exit code. */
export function cliErrorFrom(error: ApiErrorBody): CliError {
  const issues = error.details?.issues ?? [];
  const errors = issues.length
    ? issues.map((i) => ({
        ...(i.row !== undefined ? { row: i.row } : {}),
        ...(i.column !== undefined ? { column: i.column } : i.path !== undefined ? { column: i.path } : {}),
        ...(i.value !== undefined ? { value: i.value } : {}),
        message: i.message,
      }))
    : [{ message: error.message }];
  // Exit 2: the caller can fix it (input, confirmation, who they are, what their role may do).
  const invalid =
    error.code === 'VALIDATION' ||
    error.code === 'CONFIRMATION_REQUIRED' ||
    error.code === 'NOT_FOUND' ||
    error.code === 'UNAUTHENTICATED' ||
    error.code === 'FORBIDDEN';
  return new CliError(invalid ? 2 : 1, { error: error.message, errors });
}

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
    const dbPath = path.resolve(values.db ?? defaultDbPath());
    ctx = createBackend({
      dbPath,
      mode: 'cli',
      ...(values.today ? { today: values.today } : {}),
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
    const authorize = (method: MethodName) => authorizeCall(backend, method, signedIn());
    const call = async (method: string, input: unknown): Promise<unknown> => {
      // --progress: long jobs report on stderr (`progress: write 5000/30000`).
      const res = await dispatch(backend, {
        method,
        input,
        userId: signedIn(),
        ...(values.progress ? { job: 'cli' } : {}),
      });
      if (!res.ok) throw cliErrorFrom(res.error);
      return res.data;
    };
    const result = await command.run({ ctx: backend, args, values, call, authorize, io, env });
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
