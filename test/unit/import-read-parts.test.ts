/**
 * The reader's parts one by one: header synonyms, cell values (amounts, dates, serials), document types,
 * as-of titles, CSV separators, record boundaries and Windows-1252.
 */
import { describe, expect, it } from 'vitest';
import { asOfFromText, findAsOf } from '../../electron/backend/services/import/read/as-of.ts';
import { recordBoundary } from '../../electron/backend/services/import/read/csv-source.ts';
import { classifyDocumentType } from '../../electron/backend/services/import/read/document-type.ts';
import {
  fieldForHeader,
  headerSignature,
  normalizeHeader,
} from '../../electron/backend/services/import/read/headers.ts';
import { columnNames } from '../../electron/backend/services/import/read/layout.ts';
import {
  decodeText,
  decodeWindows1252,
  detectDelimiter,
} from '../../electron/backend/services/import/read/text.ts';
import {
  amountCents,
  cellText,
  fastAmountToCents,
  parseDateText,
  serialToIso,
} from '../../electron/backend/services/import/read/values.ts';
import type { ImportField } from '../../shared/api/contract.ts';
import { parseAmountToCents } from '../../shared/domain/money.ts';

describe('headers', () => {
  const cases: Record<ImportField, string[]> = {
    customerCode: [
      'Cod. Cliente',
      'Codice',
      'COD.CLI.',
      'Customer ID',
      'Codice cliente',
      'Customer No.',
      'Customer #',
      'Conto',
    ],
    customerName: [
      'Ragione Sociale',
      'Cliente',
      'Customer Name',
      'Rag. Soc.',
      'Denominazione',
      'Customer',
      'Nome',
    ],
    vat: ['Partita IVA', 'P.IVA', 'P. IVA', 'VAT Number', 'VAT', 'Partita I.V.A.'],
    taxCode: ['Codice Fiscale', 'C.F.', 'Cod. Fisc.', 'Tax code'],
    documentType: ['Tipo Doc.', 'Tipo documento', 'Doc type', 'Document Type', 'Tipo', 'Causale'],
    documentNumber: [
      'Num. Doc.',
      'Numero documento',
      'N. fattura',
      'Invoice No.',
      'N° Doc',
      'Nr. documento',
      'Invoice #',
      'Documento',
    ],
    documentDate: ['Data Doc.', 'Data documento', 'Invoice date', 'Data fattura', 'Data'],
    dueDate: ['Data Scadenza', 'Scadenza', 'DT.SCAD.', 'Due Date', 'Scad.'],
    installment: ['Rata', 'N. rata', 'Installment', 'Nr. Rata'],
    amount: ['Importo', 'Importo rata', 'Amount', 'Original amount', 'Importo originale', 'Totale documento'],
    residual: [
      'Residuo',
      'Saldo',
      'Open amount',
      'Balance Due',
      'Importo residuo',
      'Outstanding',
      'Amount due',
      'Balance',
    ],
    paymentMethod: ['Pagamento', 'Modalità pagamento', 'Payment terms', 'Cond. pag.', 'Tipo pagamento'],
    salesperson: ['Agente', 'Venditore', 'Salesperson', 'Sales Rep', 'Cod. Agente'],
    area: ['Zona', 'Area', 'Region', 'Zona commerciale'],
    email: ['E-mail', 'Email', 'Mail', 'Indirizzo e-mail'],
    pec: ['PEC', 'Indirizzo PEC', 'E-mail PEC'],
    phone: ['Telefono', 'Tel.', 'Phone', 'Cellulare'],
  };
  for (const [field, headers] of Object.entries(cases)) {
    it(`recognises ${field}`, () => {
      for (const h of headers) expect([h, fieldForHeader(h)]).toEqual([h, field]);
    });
  }

  it('leaves alone the columns of aging reports and others it does not know', () => {
    for (const h of [
      'Days past due',
      'Giorni scaduto',
      'Importo scaduto',
      'Not due',
      '1-30',
      'Note',
      'Importo IVA',
      '',
      'ID',
    ]) {
      expect([h, fieldForHeader(h)]).toEqual([h, null]);
    }
  });

  it('normalizes case, accents and punctuation, and signs a header row with it', () => {
    expect(normalizeHeader('  Modalità  Pag. ')).toBe('modalita pag');
    expect(headerSignature(['Cod. Cliente', 'DT.SCAD.'])).toBe(headerSignature(['COD CLIENTE', 'dt scad']));
    expect(headerSignature(['Cod. Cliente', 'DT.SCAD.'])).not.toBe(
      headerSignature(['DT.SCAD.', 'Cod. Cliente']),
    );
  });

  it('names blank and repeated header cells so a mapping can point at them', () => {
    expect(columnNames(['Data', null, 'Data', ' Data ', 12, null, ''])).toEqual([
      'Data',
      'Column B',
      'Data (2)',
      'Data (3)',
      '12',
    ]);
  });
});

