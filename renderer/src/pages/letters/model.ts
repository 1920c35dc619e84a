/**
 * The Letters page's pure logic: today's tasks by channel (paper letters first), within a channel
 * by template, cut into pages; reading `?tasks=`.
 */
import type { LetterTask } from '../../../../shared/api/contracts/letters.ts';
import { TEMPLATE_NAMES, type TemplateName } from '../../../../shared/domain/letters/model.ts';

export interface TemplateGroup {
  template: TemplateName;
  rows: LetterTask[];
  overdueCents: number;
}

/** Groups in the order of the dunning ladder (reminder1, reminder2, formal_notice, statement). */
export function groupByTemplate(rows: readonly LetterTask[]): TemplateGroup[] {
  return TEMPLATE_NAMES.map((template) => {
    const of = rows
      .filter((r) => r.template === template)
      .sort((a, b) => b.overdueCents - a.overdueCents || a.customerName.localeCompare(b.customerName));
    return { template, rows: of, overdueCents: of.reduce((s, r) => s + r.overdueCents, 0) };
  }).filter((g) => g.rows.length > 0);
}

/** Task ids from `?tasks=1,2,3` (the worklist's selection); junk is ignored. */
export function taskIdsFromSearch(search: string): number[] {
  const raw = new URLSearchParams(search).get('tasks');
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

export const isMail = (r: LetterTask) => r.type === 'email' || r.type === 'pec';

export type Channel = LetterTask['type'];
/** Paper letters first (they need printing, folding, posting), then PEC, then e-mail. */
export const CHANNEL_ORDER: readonly Channel[] = ['letter', 'pec', 'email'];

export function countByChannel(rows: readonly LetterTask[]): Record<Channel, number> {
  const counts: Record<Channel, number> = { letter: 0, pec: 0, email: 0 };
  for (const r of rows) counts[r.type] += 1;
  return counts;
}

/** A line of the paginated table: a template's heading (with its whole group) or a task. */
export type PageLine =
  | { kind: 'group'; group: TemplateGroup; continued: boolean }
  | { kind: 'task'; row: LetterTask };

/**
 * Page `page` (0-based) of the groups, `size` tasks a page; a group that goes on from the previous
 * page repeats its heading (marked `continued`), so every task is seen under its template.
 */
export function pageLines(groups: readonly TemplateGroup[], page: number, size: number): PageLine[] {
  const from = page * size;
  const to = from + size;
  const lines: PageLine[] = [];
  let index = 0;
  for (const group of groups) {
    const start = index;
    const end = index + group.rows.length;
    index = end;
    if (end <= from || start >= to) continue;
    const first = Math.max(from, start);
    lines.push({ kind: 'group', group, continued: first > start });
    for (const row of group.rows.slice(first - start, Math.min(to, end) - start))
      lines.push({ kind: 'task', row });
  }
  return lines;
}
