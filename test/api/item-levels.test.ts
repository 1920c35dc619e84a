/**
 * Per-invoice levels: each invoice records the reminders it appeared in, and a letter lists each
 * invoice with its own level — an invoice reminded once is at its second reminder in a formal
 * notice; one never reminded is not in the customer's second reminder or formal notice at all (it
 * gets a first reminder of its own: test/api/new-invoice-reminder.test.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { addClienteUnoFt1, addItem, setLetterhead } from '../helpers/letters.ts';

let b: TestBackend;
let k1: number;
beforeEach(async () => {
  b = await testBackend('2026-06-15');
  await setLetterhead(b.ctx.db);
  k1 = addClienteUnoFt1(b.ctx.db);
});
afterEach(() => b.close());

function ok<T>(method: string, input: unknown): Promise<T> {
  return callData<T>(b, method, input);
}

/** The letter's text as a reader sees it, one table row per line. */
function pdfText(base64: string): string {
  const file = path.join(b.dir, 'letter.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const rowOf = (text: string, doc: string) => text.split('\n').find((l) => l.includes(doc)) ?? '';

describe('per-invoice levels', () => {
  it('records the invoices a sent reminder was about, and prints each invoice at its own level', async () => {
    await runDay(b.ctx.db, '2026-06-15');
    const task = b.ctx.db.$client.prepare("SELECT id, template FROM tasks WHERE status = 'open'").get() as {
      id: number;
      template: string;
    };
    await ok('tasks.complete', { id: task.id, outcome: 'sent' });
    const reminders = b.ctx.db.$client
      .prepare(
        'SELECT o.document_number AS doc, r.template, r.sent_on AS sentOn FROM item_reminders r JOIN open_items o ON o.id = r.item_id',
      )
      .all();
    expect(reminders).toEqual([{ doc: 'FT 1', template: task.template, sentOn: '2026-06-15' }]);

    // A new invoice falls due after the first reminder went out.
    addItem(b.ctx.db, k1, { number: 'FT 9', date: '2026-05-10', due: '2026-06-10', amount: 20_000 });
    const second = await ok<{ pdfBase64: string }>('letters.preview', {
      customerCode: 'K1',
      template: 'reminder2',
    });
    const text = pdfText(second.pdfBase64);
    expect(text).toMatch(/Livello/);
    expect(rowOf(text, 'FT 1')).toMatch(/2° sollecito/);
    expect(text).not.toMatch(/FT 9/);

    const notice = pdfText(
      (await ok<{ pdfBase64: string }>('letters.preview', { customerCode: 'K1', template: 'formal_notice' }))
        .pdfBase64,
    );
    expect(rowOf(notice, 'FT 1')).toMatch(/2° sollecito/);
    expect(notice).not.toMatch(/FT 9/);
  });
});