describe('amounts', () => {
  it('reads the shapes of the issue', () => {
    expect(amountCents('1.234,56')).toBe(123456);
    expect(amountCents('€ 1.234,56')).toBe(123456);
    expect(amountCents('-120,00')).toBe(-12000);
    expect(amountCents('1234.56')).toBe(123456);
    expect(amountCents(' 1.234 ')).toBe(123400);
    expect(amountCents('1,234,567.5')).toBe(123456750);
    expect(amountCents('(120,00)')).toBe(-12000);
    expect(amountCents('120,00-')).toBe(-12000);
    expect(amountCents('-0,00')).toBe(0);
    expect(Object.is(amountCents('-0,00'), 0)).toBe(true);
    expect(amountCents(1234.56)).toBe(123456);
    expect(amountCents(0.1 + 0.2)).toBe(30);
    expect(amountCents(-75.055)).toBe(-7506);
    for (const bad of ['abc', '12.34.56', '1,2345', '1234.567', '1.2e5', '', '€', true, null])
      expect([bad, amountCents(bad)]).toEqual([bad, null]);
  });

  it('the fast path agrees with parseAmountToCents wherever it answers', () => {
    const chars = '0123456789.,-';
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let answered = 0;
    for (let i = 0; i < 200_000; i++) {
      const len = 1 + random(12);
      let s = '';
      for (let j = 0; j < len; j++) s += chars[random(chars.length)];
      const fast = fastAmountToCents(s);
      if (fast === undefined) continue;
      answered++;
      const slow = parseAmountToCents(s);
      expect([s, fast]).toEqual([s, slow === 0 ? 0 : slow]);
    }
    // Formatted amounts, the common case, all take the fast path.
    for (let c = -100_000; c <= 100_000; c += 7) {
      const it = (Math.abs(c) / 100)
        .toFixed(2)
        .replace('.', ',')
        .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      const s = (c < 0 ? '-' : '') + it;
      expect([s, fastAmountToCents(s)]).toEqual([s, c === 0 ? 0 : c]);
      expect(fastAmountToCents((c / 100).toFixed(2))).toBe(c === 0 ? 0 : c);
    }
    expect(answered).toBeGreaterThan(1000);
  });
});

describe('dates', () => {
  it('converts serials arithmetically in both date systems', () => {
    expect(serialToIso(25569, false)).toBe('1970-01-01');
    expect(serialToIso(46326, false)).toBe('2026-10-31');
    expect(serialToIso(46326.999, false)).toBe('2026-10-31');
    expect(serialToIso(46325.9999999999, false)).toBe('2026-10-31');
    expect(serialToIso(44864, true)).toBe('2026-10-31');
    expect(serialToIso(0, false)).toBeNull();
    expect(serialToIso(1234.56, false)).toBeNull();
  });

  it('reads text dates, day first', () => {
    for (const s of [
      '31/10/2026',
      '31.10.2026',
      '31-10-2026',
      '2026-10-31',
      '31/10/26',
      '2026/10/31',
      '20261031',
    ]) {
      expect([s, parseDateText(s)]).toEqual([s, '2026-10-31']);
    }
    expect(parseDateText('1/2/2026')).toBe('2026-02-01');
    expect(parseDateText('2026-10-31T00:00:00')).toBe('2026-10-31');
    expect(parseDateText('2026-10-31T23:30:00+02:00')).toBe('2026-10-31');
    expect(parseDateText('31/10/2026 00:00:00')).toBe('2026-10-31');
    expect(parseDateText('46326')).toBe('2026-10-31');
    for (const bad of ['31/02/2026', '10/31/2026', '2026-13-01', 'domani', '31/10', '', '1/1/1900']) {
      expect([bad, parseDateText(bad)]).toEqual([bad, null]);
    }
  });
});

