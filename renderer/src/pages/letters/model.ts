/** The Letters page's pure logic: grouping today's tasks by template, reading `?tasks=`. */
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
