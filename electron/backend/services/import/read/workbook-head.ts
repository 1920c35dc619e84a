/**
 * The first rows of an XLSX, cheaply. Telling what a file is (kind detection, the layout shown before a
 * preview) needs its first few dozen rows, and SheetJS's `sheetRows` stops building cells there — but still
 * scans the whole worksheet XML: 4 s of a 200k-row export's import went on that alone, before the real read.
 * Here each worksheet's XML is cut after its first `rows` rows (closed as a well-formed sheet) and the
 * workbook is handed back, uncompressed, for SheetJS to read as usual: the same cells, shared strings, dates
 * and sheet names, a quarter of the time.
 *
 * Only the OOXML worksheets (`xl/worksheets/*.xml`) are cut; a binary (.xlsb) or ODS workbook, a sheet with
 * namespace-prefixed rows, or one shorter than `rows`, is left whole. Null: nothing was cut (read the
 * original).
 */
import * as XLSX from 'xlsx';

/** What this module uses of SheetJS's CFB container (typed `any` by the package). */
interface ZipContainer {
  FullPaths: string[];
  FileIndex: { content: Uint8Array | number[]; size: number }[];
}

const ROW_END = Buffer.from('</row>');
const PREFIXED_ROW = Buffer.from(':row ');
const SHEET_END = Buffer.from('</sheetData></worksheet>');
const WORKSHEET = /(^|\/)xl\/worksheets\/[^/]+\.xml$/;

export function workbookHead(data: Buffer, rows: number): Buffer | null {
  const zip = XLSX.CFB.read(data, { type: 'buffer' }) as ZipContainer;
  let cut = 0;
  zip.FullPaths.forEach((name, i) => {
    const entry = zip.FileIndex[i];
    if (!entry || !WORKSHEET.test(name)) return;
    const xml = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    if (xml.indexOf(PREFIXED_ROW) !== -1) return;
    let end = 0;
    for (let r = 0; r < rows; r++) {
      const at = xml.indexOf(ROW_END, end);
      if (at === -1) return;
      end = at + ROW_END.length;
    }
    entry.content = Buffer.concat([xml.subarray(0, end), SHEET_END]);
    entry.size = entry.content.length;
    cut++;
  });
  if (cut === 0) return null;
  return XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: false }) as Buffer;
}
