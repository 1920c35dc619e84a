/**
 * `import FILE [--kind open-items|customers|fatturapa]`: the kind of the file (given, or detected
 * from its bytes), and for customer master data and e-invoices the call and the human summary.
 * Open-items exports stay with import-commands.ts.
 */

import type { MethodOutput } from '../../../shared/api/contract.ts';
import { type ImportKind, importKindSchema } from '../../../shared/api/contracts/import-kinds.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
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

/** What importing a master-data or e-invoice file answers. */
export type OtherKindResult = MethodOutput<'masterData.apply'> | MethodOutput<'eInvoices.apply'>;

/** Imports a staged master-data or e-invoice file; null for an open-items export. */
export function importOtherKind(
  kind: ImportKind,
  fileId: string,
  { values, call }: Pick<CommandContext, 'values' | 'call'>,
): Promise<OtherKindResult> | null {
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

/** The human lines of a master-data or e-invoice result. */
export function humanOtherKind(r: OtherKindResult): string {
  if ('documents' in r) {
    const x = r;
    const d = x.documents;
    return [
      header(x.batch, x.file, d.new + d.changed + x.customers.new + x.customers.updated > 0),
      `E-invoices (${x.format}): ${x.files} file(s); documents ${d.new} new, ${d.unchanged} unchanged, ${d.changed} replaced, ${d.skipped} skipped`,
      `items: ${x.items.new} new, ${x.items.changed} changed, ${x.items.closed} closed; customers: ${x.customers.new} new, ${x.customers.updated} updated`,
      `Ledger: ${x.totals.customers} customers, ${x.totals.items} open items, residual ${formatCents(x.totals.residualCents)}, overdue ${formatCents(x.totals.overdueCents)}`,
    ].join('\n');
  }
  const c = r.customers;
  return [
    header(r.batch, r.file, c.new + c.updated > 0),
    `Customer master data (${r.format}): rows read ${r.rows.read}, imported ${r.rows.imported}, skipped ${r.rows.skipped}`,
    `customers: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged`,
  ].join('\n');
}
