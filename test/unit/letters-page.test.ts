import { describe, expect, it } from 'vitest';
import { countByChannel, groupByTemplate, pageLines } from '../../renderer/src/pages/letters/model.ts';
import { insertAt, wrapAt } from '../../renderer/src/pages/letters/templateText.ts';
import type { LetterTask } from '../../shared/api/contracts/letters.ts';

const task = (taskId: number, template: LetterTask['template'], type: LetterTask['type']): LetterTask => ({
  taskId,
  type,
  template,
  step: template,
  customerCode: `C${taskId}`,
  customerName: `Cliente ${String(taskId).padStart(3, '0')}`,
  language: 'it',
  recipient: null,
  dueDate: '2026-11-23',
  overdueCents: 1000,
  assignee: null,
  letter: null,
  mail: null,
});

describe('Letters page model', () => {
  const rows = [
    ...Array.from({ length: 60 }, (_, i) => task(i + 1, 'reminder1', 'letter')),
    ...Array.from({ length: 5 }, (_, i) => task(100 + i, 'formal_notice', 'letter')),
    task(200, 'reminder1', 'email'),
    task(201, 'formal_notice', 'pec'),
  ];

  it('counts tasks per channel', () => {
    expect(countByChannel(rows)).toEqual({ letter: 65, pec: 1, email: 1 });
  });

  it('cuts a channel into pages; a template going on from the previous page repeats its heading', () => {
    const groups = groupByTemplate(rows.filter((r) => r.type === 'letter'));
    const first = pageLines(groups, 0, 50);
    expect(first.filter((l) => l.kind === 'task')).toHaveLength(50);
    expect(first[0]).toMatchObject({ kind: 'group', continued: false });
    const second = pageLines(groups, 1, 50);
    expect(
      second.map((l) => (l.kind === 'group' ? `${l.group.template}${l.continued ? '+' : ''}` : 't')),
    ).toEqual(['reminder1+', ...Array(10).fill('t'), 'formal_notice', ...Array(5).fill('t')]);
    // Every task exactly once over the pages.
    const ids = [...first, ...second].flatMap((l) => (l.kind === 'task' ? [l.row.taskId] : []));
    expect(new Set(ids).size).toBe(65);
    expect(pageLines(groups, 2, 50)).toEqual([]);
  });
});

describe('template form edits', () => {
  it('inserts a field at the cursor, over a selection, or at the end when no cursor was placed', () => {
    expect(insertAt('Gentile ,', '{{customer.name}}', 8, 8)).toEqual({
      text: 'Gentile {{customer.name}},',
      caret: 25,
    });
    expect(insertAt('Pagate XXX.', '{{totals.net}}', 7, 10).text).toBe('Pagate {{totals.net}}.');
    expect(insertAt('Fine', '{{letter.date}}', -1, -1).text).toBe('Fine{{letter.date}}');
  });
  it('wraps the selection in a condition; with no selection the cursor lands inside', () => {
    expect(wrapAt('a QR b', '{{#qr}}', '{{/qr}}', 2, 4).text).toBe('a {{#qr}}QR{{/qr}} b');
    expect(wrapAt('ab', '{{#iban}}', '{{/iban}}', 1, 1)).toEqual({ text: 'a{{#iban}}{{/iban}}b', caret: 10 });
  });
});

describe('template part legend', () => {
  it('lists the fields and conditions a part uses, once each', async () => {
    const { usedTags } = await import('../../renderer/src/pages/letters/templateText.ts');
    expect(
      usedTags(
        '{{customer.greeting}}, {{#several}}i documenti{{/several}}{{^several}}il documento{{/several}} per {{ totals.net }} e {{totals.net}}',
      ),
    ).toEqual({ fields: ['customer.greeting', 'totals.net'], flags: ['several'] });
  });
});
