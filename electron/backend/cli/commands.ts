/** The CLI's commands, one entry each; shaped after ../shared/CLI.md. */

import type { Summary } from '../../../shared/api/contract.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { type Command, command } from './command.ts';
import { IMPORT_COMMANDS } from './import-commands.ts';

export type { CliIO, Command, CommandContext } from './command.ts';

const summaryHuman = (s: Summary): string =>
  [
    `As of ${s.asOf}: ${s.customers} customers, ${s.items} open items`,
    `Residual ${formatCents(s.residualCents)}, overdue ${formatCents(s.overdueCents)}`,
    `Aging: ${Object.entries(s.aging)
      .map(([k, v]) => `${k} ${formatCents(v)}`)
      .join(', ')}`,
  ].join('\n');

export const COMMANDS: Record<string, Command> = {
  init: command({
    summary: "create or migrate the ledger; a new ledger's admin is mapped to the OS account running this",
    anonymous: true,
    run: async ({ ctx }) => ({ db: ctx.dbPath, created: true }),
    human: (r) => `Ledger ready: ${r.db}`,
  }),
  demo: command({
    summary: 'fill an empty ledger with the demo company',
    run: async ({ call }) => call('demo.fill', {}),
    human: (d) => `Demo company created: ${d.customers} customers, ${d.items} open items`,
  }),
  summary: command({
    summary: 'ledger totals and aging [--as-of YYYY-MM-DD]',
    run: async ({ call, values }) => call('summary.get', values['as-of'] ? { asOf: values['as-of'] } : {}),
    human: summaryHuman,
  }),
  ...IMPORT_COMMANDS,
};
