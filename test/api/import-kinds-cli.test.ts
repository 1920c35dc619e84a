/** `import FILE [--kind …]` from a terminal for e-invoices and master data: detection, JSON, exit codes. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { FIXTURES, signP7m, zipOf } from '../helpers/einvoice-files.ts';

const dir = tempDir('incasso-kinds-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'ledger.db');
const A1 = path.join(FIXTURES, 'IT01234567890_A0001.xml');
const DANEA = path.resolve(import.meta.dirname, '../fixtures/master-data/danea-easyfatt.csv');

const cli = (args: string[]) => runCliInProcess([...args, '--db', db], { INCASSO_TODAY: '2026-11-23' });
const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : null };
};

describe('CLI import of e-invoices and master data', { timeout: 300_000 }, () => {
  it('detects an e-invoice, imports it, and prints the e-invoice figures', async () => {
    expect((await cli(['settings', 'set', 'company.vat', '01234567890'])).code).toBe(0);
    const r = await json(['import', A1]);
    expect(r.code).toBe(0);
    expect(Object.keys(r.body)).toEqual([
      'batch',
      'file',
      'format',
      'files',
      'documents',
      'items',
      'customers',
      'totals',
    ]);
    expect(r.body).toMatchObject({
      batch: 1,
      format: 'xml',
      documents: { new: 2, unchanged: 0, changed: 0, skipped: 0 },
      items: { new: 3, changed: 0, closed: 0 },
      customers: { new: 1, updated: 0 },
    });
    const again = await cli(['import', A1]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('IT01234567890_A0001.xml: nothing to change, no batch recorded');
    expect(again.stderr).toContain('documents 0 new, 2 unchanged, 0 replaced, 0 skipped');
  });

  it('a second version exits 2 until --confirm; a signed ZIP is read too', async () => {
    const v2 = path.join(dir, 'IT01234567890_A0001-v2.xml');
    fs.writeFileSync(
      v2,
      fs
        .readFileSync(A1, 'utf8')
        .replace(
          '<ImportoPagamento>610.00</ImportoPagamento>',
          '<ImportoPagamento>600.00</ImportoPagamento>',
        ),
    );
    const refused = await json(['import', v2]);
    expect(refused.code).toBe(2);
    expect(refused.body.error).toMatch(
      /1 document is a second version .*\(FV\/2026\/102 of 2026-09-20\)\. Confirm to replace it/,
    );
    const confirmed = await json(['import', v2, '--confirm']);
    expect(confirmed.code).toBe(0);
    expect(confirmed.body.documents).toEqual({ new: 0, unchanged: 1, changed: 1, skipped: 0 });
    const zip = path.join(dir, 'fatture.zip');
    fs.writeFileSync(
      zip,
      zipOf({
        'IT01234567890_A0002.xml.p7m': signP7m(
          fs.readFileSync(path.join(FIXTURES, 'IT01234567890_A0002.xml')),
        ),
      }),
    );
    const z = await json(['import', zip]);
    expect(z.code).toBe(0);
    expect(z.body).toMatchObject({
      format: 'zip',
      files: 1,
      items: { new: 1 },
      customers: { new: 0, updated: 1 },
    });
  });

  it('detects customer master data; --kind overrides detection; bad and hostile input exit 2 with the errors', async () => {
    const m = await json(['import', DANEA]);
    expect(m.code).toBe(0);
    expect(Object.keys(m.body)).toEqual(['batch', 'file', 'format', 'rows', 'customers', 'totals']);
    expect(m.body.customers).toEqual({ new: 2, updated: 1, unchanged: 0 });
    const human = await cli(['import', DANEA]);
    expect(human.stderr).toContain('customers: 0 new, 0 updated, 3 unchanged');

    const teamsystem = path.resolve(import.meta.dirname, '../fixtures/master-data/teamsystem.csv');
    const forced = await json(['import', teamsystem, '--kind', 'customers', '--dry-run']);
    expect(forced.code).toBe(0);
    expect(forced.body).toMatchObject({ batch: null, customers: { new: 1, updated: 1, unchanged: 0 } });

    const asItems = await json(['import', DANEA, '--kind', 'open-items', '--dry-run']);
    expect(asItems.code).toBe(2);
    const wrongKind = await json(['import', A1, '--kind', 'invoices']);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.body.error).toBe('--kind must be open-items, customers or fatturapa, got "invoices"');

    const hostile = path.join(dir, 'evil.xml');
    fs.writeFileSync(
      hostile,
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd">]><FatturaElettronica>&b;</FatturaElettronica>',
    );
    const h = await json(['import', hostile]);
    expect(h.code).toBe(2);
    expect(h.body.errors).toEqual([
      {
        message:
          'refused: the XML declares a DOCTYPE or entities, which FatturaPA never does (such files are used to attack XML readers)',
      },
    ]);
    const ubl = path.join(dir, 'peppol.xml');
    fs.writeFileSync(
      ubl,
      '<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
    );
    const u = await json(['import', ubl]);
    expect(u.code).toBe(2);
    expect(u.body.errors[0].message).toMatch(
      /^not a FatturaPA e-invoice \(its root element is <Invoice>\)\. Incasso reads FatturaPA e-invoices/,
    );
    const batches = (await json(['imports'])).body.map((b: { format: string }) => b.format);
    expect(batches).toEqual(['customers/csv', 'fatturapa/zip', 'fatturapa/xml', 'fatturapa/xml']);
  });
});
