/**
 * Changes to legal dossiers: open (from a case a policy step escalated, or escalating now on a
 * manager's decision), phases, costs, recoveries, events with documents, the dossier's own
 * figures. Each returns what the audit row needs; the dispatcher's transaction wraps it.
 */
import type { Ledger } from '../../../../db/open.ts';
import { overdueFactsByCustomer } from '../../../../db/queries/dunning.ts';
import {
  activeCaseOf,
  closeTasksOnHandOver,
  type DossierRecord,
  dossierOfCase,
  dossierOfCustomer,
  insertCost,
  insertDossier,
  insertEscalatedCase,
  insertEvent,
  insertRecovery,
  setCaseStatus,
  updateDossier,
} from '../../../../db/queries/legal.ts';
import { type CustomerRecord, customerByCode } from '../../../../db/queries/profile.ts';
import type { UserRecord } from '../../../../db/queries/users.ts';
import type { ParsedInput } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { type Band, policyForBand } from '../../../../shared/domain/dunning/policy.ts';
import { INTERRUPTIVE_PHASES, isClosedPhase, type LegalPhase } from '../../../../shared/domain/legal.ts';
import { effectiveBand } from '../../../../shared/domain/rating.ts';
import { addAttachment } from '../customers/tools.ts';
import { loadPolicies } from '../dunning/policies.ts';
import { currentClass } from '../rating/view.ts';

/** Event kinds that restart prescription unless the user says otherwise. */
const INTERRUPTIVE_KINDS = new Set(['notice_delivered', 'acknowledgment', 'judicial_act']);

export async function requireCustomer(db: Ledger, code: string): Promise<CustomerRecord> {
  const c = await customerByCode(db, code);
  if (!c) throw new AppError('NOT_FOUND', `No customer with code "${code}".`);
  return c;
}

export async function requireDossier(
  db: Ledger,
  code: string,
): Promise<{ customer: CustomerRecord; dossier: DossierRecord }> {
  const customer = await requireCustomer(db, code);
  const dossier = await dossierOfCustomer(db, customer.id);
  if (!dossier)
    throw new AppError('NOT_FOUND', `Customer ${code} has no legal dossier: open one with \`legal open\`.`);
  return { customer, dossier };
}

/** A date given by the user, or today; never in the future (these things have happened). */
function eventDate(date: IsoDate | undefined, today: IsoDate, field = 'date'): IsoDate {
  const d = date ?? today;
  if (d > today)
    throw new AppError('VALIDATION', `${field} ${d} is in the future.`, {
      issues: [{ path: field, message: 'must not be after today' }],
    });
  return d;
}

function requireOpen(dossier: DossierRecord, code: string): void {
  if (dossier.closedOn)
    throw new AppError('CONFLICT', `The legal dossier of ${code} is closed (${dossier.phase}).`);
}

export interface OpenResult {
  dossierId: number;
  phase: LegalPhase;
  caseId: number;
  caseStatusBefore: string | null;
  caseStatus: 'legal' | 'agency';
  tasks: { done: number; cancelled: number };
}

export async function openDossier(
  db: Ledger,
  input: ParsedInput<'legal.open'>,
  user: UserRecord,
  today: IsoDate,
): Promise<OpenResult> {
  const c = await requireCustomer(db, input.code);
  const date = eventDate(input.date, today);
  const existing = await dossierOfCustomer(db, c.id);
  if (existing && !existing.closedOn)
    throw new AppError(
      'CONFLICT',
      `Customer ${c.code} already has an active legal dossier (${existing.phase}).`,
    );
  // A lawyer's case is 'legal', an agency's 'agency' (the dunning engine's statuses).
  const caseStatus = input.to === 'lawyer' ? 'legal' : 'agency';
  let kase = await activeCaseOf(db, c.id);
  const statusBefore = kase?.status ?? null;
  if (kase) {
    if (await dossierOfCase(db, kase.id))
      throw new AppError('CONFLICT', `The case of ${c.code} already had a legal dossier, now closed.`);
    // A manager's escalation of a case still in dunning: its steps stop (dunning waits on legal cases).
    if (kase.status !== caseStatus) await setCaseStatus(db, kase.id, caseStatus);
  } else {
    const overdue = overdueFactsByCustomer(db, today).get(c.id)?.overdueCents ?? 0;
    if (overdue <= 0)
      throw new AppError(
        'CONFLICT',
        `Customer ${c.code} owes nothing overdue: there is nothing to hand over.`,
      );
    const band = effectiveBand(c.band as Band | null, await currentClass(db, c.id, today));
    const policy = policyForBand(await loadPolicies(db), band);
    kase = await insertEscalatedCase(db, {
      customerId: c.id,
      policyName: policy?.name ?? 'manual',
      status: caseStatus,
      openedOn: today,
      openedOverdueCents: overdue,
      overdueCents: overdue,
    });
  }
  const dossierId = await insertDossier(db, {
    caseId: kase.id,
    customerId: c.id,
    handler: input.to,
    handlerName: input.name,
    reference: input.reference ?? null,
    phase: input.phase,
    phaseOn: date,
    openedOn: date,
    closedOn: isClosedPhase(input.phase) ? date : null,
    note: input.note ?? null,
    userId: user.id,
  });
  const closed = await closeTasksOnHandOver(db, kase.id, today, user.id);
  await insertEvent(db, {
    dossierId,
    date,
    kind: 'opened',
    phase: input.phase,
    description: `${input.to === 'lawyer' ? 'Affidata al legale' : "Affidata all'agenzia"} ${input.name}${input.reference ? ` (rif. ${input.reference})` : ''}`,
    interruptive: INTERRUPTIVE_PHASES.has(input.phase),
    userId: user.id,
  });
  return {
    dossierId,
    phase: input.phase,
    caseId: kase.id,
    caseStatusBefore: statusBefore,
    caseStatus,
    tasks: closed,
  };
}

