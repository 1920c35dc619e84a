import { listBatches, listProfiles, saveProfile } from '../../../db/queries/imports.ts';
import { ledgerAsOf } from '../../../db/queries/summary.ts';
import type { BackendContext } from '../context.ts';
import { scheduledRun } from '../services/daily/scheduler.ts';
import { refuseImportIntoDemo } from '../services/demo-ledger.ts';
import { toImportBatch } from '../services/import/batches.ts';
import {
  applyImport,
  type JobRunOptions,
  previewImport,
  replayUnchangedImport,
} from '../services/import/job.ts';
import { headerSignature } from '../services/import/read/index.ts';
import { detectStaged, stageFile } from '../services/import/stage.ts';
import { undoBatch } from '../services/import/undo.ts';
import { identifyFile } from '../services/import-kinds/jobs.ts';
import { automaticBackup } from '../services/safety/backup.ts';
import type { AreaHandlers } from './types.ts';

// The CLI has no UI thread to keep free: it imports in-process (simpler, one connection).
const jobOptions = (app: BackendContext): JobRunOptions => ({ worker: app.mode !== 'cli' });

const ledgerChanged = async (app: BackendContext) =>
  app.emit({ type: 'ledger-changed', asOf: await ledgerAsOf(app.db) });

export const importsHandlers: AreaHandlers<'imports'> = {
  'imports.identify': (input, { app }) => identifyFile(app, input),
  'imports.stage': async (input, { app }) =>
    'fileId' in input
      ? await detectStaged(app, input.fileId)
      : await stageFile(app, input.fileName, Buffer.from(input.dataBase64, 'base64')),
  'imports.preview': (input, call) => previewImport(call, input, jobOptions(call.app)),
  'imports.apply': async (input, call) => {
    // Real data never lands in the demo company unless the user chose so (services/demo-ledger.ts).
    await refuseImportIntoDemo(call.app, input.dryRun);
    // The same file again onto a ledger unchanged since: nothing to protect, nothing to read.
    const unchanged = await replayUnchangedImport(call, input);
    if (unchanged) return unchanged;
    // A backup before every import that writes (README "Safety of the ledger"); a failed backup stops the import.
    if (!input.dryRun) await automaticBackup(call.app, 'pre-import', input.fileId);
    const result = await applyImport(call, input, jobOptions(call.app));
    if (result.batch !== null) {
      // The worklist follows the ledger: a dunning run after every import (idempotent), limited
      // to the customers the batch touched when the day's run already saw the rest.
      await scheduledRun(call.app, 'import', { incremental: true });
      await ledgerChanged(call.app);
    }
    return result;
  },
  'imports.list': async (_input, { app }) => (await listBatches(app.db)).map(toImportBatch),
  'imports.undo': async (input, { app, user }) => {
    const batch = await undoBatch(app.db, input.batch, { id: user.id, name: user.name }, app.now());
    await scheduledRun(app, 'undo');
    await ledgerChanged(app);
    return batch;
  },
  'imports.profiles.list': async (_input, { app }) =>
    (await listProfiles(app.db)).map((p) => ({ name: p.name, headers: p.headers, mapping: p.mapping })),
  'imports.profiles.save': async (input, { app, audit }) => {
    await saveProfile(app.db, {
      name: input.name,
      headerSignature: headerSignature(input.headers),
      headers: input.headers,
      mapping: input.mapping,
    });
    audit.entity = 'mapping_profile';
    audit.entityId = input.name;
    return { name: input.name };
  },
};
