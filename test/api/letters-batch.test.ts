/**
 * The manager's print batch: today's letter tasks -> one PDF per letter and a merged PDF (each
 * letter from a new page), archived; confirm -> tasks done ('sent') and logged. Cancelled
 * halfway — in-process (CLI) and in the worker thread (app) — it leaves no task done, no
 * archived letter and no file. And the CLI's `letters --out DIR` / `letters confirm`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLedger } from '../../db/open.ts';
import { customersByIds } from '../../db/queries/letters.ts';
import { createBackend } from '../../electron/backend/app.ts';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { MergedPdf, renderChunk } from '../../electron/backend/services/letters/batch-render.ts';
import { composeMany, letterContext } from '../../electron/backend/services/letters/load.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import type { BatchResult } from '../../shared/api/contracts/letters.ts';
import type { LetterModel } from '../../shared/domain/letters/model.ts';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { addCustomer, addItem, addLetterTask, count, setLetterhead, taskRow } from '../helpers/letters.ts';

const TODAY = '2026-03-31';
let dir: string;
let ctx: BackendContext;
let events: AppEvent[];
let onEvent: (e: AppEvent) => void;

async function setup(mode: 'cli' | 'browser', letters: number): Promise<number[]> {
  dir = tempDir('incasso-letters-batch-');
  events = [];
  onEvent = () => {};
  ctx = await createBackend({
    dbPath: path.join(dir, 'ledger.db'),
    mode,
    today: TODAY,
    emit: (e) => {
      events.push(e);
      onEvent(e);
    },
  });
  await setLetterhead(ctx.db);
  const ids: number[] = [];
  for (let i = 1; i <= letters; i++) {
    const id = addCustomer(ctx.db, {
      code: `K${i}`,
      name: `Cliente ${i} S.r.l.`,
      address: `Via Roma ${i}\n20121 Milano (MI)`,
    });
    addItem(ctx.db, id, {
      number: `FT ${i}/2026`,
      date: '2026-01-05',
      due: '2026-02-04',
      amount: 10_000 * i,
    });
    ids.push(addLetterTask(ctx.db, id, 'letter', i % 2 ? 'reminder2' : 'reminder1', TODAY));
  }
  // Not printed: an e-mail task, and a letter task due tomorrow.
  const other = addCustomer(ctx.db, { code: 'X1', name: 'Altro S.r.l.', email: 'x@altro.it' });
  addItem(ctx.db, other, { number: 'FT 99/2026', date: '2026-01-05', due: '2026-02-04', amount: 5000 });
  addLetterTask(ctx.db, other, 'email', 'reminder1', TODAY);
  addLetterTask(ctx.db, other, 'letter', 'reminder2', '2026-04-01');
  return ids;
}

afterEach(() => {
  closeLedger(ctx.db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, input: unknown, job?: string) =>
  dispatch(ctx, { method, input, userId: 1, ...(job ? { job } : {}) });

const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

function archivedPdfs(): string[] {
  const root = path.join(ctx.dataDir, 'letters');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf'));
}

async function cancelHalfway(job: string, total: number) {
  onEvent = (e) => {
    if (e.type === 'job' && e.job === job && e.phase === 'letters' && e.done >= total / 2) {
      ctx.jobs.get(job)?.abort();
    }
  };
  const res = await call('letters.batch', {}, job);
  expect(res).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  // It was stopped halfway, not before it started nor after it finished.
  const done = events.flatMap((e) => (e.type === 'job' && e.phase === 'letters' ? [e.done] : []));
  expect(Math.max(...done)).toBeGreaterThanOrEqual(total / 2);
  expect(Math.max(...done)).toBeLessThan(total);
  expect(count(ctx.db, 'tasks', "status = 'done'")).toBe(0);
  expect(count(ctx.db, 'letters')).toBe(0);
  expect(count(ctx.db, 'letter_batches')).toBe(0);
  expect(count(ctx.db, 'contacts')).toBe(0);
  expect(archivedPdfs()).toEqual([]);
  expect(fs.readdirSync(path.join(ctx.dataDir, 'letters'))).toEqual([]);
}

describe('the print batch', () => {
  it('renders one PDF per letter and a merged PDF, then confirm marks the tasks sent', async () => {
    const ids = await setup('cli', 5);
    const res = await call('letters.batch', {}, 'b1');
    expect(res.ok, JSON.stringify(res)).toBe(true);
    const batch = (res as { data: BatchResult }).data;
    expect(batch).toMatchObject({ batchId: 1, date: TODAY, letters: 5, skipped: [] });
    expect(batch.files.map((f) => f.taskId).sort()).toEqual([...ids].sort());
    for (const f of batch.files) expect(pdfPages(f.path)).toBe(f.pages);
    expect(pdfPages(batch.mergedPath ?? '')).toBe(batch.pages);
    expect(batch.pages).toBe(batch.files.reduce((a, f) => a + f.pages, 0));
    // Each letter starts on its own page: page 1 of the merged file is letter 1's, and so on.
    const pages = execFileSync('pdftotext', ['-layout', batch.mergedPath ?? '', '-'], {
      encoding: 'utf8',
    }).split('\f');
    let page = 0;
    for (const f of batch.files) {
      expect(pages[page]).toContain(`Cliente ${f.customerCode.slice(1)} S.r.l.`);
      expect(pages[page]).toMatch(new RegExp(`Pagina 1 di ${f.pages}`));
      page += f.pages;
    }
    const phases = new Set(events.flatMap((e) => (e.type === 'job' ? [e.phase] : [])));
    expect([...phases]).toEqual(['letters', 'merge']);
    // Generated, not yet sent: the tasks wait for the manager's confirmation.
    expect(ids.map((id) => taskRow(ctx.db, id).status)).toEqual(ids.map(() => 'open'));
    expect(count(ctx.db, 'letters', "status = 'generated'")).toBe(5);

    const confirmed = await call('letters.confirm', { batchId: 1, excludeTaskIds: [ids[0]] });
    expect(confirmed).toMatchObject({ ok: true, data: { batchId: 1, letters: 4 } });
    expect(taskRow(ctx.db, ids[0] as number).status).toBe('open');
    for (const id of ids.slice(1))
      expect(taskRow(ctx.db, id)).toMatchObject({ status: 'done', outcome: 'sent' });
    expect(count(ctx.db, 'contacts', "channel = 'letter' AND outcome = 'sent'")).toBe(4);
    expect((await call('letters.confirm', { batchId: 1 })).ok).toBe(false);

    // The next batch prints only the letter left out, superseding its unconfirmed copy.
    const again = await call('letters.batch', {});
    expect(again).toMatchObject({
      ok: true,
      data: { letters: 1, files: [expect.objectContaining({ taskId: ids[0] })] },
    });
    expect(count(ctx.db, 'letters', "status = 'superseded'")).toBe(1);
  });

  it('skips formal notices while a needed half-year rate is missing, and says why', async () => {
    await setup('cli', 1);
    const k = addCustomer(ctx.db, { code: 'MM', name: 'Moroso S.r.l.' });
    addItem(ctx.db, k, { number: 'FT 5/2026', date: '2026-01-05', due: '2026-02-04', amount: 10_000 });
    const fn = addLetterTask(ctx.db, k, 'letter', 'formal_notice', TODAY);
    // Seeded from the shipped table first (it would restore a shipped row), then taken out.
    expect((await call('rates.list', {})).ok).toBe(true);
    ctx.db.$client.prepare("DELETE FROM interest_rates WHERE from_date = '2026-01-01'").run();
    const res = await call('letters.batch', {});
    expect(res).toMatchObject({ ok: true, data: { letters: 1 } });
    const skipped = (res as { data: BatchResult }).data.skipped;
    expect(skipped).toEqual([
      {
        taskId: fn,
        customerCode: 'MM',
        reason: expect.stringMatching(/missing for H1 2026/),
        // The same reason with a code, for the UI's language.
        notice: {
          code: 'skip.rateMissing',
          message: expect.stringMatching(/missing for H1 2026/),
          params: { list: 'H1 2026 (2026-01-01 – 2026-06-30)' },
        },
      },
    ]);
  });

  it('cancelled halfway in-process (CLI) leaves no task done, no archived letter, no file', async () => {
    await setup('cli', 12);
    await cancelHalfway('c1', 12);
  });

  it('runs in a worker thread in the app; cancelled halfway there, nothing is left either', async () => {
    await setup('browser', 3);
    const ok = await call('letters.batch', {}, 'w1');
    expect(ok).toMatchObject({ ok: true, data: { letters: 3 } });
    // Each letter is laid out once and copied into its own file and the merged one: the merged
    // PDF reads as the letters' files one after the other, in the batch's order.
    const batch = (ok as { data: BatchResult }).data;
    const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text(batch.mergedPath ?? '')).toBe(batch.files.map((f) => text(f.path)).join(''));
    // Each file keeps its own title: the letter's subject and reference.
    for (const f of batch.files)
      expect(execFileSync('pdfinfo', [f.path], { encoding: 'utf8' })).toMatch(
        new RegExp(`Title:\\s+\\S.* – ${f.customerCode}-\\d{8}-`),
      );
    closeLedger(ctx.db);
    fs.rmSync(dir, { recursive: true, force: true });

    await setup('browser', 40);
    await cancelHalfway('w2', 40);
  }, 120_000);
});

describe('the merged PDF', () => {
  it('keeps the batch order when the workers hand their chunks back out of order', async () => {
    await setup('cli', 3);
    const lctx = await letterContext(ctx.db, ctx.dataDir, TODAY);
    const models = (
      await composeMany(
        ctx.db,
        lctx,
        (
          await customersByIds(ctx.db, [1, 2, 3])
        )
          .sort((x, y) => x.code.localeCompare(y.code))
          .map((customer) => ({ customer, template: 'reminder1' as const, channel: 'letter' as const })),
      )
    ).flatMap((c): LetterModel[] => (c.model ? [c.model] : []));
    expect(models).toHaveLength(3);
    const out = path.join(dir, 'chunks');
    fs.mkdirSync(out);
    const hooks = { cancelled: () => false, letterDone: () => {} };
    const chunks = await Promise.all(models.map((m, i) => renderChunk([m], i, lctx.images, out, hooks)));
    const merged = new MergedPdf(path.join(out, 'merged.pdf'), {
      title: 'Lettere',
      author: 'Fornitore',
      creator: 'Incasso',
      producer: 'Incasso',
    });
    // The third chunk first, then the first (both written), then the second.
    merged.add(2, chunks[2]?.pdf ?? new Uint8Array());
    merged.add(0, chunks[0]?.pdf ?? new Uint8Array());
    merged.add(1, chunks[1]?.pdf ?? new Uint8Array());
    const file = merged.finish(3);
    expect(file.pages).toBe(3);
    const text = (f: string) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
    const pages = text(path.join(out, 'merged.pdf')).split('\f');
    expect(pages.slice(0, 3).map((p) => /Cliente (\d) S\.r\.l\./.exec(p)?.[1])).toEqual(['1', '2', '3']);
    expect(text(path.join(out, 'merged.pdf'))).toBe(
      chunks.map((c) => text(path.join(out, c.files[0]?.file ?? ''))).join(''),
    );
  });
});

describe('letters --out DIR (CLI)', () => {
  it('writes the merged PDF and one file per letter, then `letters confirm` closes the tasks', async () => {
    const ids = await setup('cli', 2);
    closeLedger(ctx.db);
    const out = path.join(dir, 'print');
    const cli = (...args: string[]) =>
      runCliInProcess([...args, '--db', path.join(dir, 'ledger.db'), '--today', TODAY, '--json']);
    const r = await cli('letters', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const batch = JSON.parse(r.stdout);
    expect(batch.merged).toBe(path.join(out, `letters-${TODAY}.pdf`));
    expect(fs.readdirSync(out).sort()).toEqual([
      '0001-K2-reminder1.pdf',
      '0002-K1-reminder2.pdf',
      `letters-${TODAY}.pdf`,
    ]);
    expect(pdfPages(batch.merged)).toBe(2);
    const c = await cli('letters', 'confirm', String(batch.batchId));
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).tasksDone.sort()).toEqual([...ids].sort());
  }, 60_000);
});