export async function setPhase(
  db: Ledger,
  input: ParsedInput<'legal.phase'>,
  user: UserRecord,
  today: IsoDate,
): Promise<{ dossierId: number; before: LegalPhase; phase: LegalPhase }> {
  const { dossier } = await requireDossier(db, input.code);
  const date = eventDate(input.date, today);
  // A closed dossier may be reopened by a phase (e.g. a settlement not honoured): say so in the event.
  await updateDossier(db, dossier.id, {
    phase: input.phase,
    phaseOn: date,
    closedOn: isClosedPhase(input.phase) ? date : null,
  });
  await insertEvent(db, {
    dossierId: dossier.id,
    date,
    kind: 'phase',
    phase: input.phase,
    description: input.note ?? `${dossier.phase} → ${input.phase}`,
    interruptive: INTERRUPTIVE_PHASES.has(input.phase),
    userId: user.id,
  });
  return { dossierId: dossier.id, before: dossier.phase, phase: input.phase };
}

interface MoneyEntry {
  dossierId: number;
  date: IsoDate;
  amountCents: number;
  note: string | null;
  userId: number;
}

/**
 * Records a cost or a recovery on the customer's dossier, dated (today by default), with its
 * amount and note, by the user; `insert` writes the row (a cost adds its kind).
 */
function moneyEntry<M extends 'legal.cost' | 'legal.recovery'>(
  insert: (db: Ledger, entry: MoneyEntry, input: ParsedInput<M>) => Promise<number>,
) {
  return async (
    db: Ledger,
    input: ParsedInput<M>,
    user: UserRecord,
    today: IsoDate,
  ): Promise<{ id: number; dossierId: number }> => {
    const { dossier } = await requireDossier(db, input.code);
    const entry: MoneyEntry = {
      dossierId: dossier.id,
      date: eventDate(input.date, today),
      amountCents: input.cents,
      note: input.note ?? null,
      userId: user.id,
    };
    return { id: await insert(db, entry, input), dossierId: dossier.id };
  };
}

export const addCost = moneyEntry<'legal.cost'>(
  async (db, entry, input) => await insertCost(db, { ...entry, kind: input.kind }),
);

export const addRecovery = moneyEntry<'legal.recovery'>(async (db, entry) => await insertRecovery(db, entry));

export async function addEvent(
  db: Ledger,
  dataDir: string,
  input: ParsedInput<'legal.event'>,
  user: UserRecord,
  today: IsoDate,
): Promise<{ id: number; dossierId: number; attachmentId: number | null }> {
  const { dossier } = await requireDossier(db, input.code);
  if (Boolean(input.fileName) !== Boolean(input.dataBase64))
    throw new AppError('VALIDATION', 'A document needs both fileName and dataBase64.', {
      issues: [{ path: input.fileName ? 'dataBase64' : 'fileName', message: 'required with the other' }],
    });
  const date = eventDate(input.date, today);
  // The document goes to the customer's attachments (content-addressed, with its sha256).
  const attachmentId =
    input.fileName && input.dataBase64
      ? (
          await addAttachment(db, dataDir, {
            code: input.code,
            fileName: input.fileName,
            dataBase64: input.dataBase64,
          })
        ).id
      : null;
  const id = await insertEvent(db, {
    dossierId: dossier.id,
    date,
    kind: input.kind,
    phase: null,
    description: input.description,
    interruptive: input.interruptive ?? INTERRUPTIVE_KINDS.has(input.kind),
    attachmentId,
    userId: user.id,
  });
  return { id, dossierId: dossier.id, attachmentId };
}

export async function updateDossierFigures(
  db: Ledger,
  input: ParsedInput<'legal.update'>,
): Promise<{ dossierId: number; before: Partial<DossierRecord>; after: Partial<DossierRecord> }> {
  const { code, name, ...rest } = input;
  const { dossier } = await requireDossier(db, code);
  requireOpen(dossier, code);
  const set: Partial<DossierRecord> = {
    ...(name !== undefined ? { handlerName: name } : {}),
    ...(rest.reference !== undefined ? { reference: rest.reference } : {}),
    ...(rest.probabilityPercent !== undefined ? { probabilityPercent: rest.probabilityPercent } : {}),
    ...(rest.furtherCostsCents !== undefined ? { furtherCostsCents: rest.furtherCostsCents } : {}),
    ...(rest.note !== undefined ? { note: rest.note } : {}),
  };
  const before = Object.fromEntries(
    Object.keys(set).map((k) => [k, dossier[k as keyof DossierRecord]]),
  ) as Partial<DossierRecord>;
  if (Object.keys(set).length > 0) await updateDossier(db, dossier.id, set);
  return { dossierId: dossier.id, before, after: set };
}
