/**
 * CBI "Rendicontazione saldi e movimenti di conto corrente" (RH), the Italian fixed-width daily
 * statement: 120-character records, each starting with a blank and a two-character type.
 *
 *   RH  header: sender ABI (4-8), receiver SIA (9-13), creation date GGMMAA (14-19)
 *   61  opening balance: sequence (4-10), CIN (52), ABI (53-57), CAB (58-62), account (63-74),
 *       currency (75-77), date (78-83), sign C/D (84), balance (85-99), country (100-101),
 *       IBAN check digits (102-103)
 *   62  movement: sequence (4-10), movement number (11-13), value date (14-19), booking date
 *       (20-25), sign (26), amount (27-41), CBI causale (42-43), internal causale (44-45),
 *       cheque number (46-61), bank reference (62-77), customer reference type (78-86),
 *       description (87-120)
 *   63  movement information: movement number (11-13), structure flag (14-16): YYY ordering party
 *       (name 41-80), YY2 address and IBAN (67-100), ID1 message id (17-51) and end-to-end id
 *       (52-86), RI1/RI2 remittance (17-120 / 17-52); other flags: free text (14-120)
 *   64  closing balance: currency (11-13), date (14-19), sign (20), booked balance (21-35)
 *   EF  trailer: statements (46-52), records (83-89)
 *
 * Amounts are 15 characters with an explicit decimal comma ("000000001234,56"); a file written
 * without the comma is read as cents. Positions are 1-based as in the CBI specification.
 */
import { RETURN_WORDS } from './camt.ts';
import type { BankEntryRead, BankReadIssue, BankStatementRead } from './types.ts';

const RECORD = 120;

function field(line: string, from: number, to: number): string {
  return line.slice(from - 1, to);
}

