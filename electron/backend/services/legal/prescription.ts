/**
 * Prescription of the claims in legal dossiers: the date by which an interruptive act is needed
 * (shared/domain/legal.ts), and the run's warning task `warningDays` before it.
 */
import type { Ledger } from '../../../../db/open.ts';
import { insertTaskFast } from '../../../../db/queries/dunning.ts';
import {
  activeDossiers,
  type DossierRecord,
  lastInterruptiveActs,
  oldestUnpaidDue,
  taskExists,
} from '../../../../db/queries/legal.ts';
import { listUsers } from '../../../../db/queries/users.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { type LegalConfig, type Prescription, prescriptionOf } from '../../../../shared/domain/legal.ts';
import { loadLegalConfig } from './config.ts';

export type PrescriptionView = Prescription & { lastInterruptiveAct: IsoDate | null };

export async function customerPrescription(
  db: Ledger,
  customerId: number,
  config: LegalConfig,
): Promise<PrescriptionView> {
  const due = (await oldestUnpaidDue(db, [customerId])).get(customerId) ?? null;
  const act = (await lastInterruptiveActs(db, [customerId])).get(customerId) ?? null;
  return { ...prescriptionOf(due, act, config.prescription), lastInterruptiveAct: act };
}

const italianDate = (iso: IsoDate) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The warning's name carries the date: a later notice moves the date and warns again in time. */
export function warningName(date: IsoDate): string {
  return `Prescrizione: atto interruttivo entro il ${italianDate(date)}`;
}

/** Whom the warning goes to: the manager who opened the dossier, else any manager, else an admin. */
async function assignee(db: Ledger, dossier: DossierRecord): Promise<number | null> {
  const team = (await listUsers(db)).filter((u) => u.active);
  return (
    team.find((u) => u.id === dossier.userId && (u.role === 'manager' || u.role === 'admin'))?.id ??
    team.find((u) => u.role === 'manager')?.id ??
    team.find((u) => u.role === 'admin')?.id ??
    null
  );
}

/**
 * Called by the dunning run: a review task for every active dossier whose prescription date is
 * `warningDays` away or closer, once per date. Returns how many tasks it created.
 */
export async function prescriptionWarnings(db: Ledger, today: IsoDate): Promise<number> {
  const dossiers = await activeDossiers(db);
  if (dossiers.length === 0) return 0;
  const config = await loadLegalConfig(db);
  const ids = [...new Set(dossiers.map((d) => d.customerId))];
  const due = await oldestUnpaidDue(db, ids);
  const acts = await lastInterruptiveActs(db, ids);
  let created = 0;
  for (const d of dossiers) {
    const p = prescriptionOf(
      due.get(d.customerId) ?? null,
      acts.get(d.customerId) ?? null,
      config.prescription,
    );
    if (!p.date || !p.warningOn || today < p.warningOn) continue;
    const name = warningName(p.date);
    if (await taskExists(db, d.caseId, name)) continue;
    await insertTaskFast(db, {
      caseId: d.caseId,
      customerId: d.customerId,
      stepIndex: null,
      stepName: name,
      type: 'review',
      template: null,
      dueDate: today,
      createdOn: today,
      assigneeId: await assignee(db, d),
      // Losing the claim is the worst outcome there is: top of the worklist.
      priority: 100,
      priorityFactors: JSON.stringify([{ name: 'prescription', value: p.date, points: 100 }]),
    });
    created++;
  }
  return created;
}
