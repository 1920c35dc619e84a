/**
 * The manager's print batch: today's letter tasks -> one PDF per letter plus one merged PDF for
 * printing, archived; after printing, `confirmBatch` marks the tasks done (outcome 'sent') and
 * logs each letter in the customer's contact log.
 *
 * Nothing is written to the ledger or the archive until every PDF is rendered: files are
 * rendered into a scratch folder, which is moved into the archive and recorded in one
 * transaction at the end. A cancel before that point deletes the scratch folder — no letter
 * archived, no task touched.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import {
  customersByIds,
  dueLetterTasks,
  getBatch,
  insertBatch,
  type LetterTaskRow,
  lettersOfBatch,
  supersedeGenerated,
  updateBatch,
  updateLetter,
} from '../../../../db/queries/letters.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { BatchResult } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import { mapInOrder } from '../../../../shared/in-order.ts';
import type { CallContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { completeTask } from '../dunning/tasks.ts';
import { ARCHIVE, BATCH_SCRATCH_PREFIX, logLetterContact, recordLetter } from './archive.ts';
import { RenderCancelled } from './batch-render.ts';
import { composeMany, isTemplateName, letterContext } from './load.ts';
import { renderBatch } from './render-job.ts';
import { notComposed, skipped as skippedTask } from './skip.ts';

interface Planned {
  task: LetterTaskRow;
  model: LetterModel;
}

/** Which tasks the batch prints, and why the others are left out. */
async function plan(db: Ledger, call: CallContext, taskIds: number[] | undefined) {
  const today = call.app.today();
  const tasks = await dueLetterTasks(db, today, { types: ['letter'], ...(taskIds ? { ids: taskIds } : {}) });
  const skipped: BatchResult['skipped'] = [];
  if (taskIds) {
    const found = new Set(tasks.map((t) => t.t.id));
    for (const id of taskIds) {
      if (!found.has(id)) skipped.push(skippedTask(id, '', 'notOpen', 'not an open letter task due today'));
    }
  }
  const ctx = await letterContext(db, call.app.dataDir, today);
  const customers = new Map(
    (await customersByIds(db, [...new Set(tasks.map((t) => t.t.customerId))])).map((c) => [c.id, c]),
  );
  const requests = tasks.flatMap((task) => {
    const customer = customers.get(task.t.customerId);
    const template = task.t.template;
    if (customer && isTemplateName(template))
      return [{ task, request: { customer, template, channel: 'letter' as const, itemIds: task.t.itemIds } }];
    skipped.push(
      skippedTask(task.t.id, task.customerCode, 'unknownTemplate', `unknown template "${template}"`, {
        template: String(template),
      }),
    );
    return [];
  });
  const composed = await composeMany(
    db,
    ctx,
    requests.map((r) => r.request),
  );
  const planned: Planned[] = [];
  requests.forEach(({ task }, i) => {
    const r = composed[i];
    // A missing half-year rate stops the formal notices, not the reminders.
    if (!r || r.error) {
      skipped.push(notComposed(task.t.id, task.customerCode, r?.error));
    } else if (r.model.amounts.netCents <= 0) {
      skipped.push(skippedTask(task.t.id, task.customerCode, 'nothingOverdue', 'nothing overdue any more'));
    } else {
      planned.push({ task, model: r.model });
    }
  });
  return { today, ctx, planned, skipped };
}

