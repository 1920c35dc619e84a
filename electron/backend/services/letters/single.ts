/**
 * One letter at a time: the live preview (nothing stored) and `letters.create` — a letter or
 * statement for a customer, archived with its sha256 and logged in the contact log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dueLetterTasks } from '../../../../db/queries/letters.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { LetterFile } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { LetterLanguage } from '../../../../shared/domain/letters/format.ts';
import type {
  LetterChannel,
  LetterModel,
  TemplateName,
  TemplateText,
} from '../../../../shared/domain/letters/model.ts';
import type { CallContext } from '../../context.ts';
import { auditAs } from '../common/audit.ts';
import { archivePath, logLetterContact, recordLetter, writeArchived } from './archive.ts';
import { composeOne, customerOrThrow, isTemplateName, letterContext, letterNotices } from './load.ts';
import { renderLetter } from './pdf.ts';

export interface PreviewInput {
  taskId?: number | undefined;
  customerCode?: string | undefined;
  template?: TemplateName | undefined;
  channel?: LetterChannel | undefined;
  language?: LetterLanguage | undefined;
  text?: TemplateText | undefined;
}

function issuesOf(model: LetterModel): string[] {
  return letterNotices(model).map((n) => n.message);
}

export async function previewLetter(call: CallContext, input: PreviewInput) {
  const { app } = call;
  const today = app.today();
  let customerCode = input.customerCode;
  let template = input.template;
  let channel = input.channel;
  let itemIds: string | null = null;
  if (input.taskId !== undefined) {
    const [task] = await dueLetterTasks(app.db, '9999-12-31', { ids: [input.taskId] });
    if (!task) throw new AppError('NOT_FOUND', `No open letter, e-mail or PEC task ${input.taskId}.`);
    if (!isTemplateName(task.t.template))
      throw new AppError('CONFLICT', `Task ${input.taskId} has no known template.`);
    customerCode = task.customerCode;
    template = input.template ?? task.t.template;
    channel = input.channel ?? (task.t.type as LetterChannel);
    itemIds = task.t.itemIds;
  }
  if (!customerCode || !template)
    throw new AppError('VALIDATION', 'Give a taskId, or a customerCode and a template.');
  const customer = await customerOrThrow(app.db, customerCode);
  const ctx = await letterContext(app.db, app.dataDir, today);
  const model = await composeOne(app.db, ctx, {
    customer,
    template,
    channel: channel ?? 'letter',
    text: input.text,
    language: input.language,
    itemIds,
  });
  const rendered = await renderLetter(model, ctx.images);
  return {
    pdfBase64: rendered.pdf.toString('base64'),
    pages: rendered.pages[0] ?? 0,
    reference: model.reference,
    subject: model.subject,
    email: model.email,
    amounts: model.amounts,
    epcPayload: model.payment?.epcPayload ?? null,
    issues: issuesOf(model),
    notices: letterNotices(model),
  };
}

/** Renders, archives and logs one letter; a job (rendering is asynchronous), so it writes its own audit row. */
export async function createLetter(
  call: CallContext,
  input: { customerCode: string; template: TemplateName; channel: LetterChannel },
): Promise<LetterFile> {
  const { app, user } = call;
  const today = app.today();
  const customer = await customerOrThrow(app.db, input.customerCode);
  const ctx = await letterContext(app.db, app.dataDir, today);
  const model = await composeOne(app.db, ctx, { customer, template: input.template, channel: input.channel });
  const rendered = await renderLetter(model, ctx.images);
  const rel = archivePath(model);
  const { sha256, bytes } = writeArchived(app.dataDir, rel, rendered.pdf);
  const pages = rendered.pages[0] ?? 0;
  try {
    const letterId = await inTransaction(app.db, async () => {
      const id = await recordLetter(app.db, {
        model,
        customerId: customer.id,
        caseId: null,
        taskId: null,
        batchId: null,
        path: rel,
        sha256,
        bytes,
        pages,
        status: 'generated',
        userId: user.id,
      });
      await logLetterContact(app.db, {
        customerId: customer.id,
        caseId: null,
        taskId: null,
        date: today,
        channel: input.channel,
        template: input.template,
        reference: model.reference,
        outcome: 'generated',
        path: rel,
        sha256,
        userId: user.id,
      });
      await auditAs(app.db, user, {
        at: app.now(),
        action: 'letters.create',
        entity: 'letter',
        entityId: id,
        after: {
          customerCode: input.customerCode,
          template: input.template,
          sha256,
          totalCents: model.amounts.toPayCents,
        },
      });
      return id;
    });
    return {
      letterId,
      customerCode: customer.code,
      template: input.template,
      language: model.language,
      channel: input.channel,
      reference: model.reference,
      date: today,
      path: path.join(app.dataDir, rel),
      sha256,
      pages,
      amounts: model.amounts,
      epcPayload: model.payment?.epcPayload ?? null,
      issues: issuesOf(model),
      notices: letterNotices(model),
    };
  } catch (err) {
    fs.rmSync(path.join(app.dataDir, rel), { force: true });
    throw err;
  }
}
