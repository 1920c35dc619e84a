/**
 * `bank import FILE [--dry-run] [--into-demo]`, `bank unmatched|suggested|matched|returned|debits`,
 * `bank match ENTRY [--items DOC,DOC] [--customer CODE]`, `bank undo ENTRY` (see ../shared/CLI.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import type { BankEntryView } from '../../../shared/api/contracts/bank.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { discardStaged, stageBytes } from '../services/import/stage.ts';
import { type Command, type CommandContext, command } from './command.ts';

const LISTS: Record<string, BankEntryView['status'] | undefined> = {
  list: undefined,
  unmatched: 'unmatched',
  suggested: 'suggested',
  matched: 'matched',
  returned: 'returned',
  debits: 'debit',
};

function entryId(arg: string | undefined, usage: string): number {
  if (arg === undefined || !/^\d+$/.test(arg))
    throw new AppError('VALIDATION', `${usage}: ENTRY must be a bank entry number, got "${arg ?? ''}"`);
  return Number(arg);
}

async function importFile({ ctx, args, values, call }: CommandContext) {
  const file = args[1];
  if (!file) throw new AppError('VALIDATION', 'bank import needs a FILE: `bank import FILE [--dry-run]`');
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    throw new AppError('VALIDATION', `Cannot read ${file}: ${(err as Error).message}`);
  }
  // The demo company's ledger takes a real statement only when asked, as `import --into-demo`.
  if (values['into-demo']) await call('demo.allowImports', {});
  const staged = stageBytes(ctx.dataDir, path.basename(file), data);
  try {
    return await call('bank.import', { fileId: staged.fileId, dryRun: values['dry-run'] });
  } finally {
    discardStaged(ctx.dataDir, staged.fileId);
  }
}

function entryLine(e: BankEntryView): string {
  const who = e.customerCode
    ? `${e.customerCode} ${e.customerName ?? ''}`.trim()
    : (e.counterpartyName ?? '?');
  const paid = e.allocations.map((a) => `${a.documentNumber} ${formatCents(a.amountCents)}`).join(', ');
  return `#${e.id} ${e.bookingDate} ${e.direction === 'credit' ? '+' : '-'}${formatCents(e.amountCents)} ${e.status} ${who}${
    paid ? ` → ${paid}` : ''
  }${e.creditCents ? ` (credit ${formatCents(e.creditCents)})` : ''}${e.reason ? ` — ${e.reason}` : ''}`;
}

/** A list of bank payments an export still shows unpaid (`bank unreflected`), not of entries. */
function isUnreflected(
  r: MethodOutput<'bank.unreflected'> | BankEntryView[],
): r is MethodOutput<'bank.unreflected'> {
  const first: unknown = r[0];
  return typeof first === 'object' && first !== null && 'reopenedOn' in first;
}

export const BANK_COMMANDS: Record<string, Command> = {
  bank: command({
    summary:
      "bank statements: `bank import FILE [--dry-run] [--into-demo]` (on the demo company's ledger refused unless --into-demo), `bank unmatched|suggested|matched|returned|debits|list`, `bank match ENTRY [--items DOC,DOC] [--customer CODE]`, `bank undo ENTRY`, `bank unreflected` (bank payments a later export still shows unpaid), `bank day [YYYY-MM-DD]` (the day's totals by outcome)",
    run: async (c) => {
      const [sub, arg] = c.args;
      if (sub === 'import') return importFile(c);
      if (sub !== undefined && sub in LISTS) {
        const status = LISTS[sub];
        return c.call('bank.list', {
          ...(status ? { status } : {}),
          ...(c.values.status && !status ? { status: c.values.status } : {}),
          ...(c.values.from ? { from: c.values.from } : {}),
          ...(c.values.to ? { to: c.values.to } : {}),
          ...(c.values.limit ? { limit: Number(c.values.limit) } : {}),
        });
      }
      if (sub === 'match') {
        return c.call('bank.match', {
          entryId: entryId(arg, 'bank match ENTRY'),
          ...(c.values.items
            ? {
                items: c.values.items
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(c.values.customer ? { customerCode: c.values.customer } : {}),
        });
      }
      if (sub === 'undo') return c.call('bank.undo', { entryId: entryId(arg, 'bank undo ENTRY') });
      if (sub === 'unreflected') return c.call('bank.unreflected', {});
      if (sub === 'day') return c.call('bank.day', arg ? { date: arg } : {});
      throw new AppError(
        'VALIDATION',
        `Unknown bank subcommand "${sub ?? ''}": import, unmatched, suggested, matched, returned, debits, list, match, undo, unreflected, day`,
      );
    },
    human: (r) => {
      if (Array.isArray(r) && isUnreflected(r)) {
        return r
          .map(
            (u) =>
              `#${u.entryId} ${u.bookingDate} ${u.customerCode} ${u.documentNumber}: ${formatCents(u.amountCents)} paid from the bank; import batch ${u.batch} (${u.reopenedOn}) still shows ${formatCents(u.residualCents)} open`,
          )
          .join('\n');
      }
      if (Array.isArray(r)) return r.map(entryLine).join('\n') || 'No entries.';
      if ('suggestedCents' in r) {
        const d = r;
        if (d.date === null) return 'No statement imported yet.';
        const both = (n: number, cents: number) => `${n} (${formatCents(cents)})`;
        return [
          `${d.date}: credits ${both(d.credits, d.creditsCents)}`,
          `matched ${both(d.matched, d.matchedCents)}, suggested ${both(d.suggested, d.suggestedCents)}, unmatched ${both(d.unmatched, d.unmatchedCents)}`,
          `returned bills ${both(d.returned, d.returnedCents)}, debits ${both(d.debits, d.debitsCents)}`,
        ].join('\n');
      }
      if ('creditsCents' in r) {
        const x = r;
        return [
          x.alreadyImported
            ? 'Statement already imported: nothing changed.'
            : x.dryRun
              ? 'Dry run: nothing written.'
              : `Imported as statement #${x.statement}.`,
          `${x.format} ${x.account} ${x.from}–${x.to}: ${x.entries} entries${x.duplicates ? ` (${x.duplicates} already known)` : ''}`,
          `credits ${x.credits} (${formatCents(x.creditsCents)}), debits ${x.debits} (${formatCents(x.debitsCents)})`,
          `matched ${x.matched} (${formatCents(x.matchedCents)}), suggested ${x.suggested}, unmatched ${x.unmatched}, returned bills ${x.returned}`,
        ].join('\n');
      }
      return entryLine(r);
    },
  }),
};