describe('document types', () => {
  it('knows invoices and credit notes in both languages and the SdI codes', () => {
    for (const t of [
      'FT',
      'Fattura',
      'fattura differita',
      'Invoice',
      'TD01',
      'TD24',
      'ND',
      'Nota di debito',
    ]) {
      expect([t, classifyDocumentType(t)]).toEqual([t, 'invoice']);
    }
    for (const t of [
      'NC',
      'N.C.',
      'Nota di credito',
      'Nota credito',
      'Credit note',
      'credit_note',
      'TD04',
      'TD08',
      'Storno',
    ]) {
      expect([t, classifyDocumentType(t)]).toEqual([t, 'credit_note']);
    }
    expect(classifyDocumentType('RIBA')).toBeNull();
  });
});

describe('as-of date from a title', () => {
  it('reads the snapshot date in Italian and English', () => {
    expect(asOfFromText('Situazione al 30/09/2026')).toBe('2026-09-30');
    expect(asOfFromText('Scadenzario aggiornato al 30.09.2026')).toBe('2026-09-30');
    expect(asOfFromText('al 30-09-2026')).toBe('2026-09-30');
    expect(asOfFromText('Aged receivables as of 2026-09-30')).toBe('2026-09-30');
    expect(asOfFromText('Partite aperte alla data del 30/09/26')).toBe('2026-09-30');
    expect(asOfFromText('Saldi al 30 settembre 2026')).toBe('2026-09-30');
    expect(asOfFromText('Open items as at September 30, 2026')).toBe('2026-09-30');
    expect(asOfFromText('Periodo dal 01/01/2026 al 30/09/2026')).toBe('2026-09-30');
    expect(asOfFromText('Stampato il 02/10/2026 - situazione al 30/09/2026')).toBe('2026-09-30');
  });

  it('ignores print dates and titles without a date', () => {
    expect(asOfFromText('Data stampa: 02/10/2026')).toBeNull();
    expect(asOfFromText('Printed at 02/10/2026')).toBeNull();
    expect(asOfFromText('Scadenzario clienti')).toBeNull();
    expect(asOfFromText('Situazione al 31/02/2026')).toBeNull();
  });

  it('reads a label cell followed by a date cell', () => {
    expect(findAsOf([['Scadenzario'], ['Situazione al', null, 46295]], false)).toBe('2026-09-30');
    expect(findAsOf([['As of:', '2026-09-30']], false)).toBe('2026-09-30');
    expect(findAsOf([['Data stampa', 46295]], false)).toBeNull();
  });
});

describe('text files', () => {
  it('detects the separator', () => {
    expect(detectDelimiter('a;b;c\n1.234,56;2,5;x\n')).toBe(';');
    expect(detectDelimiter('Code,Name,Amount\nA1,"Rossi; Bianchi",12.50\nA2,"x",3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('Cod;Nome;Importo\nC1;Rossi, Bianchi & C.;1.234,56\nC2;Verdi, Neri;1,00\n')).toBe(
      ';',
    );
  });

  it('detects the encoding', () => {
    expect(decodeText(Buffer.from('\ufeffà', 'utf8'))).toMatchObject({
      encoding: 'utf-8',
      bytesEncoding: 'utf8',
    });
    expect(decodeText(Buffer.from('à', 'utf8'))).toMatchObject({ encoding: 'utf-8' });
    expect(decodeText(Buffer.from([0x61, 0xe0]))).toMatchObject({
      encoding: 'windows-1252',
      bytesEncoding: 'latin1',
    });
    expect(decodeText(Buffer.from([0x80, 0xe0]))).toMatchObject({
      encoding: 'windows-1252',
      bytesEncoding: 'utf8',
    });
    expect(decodeWindows1252(Buffer.from([0x80, 0x20, 0x93, 0x61, 0x94, 0xe8, 0x9c]))).toBe('€ “a”èœ');
  });

  it('cuts chunks only between records', () => {
    const buf = Buffer.from('a;b\n"x\ny";"q""\n";z\nc;d\n');
    // The line feeds at 6 and 14 are inside quotes: the first record ends with the one at 18.
    expect(recordBoundary(buf, 0, 5, ';')).toBe(19);
    expect(recordBoundary(buf, 0, 1, ';')).toBe(4);
    expect(recordBoundary(buf, 0, 100, ';')).toBe(buf.length);
    // A stray quote inside an unquoted field is text (csv-parse relax_quotes), not an opening quote.
    const stray = Buffer.from('a;3" pipe;b\nc;d\n');
    expect(recordBoundary(stray, 0, 1, ';')).toBe(12);
  });

  it('prints cells as text without float noise', () => {
    expect(cellText(12345678901)).toBe('12345678901');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText('  x ')).toBe('x');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });
});
