/**
 * The seam between reading an export (read/: file -> validated rows) and syncing it into the
 * ledger (sync.ts: rows -> new/changed/closed/reopened items, payments, batch, undo).
 */
import type { ImportField, ImportMapping } from '../../../../shared/api/contract.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';

export type ImportFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

/** One problem in a file; `row` is the row number as the spreadsheet shows it (1-based). */
export interface ImportIssue {
  row?: number;
  column?: string;
  value?: string;
  message: string;
}

/** One validated data row of an export, in ledger units (cents, ISO dates). */
export interface ImportRow {
  row: number;
  customerCode: string;
  /** null when the export has no names (SAP FBL5N, Business Central): the code shows until one is known. */
  customerName: string | null;
  vat: string | null;
  taxCode: string | null;
  documentType: 'invoice' | 'credit_note';
  documentNumber: string;
  /** '' when the file has no document date column: it is part of the natural key. */
  documentDate: IsoDate | '';
  dueDate: IsoDate;
  installment: string | null;
  amountCents: number;
  residualCents: number;
  paymentMethod: string | null;
  salesperson: string | null;
  area: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
}

/** One mapped column, as the preview and `import --json` show it. */
export interface MappingDetail {
  field: ImportField;
  header: string;
  /** Why this column: "SAP FBL5N layout: the column "Net due date"", "the header names the due date; values are dates". */
  reason: string;
  /** The first few distinct values. */
  samples: string[];
}

export interface ReadOptions {
  sheet?: string;
  headerRow?: number;
  /** An explicit mapping (from the UI or a profile) instead of the detected one. */
  mapping?: ImportMapping;
  /** Saved profiles: a file whose headers match a profile's uses its mapping. */
  profiles?: { name: string; headers: string[]; mapping: ImportMapping }[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** What detection finds without reading every row (shown in the UI before the preview). */
export interface FileLayout {
  fileName: string;
  sha256: string;
  format: ImportFormat;
  encoding: string | null;
  sheets: string[];
  sheet: string;
  headerRow: number;
  headers: string[];
  mapping: ImportMapping;
  profile: string | null;
  /** Read from a title row such as "Situazione al 30/09/2026", else from the file name, else null. */
  asOf: IsoDate | null;
  asOfSource: 'title' | 'fileName' | null;
  missing: ImportField[];
  /** The recognised layout of a known accounting system ("SAP FBL5N"), or null. */
  layout: string | null;
  mappingDetails: MappingDetail[];
  /** What detection wants the user to know (a column passed over, a missing field's candidates). */
  notes: ImportIssue[];
}

/** What the reader knows only once every row is read. */
export interface ReadSummary {
  /** Data rows read (excluding title, header, blank, subtotal and total rows). */
  read: number;
  /** Non-data rows skipped below the header: blank lines, subtotals, grand totals. */
  skipped: number;
  errors: ImportIssue[];
  /** Rows with at least one error. */
  invalidRows: number;
  warnings: ImportIssue[];
}

/** What the file's duplicate check keeps of a valid row (read/duplicates.ts): its number and key parts. */
export interface KeyEntry {
  readonly row: number;
  readonly documentType: ImportRow['documentType'];
  readonly documentDate: ImportRow['documentDate'];
  readonly dueDate: ImportRow['dueDate'];
  readonly installment: string | null;
  /**
   * Set by the sync once it has taken the row as no open item of the ledger (a new item, a closed one): the
   * installment it keyed the row by (a twin's `(n)`), '' for none. Undefined until then.
   */
  keyed: string | undefined;
}

/** The keys of the rows read so far, as the sync sees them. */
export interface FileKeys {
  /** The entries with this customer code and document number, in file order. */
  entries(customerCode: string, documentNumber: string): readonly KeyEntry[];
  /** Row numbers of the rows whose key without the installment an earlier or later row read so far shares. */
  readonly shared: ReadonlySet<number>;
}

/**
 * The valid rows of a file a chunk at a time (read/index.ts, openImportRows): the sync takes each chunk as it
 * comes and the rows are not kept, so a big file is never held whole.
 */
export interface RowStream {
  /** Calls `visit` with each chunk of rows in file order (once per stream), then returns the summary. */
  each(visit: (rows: ImportRow[]) => void): ReadSummary;
  /** True once a row error has been read: the file will be refused, its later rows need no sync. */
  failed(): boolean;
  /** The keys of the rows read so far; null: the sync indexes the rows itself. */
  readonly keys: FileKeys | null;
}

export interface ReadResult extends FileLayout, ReadSummary {
  rows: ImportRow[];
  /**
   * Row numbers of the rows whose key without the installment another row shares (twins, duplicates): the
   * only rows the sync compares with each other. Every other row's key is unique in the file.
   */
  sharedKeys: ReadonlySet<number>;
}