export async function runBatch(
  call: CallContext,
  input: { taskIds?: number[] | undefined },
  opts: { worker: boolean },
): Promise<BatchResult> {
  const { app, user } = call;
  const { today, ctx, planned, skipped } = await plan(app.db, call, input.taskIds);
  if (planned.length === 0) {
    return { batchId: null, date: today, letters: 0, pages: 0, mergedPath: null, files: [], skipped };
  }
  const stamp = `${today}-${crypto.randomBytes(4).toString('hex')}`;
  const scratch = path.join(app.dataDir, ARCHIVE, `${BATCH_SCRATCH_PREFIX}${stamp}`);
  fs.mkdirSync(scratch, { recursive: true, mode: 0o700 });
  let rendered: Awaited<ReturnType<typeof renderBatch>>;
  try {
    rendered = await renderBatch(
      planned.map((p) => p.model),
      ctx.images,
      scratch,
      { worker: opts.worker, signal: call.signal, progress: call.progress, config: app.config },
    );
    if (call.signal.aborted) throw new RenderCancelled();
  } catch (err) {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (err instanceof RenderCancelled) {
      throw new AppError('CANCELLED', 'Letter batch cancelled: no letter was archived and no task changed.');
    }
    throw err;
  }

  const relDir = path.join(ARCHIVE, today.slice(0, 4), `batch-${stamp}`);
  const finalDir = path.join(app.dataDir, relDir);
  fs.mkdirSync(path.dirname(finalDir), { recursive: true, mode: 0o700 });
  fs.renameSync(scratch, finalDir);
  try {
    const pages = rendered.files.reduce((a, f) => a + f.pages, 0);
    const result = await inTransaction(app.db, async (): Promise<BatchResult> => {
      const batchId = await insertBatch(app.db, {
        date: today,
        status: 'generated',
        letters: planned.length,
        pages,
        mergedPath: path.join(relDir, rendered.merged.file),
        mergedSha256: rendered.merged.sha256,
        userId: user.id,
      });
      await supersedeGenerated(
        app.db,
        planned.map((p) => p.task.t.id),
      );
      const files = await mapInOrder(planned, async (p, i) => {
        const f = rendered.files[i];
        if (!f) throw new Error('rendered file missing');
        const rel = path.join(relDir, f.file);
        const letterId = await recordLetter(app.db, {
          model: p.model,
          customerId: p.task.t.customerId,
          caseId: p.task.t.caseId,
          taskId: p.task.t.id,
          batchId,
          path: rel,
          sha256: f.sha256,
          bytes: f.bytes,
          pages: f.pages,
          status: 'generated',
          userId: user.id,
        });
        return {
          taskId: p.task.t.id,
          letterId,
          customerCode: p.model.customerCode,
          template: p.model.template,
          path: path.join(app.dataDir, rel),
          sha256: f.sha256,
          pages: f.pages,
          totalCents: p.model.payment?.amountCents ?? p.model.amounts.toPayCents,
        };
      });
      await auditAs(app.db, user, {
        at: app.now(),
        action: 'letters.batch',
        entity: 'letter_batch',
        entityId: batchId,
        after: { letters: files.length, pages, tasks: files.map((f) => f.taskId), skipped },
      });
      return {
        batchId,
        date: today,
        letters: files.length,
        pages,
        mergedPath: path.join(app.dataDir, relDir, rendered.merged.file),
        files,
        skipped,
      };
    });
    return result;
  } catch (err) {
    fs.rmSync(finalDir, { recursive: true, force: true });
    throw err;
  }
}

/** After printing: the batch's tasks become done ('sent') and each letter enters the contact log. */
export async function confirmBatch(
  db: Ledger,
  input: { batchId: number; excludeTaskIds: number[] },
  user: { id: number },
  today: string,
  now: string,
): Promise<{ batchId: number; tasksDone: number[]; letters: number }> {
  const batch = await getBatch(db, input.batchId);
  if (!batch) throw new AppError('NOT_FOUND', `No letter batch ${input.batchId}.`);
  if (batch.status !== 'generated')
    throw new AppError('CONFLICT', `Batch ${input.batchId} is already confirmed.`);
  const excluded = new Set(input.excludeTaskIds);
  const tasksDone: number[] = [];
  let letters = 0;
  for (const l of await lettersOfBatch(db, batch.id)) {
    if (l.status !== 'generated' || l.taskId === null || excluded.has(l.taskId)) continue;
    try {
      await completeTask(
        db,
        { id: l.taskId, outcome: 'sent', note: `Lettera rif. ${l.reference}` },
        user.id,
        today,
      );
    } catch (err) {
      // Closed meanwhile (paid and cancelled, done by hand): that letter is not logged as sent.
      if (err instanceof AppError && err.code === 'CONFLICT') continue;
      throw err;
    }
    const contactId = await logLetterContact(db, {
      customerId: l.customerId,
      caseId: l.caseId,
      taskId: l.taskId,
      date: today,
      channel: 'letter',
      template: isTemplateName(l.template) ? l.template : 'reminder1',
      reference: l.reference,
      outcome: 'sent',
      path: l.path,
      sha256: l.sha256,
      userId: user.id,
    });
    await updateLetter(db, l.id, { status: 'sent', sentOn: today, contactId });
    tasksDone.push(l.taskId);
    letters++;
  }
  await updateBatch(db, batch.id, { status: 'confirmed', confirmedAt: now });
  return { batchId: batch.id, tasksDone, letters };
}
