import { MERGE_FIELDS, MERGE_FLAGS } from '../../../shared/domain/letters/compose.ts';
import type { BackendContext } from '../context.ts';
import { planAgreement } from '../services/letters/agreement.ts';
import { confirmBatch, runBatch } from '../services/letters/batch.ts';
import { customerInterest } from '../services/letters/interest.ts';
import { MailConfigError, mailer, serverReply } from '../services/letters/mail.ts';
import { archivedFile, archivedLetters, letterTasks } from '../services/letters/overview.ts';
import { addRate, rateTable } from '../services/letters/rates.ts';
import { importReceipt } from '../services/letters/receipts.ts';
import { sendDue } from '../services/letters/send.ts';
import { createLetter, previewLetter } from '../services/letters/single.ts';
import { listTemplates, resetTemplate, saveTemplate } from '../services/letters/templates.ts';
import { mailAccount } from '../services/settings/store.ts';
import type { AreaHandlers, Handler } from './types.ts';

// The CLI has no UI thread to keep free: it renders in-process (like imports, see imports.ts).
const inWorker = (app: BackendContext) => app.mode !== 'cli';

export const lettersHandlers: AreaHandlers<'letters'> = {
  'letters.tasks': async (_input, { app }) => ({
    today: app.today(),
    ...(await letterTasks(app.db, app.today())),
  }),
  'letters.preview': (input, call) => previewLetter(call, input),
  'letters.create': (input, call) => createLetter(call, input),
  'letters.batch': (input, call) => runBatch(call, input, { worker: inWorker(call.app) }),
  'letters.confirm': async (input, call) => {
    const result = await confirmBatch(call.app.db, input, call.user, call.app.today(), call.app.now());
    call.audit = { entity: 'letter_batch', entityId: input.batchId, after: result };
    return result;
  },
  'letters.send': (input, call) => sendDue(call, input),
  'letters.list': async (input, { app }) => await archivedLetters(app.db, input),
  'letters.file': async (input, { app }) => await archivedFile(app.db, app.dataDir, input),
  'letters.receipt': async (input, call) => {
    const result = await importReceipt(
      call.app.db,
      call.app.dataDir,
      { fileName: input.fileName, data: Buffer.from(input.dataBase64, 'base64') },
      call.user.id,
    );
    call.audit = {
      entity: 'pec_receipt',
      entityId: result.receiptId,
      after: { fileName: input.fileName, ...result },
    };
    return result;
  },
};

export const templatesHandlers: AreaHandlers<'templates'> = {
  'templates.list': async (_input, { app }) => ({
    fields: [...MERGE_FIELDS],
    flags: [...MERGE_FLAGS],
    templates: await listTemplates(app.db),
  }),
  'templates.save': async (input, call) => {
    const saved = await saveTemplate(
      call.app.db,
      input.name,
      input.language,
      input.text,
      call.user.id,
      call.app.now(),
    );
    call.audit = {
      entity: 'letter_template',
      entityId: `${input.name}/${input.language}`,
      after: input.text,
    };
    return saved;
  },
  'templates.reset': async (input, call) => {
    const view = await resetTemplate(call.app.db, input.name, input.language);
    call.audit = {
      entity: 'letter_template',
      entityId: `${input.name}/${input.language}`,
      after: { reset: true },
    };
    return view;
  },
};

export const ratesHandlers: AreaHandlers<'rates'> = {
  'rates.list': async (_input, { app }) => ({
    today: app.today(),
    ...(await rateTable(app.db, app.today())),
  }),
  'rates.add': async (input, call) => {
    const { row, replaced } = await addRate(call.app.db, input, call.app.now());
    call.audit = { entity: 'interest_rate', entityId: row.from, before: replaced, after: row };
    return { ...row, replaced };
  },
};

export const interestHandlers: AreaHandlers<'interest'> = {
  'interest.get': async (input, { app }) =>
    await customerInterest(app.db, input.customerCode, input.calcDate ?? app.today()),
};

export const mailHandlers: AreaHandlers<'mail'> = {
  'mail.verify': async (input, { app }) => {
    try {
      const m = mailer(await mailAccount(app.db, app, input.account));
      try {
        await m.verify();
        return { ok: true, message: 'The server accepted the connection and the login.' };
      } finally {
        m.close();
      }
    } catch (err) {
      return { ok: false, message: err instanceof MailConfigError ? err.message : serverReply(err) };
    }
  },
};

/** The repayment-plan agreement (its area, `plans`, lives in customer-tools.ts). */
export const planAgreementHandlers: { 'plans.agreement': Handler<'plans.agreement'> } = {
  'plans.agreement': (input, call) => planAgreement(call, input),
};

/** Every handler of the letters contract (contracts/letters.ts), spread once in index.ts. */
export const lettersAreaHandlers = {
  ...lettersHandlers,
  ...templatesHandlers,
  ...ratesHandlers,
  ...interestHandlers,
  ...mailHandlers,
  ...planAgreementHandlers,
};
