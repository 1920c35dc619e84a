/** Synthetic imports for the sync tests: export rows and snapshot inputs without a file reader. */
import type { ImportRequest } from '../../electron/backend/services/import/run.ts';
import type { SyncInput } from '../../electron/backend/services/import/sync.ts';
import type { ImportRow } from '../../electron/backend/services/import/types.ts';
import { AppError } from '../../shared/api/errors.ts';

/**
 * The columns of an export row a test leaves empty unless it says otherwise: no VAT number or tax
 * code, no installment, payment method, salesperson, area or contacts.
 */
export const EMPTY_COLUMNS = {
  vat: null,
  taxCode: null,
  installment: null,
  paymentMethod: null,
  salesperson: null,
  area: null,
  email: null,
  pec: null,
  phone: null,
} as const satisfies Partial<ImportRow>;

/**
 * A snapshot import of `rows` as of `asOf` from a CSV file of this name and hash (its header on row
 * 1), applied by the admin at 10:00 UTC that day; `extra` adds to it or replaces any of it.
 */
export function snapshotInput(
  rows: ImportRow[],
  asOf: string,
  file: { name: string; sha256: string },
  extra: Partial<SyncInput> = {},
): SyncInput {
  return {
    file: { ...file, format: 'csv', sheet: null, headerRow: 1 },
    rows,
    asOf,
    mode: 'snapshot',
    user: { id: 1, name: 'admin' },
    at: `${asOf}T10:00:00.000Z`,
    ...extra,
  };
}

/** An apply of file `fileName` as a snapshot as of `asOf`, closures confirmed, by the admin at 10:00 UTC that day. */
export function applyRequest(fileName: string, asOf: string): ImportRequest {
  return {
    kind: 'apply',
    fileName,
    read: {},
    asOf,
    mode: 'snapshot',
    confirmClosures: true,
    dryRun: false,
    user: { id: 1, name: 'admin' },
    today: asOf,
    at: `${asOf}T10:00:00.000Z`,
  };
}

/** The AppError `fn` throws (any other error is thrown on; none fails the test). */
export async function caught(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}
