/** The CLI's commands, one entry each; shaped after ../shared/CLI.md. */

import type { Summary } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import type { BackendContext } from '../context.ts';
import { IMPORT_COMMANDS } from './import-commands.ts';
import type { CliValues } from './run.ts';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CommandContext {
  ctx: BackendContext;
  args: string[];
  values: CliValues;
  call: (method: string, input: unknown) => Promise<unknown>;
  io: CliIO;
}

export interface Command {
  summary: string;
  run: (c: CommandContext) => Promise<unknown>;
  human?: (result: unknown) => string;
  /** Opens a damaged ledger in recovery mode instead of failing (`restore`, `verify`). */
  recovery?: boolean;
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
    summary: 'create or migrate the ledger',
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
  users: {
    summary: 'list users; `users add NAME --role clerk|manager|accountant|admin [--areas A,B]`',
    run: async ({ call, args, values }) => {
      if (args[0] === undefined) return call('users.list', {});
      if (args[0] !== 'add') throw new AppError('VALIDATION', `Unknown users subcommand "${args[0]}"`);
      return call('users.add', {
        name: args[1] ?? '',
        role: values.role,
        areas: values.areas ? values.areas.split(',').map((a) => a.trim()) : [],
      });
    },
  },
  ...IMPORT_COMMANDS,
};
