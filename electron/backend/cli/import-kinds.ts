/**
 * `import FILE [--kind open-items|customers|fatturapa]`: the kind of the file (given, or detected
 * from its bytes), and for customer master data and e-invoices the call and the human summary.
 * Open-items exports stay with import-commands.ts.
 */

import { type ImportKind, importKindSchema } from '../../../shared/api/contracts/import-kinds.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import type { MasterDataResult } from '../services/customers/master-data/sync.ts';
import type { EInvoiceResult } from '../services/fatturapa/sync.ts';
import { detectImportKind } from '../services/import-kinds/detect.ts';
import type { CommandContext } from './command.ts';

export function importKind(option: string | undefined, data: Buffer, fileName: string): ImportKind {
  if (option === undefined) return detectImportKind(data, fileName).kind;
  const parsed = importKindSchema.safeParse(option);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `--kind must be open-items, customers or fatturapa, got "${option}"`);
  }
  return parsed.data;
}

/** Imports a staged master-data or e-invoice file; null for an open-items export. */
export function importOtherKind(
  kind: ImportKind,
  fileId: string,
  { values, call }: Pick<CommandContext, 'values' | 'call'>,
): Promise<unknown> | null {
  if (kind === 'customers') return call('masterData.apply', { fileId, dryRun: values['dry-run'] });
  if (kind === 'fatturapa') {
    return call('eInvoices.apply', { fileId, confirmChanges: values.confirm, dryRun: values['dry-run'] });
  }
  return null;
}

const header = (batch: number | null, file: string, changed: boolean) =>
  batch !== null
    ? `${file}: imported as batch ${batch}`
    : changed
      ? `${file}: dry run, nothing written`
      : `${file}: nothing to change, no batch recorded`;

/** The human lines of a master-data or e-invoice result; null for an open-items result. */
export function humanOtherKind(r: unknown): string | null {
  if (r === null || typeof r !== 'object') return null;
  if ('documents' in r && 'files' in r) {
    const x = r as EInvoiceResult;
    const d = x.documents;
    return [
      header(x.batch, x.file, d.new + d.changed + x.customers.new + x.customers.updated > 0),
      `E-invoices (${x.format}): ${x.files} file(s); documents ${d.new} new, ${d.unchanged} unchanged, ${d.changed} replaced, ${d.skipped} skipped`,
      `items: ${x.items.new} new, ${x.items.changed} changed, ${x.items.closed} closed; customers: ${x.customers.new} new, ${x.customers.updated} updated`,
      `Ledger: ${x.totals.customers} customers, ${x.totals.items} open items, residual ${formatCents(x.totals.residualCents)}, overdue ${formatCents(x.totals.overdueCents)}`,
    ].join('\n');
  }
  if ('customers' in r && 'rows' in r && !('items' in r)) {
    const x = r as MasterDataResult;
    const c = x.customers;
    return [
      header(x.batch, x.file, c.new + c.updated > 0),
      `Customer master data (${x.format}): rows read ${x.rows.read}, imported ${x.rows.imported}, skipped ${x.rows.skipped}`,
      `customers: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged`,
    ].join('\n');
  }
  return null;
}
