/** `import FILE …`, `imports`, `undo [BATCH]`: the import from a terminal (see ../shared/CLI.md). */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { discardStaged, type StagedFile, stageBytes } from '../services/import/stage.ts';
import type { ImportResult } from '../services/import/sync.ts';
import { type Command, command } from './command.ts';
import { humanOtherKind, importKind, importOtherKind } from './import-kinds.ts';
import {
  checkFileOnDisk,
  describeMapping,
  humanProfiles,
  isProfilesResult,
  profileOptions,
  profilesCommand,
} from './import-mapping.ts';

function countsLine(
  r: Pick<ImportResult, 'items' | 'customers' | 'paymentsCents' | 'reversalsCents'>,
): string {
  const i = r.items;
  return [
    `items: ${i.new} new, ${i.changed} changed, ${i.closed} closed, ${i.reopened} reopened, ${i.unchanged} unchanged`,
    `customers: ${r.customers.new} new, ${r.customers.updated} updated`,
    `payments ${formatCents(r.paymentsCents)}, reversals ${formatCents(r.reversalsCents)}`,
  ].join('; ');
}

function stageFromDisk(dataDir: string, file: string): StagedFile {
  try {
    checkFileOnDisk(file);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', `Cannot read ${file}: ${(err as Error).message}`);
  }
  const staged = stageBytes(dataDir, path.basename(file), Buffer.alloc(0));
  try {
    fs.copyFileSync(file, staged.path);
  } catch (err) {
    discardStaged(dataDir, staged.fileId);
    throw new AppError('VALIDATION', `Cannot read ${file}: ${(err as Error).message}`);
  }
  return staged;
}

/**
 * The file's kind, from its bytes: a big text file (CSV, XML) tells it in its first megabyte, so a
 * big export is not held here while the import reads it; ZIP containers and small files are read whole.
 */
function kindOnDisk(option: string | undefined, file: string, fileName: string) {
  if (option !== undefined) return importKind(option, Buffer.alloc(0), fileName);
  const head = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const start = head.subarray(0, n);
  const zip = n >= 4 && start.readUInt32LE(0) === 0x04034b50;
  const whole = zip || fs.statSync(file).size <= 8 * head.length;
  return importKind(undefined, whole ? fs.readFileSync(file) : start, fileName);
}

export const IMPORT_COMMANDS: Record<string, Command> = {
  import: command({
    summary:
      "import an aged-receivables export, customer master data or FatturaPA e-invoices (.xml, .xml.p7m, ZIP): `import FILE [--kind open-items|customers|fatturapa] [--as-of D] [--mode snapshot|incremental] [--map FIELD=HEADER …] [--profile NAME|FILE.json] [--confirm-closures] [--confirm] [--dry-run] [--into-demo]` (on the demo company's ledger an import is refused unless --into-demo)",
    run: async ({ ctx, args, values, call }) => {
      const file = args[0];
      if (!file)
        throw new AppError('VALIDATION', 'import needs a FILE: `import FILE [--as-of YYYY-MM-DD] …`');
      const mode = values.mode ?? 'snapshot';
      if (mode !== 'snapshot' && mode !== 'incremental') {
        throw new AppError('VALIDATION', `--mode must be snapshot or incremental, got "${mode}"`);
      }
      // The demo company's ledger takes real data only when asked (services/demo-ledger.ts).
      if (values['into-demo']) await call('demo.allowImports', {});
      // Staged straight from disk (a copy, never held in memory here: the import reads it once).
      const staged = stageFromDisk(ctx.dataDir, file);
      try {
        const kind = kindOnDisk(values.kind, staged.path, staged.fileName);
        const other = importOtherKind(kind, staged.fileId, { values, call });
        if (other) return await other;
        return await call('imports.apply', {
          fileId: staged.fileId,
          ...(values['as-of'] !== undefined ? { asOf: values['as-of'] } : {}),
          mode,
          ...profileOptions(values.profile, values.map),
          confirmClosures: values['confirm-closures'],
          dryRun: values['dry-run'],
        });
      } finally {
        discardStaged(ctx.dataDir, staged.fileId);
      }
    },
    human: (r) => {
      // Open items have a mode (snapshot or incremental); master data and e-invoices have none.
      if (!('mode' in r)) return humanOtherKind(r);
      const x = r;
      const i = x.items;
      const noChange =
        i.new + i.changed + i.closed + i.reopened + x.customers.new + x.customers.updated === 0;
      return [
        x.batch !== null
          ? `${x.file}: imported as batch ${x.batch}`
          : noChange
            ? `${x.file}: nothing to change, no batch recorded`
            : `${x.file}: dry run, nothing written`,
        `As of ${x.asOf} (${x.mode}); rows read ${x.rows.read}, imported ${x.rows.imported}, skipped ${x.rows.skipped}`,
        countsLine(x),
        `Ledger: ${x.totals.customers} customers, ${x.totals.items} open items, residual ${formatCents(x.totals.residualCents)}, overdue ${formatCents(x.totals.overdueCents)}`,
        ...describeMapping(x),
      ].join('\n');
    },
  }),
  imports: command({
    summary:
      'the import batches, newest first; `imports profiles [export NAME FILE | import FILE]`: mapping profiles as JSON files',
    run: async ({ args, call }) =>
      args[0] === 'profiles' ? profilesCommand(args.slice(1), call) : call('imports.list', {}),
    human: (r) =>
      isProfilesResult(r)
        ? humanProfiles(r)
        : r
            .map(
              (b) =>
                `#${b.id} ${b.createdAt} ${b.file} as of ${b.asOf} (${b.mode})${b.undoneAt ? ` — undone ${b.undoneAt}` : ''}\n    ${countsLine(b)}`,
            )
            .join('\n') || 'No imports yet.',
  }),
  undo: command({
    summary: 'undo the latest import: `undo [BATCH]`',
    run: async ({ args, call }) => {
      const arg = args[0];
      if (arg !== undefined && !/^\d+$/.test(arg)) {
        throw new AppError('VALIDATION', `undo takes a batch number, got "${arg}"`);
      }
      return call('imports.undo', arg === undefined ? {} : { batch: Number(arg) });
    },
    human: (b) => `Undone batch #${b.id} (${b.file}, as of ${b.asOf})`,
  }),
};
