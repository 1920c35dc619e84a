/**
 * E-invoices first, then an aged-receivables export with the accounting codes: the customers the
 * e-invoices created (coded by VAT number) take the export's codes, the export's items are the
 * e-invoice items (no duplicate customer, no payment), undo gives the e-invoice code back, and an
 * export that cannot identify its customers only warns.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../db/queries/audit.ts';
import { ledgerDump } from '../../db/queries/imports.ts';
import type { MethodInput, MethodName } from '../../shared/api/contract.ts';
import { callOk, type TestBackend, testBackend } from '../helpers/backend.ts';
import { fixture } from '../helpers/einvoice-files.ts';

// Buyer Rossi & Figli S.p.A., VAT IT09876543210: FV/2026/101 in two installments of 1,220.00
// (due 2026-10-31 and 2026-11-29), FV/2026/102 of 610.00 due 2026-10-20.
const A1 = fixture('IT01234567890_A0001.xml');

let tb: TestBackend;
beforeEach(async () => {
  tb = await testBackend('2026-11-23');
  await ok('settings.set', { values: { 'company.vat': 'IT01234567890' } });
  await eInvoice('IT01234567890_A0001.xml', A1);
});

async function eInvoice(fileName: string, data: Buffer): Promise<void> {
  const id = await ok('imports.identify', {
    fileName,
    dataBase64: data.toString('base64'),
  });
  await ok('eInvoices.apply', { fileId: id.fileId });
}
afterEach(() => tb.close());

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(tb, method, input);

// biome-ignore lint/suspicious/noExplicitAny: rows of SELECT * in a test
type Row = Record<string, any>;
const dump = async () => await ledgerDump(tb.ctx.db);
const customers = async () =>
  ((await dump()).customers as Row[]).map((c) => ({ id: c.id, code: c.code, name: c.name }));
const items = async () =>
  ((await dump()).items as Row[]).map((i) => [
    i.customer_id,
    i.document_number,
    i.due_date,
    i.installment,
    i.residual_cents,
    i.status,
  ]);

async function staged(lines: string[]): Promise<string> {
  const s = await ok('imports.stage', {
    fileName: 'scadenzario.csv',
    dataBase64: Buffer.from(lines.join('\n')).toString('base64'),
  });
  return s.fileId;
}

describe('an export after e-invoices adopts the customers the e-invoices created', () => {
  it('by VAT number: one customer, its code becomes C001, the items match, no payment; undo restores it', async () => {
    const before = await dump();
    const lines = [
      'Cod. Cliente;Ragione Sociale;Partita IVA;Num. Doc.;Data Doc.;Scadenza;Rata;Importo;Residuo',
      'C001;ROSSI E FIGLI SPA;09876543210;FV/2026/101;15/09/2026;31/10/2026;1;1220,00;1220,00',
      'C001;ROSSI E FIGLI SPA;09876543210;FV/2026/101;15/09/2026;29/11/2026;2;1220,00;1220,00',
      'C001;ROSSI E FIGLI SPA;09876543210;FV/2026/102;20/09/2026;20/10/2026;1;610,00;610,00',
      'C002;Bianchi S.r.l.;01122334455;F7;01/10/2026;31/10/2026;1;100,00;100,00',
    ];
    const fileId = await staged(lines);
    const p = await ok('imports.preview', { fileId, asOf: '2026-11-23' });
    expect(p.errors).toEqual([]);
    expect(p.newCustomers).toEqual([{ code: 'C002', name: 'Bianchi S.r.l.' }]);
    expect(p.customers).toEqual({ new: 1, updated: 1 });
    expect(p.items).toMatchObject({ new: 1, closed: 0, reopened: 0 });
    expect(p.paymentsCents).toBe(0);
    expect(p.warnings).toContainEqual({
      row: 2,
      column: 'customerCode',
      value: 'C001',
      message:
        'customer IT09876543210 (Rossi & Figli S.p.A., from e-invoices) is C001 in the accounting (same VAT number or tax code): it takes this code',
    });

    const r = await ok('imports.apply', { fileId, asOf: '2026-11-23' });
    expect(r.paymentsCents).toBe(0);
    expect(r.items).toMatchObject({ new: 1, closed: 0 });
    // 1,220 + 1,220 + 610 from the e-invoices, 100 of Bianchi: nothing counted twice.
    expect(r.totals).toMatchObject({ customers: 2, items: 4, residualCents: 315000 });
    expect(await customers()).toEqual([
      { id: 1, code: 'C001', name: 'ROSSI E FIGLI SPA' },
      { id: 2, code: 'C002', name: 'Bianchi S.r.l.' },
    ]);
    expect(await items()).toEqual([
      [1, 'FV/2026/101', '2026-10-31', '1', 122000, 'open'],
      [1, 'FV/2026/101', '2026-11-29', '2', 122000, 'open'],
      // The single installment of the e-invoice takes the export's number.
      [1, 'FV/2026/102', '2026-10-20', '1', 61000, 'open'],
      [2, 'F7', '2026-10-31', '1', 10000, 'open'],
    ]);
    expect((await dump()).events).toEqual([]);
    const audit = (await recentAudit(tb.ctx.db, 5)).find((a) => a.action === 'imports.apply');
    expect(JSON.parse(String(audit?.after))).toMatchObject({
      adoptedCustomers: [{ id: 1, code: 'C001', previousCode: 'IT09876543210' }],
    });

    // The next export keys by C001 like any customer: same items, nothing to do.
    const again = await ok('imports.preview', { fileId: await staged(lines), asOf: '2026-11-23' });
    expect(again.customers).toEqual({ new: 0, updated: 0 });
    expect(again.items).toMatchObject({ new: 0, changed: 0, closed: 0, unchanged: 4 });

    await ok('imports.undo', {});
    expect(await dump()).toEqual(before);
    expect(await customers()).toEqual([{ id: 1, code: 'IT09876543210', name: 'Rossi & Figli S.p.A.' }]);
  });

  it('a partial payment in the export is one partial payment on the e-invoice item, an absent item is paid', async () => {
    const fileId = await staged([
      'Cod. Cliente;Ragione Sociale;P.IVA;Num. Doc.;Data Doc.;Scadenza;Rata;Importo;Residuo',
      'C001;Rossi & Figli S.p.A.;IT09876543210;FV/2026/101;15/09/2026;29/11/2026;2;1220,00;1220,00',
      'C001;Rossi & Figli S.p.A.;IT09876543210;FV/2026/102;20/09/2026;20/10/2026;;610,00;400,00',
    ]);
    const r = await ok('imports.apply', { fileId, asOf: '2026-11-23' });
    // Installment 1 (1,220.00) absent: paid; 210.00 paid on FV/2026/102.
    expect(r.paymentsCents).toBe(122000 + 21000);
    expect(r.customers).toEqual({ new: 0, updated: 1 });
    expect(r.totals).toMatchObject({ customers: 1, items: 2, residualCents: 162000 });
    expect(await customers()).toEqual([{ id: 1, code: 'C001', name: 'Rossi & Figli S.p.A.' }]);
    expect(await items()).toEqual([
      [1, 'FV/2026/101', '2026-10-31', '1', 0, 'closed'],
      [1, 'FV/2026/101', '2026-11-29', '2', 122000, 'open'],
      [1, 'FV/2026/102', '2026-10-20', null, 40000, 'open'],
    ]);
  });

  it('without a VAT column: adopted by its name when exactly one e-invoice customer has it', async () => {
    const fileId = await staged([
      'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
      'C001;ROSSI & FIGLI SPA;FV/2026/101;15/09/2026;31/10/2026;1220,00;1220,00',
      'C001;ROSSI & FIGLI SPA;FV/2026/101;15/09/2026;29/11/2026;1220,00;1220,00',
      'C001;ROSSI & FIGLI SPA;FV/2026/102;20/09/2026;20/10/2026;610,00;610,00',
    ]);
    const r = await ok('imports.apply', { fileId, asOf: '2026-11-23' });
    expect(r.customers).toEqual({ new: 0, updated: 1 });
    expect(r.paymentsCents).toBe(0);
    expect(r.items).toMatchObject({ new: 0, closed: 0, unchanged: 3 });
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        value: 'C001',
        message:
          'customer IT09876543210 (Rossi & Figli S.p.A., from e-invoices) is C001 in the accounting (same name): it takes this code',
      }),
    );
    expect(await customers()).toEqual([{ id: 1, code: 'C001', name: 'ROSSI & FIGLI SPA' }]);

    // A later e-invoice to the same tax code goes to C001: still one customer.
    await eInvoice('IT01234567890_A0002.xml', fixture('IT01234567890_A0002.xml'));
    expect(await customers()).toEqual([{ id: 1, code: 'C001', name: 'ROSSI & FIGLI SPA' }]);
    expect((await items()).filter((i) => i[1] === 'NC/2026/7')).toHaveLength(1);
  });

  it('without a VAT column and no single name to go by: a warning in the preview, nothing automatic', async () => {
    // A second buyer with the same name and another VAT number: the name no longer tells them apart.
    const twin = Buffer.from(A1.toString('utf8').replaceAll('09876543210', '01111111119'));
    await eInvoice('IT01234567890_B0001.xml', twin);
    const lines = [
      'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
      'C001;Rossi & Figli S.p.A.;FV/2026/101;15/09/2026;31/10/2026;1220,00;1220,00',
    ];
    const warning = {
      message:
        '2 customers from e-invoices may be the same as new customers of this export: import the master data first',
    };
    const p = await ok('imports.preview', { fileId: await staged(lines), asOf: '2026-11-23' });
    expect(p.warnings).toEqual([warning]);
    expect(p.newCustomers).toEqual([{ code: 'C001', name: 'Rossi & Figli S.p.A.' }]);
    expect(p.customers).toEqual({ new: 1, updated: 0 });

    // Another name: no e-invoice customer has it, the same warning.
    const other = await ok('imports.preview', {
      fileId: await staged([
        lines[0] as string,
        lines[1]?.replace('Rossi & Figli', 'Rossi Holding') as string,
      ]),
      asOf: '2026-11-23',
    });
    expect(other.warnings).toEqual([warning]);
    expect((await customers()).map((c) => c.code)).toEqual(['IT09876543210', 'IT01111111119']);
  });
});
