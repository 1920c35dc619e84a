/** Handlers of the legal phase: dossiers, phases, costs, recoveries, events, export, defaults. */
import { LEGAL_DEFAULTS } from '../../../shared/domain/legal.ts';
import { legalPatch, loadLegalConfig, saveLegalPatch } from '../services/legal/config.ts';
import {
  addCost,
  addEvent,
  addRecovery,
  openDossier,
  setPhase,
  updateDossierFigures,
} from '../services/legal/dossiers.ts';
import { exportDossier } from '../services/legal/export.ts';
import { dossierList, dossierView, findDossierView } from '../services/legal/view.ts';
import type { AreaHandlers } from './types.ts';

const DOSSIER = 'legal_dossier';

export const legalHandlers: AreaHandlers<'legal'> = {
  'legal.get': async (input, { app }) => await dossierView(app.db, input.code, app.today()),
  'legal.find': async (input, { app }) => await findDossierView(app.db, input.code, app.today()),
  'legal.list': async (input, { app }) => await dossierList(app.db, input.status),
  'legal.open': async (input, call) => {
    const r = await openDossier(call.app.db, input, call.user, call.app.today());
    call.audit = {
      entity: DOSSIER,
      entityId: r.dossierId,
      before: { caseId: r.caseId, caseStatus: r.caseStatusBefore },
      after: { ...input, caseId: r.caseId, caseStatus: r.caseStatus, tasks: r.tasks },
    };
    return { dossierId: r.dossierId, phase: r.phase };
  },
  'legal.phase': async (input, call) => {
    const r = await setPhase(call.app.db, input, call.user, call.app.today());
    call.audit = { entity: DOSSIER, entityId: r.dossierId, before: { phase: r.before }, after: input };
    return { dossierId: r.dossierId, phase: r.phase };
  },
  'legal.cost': async (input, call) => {
    const r = await addCost(call.app.db, input, call.user, call.app.today());
    call.audit = { entity: DOSSIER, entityId: r.dossierId, after: { ...input, costId: r.id } };
    return r;
  },
  'legal.recovery': async (input, call) => {
    const r = await addRecovery(call.app.db, input, call.user, call.app.today());
    call.audit = { entity: DOSSIER, entityId: r.dossierId, after: { ...input, recoveryId: r.id } };
    return r;
  },
  'legal.event': async (input, call) => {
    const r = await addEvent(call.app.db, call.app.dataDir, input, call.user, call.app.today());
    const { dataBase64: _omit, ...rest } = input;
    call.audit = {
      entity: DOSSIER,
      entityId: r.dossierId,
      after: { ...rest, eventId: r.id, attachmentId: r.attachmentId },
    };
    return r;
  },
  'legal.update': async (input, call) => {
    const r = await updateDossierFigures(call.app.db, input);
    call.audit = { entity: DOSSIER, entityId: r.dossierId, before: r.before, after: r.after };
    return { dossierId: r.dossierId };
  },
  'legal.export': async (input, call) => {
    const r = await exportDossier(
      call.app.db,
      call.app.dataDir,
      input.code,
      call.user,
      call.app.today(),
      new Date(call.app.now()),
    );
    const { dataBase64: _omit, ...record } = r;
    call.audit = { entity: DOSSIER, entityId: r.dossierId, after: { code: input.code, ...record } };
    return r;
  },
  'legal.defaults.get': async (_input, { app }) => ({
    config: await loadLegalConfig(app.db),
    defaults: LEGAL_DEFAULTS,
    patch: await legalPatch(app.db),
  }),
  'legal.defaults.set': async (input, call) => {
    const before = await legalPatch(call.app.db);
    const config = await saveLegalPatch(call.app.db, input.patch);
    call.audit = { entity: 'legal.config', before, after: input.patch };
    return { config, defaults: LEGAL_DEFAULTS, patch: input.patch };
  },
};
