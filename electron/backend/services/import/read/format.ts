/**
 * Tells what a file is from its bytes, not its name: accounting systems often save CSV or HTML as `.xls`, and a
 * user may rename anything. The name only breaks ties the bytes cannot.
 */
import type { ImportFormat } from '../types.ts';
import { fileError } from './errors.ts';

export type Container = 'workbook' | 'csv';

export interface SniffedFormat {
  format: ImportFormat;
  container: Container;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

function startsWith(data: Buffer, bytes: number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** Known binary formats that are certainly not spreadsheets (a PDF of the report is a classic mistake). */
const NOT_SPREADSHEETS: { magic: number[]; what: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF document' },
];

const EXPECTED = 'expected an Excel (.xlsx, .xls), OpenDocument (.ods) or CSV file';

export function sniffFormat(data: Buffer, fileName: string): SniffedFormat {
  if (data.length === 0) throw fileError(fileName, 'the file is empty');
  if (startsWith(data, ZIP)) {
    // Entry names are stored uncompressed. OOXML (xlsx, xlsm, xlsb) always has `[Content_Types].xml`;
    // ODS has `content.xml` and usually an uncompressed `mimetype` entry first.
    const head = data.subarray(0, 200).toString('latin1');
    const ooxml = data.indexOf('[Content_Types].xml', 0, 'latin1') !== -1;
    if (head.includes(ODS_MIME) || (!ooxml && data.indexOf('content.xml', 0, 'latin1') !== -1)) {
      return { format: 'ods', container: 'workbook' };
    }
    return { format: 'xlsx', container: 'workbook' };
  }
  if (startsWith(data, OLE2)) return { format: 'xls', container: 'workbook' };
  for (const { magic, what } of NOT_SPREADSHEETS) {
    if (startsWith(data, magic)) throw fileError(fileName, `not a spreadsheet: it is ${what}; ${EXPECTED}`);
  }
  // BIFF2-5 worksheets saved without an OLE container start with a BOF record (09 00/02/04/08 ...).
  if (data[0] === 0x09 && (data[1] === 0x00 || data[1] === 0x02 || data[1] === 0x04 || data[1] === 0x08)) {
    return { format: 'xls', container: 'workbook' };
  }
  const head = data
    .subarray(0, 4096)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const lead = head.trimStart().slice(0, 2048).toLowerCase();
  if (lead.startsWith('<')) {
    if (lead.includes('opendocument.spreadsheet') || lead.includes('<office:document')) {
      return { format: 'ods', container: 'workbook' };
    }
    // SpreadsheetML 2003 and HTML tables: what many ERPs write into an `.xls`.
    if (lead.includes('urn:schemas-microsoft-com:office:spreadsheet') || /<(html|table)\b/.test(lead)) {
      return { format: 'xls', container: 'workbook' };
    }
  }
  if (looksBinary(data)) throw fileError(fileName, `not a spreadsheet or CSV file; ${EXPECTED}`);
  return { format: 'csv', container: 'csv' };
}

/** Text never holds NUL or most other control bytes; UTF-16 text (with a BOM) is text, not binary. */
function looksBinary(data: Buffer): boolean {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return false;
  const n = Math.min(data.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i] as number;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) control++;
  }
  // A few stray control characters (a tab, a unit separator in a cell) do not make a text file binary.
  return control > Math.max(8, n / 100);
}
