/**
 * The worklist's view model: the sort and filters the page asks the backend for (which filters
 * and sorts, and sends the rows page by page), and the rows to draw from the rows that arrived,
 * under a header per group when grouped.
 */
import type { WorklistTask } from '../../../../shared/api/contract.ts';

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

/** The key the progress view uses for tasks without a collector, area or salesperson. */
export const NO_KEY = '—';

/**
 * Days since the customer's oldest overdue item fell due, today (the task's priority factor,
 * aged since the task was made: the order the backend sorts the column by); null without one.
 */
export function daysOverdueOf(task: WorklistTask): number | null {
  const factor = task.priorityFactors.find((f) => f.name === 'daysOverdue');
  return factor && typeof factor.value === 'number' ? task.daysOverdue : null;
}

export function dimensionOf(task: WorklistTask, by: Dimension): string | null {
  if (by === 'area') return task.area;
  if (by === 'salesperson') return task.salesperson;
  return task.assignee;
}

export type ListItem =
  | { kind: 'group'; key: string; count: number; overdueCents: number }
  | { kind: 'task'; task: WorklistTask };

export interface GroupCount {
  key: string | null;
  count: number;
  overdueCents: number;
}

/**
 * The rows to draw: the tasks that arrived (the backend sends them group by group when
 * grouped), under a header per group with the group's figures from the counts (the whole
 * group's, not only the rows that arrived).
 */
export function buildItems(
  rows: readonly WorklistTask[],
  groupBy: GroupBy,
  groups: readonly GroupCount[],
): ListItem[] {
  if (groupBy === 'none') return rows.map((task) => ({ kind: 'task', task }));
  const figures = new Map(groups.map((g) => [g.key ?? NO_KEY, g]));
  const items: ListItem[] = [];
  let current: string | null = null;
  for (const task of rows) {
    const key = dimensionOf(task, groupBy) ?? NO_KEY;
    if (key !== current) {
      current = key;
      const g = figures.get(key);
      items.push({ kind: 'group', key, count: g?.count ?? 0, overdueCents: g?.overdueCents ?? 0 });
    }
    items.push({ kind: 'task', task });
  }
  return items;
}
