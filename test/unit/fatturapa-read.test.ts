/** The e-invoice reader over files written to the FatturaPA 1.2.2 spec: XML, signed .p7m, ZIP, and hostile input. */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readEInvoiceFile } from '../../electron/backend/services/fatturapa/read/index.ts';
import { ZIP_LIMITS } from '../../electron/backend/services/fatturapa/read/zip.ts';
import { detectImportKind } from '../../electron/backend/services/import-kinds/detect.ts';
import { plannedInstallments } from '../../shared/domain/fatturapa.ts';
import { base64P7m, berP7m, fixture, signP7m, withDeclaredSize, zipOf } from '../helpers/einvoice-files.ts';

const A1 = fixture('IT01234567890_A0001.xml');
const A2 = fixture('IT01234567890_A0002.xml');
const A3 = fixture('IT01234567890_A0003.xml');

function items(data: Buffer, name: string) {
  const r = readEInvoiceFile(data, name);
  expect(r.errors).toEqual([]);
  return r.invoices.flatMap(({ invoice }) =>
    invoice.documents.flatMap((d) => plannedInstallments(d).map((i) => ({ number: d.number, ...i }))),
  );
}

const A1_ITEMS = [
  {
    number: 'FV/2026/101',
    documentType: 'invoice',
    installment: '1',
    dueDate: '2026-10-31',
    amountCents: 122000,
    paymentMethod: 'MP12',
  },
  {
    number: 'FV/2026/101',
    documentType: 'invoice',
    installment: '2',
    dueDate: '2026-11-29',
    amountCents: 122000,
    paymentMethod: 'MP12',
  },
  {
    number: 'FV/2026/102',
    documentType: 'invoice',
    installment: null,
    dueDate: '2026-10-20',
    amountCents: 61000,
    paymentMethod: 'MP05',
  },
];

