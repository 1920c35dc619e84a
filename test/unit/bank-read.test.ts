import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BankReadError, readBankFile } from '../../electron/backend/services/bank/read/index.ts';
import { cbiRhFile } from '../helpers/cbi-rh.ts';

const dir = path.join(import.meta.dirname, '../fixtures/bank');
const fixture = (name: string) => fs.readFileSync(path.join(dir, name));

function readError(fn: () => unknown): BankReadError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BankReadError) return err;
    throw err;
  }
  throw new Error('expected a BankReadError');
}

describe('camt.053', () => {
  it('reads a camt.053.001.02 statement (bank A): balances, entries, debtor, Ustrd and Strd references', () => {
    const [file] = readBankFile('a.xml', fixture('camt053-v02-bankA.xml'));
    const st = file?.statements[0];
    expect(st).toMatchObject({
      format: 'camt.053',
      version: 'camt.053.001.02',
      account: 'IT60X0542811101000000123456',
      from: '2026-11-20',
      to: '2026-11-20',
      openingCents: 1_000_000,
      closingCents: 1_270_000,
    });
    // The pending entry is not on the account: three booked entries.
    expect(st?.entries).toHaveLength(3);
    expect(st?.entries[0]).toMatchObject({
      bookingDate: '2026-11-20',
      valueDate: '2026-11-19',
      amountCents: 122_000,
      direction: 'credit',
      counterpartyName: 'ROSSI COSTRUZIONI SRL',
      counterpartyIban: 'IT02A0306909606100000012345',
      texts: ['SALDO FATTURA 101/2026'],
      endToEndId: 'E2E-ROSSI-1',
      bankReference: 'A-0001',
      bankCode: 'PMNT/RCDT/ESCT',
    });
    expect(st?.entries[1]?.references).toEqual(['RF27 C002']);
    expect(st?.entries[2]).toMatchObject({ direction: 'debit', amountCents: 2000, isReturn: false });
  });

  it('reads a camt.053.001.08 statement (bank B): Sts/Cd, Dbtr/Pty/Nm, TxDtls/Amt, DtTm booking dates', () => {
    const [file] = readBankFile('b.xml', fixture('camt053-v08-bankB.xml'));
    const st = file?.statements[0];
    expect(st?.version).toBe('camt.053.001.08');
    expect(st?.entries[0]).toMatchObject({
      bookingDate: '2026-11-23',
      counterpartyName: 'Verdi & Figli Snc',
      counterpartyIban: 'IT40S0542811101000000654321',
      amountCents: 200_000,
    });
    // A supplier payment names its creditor.
    expect(st?.entries[1]).toMatchObject({ direction: 'debit', counterpartyName: 'Fornitore Carta Srl' });
  });

  it('splits a batch entry into its transactions when their amounts add up to the entry', () => {
    const xml = fixture('camt053-v08-bankB.xml')
      .toString('utf8')
      .replace(
        /<NtryDtls>\s*<TxDtls>\s*<Refs><EndToEndId>VERDI-2026-11<\/EndToEndId><\/Refs>[\s\S]*?<\/TxDtls>\s*<\/NtryDtls>/,
        `<NtryDtls>
          <TxDtls><Amt Ccy="EUR">1200.00</Amt><RltdPties><Dbtr><Pty><Nm>Uno Srl</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>FT 1/2026</Ustrd></RmtInf></TxDtls>
          <TxDtls><Amt Ccy="EUR">800.00</Amt><RltdPties><Dbtr><Pty><Nm>Due Srl</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>FT 2/2026</Ustrd></RmtInf></TxDtls>
        </NtryDtls>`,
      );
    const [file] = readBankFile('batch.xml', Buffer.from(xml));
    const credits = file?.statements[0]?.entries.filter((e) => e.direction === 'credit');
    expect(credits?.map((e) => [e.position, e.amountCents, e.counterpartyName])).toEqual([
      ['Ntry 1 › TxDtls 1', 120_000, 'Uno Srl'],
      ['Ntry 1 › TxDtls 2', 80_000, 'Due Srl'],
    ]);
  });

  it('refuses a statement whose entries do not add up to the closing balance, naming file and balance', () => {
    const xml = fixture('camt053-v02-bankA.xml').toString('utf8').replace('12700.00', '12710.00');
    const err = readError(() => readBankFile('wrong.xml', Buffer.from(xml)));
    expect(err.issues[0]).toMatchObject({ file: 'wrong.xml', field: 'closing balance' });
    expect(err.issues[0]?.message).toMatch(/do not add up/);
  });

  it('names the entry and the field of a bad amount or a missing booking date', () => {
    const xml = fixture('camt053-v02-bankA.xml')
      .toString('utf8')
      .replace('<Amt Ccy="EUR">1500.00</Amt>', '<Amt Ccy="EUR">15,00</Amt>')
      .replace('<BookgDt><Dt>2026-11-20</Dt></BookgDt>', '');
    const err = readError(() => readBankFile('bad.xml', Buffer.from(xml)));
    expect(err.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'bad.xml', entry: 'Ntry 1', field: 'BookgDt' }),
        expect.objectContaining({ file: 'bad.xml', entry: 'Ntry 2', field: 'Amt' }),
      ]),
    );
  });
});

