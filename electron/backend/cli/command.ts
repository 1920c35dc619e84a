/** What a CLI command is and what it receives (the registry is commands.ts; the runner run.ts). */
import type { UserRecord } from '../../../db/queries/users.ts';
import type { UncheckedCall } from '../../../shared/api/client.ts';
import type { MethodName } from '../../../shared/api/contract.ts';
import type { BackendContext } from '../context.ts';
import type { CliValues } from './options.ts';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Asks for a password on the terminal without echo; absent when stdin is not a terminal. */
  askPassword?: ((question: string) => Promise<string>) | undefined;
  /** Standard input (`settings set-password` reads a piped password); process.stdin when absent. */
  stdin?: NodeJS.ReadStream | undefined;
}

export interface CommandContext {
  ctx: BackendContext;
  args: string[];
  values: CliValues;
  /**
   * A contract method through the dispatcher as the signed-in user: its output typed from the
   * contract, its input the terminal's words (the dispatcher validates them and names the field).
   */
  call: UncheckedCall;
  /** Any method named at run time (`call METHOD JSON`): the dispatcher refuses an unknown one. */
  callAny: (method: string, input: unknown) => Promise<unknown>;
  /**
   * The dispatcher's role check for work done on files under a contract method's name (`restore
   * FILE`, `backup --out`, `verify FILE`); returns the acting user.
   */
  authorize: (method: MethodName) => Promise<UserRecord>;
  io: CliIO;
  env: NodeJS.ProcessEnv;
}

export interface Command<R = unknown> {
  summary: string;
  run: (c: CommandContext) => Promise<R>;
  /** The result for a person (stderr); without it, the JSON. A method: a registry holds any `R`. */
  human?(result: R): string;
  /** Opens a damaged ledger in recovery mode instead of failing (`restore`, `verify`). */
  recovery?: boolean;
  /** Runs without a user (`init`: opening the ledger creates and maps its first admin). */
  anonymous?: boolean;
  /**
   * `--db` is this command's own target (`migrate-to --db postgres://…`): the ledger comes from
   * `--source PATH`, or the default ledger.
   */
  dbIsTarget?: boolean;
  /**
   * Also works on a PostgreSQL database given as `--db postgres://…` (`backup`, `restore`): then
   * the URL is the database it works on (the command reads `values.db`), and the SQLite ledger,
   * which only says who runs it, comes from `--source PATH` or the default ledger and must exist
   * (opening it would create it).
   */
  postgres?: boolean;
  /** Checks the ledger file before it is opened (opening creates a missing one, migrates an old one). */
  beforeOpen?(dbPath: string): void;
}

/** A command whose `human` reads what its `run` answers, with the type `run` gives it. */
export function command<R>(c: Command<R>): Command<R> {
  return c;
}
