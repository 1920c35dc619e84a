/**
 * The worklist as the page shows it: filtered, sorted and grouped in the renderer (the backend
 * returns the user's open tasks by priority; 10,000 rows filter in a few milliseconds).
 */
import type { WorklistTask } from '../../../../shared/api/contract.ts';
import type { TaskType } from './taskTypes.ts';

export type GroupBy = 'none' | 'area' | 'collector' | 'salesperson';
export type Dimension = Exclude<GroupBy, 'none'>;
export type TaskSortKey = 'priority' | 'customer' | 'overdue' | 'daysOverdue' | 'late';

export interface TaskSort {
  sort: TaskSortKey;
  desc: boolean;
}

/** A drill-down from the progress view: only the tasks of one collector, area or salesperson. */
export interface Drill {
  by: Dimension;
  key: string;
}

export interface TaskFilter {
  type: TaskType | 'all';
  search: string;
  drill: Drill | null;
}

/** The key the progress view uses for tasks without a collector, area or salesperson. */
export const NO_KEY = '—';

/** Days since the customer's oldest overdue item fell due (a priority factor of the task). */
export function daysOverdueOf(task: WorklistTask): number | null {
  const factor = task.priorityFactors.find((f) => f.name === 'daysOverdue');
  return factor && typeof factor.value === 'number' ? factor.value : null;
}

export function dimensionOf(task: WorklistTask, by: Dimension): string | null {
  if (by === 'area') return task.area;
  if (by === 'salesperson') return task.salesperson;
  return task.assignee;
}

function normalize(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function filterTasks(rows: readonly WorklistTask[], filter: TaskFilter): WorklistTask[] {
  const term = normalize(filter.search.trim());
  return rows.filter((t) => {
    if (filter.type !== 'all' && t.type !== filter.type) return false;
    if (filter.drill && (dimensionOf(t, filter.drill.by) ?? NO_KEY) !== filter.drill.key) return false;
    if (term && !normalize(t.customerName).includes(term) && !normalize(t.customerCode).includes(term))
      return false;
    return true;
  });
}

const collator = new Intl.Collator('it', { sensitivity: 'base', numeric: true });

function compare(a: WorklistTask, b: WorklistTask, key: TaskSortKey): number {
  switch (key) {
    case 'priority':
      return a.priority - b.priority;
    case 'customer':
      return collator.compare(a.customerName, b.customerName);
    case 'overdue':
      return a.overdueCents - b.overdueCents;
    case 'daysOverdue':
      return (daysOverdueOf(a) ?? -1) - (daysOverdueOf(b) ?? -1);
    case 'late':
      return a.lateDays - b.lateDays;
  }
}

/** Sorted by the chosen column; ties by priority (highest first), then the oldest task first. */
export function sortTasks(rows: readonly WorklistTask[], sort: TaskSort): WorklistTask[] {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort(
    (a, b) =>
      dir * compare(a, b, sort.sort) ||
      b.priority - a.priority ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.id - b.id,
  );
}

export type ListItem =
  | { kind: 'group'; key: string; count: number; overdueCents: number }
  | { kind: 'task'; task: WorklistTask };

/**
 * The rows to draw: the tasks, under a header per group when grouped (groups in name order, the
 * ones without a value last). A group's amount counts each case once.
 */
export function buildItems(rows: readonly WorklistTask[], groupBy: GroupBy): ListItem[] {
  if (groupBy === 'none') return rows.map((task) => ({ kind: 'task', task }));
  const groups = new Map<string, WorklistTask[]>();
  for (const t of rows) {
    const key = dimensionOf(t, groupBy) ?? NO_KEY;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === NO_KEY ? 1 : b === NO_KEY ? -1 : collator.compare(a, b),
  );
  const items: ListItem[] = [];
  for (const key of keys) {
    const list = groups.get(key) ?? [];
    const cases = new Map<number, number>();
    for (const t of list) cases.set(t.caseId, t.overdueCents);
    items.push({
      kind: 'group',
      key,
      count: list.length,
      overdueCents: [...cases.values()].reduce((s, c) => s + c, 0),
    });
    for (const task of list) items.push({ kind: 'task', task });
  }
  return items;
}
