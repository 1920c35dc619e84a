/**
 * `import FILE --json` on the exports offices really produce: the layout, the mapping with reasons and the
 * warnings in the JSON; mapping by hand with `--map`, profiles as JSON files, a size check before reading.
 * In-process through runCli (the same code path as the terminal, without a process per command).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDump } from '../../db/queries/imports.ts';
import { runCli } from '../../electron/backend/cli/run.ts';
import { MAX_FILE_BYTES } from '../../electron/backend/services/import/read/guards.ts';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import {
  businessCentral,
  csv,
  erpnext,
  fbl5n,
  mexal,
  ocaAgedPartnerBalance,
  ocaOpenItems,
} from '../fixtures/import/layouts.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = await testBackend();
});
afterAll(() => b.close());

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    [...args, '--db', b.dbPath, '--today', '2026-11-23', '--json'],
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    {},
  );
  return { code, body: out.length ? JSON.parse(out.join('\n')) : null, stderr: err.join('\n') };
}

function file(name: string, data: Buffer): string {
  const p = path.join(b.dir, name);
  fs.writeFileSync(p, data);
  return p;
}

const AMBIGUOUS = csv([
  ['Cod', 'Numero', 'Scadenza', 'Scadenza effettiva', 'Residuo'],
  ['K1', 'F1', '31/10/2026', '30/09/2026', '10,00'],
  ['K2', 'F2', '30/11/2026', '31/10/2026', '20,00'],
]);

describe('import --json on real layouts', { timeout: 60_000 }, () => {
  it('an SAP FBL5N export imports with no profile: layout, mapping with reasons, codes shown as names', async () => {
    const r = await cli(['import', file('fbl5n.xlsx', fbl5n())]);
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({
      asOf: '2026-10-31',
      layout: 'SAP FBL5N',
      items: { new: 5 },
      customers: { new: 2 },
      totals: { customers: 2, items: 5, residualCents: 355_000 },
      warnings: [],
    });
    expect(r.body.mapping).toContainEqual({
      field: 'dueDate',
      header: 'Net due date',
      reason: 'SAP FBL5N layout: the column "Net due date"',
      samples: ['16.09.2026', '01.09.2026', '20.10.2026'],
    });
    // No names in FBL5N: the code shows until the name is known.
    const customer = await cli(['customer', '100002']);
    expect(customer.body.customer).toMatchObject({ code: '100002', name: '100002' });
  });

  it('an undecided required field is asked for (exit 2, nothing written); --map decides it', async () => {
    const before = await ledgerDump(b.ctx.db);
    const p = file('scadenze-2026-11-30.csv', AMBIGUOUS);
    const asked = await cli(['import', p]);
    expect(asked.code).toBe(2);
    expect(asked.body.error).toMatch(
      /missing required column\(s\): due date \(undecided between "Scadenza": values are dates; "Scadenza effettiva": values are dates\)/,
    );
    expect(await ledgerDump(b.ctx.db)).toEqual(before);

    const bad = await cli(['import', p, '--map', 'dueDay=Scadenza']);
    expect(bad.code).toBe(2);
    expect(bad.body.error).toMatch(/--map takes FIELD=HEADER .*got "dueDay=Scadenza"/);

    const mapped = await cli([
      'import',
      p,
      '--mode',
      'incremental',
      '--map',
      'customerCode=Cod',
      '--map',
      'documentNumber=Numero',
      '--map',
      'dueDate=Scadenza',
      '--map',
      'residual=Residuo',
    ]);
    expect(mapped.code).toBe(0);
    expect(mapped.body).toMatchObject({ asOf: '2026-11-30', items: { new: 2 } });
    expect(mapped.body.mapping).toContainEqual(
      expect.objectContaining({
        field: 'dueDate',
        header: 'Scadenza',
        reason: 'chosen by hand; values are dates',
      }),
    );
  });

  it('profiles travel as JSON files: import, list, export, and --profile FILE.json', async () => {
    const profile = file(
      'profilo.json',
      Buffer.from(
        JSON.stringify({
          name: 'Scadenze effettive',
          headers: ['Cod', 'Numero', 'Scadenza', 'Scadenza effettiva', 'Residuo'],
          mapping: {
            customerCode: 'Cod',
            documentNumber: 'Numero',
            dueDate: 'Scadenza effettiva',
            residual: 'Residuo',
          },
        }),
      ),
    );
    expect((await cli(['imports', 'profiles', 'import', profile])).body).toEqual({
      name: 'Scadenze effettive',
    });
    const list = await cli(['imports', 'profiles']);
    expect(list.body.map((p: { name: string }) => p.name)).toContain('Scadenze effettive');
    const out = path.join(b.dir, 'esportato.json');
    expect((await cli(['imports', 'profiles', 'export', 'Scadenze effettive', out])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(JSON.parse(fs.readFileSync(profile, 'utf8')));

    const dry = await cli([
      'import',
      file('other.csv', AMBIGUOUS),
      '--as-of',
      '2026-11-30',
      '--mode',
      'incremental',
      '--profile',
      out,
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.body.mapping).toContainEqual(
      expect.objectContaining({ field: 'dueDate', header: 'Scadenza effettiva' }),
    );

    const broken = await cli([
      'imports',
      'profiles',
      'import',
      file('rotto.json', Buffer.from('{"name": 3}')),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.body.error).toMatch(/rotto\.json: not a mapping profile/);
  });

  it('a file over the size limit is refused from its size on disk, before it is read; nothing written', async () => {
    const before = await ledgerDump(b.ctx.db);
    const big = path.join(b.dir, 'enorme.csv');
    // A sparse file: as big as a hostile export on disk, without writing it.
    fs.writeFileSync(big, 'Cod;Numero;Scadenza;Residuo\n');
    fs.truncateSync(big, MAX_FILE_BYTES + 1024 * 1024);
    const r = await cli(['import', big]);
    expect(r.code).toBe(2);
    expect(r.body.error).toMatch(/enorme\.csv: the file is 129 MB: Incasso imports files up to 128 MB/);
    expect(await ledgerDump(b.ctx.db)).toEqual(before);
  });

  it('the preview of the app says the layout, the mapping and the warnings before anything is written', async () => {
    const before = await ledgerDump(b.ctx.db);
    const fileId = stageBytes(b.ctx.dataDir, 'saldaconto.csv', mexal()).fileId;
    const res = await b.call('imports.preview', { fileId, asOf: '2026-10-31', mode: 'incremental' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.data as {
      layout: string;
      asOfSource: string;
      mapping: { field: string; header: string }[];
      warnings: { message: string }[];
      items: { new: number };
      rows: { read: number; skipped: number };
    };
    expect(p.layout).toBe('Passepartout Mexal saldaconto');
    expect(p.asOfSource).toBe('given');
    expect(p.mapping.map((m) => [m.field, m.header])).toContainEqual(['documentDate', 'DOCUMENTO']);
    expect(p.warnings[0]?.message).toMatch(/has no customer code: "DESCRIZIONE" stands for it/);
    // Four rows read; the settled one (residual 0) is nothing to track.
    expect(p.rows).toEqual({ read: 4, imported: 3, skipped: 1 });
    expect(p.items.new).toBe(3);
    expect(await ledgerDump(b.ctx.db)).toEqual(before);

    const bc = stageBytes(b.ctx.dataDir, 'cle.csv', businessCentral()).fileId;
    const bcPreview = await b.call('imports.preview', {
      fileId: bc,
      asOf: '2026-10-31',
      mode: 'incremental',
    });
    expect(bcPreview.ok && (bcPreview.data as { items: { new: number } }).items.new).toBe(3);
  });
});

describe('import --json on the layouts of open-source ERPs, each into an empty ledger', {
  timeout: 60_000,
}, () => {
  /** Imports the file into a ledger of its own, then reads one customer back. */
  async function importInto(name: string, data: Buffer, customerCode: string) {
    const own = await testBackend();
    try {
      const p = path.join(own.dir, name);
      fs.writeFileSync(p, data);
      const run = async (args: string[]) => {
        const out: string[] = [];
        const code = await runCli(
          [...args, '--db', own.dbPath, '--today', '2026-11-23', '--json'],
          { out: (t) => out.push(t), err: () => {} },
          {},
        );
        return { code, body: out.length ? JSON.parse(out.join('\n')) : null };
      };
      const imported = await run(['import', p]);
      const customer = await run(['customer', customerCode]);
      return { ...imported, customer: customer.body?.customer };
    } finally {
      own.close();
    }
  }

  it('an ERPNext "Accounts Receivable" export: 5 open items of 3 customers, 3,310.00 EUR', async () => {
    const r = await importInto('accounts_receivable-2026-10-31.csv', erpnext(), 'CUST-00012');
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({
      layout: 'ERPNext Accounts Receivable',
      asOf: '2026-10-31',
      items: { new: 5 },
      customers: { new: 3 },
      totals: { customers: 3, items: 5, residualCents: 331_000 },
      warnings: [],
    });
    expect(r.customer).toMatchObject({ code: 'CUST-00012', name: 'Rossi Forniture S.r.l.' });
  });

  it('an OCA "Partite aperte" export: 4 open items of 2 partners, the partner name as the code', async () => {
    const r = await importInto('partite_aperte.xlsx', ocaOpenItems(), 'Bianchi Impianti S.p.A.');
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({
      layout: 'Odoo OCA Partite aperte',
      asOf: '2026-10-31',
      items: { new: 4 },
      customers: { new: 2 },
      totals: { customers: 2, items: 4, residualCents: 162_000 },
    });
    expect(r.customer).toMatchObject({ code: 'Bianchi Impianti S.p.A.', name: 'Bianchi Impianti S.p.A.' });
  });

  it('an OCA "Scadenzario clienti/fornitori" export: 4 open items of 2 partners, 2,120.00 EUR', async () => {
    const r = await importInto('scadenzario.xlsx', ocaAgedPartnerBalance(), 'Rossi Forniture S.r.l.');
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({
      layout: 'Odoo OCA Scadenzario clienti/fornitori',
      items: { new: 4 },
      customers: { new: 2 },
      totals: { customers: 2, items: 4, residualCents: 212_000 },
    });
    expect(r.customer).toMatchObject({ code: 'Rossi Forniture S.r.l.' });
  });
});
