/**
 * The import as the app runs it (runImport: read, then sync) indexes for duplicates and twins only the
 * rows whose key another row of the file shares (the reader tells which). It must give exactly the ledger
 * that indexing every row gives, through a sequence of snapshots with twins appearing and going, in a
 * layout without an installment column and in one with it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerDump } from '../../db/queries/imports.ts';
import { readImportFile } from '../../electron/backend/services/import/read/index.ts';
import { runImport } from '../../electron/backend/services/import/run.ts';
import { applySync, type ImportResult } from '../../electron/backend/services/import/sync.ts';
import { mapInOrder } from '../../shared/in-order.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { applyRequest, snapshotInput } from '../helpers/sync.ts';

const HEAD = 'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo';
const HEAD_RATA = `${HEAD};Rata`;
const line = (code: string, n: string, due: string, cents: string, rata?: string) =>
  `${code};Cliente ${code};${n};01/09/2026;${due};${cents};${cents}${rata === undefined ? '' : `;${rata}`}`;

/** Snapshots without installment column: two installments of F1 on one due date, then three, then one. */
const WITHOUT = [
  [
    HEAD,
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C2', 'F2', '30/10/2026', '10,00'),
  ],
  [
    HEAD,
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C2', 'F2', '30/10/2026', '10,00'),
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C3', 'F1', '30/10/2026', '7,00'),
  ],
  [HEAD, line('C1', 'F1', '30/10/2026', '50,00'), line('C3', 'F1', '30/10/2026', '7,00')],
];
/** The same documents in a layout with installments, then back without. */
const WITH = [
  [
    HEAD_RATA,
    line('C1', 'F1', '30/10/2026', '50,00', '1'),
    line('C1', 'F1', '30/10/2026', '50,00', '2'),
    line('C2', 'F2', '30/10/2026', '10,00', ''),
  ],
  [
    HEAD,
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C1', 'F1', '30/10/2026', '50,00'),
    line('C1', 'F1', '30/10/2026', '40,00'),
  ],
  [HEAD_RATA, line('C1', 'F1', '30/10/2026', '50,00', '(3)'), line('C1', 'F1', '30/10/2026', '50,00', '1')],
];
const AS_OF = ['2026-10-31', '2026-11-15', '2026-11-30'];

/** Through runImport (the reader's shared keys), and with every row indexed (no shared keys given). */
async function importBoth(
  a: TestBackend,
  b: TestBackend,
  lines: string[],
  i: number,
): Promise<[ImportResult, ImportResult]> {
  const data = Buffer.from(lines.join('\n'));
  const name = `scadenzario-${i}.csv`;
  const asOf = AS_OF[i] as string;
  const viaRun = await runImport(data, applyRequest(name, asOf), a.ctx.db);
  if (viaRun.kind !== 'apply') throw new Error('expected an apply');
  const file = readImportFile(data, name);
  const everyRow = await applySync(
    b.ctx.db,
    snapshotInput(file.rows, asOf, { name, sha256: file.sha256 }, { confirmClosures: true }),
  );
  return [viaRun.result, everyRow];
}

/** Items and events as the ledger holds them; customers by code and name (their creation time is the clock's). */
async function ledger(t: TestBackend) {
  const dump = await ledgerDump(t.ctx.db);
  const customers = dump.customers.map((c) => {
    const { code, name } = c as { code: string; name: string };
    return { code, name };
  });
  return { customers, items: dump.items, events: dump.events };
}

let a: TestBackend;
let b: TestBackend;
beforeEach(async () => {
  a = await testBackend();
  b = await testBackend();
});
afterEach(() => {
  a.close();
  b.close();
});

describe('duplicates and twins indexed only where the reader found shared keys', () => {
  it('twins in a file without installments: same counts and ledger as indexing every row', async () => {
    const results = await mapInOrder(WITHOUT, async (lines, i) => await importBoth(a, b, lines, i));
    for (const [viaRun, everyRow] of results) {
      expect(viaRun.items).toEqual(everyRow.items);
      expect(viaRun.totals).toEqual(everyRow.totals);
    }
    // Two installments of F1, then a third and C3's own F1, then back to one F1 of C1 and C3's.
    expect(results.map(([r]) => r.items.new)).toEqual([3, 2, 0]);
    expect(results.map(([r]) => r.items.closed)).toEqual([0, 0, 3]);
    expect(results[2]?.[0].totals.items).toBe(2);
    expect(await ledger(a)).toEqual(await ledger(b));
  });

  it('alternating layouts with and without installments: same ledger as indexing every row', async () => {
    const results = await mapInOrder(WITH, async (lines, i) => await importBoth(a, b, lines, i));
    for (const [viaRun, everyRow] of results) expect(viaRun.items).toEqual(everyRow.items);
    expect(results[1]?.[0].items).toMatchObject({ new: 1, unchanged: 2, closed: 1 });
    expect(await ledger(a)).toEqual(await ledger(b));
  });
});
