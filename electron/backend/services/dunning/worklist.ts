/** The worklist and the manager's progress view, shaped for the contract. */

import type { Ledger } from '../../../../db/open.ts';
import { progressTaskRows, worklistRows } from '../../../../db/queries/dunning.ts';
import {
  cursorFits,
  keptWhileUnchanged,
  type WorklistCounts,
  type WorklistCursor,
  type WorklistQuery,
  type WorklistRow,
  worklistCounts,
  worklistPage,
} from '../../../../db/queries/worklist.ts';
import type { WorklistTask } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { daysBetween, type IsoDate } from '../../../../shared/domain/dates.ts';
import type { PriorityFactor } from '../../../../shared/domain/dunning/priority.ts';

/** The priority's days-overdue factor was taken when the task was made: age it to today. */
function daysOverdueNow(factors: readonly PriorityFactor[], createdOn: IsoDate, today: IsoDate): number {
  const f = factors.find((x) => x.name === 'daysOverdue');
  return typeof f?.value === 'number' ? f.value + Math.max(0, daysBetween(createdOn, today)) : 0;
}

/** A page's row, or the dry run's and the CLI's (worklistRows: all of it and more). */
function toTask(r: WorklistRow, today: IsoDate): WorklistTask {
  const factors = JSON.parse(r.t.priorityFactors) as PriorityFactor[];
  return {
    id: r.t.id,
    caseId: r.t.caseId,
    customerCode: r.customerCode,
    customerName: r.customerName,
    area: r.area,
    salesperson: r.salesperson,
    type: r.t.type,
    step: r.t.stepName,
    template: r.t.template,
    dueDate: r.t.dueDate,
    lateDays: daysBetween(r.t.dueDate, today),
    daysOverdue: daysOverdueNow(factors, r.t.createdOn, today),
    assigneeId: r.t.assigneeId,
    assignee: r.assignee,
    priority: r.t.priority,
    priorityFactors: factors,
    overdueCents: r.overdueCents,
    caseStatus: r.caseStatus,
  };
}

/** Every open task due (of one person), highest priority first: the dry run and the CLI. */
export async function worklist(
  db: Ledger,
  today: IsoDate,
  assigneeId?: number,
  limit?: number,
): Promise<WorklistTask[]> {
  return (
    await worklistRows(db, {
      today,
      ...(assigneeId !== undefined ? { assigneeId } : {}),
      ...(limit !== undefined ? { limit } : {}),
    })
  ).map((r) => toTask(r, today));
}

export type WorklistListing = Omit<WorklistQuery, 'today' | 'assigneeId'>;

/** One page of the list in the order and filters asked, and the cursor of the next. */
export async function worklistPageOf(
  db: Ledger,
  today: IsoDate,
  assigneeId: number | undefined,
  listing: WorklistListing,
  limit: number,
  after?: WorklistCursor,
): Promise<{ rows: WorklistTask[]; next: WorklistCursor | null }> {
  const q: WorklistQuery = { ...listing, today, ...(assigneeId !== undefined ? { assigneeId } : {}) };
  if (after && !cursorFits(q, after))
    throw new AppError('VALIDATION', 'The cursor does not fit this order: ask the first page again.');
  const read = async () => {
    const page = await worklistPage(db, q, limit, after);
    return { rows: page.rows.map((r) => toTask(r, today)), next: page.next };
  };
  if (limit > PAGE_KEPT_AT_MOST) return await read();
  const key = JSON.stringify([q, limit, after ?? null]);
  // Kept from the second time it is asked: a page only one user reads is not held.
  const asked = await pagesAsked(db, key, () => ({ times: 0 }));
  asked.times++;
  return asked.times < 2 ? await read() : await pagesKept(db, key, read);
}

/**
 * The pages last read, valid while the ledger's version is the one they were read at (any write
 * forgets them all; up to 64). Users on the same view ask the same pages, often at once: the
 * managers on the team's list, and every open list reads its pages again when anyone writes —
 * the first reads a page (3-5 ms at 100,000 tasks), the others are answered with its rows (the
 * dispatcher still checks and sends them). A page is kept from its second reader on: a page
 * held costs the garbage collector (its 200 rows outlive several young collections), 0.3-0.4 ms
 * a request when every page was held and none asked twice (ten users on ten views). Pages of
 * the page's size only: a request of thousands of rows is not kept.
 */
const pagesKept = keptWhileUnchanged<{ rows: WorklistTask[]; next: WorklistCursor | null }>();
const pagesAsked = keptWhileUnchanged<{ times: number }>();
const PAGE_KEPT_AT_MOST = 500;

/**
 * The counts last computed per query, valid while the ledger's version is the one they were read
 * at: the ten clerks who open the worklist together ask the same figures, and the page asks them
 * again on every refresh; with nothing written in between, they are answered without the
 * aggregate reads (20-40 ms each at 100,000 tasks, which the backend answers one at a time).
 */
const countsKept = keptWhileUnchanged<WorklistCounts>();

/** The figures beside the list: totals, per type, late, matching the filters, per group. */
export async function worklistCountsOf(
  db: Ledger,
  today: IsoDate,
  assigneeId: number | undefined,
  listing: Omit<WorklistListing, 'sort' | 'desc'>,
): Promise<WorklistCounts> {
  const q: WorklistQuery = {
    ...listing,
    sort: 'priority',
    desc: true,
    today,
    ...(assigneeId !== undefined ? { assigneeId } : {}),
  };
  return await countsKept(db, JSON.stringify(q), async () => await worklistCounts(db, q));
}

export interface ProgressRow {
  key: string;
  assigneeId: number | null;
  openTasks: number;
  doneToday: number;
  lateTasks: number;
  openCases: number;
  inCollectionCents: number;
}

export async function progress(
  db: Ledger,
  today: IsoDate,
  by: 'collector' | 'area' | 'salesperson',
): Promise<ProgressRow[]> {
  const groups = new Map<string, ProgressRow & { cases: Map<number, number> }>();
  for (const r of await progressTaskRows(db, today)) {
    const key = (by === 'collector' ? r.assignee : by === 'area' ? r.area : r.salesperson) ?? '—';
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        assigneeId: by === 'collector' ? r.assigneeId : null,
        openTasks: 0,
        doneToday: 0,
        lateTasks: 0,
        openCases: 0,
        inCollectionCents: 0,
        cases: new Map(),
      };
      groups.set(key, g);
    }
    if (r.status === 'open') {
      g.openTasks++;
      if (r.dueDate < today) g.lateTasks++;
    } else if (r.status === 'done' && r.closedOn === today) g.doneToday++;
    if (r.caseStatus !== 'closed') g.cases.set(r.caseId, r.overdueCents);
  }
  return [...groups.values()]
    .map(({ cases, ...g }) => ({
      ...g,
      openCases: cases.size,
      inCollectionCents: [...cases.values()].reduce((a, b) => a + b, 0),
    }))
    .sort((a, b) => b.inCollectionCents - a.inCollectionCents);
}