function dateOf(ggmmaa: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(ggmmaa);
  if (!m) return null;
  const yy = Number(m[3]);
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const month = Number(m[2]);
  const day = Number(m[1]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${m[2]}-${m[1]}`;
}

function amountOf(raw: string): number | null {
  const s = raw.trim();
  const comma = /^(\d{1,14}),(\d{2})$/.exec(s);
  if (comma) return Number(comma[1]) * 100 + Number(comma[2]);
  if (/^\d{1,15}$/.test(s)) return Number(s);
  return null;
}

export function looksLikeCbiRh(text: string): boolean {
  return /^\s?RH[0-9A-Z ]{3}/.test(text.replace(/^\uFEFF/, ''));
}

/** The file's records: lines, or one stream of 120-character records; a missing leading blank restored. */
function records(text: string): string[] {
  const clean = text.replace(/^\uFEFF/, '');
  const lines = /\r?\n/.test(clean)
    ? clean.split(/\r?\n/)
    : Array.from({ length: Math.ceil(clean.length / RECORD) }, (_, i) =>
        clean.slice(i * RECORD, (i + 1) * RECORD),
      );
  return lines
    .map((l) => (/^[A-Z0-9]{2}/.test(l) && !l.startsWith(' ') ? ` ${l}` : l))
    .map((l) => l.replace(/\s+$/, ''));
}

interface Open {
  statement: BankStatementRead;
  sequence: string;
  pending: BankEntryRead | null;
  pendingLine: number;
}

export function readCbiRh(
  file: string,
  text: string,
): { statements: BankStatementRead[]; issues: BankReadIssue[] } {
  const issues: BankReadIssue[] = [];
  const statements: BankStatementRead[] = [];
  const lines = records(text);
  let open: Open | null = null;
  let sawHeader = false;
  let sawTrailer = false;
  let recordCount = 0;
  const issue = (line: number, record: string, f: string | undefined, message: string) =>
    issues.push({ file, entry: `line ${line} (record ${record})`, ...(f ? { field: f } : {}), message });

  const flush = () => {
    if (open?.pending) open.statement.entries.push(open.pending);
    if (open) open.pending = null;
  };

  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    recordCount++;
    const type = field(line, 2, 3);
    switch (type) {
      case 'RH': {
        sawHeader = true;
        break;
      }
      case '61': {
        flush();
        if (open)
          issue(
            n,
            '61',
            undefined,
            'a new opening balance before the closing balance (64) of the previous account',
          );
        const date = dateOf(field(line, 78, 83));
        if (!date) issue(n, '61', 'data contabile (78-83)', `not a date: "${field(line, 78, 83)}"`);
        const sign = field(line, 84, 84);
        const balance = amountOf(field(line, 85, 99));
        if (balance === null)
          issue(n, '61', 'saldo iniziale (85-99)', `not an amount: "${field(line, 85, 99)}"`);
        if (sign !== 'C' && sign !== 'D') issue(n, '61', 'segno (84)', `must be C or D, got "${sign}"`);
        const country = field(line, 100, 101).trim();
        const check = field(line, 102, 103).trim();
        const bban =
          `${field(line, 52, 52)}${field(line, 53, 57)}${field(line, 58, 62)}${field(line, 63, 74)}`.replace(
            /\s/g,
            '',
          );
        const account = country && check ? `${country}${check}${bban}` : bban;
        open = {
          sequence: field(line, 4, 10),
          pending: null,
          pendingLine: 0,
          statement: {
            format: 'cbi-rh',
            version: 'CBI RH',
            account,
            currency: field(line, 75, 77).trim() || 'EUR',
            from: date ?? '',
            to: date ?? '',
            openingCents: balance === null ? null : sign === 'D' ? -balance : balance,
            closingCents: null,
            entries: [],
          },
        };
        break;
      }
      case '62': {
        if (!open) {
          issue(n, '62', undefined, 'a movement before any opening balance (61)');
          break;
        }
        flush();
        if (field(line, 4, 10) !== open.sequence)
          issue(
            n,
            '62',
            'numero progressivo (4-10)',
            `"${field(line, 4, 10)}" differs from its 61 record's "${open.sequence}"`,
          );
        const valueDate = dateOf(field(line, 14, 19));
        const bookingDate = dateOf(field(line, 20, 25));
        if (!bookingDate)
          issue(n, '62', 'data registrazione (20-25)', `not a date: "${field(line, 20, 25)}"`);
        if (!valueDate && field(line, 14, 19).trim() !== '')
          issue(n, '62', 'data valuta (14-19)', `not a date: "${field(line, 14, 19)}"`);
        const sign = field(line, 26, 26);
        if (sign !== 'C' && sign !== 'D')
          issue(n, '62', 'segno movimento (26)', `must be C or D, got "${sign}"`);
        const amount = amountOf(field(line, 27, 41));
        if (amount === null || amount === 0)
          issue(n, '62', 'importo movimento (27-41)', `not an amount: "${field(line, 27, 41)}"`);
        if (!bookingDate || amount === null || amount === 0 || (sign !== 'C' && sign !== 'D')) break;
        const description = field(line, 87, 120).trim();
        const causale = field(line, 42, 43).trim();
        open.pending = {
          position: `line ${n} (record 62 ${field(line, 11, 13)})`,
          bookingDate,
          valueDate,
          amountCents: amount,
          direction: sign === 'C' ? 'credit' : 'debit',
          isReturn: false,
          counterpartyName: null,
          counterpartyIban: null,
          texts: description ? [description] : [],
          references: [],
          endToEndId: null,
          bankReference: field(line, 62, 77).trim() || null,
          bankCode: causale || null,
          chargesCents: 0,
          returnReason: null,
        };
        open.pendingLine = n;
        break;
      }
      case '63': {
        const entry = open?.pending;
        if (!entry) {
          issue(n, '63', undefined, 'movement information without its movement (62)');
          break;
        }
        const flag = field(line, 14, 16);
        if (flag === 'YYY') {
          const name = field(line, 41, 80).trim();
          if (name) entry.counterpartyName = name;
        } else if (flag === 'YY2') {
          const iban = field(line, 67, 100).trim();
          if (iban) entry.counterpartyIban = iban.replace(/\s/g, '');
        } else if (flag === 'ID1') {
          const e2e = field(line, 52, 86).trim();
          if (e2e && e2e !== 'NOTPROVIDED') entry.endToEndId = e2e;
        } else if (flag === 'RI1' || flag === 'RI2') {
          const t = field(line, 17, 120).trim();
          if (t) entry.texts.push(t);
        } else {
          const t = field(line, 14, 120).trim();
          if (t) entry.texts.push(t);
        }
        break;
      }
      case '64': {
        if (!open) {
          issue(n, '64', undefined, 'a closing balance without its opening balance (61)');
          break;
        }
        flush();
        const date = dateOf(field(line, 14, 19));
        if (!date) issue(n, '64', 'data contabile (14-19)', `not a date: "${field(line, 14, 19)}"`);
        const sign = field(line, 20, 20);
        const balance = amountOf(field(line, 21, 35));
        if (balance === null)
          issue(n, '64', 'saldo contabile (21-35)', `not an amount: "${field(line, 21, 35)}"`);
        const st = open.statement;
        if (date) st.to = date;
        st.closingCents = balance === null ? null : sign === 'D' ? -balance : balance;
        for (const e of st.entries) {
          if (e.direction === 'debit' && e.texts.some((t) => RETURN_WORDS.test(t))) {
            e.isReturn = true;
            e.returnReason = 'returned';
            // "SPESE INSOLUTO EUR 5,00": the return fees, when the bank writes them in the text.
            for (const t of e.texts) {
              const fee = /SPESE\D{0,30}?(\d{1,9}),(\d{2})\b/i.exec(t);
              if (fee) e.chargesCents += Number(fee[1]) * 100 + Number(fee[2]);
            }
          }
        }
        statements.push(st);
        open = null;
        break;
      }
      case '65':
        break;
      case 'EF': {
        sawTrailer = true;
        const declared = Number(field(line, 83, 89));
        if (Number.isFinite(declared) && declared > 0 && declared !== recordCount)
          issue(n, 'EF', 'numero record (83-89)', `says ${declared} records, the file has ${recordCount}`);
        break;
      }
      default:
        issue(n, type.trim() || '?', undefined, `unknown record type "${type}"`);
    }
  });
  if (open) {
    flush();
    issues.push({ file, entry: 'end of file', message: 'the last account has no closing balance (64)' });
  }
  if (!sawHeader) issues.push({ file, entry: 'line 1', message: 'no RH header record' });
  if (!sawTrailer)
    issues.push({ file, entry: 'end of file', message: 'no EF trailer record: the file is cut short' });
  return { statements, issues };
}
