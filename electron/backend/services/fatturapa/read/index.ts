/**
 * The e-invoice reader: a FatturaPA `.xml`, a signed `.xml.p7m` or a ZIP of them -> the invoices
 * they hold, each named by the file it came from, with every problem (file + element). A file
 * that is not an e-invoice at all is refused with the list of formats Incasso reads; inside a ZIP,
 * what is not an invoice (SDI receipts and metadata, PDF copies) is skipped with a warning.
 */
import { createHash } from 'node:crypto';
import { fileError } from '../../import/read/errors.ts';
import { checkFileSize, zipEntries } from '../../import/read/guards.ts';
import { looksLikeP7m, P7mError, unwrapP7m } from './p7m.ts';
import { FORMATS_READ, type ParsedEInvoice, parseFatturaPA, type ReadIssue } from './xml.ts';
import { isZip, unzip, ZipError } from './zip.ts';

export type EInvoiceFormat = 'xml' | 'p7m' | 'zip';

export interface EInvoiceIssue extends ReadIssue {
  /** The file the problem is in: the file itself, or an entry of the ZIP. */
  file: string;
}

export interface EInvoiceRead {
  fileName: string;
  sha256: string;
  format: EInvoiceFormat;
  /** Invoice files read (a ZIP's entries that were e-invoices). */
  files: number;
  invoices: { file: string; invoice: ParsedEInvoice }[];
  errors: EInvoiceIssue[];
  warnings: EInvoiceIssue[];
}

const isP7mName = (name: string) => /\.p7m$/i.test(name);

/** True when the name or the bytes say e-invoice: `.xml`, `.p7m`, a CMS envelope, or XML rooted in FatturaElettronica. */
export function looksLikeEInvoice(data: Buffer, fileName: string): boolean {
  if (/\.(xml|p7m)$/i.test(fileName)) return true;
  if (isZip(data)) return false;
  if (looksLikeP7m(data)) return true;
  return /<([A-Za-z_][\w.-]*:)?FatturaElettronica[\s>]/.test(data.subarray(0, 2048).toString('latin1'));
}

/** A ZIP whose entries are e-invoices, not a workbook (an `.xlsx` or `.ods` is a ZIP too). */
export function isEInvoiceZip(data: Buffer): boolean {
  if (!isZip(data)) return false;
  const names = (zipEntries(data) ?? []).map((e) => e.name);
  if (names.some((n) => n === '[Content_Types].xml' || n === 'content.xml' || n === 'mimetype')) return false;
  return names.some((n) => /\.(xml|p7m)$/i.test(n));
}

interface Collect {
  invoices: EInvoiceRead['invoices'];
  errors: EInvoiceIssue[];
  warnings: EInvoiceIssue[];
  files: number;
}

function readOne(data: Buffer, name: string, inZip: boolean, out: Collect): void {
  let xml = data;
  if (isP7mName(name) || looksLikeP7m(data)) {
    try {
      xml = unwrapP7m(data);
    } catch (err) {
      if (!(err instanceof P7mError)) throw err;
      out.errors.push({ file: name, message: `${err.message}. ${FORMATS_READ}.` });
      return;
    }
  }
  const result = parseFatturaPA(xml);
  if (result.ok) {
    out.files++;
    out.invoices.push({ file: name, invoice: result.invoice });
    return;
  }
  const notInvoice = result.issues.length === 1 && result.issues[0]?.message.includes(FORMATS_READ);
  if (inZip && notInvoice && !/refused/.test(result.issues[0]?.message ?? '')) {
    out.warnings.push({
      file: name,
      message: 'skipped: not a FatturaPA e-invoice (an SDI receipt or metadata file?)',
    });
    return;
  }
  for (const i of result.issues) out.errors.push({ file: name, ...i });
}

export function readEInvoiceFile(data: Buffer, fileName: string): EInvoiceRead {
  checkFileSize(data, fileName);
  if (data.length === 0) throw fileError(fileName, 'the file is empty');
  const out: Collect = { invoices: [], errors: [], warnings: [], files: 0 };
  let format: EInvoiceFormat;
  if (isZip(data)) {
    format = 'zip';
    let entries: ReturnType<typeof unzip>;
    try {
      entries = unzip(data);
    } catch (err) {
      if (err instanceof ZipError) throw fileError(fileName, err.message);
      throw err;
    }
    for (const e of entries) {
      const base = e.name.split('/').pop() ?? e.name;
      if (base.startsWith('.') || e.name.startsWith('__MACOSX/')) continue;
      if (!/\.(xml|p7m)$/i.test(base)) {
        out.warnings.push({ file: e.name, message: 'skipped: not an .xml or .p7m file' });
        continue;
      }
      readOne(e.data, e.name, true, out);
    }
    if (out.files === 0 && out.errors.length === 0) {
      throw fileError(fileName, `the ZIP archive holds no FatturaPA e-invoice. ${FORMATS_READ}.`);
    }
  } else {
    format = isP7mName(fileName) || looksLikeP7m(data) ? 'p7m' : 'xml';
    const lead = data
      .subarray(0, 512)
      .toString('latin1')
      .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
      .trimStart();
    if (format === 'xml' && !lead.startsWith('<') && !/^\xFF\xFE|^\xFE\xFF/.test(lead)) {
      throw fileError(fileName, `not an XML e-invoice. ${FORMATS_READ}.`);
    }
    readOne(data, fileName, false, out);
  }
  return {
    fileName,
    sha256: createHash('sha256').update(data).digest('hex'),
    format,
    files: out.files,
    invoices: out.invoices,
    errors: out.errors,
    warnings: out.warnings,
  };
}
