/**
 * Builds CBI RH records (120 characters, 1-based positions as in the CBI "Rendicontazione saldi e
 * movimenti di conto corrente" specification) for tests: each field is written at its position
 * and the record is checked to be exactly 120 characters.
 */

type Field = [from: number, value: string];

function record(type: string, fields: Field[]): string {
  const chars = Array.from({ length: 120 }, () => ' ');
  chars[1] = type[0] as string;
  chars[2] = type[1] as string;
  for (const [from, value] of fields) {
    for (let i = 0; i < value.length; i++) chars[from - 1 + i] = value[i] as string;
  }
  const line = chars.join('');
  if (line.length !== 120) throw new Error(`record ${type} is ${line.length} characters`);
  return line;
}

const pad = (n: number | string, width: number) => String(n).padStart(width, '0');
const text = (s: string, width: number) => s.slice(0, width).padEnd(width, ' ');
/** 15 characters with the decimal comma: 000000001234,56. */
export const cbiAmount = (cents: number) => `${pad(Math.floor(cents / 100), 12)},${pad(cents % 100, 2)}`;
/** YYYY-MM-DD -> GGMMAA */
export const cbiDate = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;

export interface CbiMovement {
  valueDate: string;
  bookingDate: string;
  sign: 'C' | 'D';
  cents: number;
  causale: string;
  description: string;
  bankReference?: string;
  payerName?: string;
  payerIban?: string;
  endToEndId?: string;
  remittance?: string[];
  /** Free 63 lines without a structure flag. */
  freeLines?: string[];
}

export interface CbiAccount {
  /** Italian IBAN: IT + check + CIN + ABI + CAB + account (27 characters). */
  iban: string;
  openingDate: string;
  openingCents: number;
  closingDate: string;
  movements: CbiMovement[];
  /** Defaults to the correct closing balance; set to test the balance check. */
  closingCents?: number;
}

export function cbiRhFile(opts: {
  sender: string;
  receiver: string;
  created: string;
  accounts: CbiAccount[];
}): string {
  const lines: string[] = [];
  const name = text('RENDICONTAZIONE', 20);
  lines.push(
    record('RH', [
      [4, opts.sender],
      [9, opts.receiver],
      [14, cbiDate(opts.created)],
      [20, name],
    ]),
  );
  opts.accounts.forEach((acc, a) => {
    const seq = pad(a + 1, 7);
    const iban = acc.iban;
    const signed = (c: number) => (c < 0 ? 'D' : 'C');
    lines.push(
      record('61', [
        [4, seq],
        [24, iban.slice(5, 10)],
        [29, '00000'],
        [34, text('SALDO INIZIALE', 16)],
        [50, 'CC'],
        [52, iban.slice(4, 5)],
        [53, iban.slice(5, 10)],
        [58, iban.slice(10, 15)],
        [63, iban.slice(15, 27)],
        [75, 'EUR'],
        [78, cbiDate(acc.openingDate)],
        [84, signed(acc.openingCents)],
        [85, cbiAmount(Math.abs(acc.openingCents))],
        [100, iban.slice(0, 2)],
        [102, iban.slice(2, 4)],
      ]),
    );
    let balance = acc.openingCents;
    acc.movements.forEach((m, i) => {
      const mov = pad(i + 1, 3);
      balance += m.sign === 'C' ? m.cents : -m.cents;
      lines.push(
        record('62', [
          [4, seq],
          [11, mov],
          [14, cbiDate(m.valueDate)],
          [20, cbiDate(m.bookingDate)],
          [26, m.sign],
          [27, cbiAmount(m.cents)],
          [42, text(m.causale, 2)],
          [44, '  '],
          [62, text(m.bankReference ?? `REF${seq}${mov}`, 16)],
          [87, text(m.description, 34)],
        ]),
      );
      if (m.payerName)
        lines.push(
          record('63', [
            [4, seq],
            [11, mov],
            [14, 'YYY'],
            [17, '20261101'],
            [41, text(m.payerName, 40)],
          ]),
        );
      if (m.payerIban)
        lines.push(
          record('63', [
            [4, seq],
            [11, mov],
            [14, 'YY2'],
            [67, text(m.payerIban, 34)],
          ]),
        );
      if (m.endToEndId)
        lines.push(
          record('63', [
            [4, seq],
            [11, mov],
            [14, 'ID1'],
            [17, text('MSG1', 35)],
            [52, text(m.endToEndId, 35)],
          ]),
        );
      for (const r of m.remittance ?? [])
        lines.push(
          record('63', [
            [4, seq],
            [11, mov],
            [14, 'RI1'],
            [17, text(r, 104)],
          ]),
        );
      for (const f of m.freeLines ?? [])
        lines.push(
          record('63', [
            [4, seq],
            [11, mov],
            [14, text(f, 107)],
          ]),
        );
    });
    const closing = acc.closingCents ?? balance;
    lines.push(
      record('64', [
        [4, seq],
        [11, 'EUR'],
        [14, cbiDate(acc.closingDate)],
        [20, signed(closing)],
        [21, cbiAmount(Math.abs(closing))],
        [36, signed(closing)],
        [37, cbiAmount(Math.abs(closing))],
      ]),
    );
  });
  lines.push(
    record('EF', [
      [4, opts.sender],
      [9, opts.receiver],
      [14, cbiDate(opts.created)],
      [20, name],
      [46, pad(opts.accounts.length, 7)],
      [83, pad(lines.length + 1, 7)],
    ]),
  );
  return `${lines.join('\r\n')}\r\n`;
}
