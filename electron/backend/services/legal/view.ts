/**
 * The legal dossier as the page and `legal CODE` show it: the dossier, its events, costs and
 * recoveries, the claimed items, the convenience evaluation and the prescription date.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  caseById,
  costsOf,
  dossierOfCustomer,
  eventsOf,
  listDossiers,
  recoveriesOf,
} from '../../../../db/queries/legal.ts';
import { getSetting } from '../../../../db/queries/settings.ts';
import type { DossierView } from '../../../../shared/api/contracts/legal.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { evaluateDossier, type LegalPhase, type ReasonLanguage } from '../../../../shared/domain/legal.ts';
import { itemLine } from '../common/item-line.ts';
import { currentClass } from '../rating/view.ts';
import { dossierClaim } from './claim.ts';
import { loadLegalConfig } from './config.ts';
import { requireCustomer, requireDossier } from './dossiers.ts';
import { customerPrescription } from './prescription.ts';

const sum = (rows: { amountCents: number }[]) => rows.reduce((a, r) => a + r.amountCents, 0);

/** The dossier of a customer, or null when it has none (an unknown customer is still NOT_FOUND). */
export async function findDossierView(db: Ledger, code: string, today: IsoDate): Promise<DossierView | null> {
  const customer = await requireCustomer(db, code);
  return (await dossierOfCustomer(db, customer.id)) ? await dossierView(db, code, today) : null;
}

export async function dossierView(db: Ledger, code: string, today: IsoDate): Promise<DossierView> {
  const { customer, dossier } = await requireDossier(db, code);
  const config = await loadLegalConfig(db);
  const costs = await costsOf(db, dossier.id);
  const recoveries = await recoveriesOf(db, dossier.id);
  const claim = await dossierClaim(db, customer, today);
  const ratingClass = await currentClass(db, customer.id, today);
  const prescription = await customerPrescription(db, customer.id, config);
  const evaluation = evaluateDossier({
    phase: dossier.phase,
    residualCents: claim.residualCents,
    interestCents: claim.interestCents,
    compensationCents: claim.compensationCents,
    feesCents: claim.claim.feesCents,
    costsCents: sum(costs),
    recoveredCents: sum(recoveries),
    ratingClass,
    config,
    probabilityPercent: dossier.probabilityPercent,
    furtherCostsCents: dossier.furtherCostsCents,
    language: await getSetting<ReasonLanguage>(db, 'language', 'it'),
  });
  return {
    id: dossier.id,
    customerCode: customer.code,
    customerName: customer.name,
    caseId: dossier.caseId,
    caseStatus: (await caseById(db, dossier.caseId))?.status ?? 'closed',
    handler: dossier.handler,
    handlerName: dossier.handlerName,
    reference: dossier.reference,
    phase: dossier.phase,
    phaseOn: dossier.phaseOn,
    openedOn: dossier.openedOn,
    closedOn: dossier.closedOn,
    note: dossier.note,
    probabilityPercent: dossier.probabilityPercent,
    furtherCostsCents: dossier.furtherCostsCents,
    events: (await eventsOf(db, dossier.id)).map(({ e, fileName, user }) => ({
      id: e.id,
      date: e.date,
      kind: e.kind,
      phase: e.phase as LegalPhase | null,
      description: e.description,
      interruptive: e.interruptive,
      attachmentId: e.attachmentId,
      fileName,
      user,
    })),
    costs: costs.map((c) => ({
      id: c.id,
      date: c.date,
      kind: c.kind,
      amountCents: c.amountCents,
      note: c.note,
    })),
    recoveries: recoveries.map((r) => ({ id: r.id, date: r.date, amountCents: r.amountCents, note: r.note })),
    items: claim.items.map(itemLine),
    evaluation: {
      phase: evaluation.phase,
      claimCents: evaluation.claimCents,
      costsCents: evaluation.costsCents,
      recoveredCents: evaluation.recoveredCents,
      furtherCostsCents: evaluation.furtherCostsCents,
      probability: evaluation.probability,
      expectedNetCents: evaluation.expectedNetCents,
      breakEvenProbability: evaluation.breakEvenProbability,
      worthContinuing: evaluation.worthContinuing,
      prescriptionDate: prescription.date,
      reason: evaluation.reason,
      reasonCode: evaluation.reasonCode,
      residualCents: evaluation.residualCents,
      interestCents: evaluation.interestCents,
      compensationCents: evaluation.compensationCents,
      feesCents: evaluation.feesCents,
      probabilitySource: evaluation.probabilitySource,
      ratingClass,
      warnings: claim.warnings,
      notices: claim.notices,
    },
    prescription: {
      date: prescription.date,
      from: prescription.from,
      basis: prescription.basis,
      warningOn: prescription.warningOn,
      lastInterruptiveAct: prescription.lastInterruptiveAct,
    },
  };
}

export async function dossierList(db: Ledger, status: 'active' | 'closed' | 'all') {
  return (await listDossiers(db, status)).map(
    ({ d, customerCode, customerName, costsCents, recoveredCents }) => ({
      id: d.id,
      customerCode,
      customerName,
      handler: d.handler,
      handlerName: d.handlerName,
      phase: d.phase,
      openedOn: d.openedOn,
      closedOn: d.closedOn,
      costsCents,
      recoveredCents,
    }),
  );
}
