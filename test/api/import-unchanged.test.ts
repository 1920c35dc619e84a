/**
 * An unchanged re-import (the same file onto a ledger nothing changed since) is answered without
 * reading the file: no backup, no batch, the same figures a full comparison gives.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLedger, openLedger } from '../../db/open.ts';
import { recentAudit } from '../../db/queries/audit.ts';
import { ledgerSummary } from '../../db/queries/summary.ts';
import { replaySeam } from '../../electron/backend/services/import/replay.ts';
import { runImport } from '../../electron/backend/services/import/run.ts';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import { listBackups } from '../../electron/backend/services/safety/backup.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2026-11-23');
});
afterEach(() => {
  replaySeam.afterCheck = null;
  b.close();
});

function ok<T = unknown>(method: string, input: unknown = {}, userId = 1): Promise<T> {
  return callData<T>(b, method, input, userId);
}

const HEAD = 'Codice cliente;Ragione sociale;Tipo;Numero documento;Data documento;Scadenza;Importo;Residuo\n';
const FIRST = `${HEAD}C1;Alfa;FT;F1;01/09/2026;30/09/2026;100,00;100,00
C1;Alfa;FT;F2;01/10/2026;31/10/2026;200,00;50,00
C2;Beta;NC;N1;05/10/2026;05/10/2026;-30,00;-30,00
C2;Beta;FT;F3;05/10/2026;04/12/2026;400,00;400,00
C3;Gamma;FT;F4;01/08/2026;31/08/2026;90,00;0,00
`;
// F1 paid (listed at zero), F2 partly paid, N1 gone (credit applied), a new customer.
const SECOND = `${HEAD}C1;Alfa;FT;F1;01/09/2026;30/09/2026;100,00;0,00
C1;Alfa;FT;F2;01/10/2026;31/10/2026;200,00;20,00
C2;Beta;FT;F3;05/10/2026;04/12/2026;400,00;400,00
C4;Delta;FT;F5;10/10/2026;09/11/2026;70,00;70,00
`;

interface Result {
  batch: number | null;
  rows: unknown;
  customers: unknown;
  items: { unchanged: number };
  creditNotesClosed: number;
  paymentsCents: number;
  reversalsCents: number;
  totals: { customers: number; items: number; residualCents: number; overdueCents: number };
  layout: string | null;
  mapping: unknown[];
  warnings: unknown[];
}

const stage = (csv: string, name = 'scadenzario.csv') =>
  stageBytes(b.ctx.dataDir, name, Buffer.from(csv)).fileId;
const apply = (csv: string, asOf = '2026-11-20') => ok<Result>('imports.apply', { fileId: stage(csv), asOf });
const figures = (r: Result) => ({
  rows: r.rows,
  customers: r.customers,
  items: r.items,
  creditNotesClosed: r.creditNotesClosed,
  paymentsCents: r.paymentsCents,
  reversalsCents: r.reversalsCents,
});
const backups = async () => (await listBackups(b.ctx)).backups.length;
const dunningRuns = async () =>
  (await recentAudit(b.ctx.db, 1000)).filter((a) => a.action === 'dunning.run').length;

describe('an unchanged re-import', () => {
  it('writes no backup and no batch, and says what a full comparison says', async () => {
    await apply(FIRST, '2026-11-10');
    const second = await apply(SECOND);
    expect(second.batch).not.toBeNull();
    expect(await backups()).toBe(2);
    const runs = await dunningRuns();
    // What reading and comparing the file gives: the preview.
    const preview = await ok<Result>('imports.preview', { fileId: stage(SECOND), asOf: '2026-11-20' });

    const again = await apply(SECOND);
    expect(again.batch).toBeNull();
    expect(figures(again)).toEqual(figures(preview));
    expect(again.items.unchanged).toBe(4);
    expect(again.totals).toEqual(second.totals);
    expect(again.layout).toEqual(second.layout);
    expect(again.mapping).toEqual(second.mapping);
    expect(await backups()).toBe(2);
    expect(await dunningRuns()).toBe(runs);
    // Audited like any import that changes nothing.
    const audit = (await recentAudit(b.ctx.db, 1))[0];
    expect(audit).toMatchObject({ action: 'imports.apply', entityId: null });

    // Work that leaves customers and items alone (a contact) keeps it unchanged.
    await ok('contacts.add', { code: 'C1', channel: 'phone', note: 'richiamare', outcome: 'info' });
    expect((await apply(SECOND)).batch).toBeNull();
    expect(await backups()).toBe(2);
  });

  it('is read in full when the bytes, the as-of date or the ledger differ', async () => {
    await apply(FIRST, '2026-11-10');
    await apply(SECOND);
    // Another as-of date: a batch (the ledger moves to it), after a backup.
    const later = await apply(SECOND, '2026-11-21');
    expect(later.batch).not.toBeNull();
    expect(await backups()).toBe(3);
    // The same rows in other bytes (a trailing blank line): compared in full; nothing changes.
    const other = await apply(`${SECOND}\n`, '2026-11-21');
    expect(other.batch).toBeNull();
    expect(other.items.unchanged).toBe(4);
    // The ledger changed since (the last batch undone): the file is read and compared again.
    await apply(FIRST, '2026-11-22');
    await ok('imports.undo', {});
    const redo = await apply(FIRST, '2026-11-22');
    expect(redo.batch).not.toBeNull();
    expect(redo.items).toMatchObject({ reopened: 2, changed: 1 });
  });

  it('is read in full when another writer imports while the file is hashed', async () => {
    await apply(FIRST, '2026-11-10');
    const second = await apply(SECOND);
    // Between the check and the audit row, a second writer (a CLI beside the app, on its own
    // connection) imports FIRST as of the same date: the ledger no longer holds SECOND.
    replaySeam.afterCheck = async () => {
      replaySeam.afterCheck = null;
      const other = openLedger(b.dbPath);
      try {
        await runImport(
          Buffer.from(FIRST),
          {
            kind: 'apply',
            fileName: 'altro.csv',
            read: {},
            asOf: '2026-11-20',
            mode: 'snapshot',
            confirmClosures: true,
            dryRun: false,
            user: null,
            today: '2026-11-23',
            at: '2026-11-23T08:00:00.000Z',
          },
          other,
        );
      } finally {
        closeLedger(other);
      }
    };
    const raced = await apply(SECOND);
    // Not answered "unchanged": compared in full against the ledger the other import left.
    expect(raced.batch).not.toBeNull();
    expect(raced.items.unchanged).toBeLessThan(4);
    // The ledger holds the file's figures again (what SECOND left), and only now is a re-import unchanged.
    const ledger = await ledgerSummary(b.ctx.db, '2026-11-20');
    expect({ ...raced.totals }).toEqual({ ...second.totals });
    expect(ledger.residualCents).toBe(49000);
    expect(ledger.items).toBe(second.totals.items);
    const again = await apply(SECOND);
    expect(again.batch).toBeNull();
  });
});
