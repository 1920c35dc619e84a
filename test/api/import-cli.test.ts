/** `import`, `imports`, `undo` from a terminal: the JSON shapes, exit codes, and nothing written on bad input. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');
const dir = tempDir('incasso-import-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'ledger.db');

const cli = (args: string[]) => runCliInProcess([...args, '--db', db], { INCASSO_TODAY: '2026-11-23' });
const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : null };
};

const RESULT_KEYS = [
  'batch',
  'file',
  'format',
  'asOf',
  'mode',
  'rows',
  'customers',
  'items',
  'creditNotesClosed',
  'paymentsCents',
  'reversalsCents',
  'totals',
  'layout',
  'mapping',
  'warnings',
];

describe('CLI import', { timeout: 90_000 }, () => {
  const first = path.join(SAMPLES, 'scadenzario-2026-10-31.xlsx');
  const second = path.join(SAMPLES, 'scadenzario-2026-11-15.xlsx');

  it('rejects a file with invalid rows: exit 2, every error with row, column, value; nothing written', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      [
        'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
        'C1;Alfa S.r.l.;F1;01/09/2026;31/02/2026;100,00;100,00',
        'C2;Beta S.r.l.;F2;01/09/2026;30/11/2026;cento;100,00',
        'C3;Gamma S.r.l.;F3;01/09/2026;30/11/2026;50,00;50,00',
      ].join('\n'),
    );
    const r = await json(['import', bad]);
    expect(r.code).toBe(2);
    expect(Object.keys(r.body)).toEqual(['error', 'errors']);
    expect(r.body.errors.length).toBeGreaterThanOrEqual(2);
    for (const e of r.body.errors) expect(Object.keys(e)).toEqual(['row', 'column', 'value', 'message']);
    expect(r.body.errors.map((e: { row: number }) => e.row)).toEqual(expect.arrayContaining([2, 3]));
    expect((await json(['imports'])).body).toEqual([]);

    const notASheet = path.join(dir, 'notes.txt');
    fs.writeFileSync(notASheet, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]));
    const r2 = await json(['import', notASheet]);
    expect(r2.code).toBe(2);
    expect(r2.body.errors).toHaveLength(1);
  });

  it('--dry-run prints the result with batch null and writes nothing', async () => {
    const r = await json(['import', first, '--as-of', '2026-10-31', '--dry-run']);
    expect(r.code).toBe(0);
    expect(Object.keys(r.body)).toEqual(RESULT_KEYS);
    expect(r.body.batch).toBeNull();
    expect(r.body.items.new).toBe(624);
    expect((await json(['imports'])).body).toEqual([]);
    expect((await json(['summary'])).body.items).toBe(0);
  });

  it('imports a first snapshot: the documented shape, totals agreeing with summary', async () => {
    const r1 = await json(['import', first, '--as-of', '2026-10-31']);
    expect(r1.code).toBe(0);
    expect(Object.keys(r1.body)).toEqual(RESULT_KEYS);
    expect(r1.body).toMatchObject({
      batch: 1,
      file: 'scadenzario-2026-10-31.xlsx',
      format: 'xlsx',
      asOf: '2026-10-31',
      mode: 'snapshot',
      rows: { read: 624, imported: 624, skipped: 0 },
      customers: { new: 173, updated: 0 },
      items: { new: 624, changed: 0, closed: 0, reopened: 0, unchanged: 0 },
      totals: { customers: 173, items: 624, residualCents: 148982827, overdueCents: 60822833 },
    });
    // totals agree with summary.
    const s = (await json(['summary'])).body;
    expect(r1.body.totals).toEqual({
      customers: s.customers,
      items: s.items,
      residualCents: s.residualCents,
      overdueCents: s.overdueCents,
    });
  });

  it('imports the next snapshot and refuses a mass closure without --confirm-closures', async () => {
    const r2 = await json(['import', second, '--as-of', '2026-11-15']);
    expect(r2.code).toBe(0);
    expect(r2.body.batch).toBe(2);
    expect(r2.body.items.closed).toBe(113);

    // A file of another company would close everything: refused, exit 2, nothing written.
    const other = await json(['import', path.join(SAMPLES, 'aged-receivables-2026-11-20.xlsx')]);
    expect(other.code).toBe(2);
    expect(other.body.error).toMatch(/would close 700 of the 700 open items/);
  });

  it('lists the batches and undoes the latest only', async () => {
    const list = (await json(['imports'])).body;
    expect(list.map((b: { id: number }) => b.id)).toEqual([2, 1]);
    expect(list[0]).toMatchObject({
      file: 'scadenzario-2026-11-15.xlsx',
      asOf: '2026-11-15',
      undoneAt: null,
    });

    expect((await json(['undo', '1'])).code).toBe(1); // CONFLICT: not the latest
    const u = await json(['undo']);
    expect(u.code).toBe(0);
    expect(u.body).toMatchObject({ id: 2, file: 'scadenzario-2026-11-15.xlsx' });
    expect(u.body.undoneAt).toEqual(expect.any(String));
    expect((await json(['summary'])).body).toMatchObject({
      asOf: '2026-10-31',
      items: 624,
      residualCents: 148982827,
    });
    expect((await json(['undo', 'x'])).code).toBe(2);
  });
});