describe('FatturaPA XML', () => {
  it('reads a file of two bodies and three DettaglioPagamento: due dates given, from the terms, from the document date', () => {
    const r = readEInvoiceFile(A1, 'IT01234567890_A0001.xml');
    expect(r.format).toBe('xml');
    expect(r.files).toBe(1);
    const inv = r.invoices[0]?.invoice;
    expect(inv?.version).toBe('FPR12');
    expect(inv?.seller).toEqual({
      vat: 'IT01234567890',
      taxCode: '01234567890',
      name: 'Fornitore Esempio S.r.l.',
    });
    expect(inv?.buyer).toMatchObject({
      vat: 'IT09876543210',
      name: 'Rossi & Figli S.p.A.',
      street: 'Corso Italia, 10',
      postalCode: '10121',
      city: 'Torino',
      province: 'TO',
      sdiCode: 'KRRH6B9',
    });
    expect(inv?.documents.map((d) => [d.body, d.number, d.date, d.totalCents])).toEqual([
      [1, 'FV/2026/101', '2026-09-15', 244000],
      // No ImportoTotaleDocumento: taxable + tax of DatiRiepilogo.
      [2, 'FV/2026/102', '2026-09-20', 61000],
    ]);
    expect(items(A1, 'a.xml')).toEqual(A1_ITEMS);
  });

  it('a TD04 credit note is negative; its buyer is known by tax code; SDI "0000000" is no code and the PEC is kept', () => {
    const r = readEInvoiceFile(A2, 'IT01234567890_A0002.xml');
    expect(r.invoices[0]?.invoice.buyer).toMatchObject({
      vat: null,
      taxCode: '09876543210',
      sdiCode: null,
      pec: 'amministrazione@pec.rossiefigli.it',
    });
    expect(items(A2, 'b.xml')).toEqual([
      {
        number: 'NC/2026/7',
        documentType: 'credit_note',
        installment: null,
        dueDate: '2026-10-05',
        amountCents: -12200,
        paymentMethod: null,
      },
    ]);
  });

  it('reads an FPA12 written in ISO-8859-1 without a namespace prefix', () => {
    const r = readEInvoiceFile(A3, 'IT01234567890_A0003.xml');
    expect(r.invoices[0]?.invoice.version).toBe('FPA12');
    expect(r.invoices[0]?.invoice.buyer.name).toBe('Comune di Forlì');
    expect(r.invoices[0]?.invoice.buyer.city).toBe('Forlì');
    expect(items(A3, 'c.xml')[0]).toMatchObject({ dueDate: '2026-10-31', amountCents: 81967 });
  });

  it('names the element and the value of every problem, and reads nothing of a bad file', () => {
    const bad = A1.toString('utf8')
      .replace('<ImportoPagamento>610.00</ImportoPagamento>', '<ImportoPagamento>610,00</ImportoPagamento>')
      .replace('<Data>2026-09-20</Data>', '<Data>2026-02-30</Data>');
    const r = readEInvoiceFile(Buffer.from(bad), 'bad.xml');
    expect(r.invoices).toEqual([]);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        {
          file: 'bad.xml',
          column: 'FatturaElettronicaBody[2]/DatiPagamento[1]/DettaglioPagamento[1]/ImportoPagamento',
          value: '610,00',
          message: 'not an amount (digits, a dot and the decimals: 1220.00)',
        },
        {
          file: 'bad.xml',
          column: 'FatturaElettronicaBody[2]/DatiGenerali/DatiGeneraliDocumento/Data',
          value: '2026-02-30',
          message: 'not a date (YYYY-MM-DD)',
        },
      ]),
    );
  });

  it('an XML that is not FatturaPA says which formats are read', () => {
    const ubl = Buffer.from(
      '<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>',
    );
    const r = readEInvoiceFile(ubl, 'peppol.xml');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(
      /^not a FatturaPA e-invoice \(its root element is <Invoice>\)\. Incasso reads FatturaPA e-invoices \(versions FPA12 and FPR12/,
    );
    expect(r.errors[0]?.message).toContain('customer master data as Excel');
    const v11 = readEInvoiceFile(
      Buffer.from(A1.toString('utf8').replace('versione="FPR12"', 'versione="FPR11"')),
      'old.xml',
    );
    expect(v11.errors[0]?.message).toMatch(/^FatturaPA version "FPR11" is not read/);
    expect(() => readEInvoiceFile(Buffer.from('Codice;Nome\n1;x'), 'notes.xml')).toThrow(
      /not an XML e-invoice\. Incasso reads/,
    );
  });

  it('refuses hostile XML: DOCTYPE, entity expansion, external entities', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><p:FatturaElettronica versione="FPR12" xmlns:p="x">&lol2;</p:FatturaElettronica>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><FatturaElettronica versione="FPR12">&xxe;</FatturaElettronica>`;
    for (const [name, xml] of [
      ['laughs.xml', laughs],
      ['xxe.xml', xxe],
    ] as const) {
      const r = readEInvoiceFile(Buffer.from(xml), name);
      expect(r.invoices).toEqual([]);
      expect(r.errors).toEqual([
        {
          file: name,
          message:
            'refused: the XML declares a DOCTYPE or entities, which FatturaPA never does (such files are used to attack XML readers)',
        },
      ]);
    }
  });

  it('refuses XML nested deeper than any invoice instead of exhausting the stack', () => {
    const n = 50_000;
    const deep = `<?xml version="1.0"?><FatturaElettronica versione="FPR12">${'<a>'.repeat(n)}${'</a>'.repeat(n)}</FatturaElettronica>`;
    expect(readEInvoiceFile(Buffer.from(deep), 'deep.xml').errors).toEqual([
      {
        file: 'deep.xml',
        message: 'refused: the XML nests elements more than 64 levels deep, which no FatturaPA does',
      },
    ]);
  });
});

describe('signed e-invoices (.p7m)', () => {
  it('unwraps a CAdES DER file, its base64 form and a BER one with the content in chunks', {
    timeout: 30_000,
  }, () => {
    const der = signP7m(A1);
    expect(der[0]).toBe(0x30);
    expect(readEInvoiceFile(der, 'IT01234567890_A0001.xml.p7m').format).toBe('p7m');
    expect(items(der, 'IT01234567890_A0001.xml.p7m')).toEqual(A1_ITEMS);
    expect(items(base64P7m(der), 'IT01234567890_A0001.xml.p7m')).toEqual(A1_ITEMS);
    const ber = berP7m(A1);
    expect(ber.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
    expect(items(ber, 'x.p7m')).toEqual(A1_ITEMS);
    // Signed twice (a countersigned file): unwrapped twice.
    expect(items(signP7m(der), 'twice.xml.p7m.p7m')).toEqual(A1_ITEMS);
  });

  it('a damaged or detached .p7m is refused with the reason', () => {
    const der = signP7m(A2);
    const r = readEInvoiceFile(der.subarray(0, der.length - 300), 'cut.xml.p7m');
    expect(r.errors[0]?.message).toMatch(/^not a signed file \(\.p7m\)/);
  });
});

describe('ZIP archives of e-invoices', () => {
  it('reads every invoice of the archive, signed or not; skips receipts and copies with a warning', () => {
    const zip = zipOf({
      'fatture/IT01234567890_A0001.xml': A1,
      'fatture/IT01234567890_A0002.xml.p7m': signP7m(A2),
      'fatture/IT01234567890_A0001_MT_001.xml': Buffer.from(
        '<?xml version="1.0"?><FileMetadati versione="1.0"><IdentificativoSdI>1</IdentificativoSdI></FileMetadati>',
      ),
      'fatture/copia.pdf': Buffer.from('%PDF-1.4'),
      '__MACOSX/._x': Buffer.from('junk'),
    });
    expect(detectImportKind(zip, 'fatture-ottobre.zip').kind).toBe('fatturapa');
    const r = readEInvoiceFile(zip, 'fatture-ottobre.zip');
    expect(r.format).toBe('zip');
    expect(r.errors).toEqual([]);
    expect(r.files).toBe(2);
    expect(r.invoices.map((i) => i.file)).toEqual([
      'fatture/IT01234567890_A0001.xml',
      'fatture/IT01234567890_A0002.xml.p7m',
    ]);
    expect(r.warnings).toEqual([
      {
        file: 'fatture/IT01234567890_A0001_MT_001.xml',
        message: 'skipped: not a FatturaPA e-invoice (an SDI receipt or metadata file?)',
      },
      { file: 'fatture/copia.pdf', message: 'skipped: not an .xml or .p7m file' },
    ]);
  });

  it('a hostile or broken invoice inside the archive stops the whole import, naming the entry', () => {
    const zip = zipOf({
      'a.xml': A1,
      'b.xml': Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><FatturaElettronica/>'),
    });
    const r = readEInvoiceFile(zip, 'mix.zip');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.file).toBe('b.xml');
  });

  it('refuses a ZIP bomb from its directory, and an entry bigger than its header says without inflating it', () => {
    const zeros = Buffer.alloc(ZIP_LIMITS.entryBytes + 1024);
    const bomb = zipOf({ 'big.xml': zeros });
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => readEInvoiceFile(bomb, 'bomb.zip')).toThrow(
      'bomb.zip: big.xml in the ZIP archive would expand to more than 32 MB: not an e-invoice, refused',
    );
    const liar = withDeclaredSize(zipOf({ 'a.xml': Buffer.alloc(5_000_000, 0x20) }), 1000);
    expect(() => readEInvoiceFile(liar, 'liar.zip')).toThrow(
      'liar.zip: the ZIP archive is damaged (a.xml fails its checksum)',
    );
  });

  it('an archive with no e-invoice in it says which formats are read', () => {
    expect(() => readEInvoiceFile(zipOf({ 'note.txt': Buffer.from('x') }), 'x.zip')).toThrow(
      /x\.zip: the ZIP archive holds no FatturaPA e-invoice\. Incasso reads/,
    );
  });
});

describe('kind detection', () => {
  it('tells e-invoices from spreadsheets by their bytes', () => {
    expect(detectImportKind(A1, 'IT01234567890_A0001.xml')).toEqual({
      kind: 'fatturapa',
      reason: 'an XML e-invoice',
    });
    expect(detectImportKind(signP7m(A2), 'IT01234567890_A0002.xml.p7m').kind).toBe('fatturapa');
    // Renamed: the bytes still say FatturaPA.
    expect(detectImportKind(A1, 'download').kind).toBe('fatturapa');
    expect(
      detectImportKind(Buffer.from('Cliente;Documento;Scadenza;Importo\nA;1;01/01/2026;10,00'), 'x.csv').kind,
    ).toBe('open-items');
    // Excel 2003 XML (SpreadsheetML) is a spreadsheet even when named .xml; an .xlsx named .zip is not e-invoices.
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Codice', 'Ragione sociale', 'Partita IVA', 'CAP', 'Comune'],
        ['C1', 'Alfa S.r.l.', '12345678903', '00184', 'Roma'],
      ]),
      'Clienti',
    );
    const xml2003 = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlml' }) as Buffer);
    expect(detectImportKind(xml2003, 'clienti.xml')).toEqual({
      kind: 'customers',
      reason: 'customer master data (5 customer columns, no amounts or due dates)',
    });
    const xlsx = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(detectImportKind(xlsx, 'clienti.zip').kind).toBe('customers');
  });
});
