/**
 * Sending today's e-mail and PEC tasks: for each task the letter is composed from its template
 * (the e-mail body too), rendered, archived, and sent with the PDF attached (plus the invoice
 * PDFs when a folder is configured). A task becomes done — outcome 'sent', Message-ID in the
 * note and the contact log — only once the server accepted the message; failures are retried
 * with backoff and then recorded as failed with the server's reply, the task staying open.
 *
 * Each message is its own transaction: a cancel between messages leaves the ones sent done
 * (they did go out) and the rest untouched.
 */
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import {
  customersByIds,
  dueLetterTasks,
  insertAttempt,
  insertOutbox,
  type LetterTaskRow,
  updateLetter,
  updateOutbox,
} from '../../../../db/queries/letters.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { SendResult } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { LetterModel } from '../../../../shared/domain/letters/model.ts';
import type { CallContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { completeTask } from '../dunning/tasks.ts';
import { type MailAccountName, mailAccount, readSetting } from '../settings/store.ts';
import { archivePath, logLetterContact, recordLetter, writeArchived } from './archive.ts';
import { composeMany, isTemplateName, letterContext } from './load.ts';
import { invoiceAttachments, MailConfigError, type Mailer, mailer, sendWithRetry } from './mail.ts';
import { renderLetter } from './pdf.ts';
import { notComposed, skipped as skippedTask } from './skip.ts';

type Channel = 'email' | 'pec';

function recipient(task: LetterTaskRow): string | null {
  const to = task.t.type === 'pec' ? task.pec : (task.dunningEmail ?? task.email);
  return to?.trim() || null;
}

function attachmentName(m: LetterModel): string {
  return `${m.reference}.pdf`;
}

interface Prepared {
  letterId: number;
  outboxId: number;
  pdf: Buffer;
  rel: string;
  sha256: string;
}

/** Renders and archives the letter, and opens its outbox row, in one transaction. */
async function prepare(
  call: CallContext,
  task: LetterTaskRow,
  model: LetterModel,
  images: Parameters<typeof renderLetter>[1],
  account: MailAccountName,
  to: string,
): Promise<Prepared> {
  const { app, user } = call;
  const rendered = await renderLetter(model, images);
  const rel = archivePath(model);
  const { sha256, bytes } = writeArchived(app.dataDir, rel, rendered.pdf);
  return await inTransaction(app.db, async () => {
    const letterId = await recordLetter(app.db, {
      model,
      customerId: task.t.customerId,
      caseId: task.t.caseId,
      taskId: task.t.id,
      batchId: null,
      path: rel,
      sha256,
      bytes,
      pages: rendered.pages[0] ?? 0,
      status: 'generated',
      userId: user.id,
    });
    const outboxId = await insertOutbox(app.db, {
      taskId: task.t.id,
      letterId,
      customerId: task.t.customerId,
      account,
      toAddress: to,
      subject: model.email.subject,
      status: 'sending',
      updatedAt: app.now(),
    });
    return { letterId, outboxId, pdf: rendered.pdf, rel, sha256 };
  });
}

async function markSent(
  db: Ledger,
  call: CallContext,
  task: LetterTaskRow,
  model: LetterModel,
  p: Prepared,
  r: { messageId: string; response: string; attempts: number },
  to: string,
): Promise<void> {
  const today = call.app.today();
  await inTransaction(db, async () => {
    await updateOutbox(db, p.outboxId, {
      status: 'sent',
      attempts: r.attempts,
      messageId: r.messageId,
      response: r.response,
      updatedAt: call.app.now(),
    });
    const contactId = await logLetterContact(db, {
      customerId: task.t.customerId,
      caseId: task.t.caseId,
      taskId: task.t.id,
      date: today,
      channel: task.t.type as Channel,
      template: model.template,
      reference: model.reference,
      outcome: 'sent',
      path: p.rel,
      sha256: p.sha256,
      messageId: r.messageId,
      to,
      userId: call.user.id,
    });
    await updateLetter(db, p.letterId, { status: 'sent', sentOn: today, messageId: r.messageId, contactId });
    try {
      await completeTask(
        db,
        { id: task.t.id, outcome: 'sent', note: `Message-ID ${r.messageId}` },
        call.user.id,
        today,
      );
    } catch (err) {
      // Closed by someone else while the message was in flight: the message still went out.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  });
}

export async function sendDue(
  call: CallContext,
  input: { taskIds?: number[] | undefined },
): Promise<SendResult> {
  const { app } = call;
  const db = app.db;
  const today = app.today();
  const result: SendResult = { today, sent: [], failed: [], skipped: [] };
  const tasks = await dueLetterTasks(db, today, {
    types: ['email', 'pec'],
    ...(input.taskIds ? { ids: input.taskIds } : {}),
  });
  if (input.taskIds) {
    const found = new Set(tasks.map((t) => t.t.id));
    for (const id of input.taskIds) {
      if (!found.has(id))
        result.skipped.push(skippedTask(id, '', 'notOpen', 'not an open e-mail or PEC task due today'));
    }
  }
  const ctx = await letterContext(db, app.dataDir, today);
  const customers = new Map(
    (await customersByIds(db, [...new Set(tasks.map((t) => t.t.customerId))])).map((c) => [c.id, c]),
  );
  const attempts = Number(await readSetting(db, 'mail.attempts'));
  const delayMs = Number(await readSetting(db, 'mail.retryDelayMs'));
  const invoiceFolder = String(await readSetting(db, 'letters.invoiceFolder'));
  const mailers = new Map<MailAccountName, Mailer | string>();
  const mailerFor = async (account: MailAccountName): Promise<Mailer | string> => {
    let m = mailers.get(account);
    if (!m) {
      try {
        m = mailer(await mailAccount(db, app, account));
      } catch (err) {
        if (!(err instanceof MailConfigError || err instanceof AppError)) throw err;
        m = err.message;
      }
      mailers.set(account, m);
    }
    return m;
  };
  const skip = (task: LetterTaskRow, code: string, reason: string, params: Record<string, string> = {}) =>
    result.skipped.push(skippedTask(task.t.id, task.customerCode, code, reason, params));

  try {
    for (const [i, task] of tasks.entries()) {
      if (call.signal.aborted) {
        throw new AppError(
          'CANCELLED',
          `Sending cancelled: ${result.sent.length} message(s) went out and their tasks are done; the other tasks are still open.`,
        );
      }
      call.progress('send', i, tasks.length);
      const channel = task.t.type as Channel;
      const account: MailAccountName = channel === 'pec' ? 'pec' : 'smtp';
      const customer = customers.get(task.t.customerId);
      const to = recipient(task);
      if (!customer || !isTemplateName(task.t.template)) {
        skip(task, 'unknownTemplate', `unknown template "${task.t.template}"`, {
          template: String(task.t.template),
        });
        continue;
      }
      if (!to) {
        if (channel === 'pec') skip(task, 'noPec', 'the customer has no PEC address');
        else skip(task, 'noEmail', 'the customer has no e-mail address');
        continue;
      }
      const m = await mailerFor(account);
      if (typeof m === 'string') {
        skip(task, 'mailAccount', m, { message: m });
        continue;
      }
      const [composed] = await composeMany(db, ctx, [
        { customer, template: task.t.template, channel, itemIds: task.t.itemIds },
      ]);
      if (!composed || composed.error) {
        result.skipped.push(notComposed(task.t.id, task.customerCode, composed?.error));
        continue;
      }
      const model = composed.model;
      if (model.amounts.netCents <= 0 && model.template !== 'statement') {
        skip(task, 'nothingOverdue', 'nothing overdue any more');
        continue;
      }
      const p = await prepare(call, task, model, ctx.images, account, to);
      const docs = model.rows.filter((r) => r.kind === 'overdue').map((r) => r.document);
      const outcome = await sendWithRetry(
        m,
        {
          to,
          subject: model.email.subject,
          text: model.email.body,
          attachments: [
            { filename: attachmentName(model), content: p.pdf },
            ...invoiceAttachments(invoiceFolder, docs).map((a) => ({
              ...a,
              filename: path.basename(a.filename),
            })),
          ],
        },
        {
          attempts,
          delayMs,
          signal: call.signal,
          onAttempt: async (ok, response) =>
            await insertAttempt(db, { outboxId: p.outboxId, at: app.now(), ok, response }),
        },
      );
      if (outcome.ok) {
        await markSent(db, call, task, model, p, outcome, to);
        result.sent.push({
          taskId: task.t.id,
          customerCode: task.customerCode,
          channel,
          to,
          messageId: outcome.messageId,
          letterId: p.letterId,
          attempts: outcome.attempts,
        });
      } else {
        await updateOutbox(db, p.outboxId, {
          status: 'failed',
          attempts: outcome.attempts,
          response: outcome.error,
          updatedAt: app.now(),
        });
        result.failed.push({
          taskId: task.t.id,
          customerCode: task.customerCode,
          channel,
          to,
          attempts: outcome.attempts,
          error: outcome.error,
        });
      }
    }
    call.progress('send', tasks.length, tasks.length);
  } finally {
    for (const m of mailers.values()) if (typeof m !== 'string') m.close();
    if (result.sent.length + result.failed.length > 0) {
      await auditAs(db, call.user, {
        at: app.now(),
        action: 'letters.send',
        entity: 'mail',
        after: {
          sent: result.sent.map((s) => ({ taskId: s.taskId, messageId: s.messageId })),
          failed: result.failed.map((f) => ({ taskId: f.taskId, error: f.error })),
        },
      });
    }
  }
  return result;
}
