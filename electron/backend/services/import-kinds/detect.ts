/**
 * What kind of file the user chose, from its bytes (and name only where bytes cannot tell): a
 * FatturaPA e-invoice (`.xml`, `.xml.p7m`, or a ZIP of them), a customer master-data file
 * (headers of customers' identities and addresses, no amounts or due dates), or else an
 * open-items export — whose own reader then says precisely what is wrong with it.
 */
import type { ImportKind } from '../../../../shared/api/contracts/import-kinds.ts';
import { findMasterHeader, HEADER_ROWS } from '../customers/master-data/read.ts';
import { isEInvoiceZip, looksLikeEInvoice } from '../fatturapa/read/index.ts';
import { isZip } from '../fatturapa/read/zip.ts';
import { openCsv } from '../import/read/csv-source.ts';
import { sniffFormat } from '../import/read/format.ts';
import { checkFileSize, checkZipSizes } from '../import/read/guards.ts';
import { fieldForHeader } from '../import/read/headers.ts';
import { openWorkbook } from '../import/read/workbook-source.ts';

export interface DetectedKind {
  kind: ImportKind;
  reason: string;
}

/** Excel 2003 XML (SpreadsheetML) is a spreadsheet even when saved as `.xml`. */
const SPREADSHEET_XML = 'urn:schemas-microsoft-com:office:spreadsheet';

/** Open-items columns: a file with amounts or due dates is an export of items, not of customers. */
const ITEM_FIELDS = new Set(['amount', 'residual', 'dueDate', 'documentNumber']);

export function detectImportKind(data: Buffer, fileName: string): DetectedKind {
  if (isEInvoiceZip(data)) return { kind: 'fatturapa', reason: 'a ZIP archive of e-invoices' };
  const head = data.subarray(0, 4096).toString('latin1');
  if (!isZip(data) && !head.includes(SPREADSHEET_XML) && looksLikeEInvoice(data, fileName)) {
    return {
      kind: 'fatturapa',
      reason: /\.p7m$/i.test(fileName) || data[0] === 0x30 ? 'a signed e-invoice (.p7m)' : 'an XML e-invoice',
    };
  }
  try {
    checkFileSize(data, fileName);
    const { format, container } = sniffFormat(data, fileName);
    // The declared sizes only: the first rows are all that is read here (the import checks every part).
    if (container !== 'csv') checkZipSizes(data, fileName);
    const file =
      container === 'csv'
        ? openCsv(data, fileName, HEADER_ROWS)
        : openWorkbook(data, fileName, format, HEADER_ROWS, HEADER_ROWS);
    const master = findMasterHeader(file);
    if (master && !master.headers.some((h) => ITEM_FIELDS.has(fieldForHeader(h) ?? ''))) {
      return {
        kind: 'customers',
        reason: `customer master data (${Object.keys(master.mapping).length} customer columns, no amounts or due dates)`,
      };
    }
  } catch {
    // Not readable as a spreadsheet: the open-items reader will say why, naming the file.
  }
  return { kind: 'open-items', reason: 'an open-items export (aged receivables)' };
}
