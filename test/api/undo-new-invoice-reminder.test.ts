/**
 * Undoing an import takes its new invoices away from the dunning work it caused: the first
 * reminder the run gave an existing customer's new invoices is cancelled by the run that follows
 * the undo (its invoices no longer exist), and no letter is ever composed listing no invoice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageBytes } from '../../electron/backend/services/import/stage.ts';
import { undoBatch } from '../../electron/backend/services/import/undo.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { setLetterhead } from '../helpers/letters.ts';

let b: TestBackend;
let today = '2026-06-15';
beforeEach(async () => {
  today = '2026-06-15';
  b = await testBackend(today);
  b.ctx.today = () => today;
  await setLetterhead(b.ctx.db);
});
afterEach(() => b.close());

function ok<T>(method: string, input: unknown): Promise<T> {
  return callData<T>(b, method, input);
}
const sql = <T>(q: string, ...args: unknown[]) => b.ctx.db.$client.prepare(q).all(...args) as T[];

const HEAD =
  'Codice cliente;Ragione sociale;Email;Tipo;Numero documento;Data documento;Scadenza;Importo;Residuo\n';
const OLD =
  'K1;Cliente Uno S.r.l.;amministrazione@clienteuno.it;FT;FT 1;01/02/2026;01/03/2026;1000,00;1000,00\n';
const NEW =
  'K1;Cliente Uno S.r.l.;amministrazione@clienteuno.it;FT;FT 9;01/05/2026;01/06/2026;200,00;200,00\n';

const importCsv = (csv: string, asOf: string) =>
  ok<{ batch: number | null }>('imports.apply', {
    fileId: stageBytes(b.ctx.dataDir, 'scadenzario.csv', Buffer.from(csv)).fileId,
    asOf,
  });

interface TaskSeen {
  id: number;
  stepName: string;
  type: string;
  status: string;
  itemIds: string | null;
}
const tasks = () =>
  sql<TaskSeen>(
    "SELECT id, step_name AS stepName, type, status, item_ids AS itemIds FROM tasks WHERE type <> 'blockOrders' ORDER BY id",
  );
const openTasks = () => tasks().filter((t) => t.status === 'open');

/** Completes every open task (sent, or the call reached). */
async function work(): Promise<void> {
  for (const t of openTasks())
    await ok('tasks.complete', { id: t.id, outcome: t.type === 'phone' ? 'reached' : 'sent' });
}

/** An existing customer's case past its first reminders, then an export with a new overdue invoice. */
async function newInvoiceReminded(): Promise<{ taskId: number; ft9: number }> {
  // Standard policy: e-mail, then letter.
  await importCsv(HEAD + OLD, '2026-06-15');
  expect(openTasks()).toHaveLength(1);
  await work();
  today = '2026-06-22';
  await importCsv(HEAD + OLD, '2026-06-22');
  expect(openTasks()).toHaveLength(1);
  await work();
  // The run after the import gives the new invoice its own first reminder.
  today = '2026-06-23';
  const second = await importCsv(HEAD + OLD + NEW, '2026-06-23');
  expect(second.batch).not.toBeNull();
  const ft9 = sql<{ id: number }>("SELECT id FROM open_items WHERE document_number = 'FT 9'")[0]?.id ?? 0;
  const [first] = openTasks();
  expect(first).toMatchObject({
    stepName: expect.stringMatching(/nuove fatture/),
    itemIds: JSON.stringify([ft9]),
  });
  return { taskId: first?.id ?? 0, ft9 };
}

describe('undoing an import an existing customer got new invoices from', () => {
  it('cancels their first reminder in the run after the undo', async () => {
    const { taskId } = await newInvoiceReminded();
    // That import undone: FT 9 is gone, and the run after the undo cancels the reminder about it.
    await ok('imports.undo', {});
    expect(sql("SELECT id FROM open_items WHERE document_number = 'FT 9'")).toEqual([]);
    expect(tasks().find((t) => t.id === taskId)).toMatchObject({ status: 'cancelled' });
    expect(openTasks().filter((t) => t.itemIds !== null)).toEqual([]);
    // No letter for it any more (only open tasks have one).
    expect((await b.call('letters.preview', { taskId })).ok).toBe(false);
  });

  it('before the next run, the reminder about them is not composed: it would list no invoice', async () => {
    const { taskId } = await newInvoiceReminded();
    expect((await b.call('letters.preview', { taskId })).ok).toBe(true);
    // Undone, the run not yet through (in the app it follows at once; a letter asked in between).
    await undoBatch(b.ctx.db, undefined, null, '2026-06-23T10:00:00.000Z');
    expect(openTasks().map((t) => t.id)).toContain(taskId);
    const after = await b.call('letters.preview', { taskId });
    expect(after.ok).toBe(false);
    expect(!after.ok && after.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^K1: none of the invoices this reminder is about/),
    });
  });
});
