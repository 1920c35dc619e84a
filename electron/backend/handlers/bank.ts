/** bank.*: statement import, the entries by status, a clerk's confirmation, undo. */

import fs from 'node:fs';
import { bankDayTotals, unreflectedBankPayments } from '../../../db/queries/bank.ts';
import { ledgerAsOf } from '../../../db/queries/summary.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackendContext } from '../context.ts';
import { runBankImport } from '../services/bank/job.ts';
import { confirmEntry } from '../services/bank/match.ts';
import { undoEntry } from '../services/bank/undo.ts';
import { entryView, listEntryViews, loadEntry } from '../services/bank/view.ts';
import { scheduledRun } from '../services/daily/scheduler.ts';
import { refuseImportIntoDemo } from '../services/demo-ledger.ts';
import { openStaged } from '../services/import/stage.ts';
import { automaticBackup } from '../services/safety/backup.ts';
import type { AreaHandlers } from './types.ts';

/** What the audit log keeps of an entry a clerk matched or undid. */
const audited = (e: Awaited<ReturnType<typeof entryView>>) => ({
  status: e.status,
  customerCode: e.customerCode,
  allocations: e.allocations,
});

const ledgerChanged = async (app: BackendContext) =>
  app.emit({ type: 'ledger-changed', asOf: await ledgerAsOf(app.db) });

function fileOf(
  app: BackendContext,
  input: { fileId?: string | undefined; fileName?: string | undefined; dataBase64?: string | undefined },
) {
  if (input.fileId) {
    const staged = openStaged(app.dataDir, input.fileId);
    return { name: staged.fileName, data: fs.readFileSync(staged.path) };
  }
  if (input.dataBase64 !== undefined && input.fileName)
    return { name: input.fileName, data: Buffer.from(input.dataBase64, 'base64') };
  throw new AppError('VALIDATION', 'bank.import needs a staged fileId, or fileName and dataBase64.');
}

export const bankHandlers: AreaHandlers<'bank'> = {
  'bank.import': async (input, call) => {
    const { app, user } = call;
    // A real statement never lands in the demo company unless the user chose so (as imports.apply).
    await refuseImportIntoDemo(app, input.dryRun);
    const file = fileOf(app, input);
    // A backup before an import that writes (README "Safety of the ledger"); a failed backup stops the import.
    if (!input.dryRun) await automaticBackup(app, 'pre-import', file.name);
    const result = await runBankImport(
      call,
      {
        fileName: file.name,
        data: file.data,
        user: { id: user.id, name: user.name },
        at: app.now(),
        today: app.today(),
        dryRun: input.dryRun,
      },
      // The CLI has no UI thread to keep free: it imports in-process (one connection).
      { worker: app.mode !== 'cli' },
    );
    if (result.statement !== null && result.matched + result.returned > 0) {
      // Payments and reopened bills move cases: the worklist follows (idempotent run).
      await scheduledRun(app, 'bank');
      await ledgerChanged(app);
    }
    return result;
  },
  'bank.list': async (input, { app }) =>
    await listEntryViews(app.db, {
      status: input.status,
      statementId: input.statementId,
      from: input.from,
      to: input.to,
      limit: input.limit,
    }),
  'bank.match': async (input, { app, user, audit }) => {
    const before = await entryView(app.db, await loadEntry(app.db, input.entryId));
    await confirmEntry(app.db, input, { userId: user.id, at: app.now(), origin: 'confirmed' }, app.today());
    const after = await entryView(app.db, await loadEntry(app.db, input.entryId));
    audit.entity = 'bank_entry';
    audit.entityId = input.entryId;
    audit.before = audited(before);
    audit.after = { ...audited(after), creditCents: after.creditCents };
    return after;
  },
  'bank.day': async (input, { app }) => await bankDayTotals(app.db, input.date, app.today()),
  'bank.unreflected': async (_input, { app }) => await unreflectedBankPayments(app.db),
  'bank.undo': async (input, { app, user, audit }) => {
    const before = await entryView(app.db, await loadEntry(app.db, input.entryId));
    await undoEntry(app.db, input.entryId, user.id, app.now());
    audit.entity = 'bank_entry';
    audit.entityId = input.entryId;
    audit.before = { ...audited(before), creditCents: before.creditCents };
    audit.after = { status: 'unmatched' };
    return await entryView(app.db, await loadEntry(app.db, input.entryId));
  },
};
