/**
 * Reads a bank statement file — camt.053, camt.054, CBI XML, CBI RH — or a ZIP of them, and
 * returns validated statements. Nothing is returned on bad input: every problem comes back as one
 * BankReadError naming the file, the entry and the field. Balances, when the file has them, must
 * agree with the entries (opening + credits − debits = closing).
 */
import { unzipSync } from 'fflate';
import { formatCents } from '../../../../../shared/domain/money.ts';
import { readCamtXml } from './camt.ts';
import { looksLikeCbiRh, readCbiRh } from './cbi-rh.ts';
import { BankReadError, type BankReadIssue, type BankStatementRead, bankStatementSchema } from './types.ts';
import { decodeXml, looksLikeXml, parseXml } from './xml.ts';

export type { BankEntryRead, BankFormat, BankStatementRead } from './types.ts';
export { BankReadError, describeIssue } from './types.ts';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 1000;

export interface BankFileRead {
  /** The file (inside a ZIP: `archive.zip › name.xml`). */
  name: string;
  statements: BankStatementRead[];
}

function isZip(data: Buffer): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

function checkBalances(file: string, st: BankStatementRead, issues: BankReadIssue[]): void {
  if (st.openingCents === null || st.closingCents === null) return;
  let sum = st.openingCents;
  for (const e of st.entries) sum += e.direction === 'credit' ? e.amountCents : -e.amountCents;
  if (sum !== st.closingCents) {
    issues.push({
      file,
      entry: `account ${st.account} ${st.from}–${st.to}`,
      field: 'closing balance',
      message: `the entries do not add up: opening ${formatCents(st.openingCents)} + movements gives ${formatCents(sum)}, the bank says ${formatCents(st.closingCents)}`,
    });
  }
}

function validate(
  file: string,
  statements: BankStatementRead[],
  issues: BankReadIssue[],
): BankStatementRead[] {
  const out: BankStatementRead[] = [];
  statements.forEach((st, i) => {
    const parsed = bankStatementSchema.safeParse(st);
    if (!parsed.success) {
      for (const z of parsed.error.issues) {
        const [k, idx, name] = z.path;
        const entry =
          k === 'entries' && typeof idx === 'number'
            ? (st.entries[idx]?.position ?? `entry ${idx + 1}`)
            : `statement ${i + 1}`;
        issues.push({
          file,
          entry,
          field: String(k === 'entries' ? (name ?? '') : (k ?? '')),
          message: z.message,
        });
      }
      return;
    }
    checkBalances(file, parsed.data, issues);
    out.push(parsed.data);
  });
  return out;
}

function readOne(name: string, data: Buffer): { statements: BankStatementRead[]; issues: BankReadIssue[] } {
  if (looksLikeXml(data)) {
    const raw = decodeXml(data);
    const read = readCamtXml(name, parseXml(name, raw), raw);
    if (!read)
      return {
        statements: [],
        issues: [
          {
            file: name,
            message:
              'not a bank statement: expected an ISO 20022 camt.053/camt.054 Document or a CBI daily statement (CBIDlyStmtReqLogMsg)',
          },
        ],
      };
    return read;
  }
  const text = new TextDecoder('windows-1252').decode(data);
  if (looksLikeCbiRh(text)) return readCbiRh(name, text);
  return {
    statements: [],
    issues: [
      {
        file: name,
        message:
          'not a bank statement: expected camt.053, camt.054, CBI XML or a CBI RH file (records RH, 61, 62, 63, 64, EF), or a ZIP of them',
      },
    ],
  };
}

/** Reads a file or a ZIP of files; throws BankReadError listing every problem. */
export function readBankFile(fileName: string, data: Buffer): BankFileRead[] {
  if (data.length > MAX_FILE_BYTES)
    throw new BankReadError([{ file: fileName, message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }]);
  const parts: { name: string; data: Buffer }[] = [];
  if (isZip(data)) {
    let total = 0;
    let count = 0;
    let refused: string | null = null;
    let unzipped: Record<string, Uint8Array>;
    try {
      unzipped = unzipSync(new Uint8Array(data), {
        // Sizes from the ZIP's directory are checked before a byte is inflated (ZIP bombs).
        filter: (f) => {
          if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/')) return false;
          count++;
          total += f.originalSize;
          if (count > MAX_ZIP_ENTRIES) refused = `more than ${MAX_ZIP_ENTRIES} files`;
          if (total > MAX_FILE_BYTES) refused = `more than ${MAX_FILE_BYTES / 1024 / 1024} MB once unzipped`;
          return refused === null;
        },
      });
    } catch (err) {
      throw new BankReadError([{ file: fileName, message: `not a readable ZIP: ${(err as Error).message}` }]);
    }
    if (refused) throw new BankReadError([{ file: fileName, message: `refused: the ZIP holds ${refused}` }]);
    for (const [name, bytes] of Object.entries(unzipped).sort(([a], [b]) => a.localeCompare(b))) {
      parts.push({ name: `${fileName} › ${name}`, data: Buffer.from(bytes) });
    }
    if (parts.length === 0) throw new BankReadError([{ file: fileName, message: 'the ZIP is empty' }]);
  } else parts.push({ name: fileName, data });

  const issues: BankReadIssue[] = [];
  const files: BankFileRead[] = [];
  for (const p of parts) {
    try {
      const read = readOne(p.name, p.data);
      issues.push(...read.issues);
      const statements = validate(p.name, read.statements, issues);
      if (read.issues.length === 0 && statements.length === 0)
        issues.push({ file: p.name, message: 'no statement found in the file' });
      files.push({ name: p.name, statements });
    } catch (err) {
      if (err instanceof BankReadError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length > 0) throw new BankReadError(issues);
  return files;
}