describe('camt.054', () => {
  it('reads a notification with a returned direct debit: reason, charges, debtor', () => {
    const [file] = readBankFile('n.xml', fixture('camt054-return.xml'));
    const st = file?.statements[0];
    expect(st).toMatchObject({ format: 'camt.054', version: 'camt.054.001.04', openingCents: null });
    expect(st?.entries[0]).toMatchObject({
      direction: 'debit',
      isReturn: true,
      returnReason: 'AM04',
      chargesCents: 750,
      counterpartyName: 'NERI TRASPORTI SRL',
      bookingDate: '2026-11-25',
      valueDate: '2026-11-24',
    });
    expect(st?.entries[1]).toMatchObject({ direction: 'credit', isReturn: false });
  });
});

describe('CBI', () => {
  it('reads a CBI RH file: 61/62/63/64 records, 63 structured lines, balances, returned bill', () => {
    const [file] = readBankFile('rh.txt', fixture('cbi-rh-2026-11-26.txt'));
    const st = file?.statements[0];
    expect(st).toMatchObject({
      format: 'cbi-rh',
      account: 'IT60X0542811101000000123456',
      from: '2026-11-26',
      to: '2026-11-26',
      openingCents: 1_445_000,
      closingCents: 1_576_000,
    });
    expect(st?.entries[0]).toMatchObject({
      position: 'line 3 (record 62 001)',
      amountCents: 61_000,
      direction: 'credit',
      counterpartyName: 'GIALLI SRL',
      counterpartyIban: 'IT75T0306909606100000011111',
      endToEndId: 'GIALLI-E2E-7',
      bankCode: '48',
      texts: ['BONIFICO A VOSTRO FAVORE', 'PAGAMENTO FT 401/2026 FT 402/2026'],
    });
    expect(st?.entries[1]).toMatchObject({
      direction: 'debit',
      isReturn: true,
      chargesCents: 500,
      valueDate: '2026-11-25',
      bookingDate: '2026-11-26',
    });
  });

  it('names the line, record and field of a bad CBI record, and checks the EF record count', () => {
    const good = fixture('cbi-rh-2026-11-26.txt').toString('latin1');
    const lines = good.split('\r\n');
    // Movement 1: a sign that is neither C nor D (position 26).
    lines[2] = `${(lines[2] as string).slice(0, 25)}X${(lines[2] as string).slice(26)}`;
    lines.splice(4, 1); // a 63 line removed: the EF count no longer agrees
    const err = readError(() => readBankFile('rh.txt', Buffer.from(lines.join('\r\n'), 'latin1')));
    expect(err.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entry: 'line 3 (record 62)', field: 'segno movimento (26)' }),
        expect.objectContaining({
          entry: expect.stringMatching(/record EF/),
          field: 'numero record (83-89)',
        }),
      ]),
    );
  });

  it('refuses a CBI RH file whose 64 balance disagrees with its movements', () => {
    const text = cbiRhFile({
      sender: '03069',
      receiver: 'ZZ999',
      created: '2026-11-30',
      accounts: [
        {
          iban: 'IT60X0542811101000000123456',
          openingDate: '2026-11-30',
          openingCents: 100_00,
          closingDate: '2026-11-30',
          closingCents: 999_99,
          movements: [
            {
              valueDate: '2026-11-30',
              bookingDate: '2026-11-30',
              sign: 'C',
              cents: 50_00,
              causale: '48',
              description: 'BONIFICO',
            },
          ],
        },
      ],
    });
    const err = readError(() => readBankFile('rh.txt', Buffer.from(text, 'latin1')));
    expect(err.issues[0]?.field).toBe('closing balance');
  });

  it('reads a CBI XML daily statement (CBIDlyStmtReqLogMsg in the CBI envelope)', () => {
    const [file] = readBankFile('cbi.xml', fixture('cbi-xml-dlystmt.xml'));
    const st = file?.statements[0];
    expect(st).toMatchObject({ format: 'cbi-xml', openingCents: 1_576_000, closingCents: 1_626_000 });
    expect(st?.entries[0]).toMatchObject({
      amountCents: 50_000,
      counterpartyName: 'Viola Arredamenti Srl',
      bankCode: '48',
      texts: ['BONIFICO DA VIOLA ARREDAMENTI SRL FT 701/2026'],
    });
  });
});

describe('files', () => {
  it('reads a ZIP of statements, naming each file inside', () => {
    const zip = zipSync({
      'a.xml': new Uint8Array(fixture('camt053-v02-bankA.xml')),
      'rh.txt': new Uint8Array(fixture('cbi-rh-2026-11-26.txt')),
    });
    const files = readBankFile('day.zip', Buffer.from(zip));
    expect(files.map((f) => [f.name, f.statements[0]?.format])).toEqual([
      ['day.zip › a.xml', 'camt.053'],
      ['day.zip › rh.txt', 'cbi-rh'],
    ]);
  });

  it('refuses hostile XML: external entities and entity expansion', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&x;</BkToCstmrStmt></Document>`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document>&lol2;</Document>`;
    for (const xml of [xxe, bomb]) {
      const err = readError(() => readBankFile('evil.xml', Buffer.from(xml)));
      expect(err.issues[0]?.message).toMatch(/DOCTYPE or entities/);
    }
  });

  it('refuses what is not a statement, and XML that is not well formed', () => {
    expect(readError(() => readBankFile('x.csv', Buffer.from('a;b\n1;2\n'))).issues[0]?.message).toMatch(
      /not a bank statement/,
    );
    expect(
      readError(() => readBankFile('x.xml', Buffer.from('<Document><a></Document>'))).issues[0]?.message,
    ).toMatch(/not well-formed/);
  });
});
