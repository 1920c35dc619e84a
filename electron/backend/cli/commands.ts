/** The CLI's commands, one entry each; shaped after ../shared/CLI.md. */

import type { UserRecord } from '../../../db/queries/users.ts';
import type { MethodName, Summary } from '../../../shared/api/contract.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import type { BackendContext } from '../context.ts';
import { IMPORT_COMMANDS } from './import-commands.ts';
import type { CliValues } from './run.ts';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Asks for a password on the terminal without echo; absent when stdin is not a terminal. */
  askPassword?: ((question: string) => Promise<string>) | undefined;
}

export interface CommandContext {
  ctx: BackendContext;
  args: string[];
  values: CliValues;
  call: (method: string, input: unknown) => Promise<unknown>;
  /**
   * The dispatcher's role check for work done on files under a contract method's name (`restore
   * FILE`, `backup --out`, `verify FILE`); returns the acting user.
   */
  authorize: (method: MethodName) => UserRecord;
  io: CliIO;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  summary: string;
  run: (c: CommandContext) => Promise<unknown>;
  human?: (result: unknown) => string;
  /** Opens a damaged ledger in recovery mode instead of failing (`restore`, `verify`). */
  recovery?: boolean;
  /** Runs without a user (`init`: opening the ledger creates and maps its first admin). */
  anonymous?: boolean;
}

const summaryHuman = (r: unknown): string => {
  const s = r as Summary;
  return [
    `As of ${s.asOf}: ${s.customers} customers, ${s.items} open items`,
    `Residual ${formatCents(s.residualCents)}, overdue ${formatCents(s.overdueCents)}`,
    `Aging: ${Object.entries(s.aging)
      .map(([k, v]) => `${k} ${formatCents(v)}`)
      .join(', ')}`,
  ].join('\n');
};

export const COMMANDS: Record<string, Command> = {
  init: {
    summary: "create or migrate the ledger; a new ledger's admin is mapped to the OS account running this",
    anonymous: true,
    run: async ({ ctx }) => ({ db: ctx.dbPath, created: true }),
    human: (r) => `Ledger ready: ${(r as { db: string }).db}`,
  },
  demo: {
    summary: 'fill an empty ledger with the demo company',
    run: async ({ call }) => call('demo.fill', {}),
    human: (r) => {
      const d = r as { customers: number; items: number };
      return `Demo company created: ${d.customers} customers, ${d.items} open items`;
    },
  },
  summary: {
    summary: 'ledger totals and aging [--as-of YYYY-MM-DD]',
    run: async ({ call, values }) => call('summary.get', values['as-of'] ? { asOf: values['as-of'] } : {}),
    human: summaryHuman,
  },
  ...IMPORT_COMMANDS,
};
