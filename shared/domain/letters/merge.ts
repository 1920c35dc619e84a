/**
 * Merge fields for letter and e-mail templates, small enough for a manager to learn in a minute:
 *
 *   {{customer.name}}            a value (unknown names stay visible as `{{name}}` and are reported)
 *   {{#interest}}…{{/interest}}  text kept only when the flag is on ({{^flag}}…{{/flag}}: when off)
 *   **entro 15 giorni**          bold
 *   a blank line                 a new paragraph; a single line break stays a line break
 *
 * Pure: the same function renders the PDF, the e-mail and the editor's live preview.
 */

export interface Run {
  text: string;
  bold?: boolean;
}
export type Paragraph = Run[];

export interface MergeIssue {
  /** Stable code for the UI: unknownField, unknownCondition, closesNothing, neverClosed. */
  code: 'unknownField' | 'unknownCondition' | 'closesNothing' | 'neverClosed';
  message: string;
  field?: string;
  /** The template part it was found in (subject, body…), set by compose. */
  part?: string;
}

export interface MergeResult {
  text: string;
  issues: MergeIssue[];
}

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][\w.]*)\s*\}\}/g;

/** Replaces fields and resolves sections; `**` marks are left for `toParagraphs`. */
export function mergeFields(
  template: string,
  values: Readonly<Record<string, string>>,
  flags: Readonly<Record<string, boolean>>,
): MergeResult {
  const issues: MergeIssue[] = [];
  const open: { name: string; keep: boolean }[] = [];
  let out = '';
  let last = 0;
  const keeping = () => open.every((s) => s.keep);
  for (const m of template.matchAll(TAG)) {
    const [whole, kind = '', name = ''] = m;
    const at = m.index ?? 0;
    if (keeping()) out += template.slice(last, at);
    last = at + whole.length;
    if (kind === '#' || kind === '^') {
      if (!(name in flags))
        issues.push({ code: 'unknownCondition', message: `Unknown condition "${name}"`, field: name });
      const on = flags[name] === true;
      open.push({ name, keep: kind === '#' ? on : !on });
    } else if (kind === '/') {
      const top = open.pop();
      if (!top || top.name !== name) {
        issues.push({ code: 'closesNothing', message: `"{{/${name}}}" closes nothing open`, field: name });
        if (top) open.push(top);
      }
    } else if (keeping()) {
      const v = values[name];
      if (v === undefined) {
        issues.push({ code: 'unknownField', message: `Unknown field "${name}"`, field: name });
        out += whole;
      } else {
        out += v;
        // "… S.r.l." before the template's own full stop: one full stop, not "S.r.l..".
        if (v.endsWith('.') && !v.endsWith('..') && template[last] === '.' && template[last + 1] !== '.')
          last += 1;
      }
    }
  }
  if (keeping()) out += template.slice(last);
  for (const s of open)
    issues.push({ code: 'neverClosed', message: `"{{#${s.name}}}" is never closed`, field: s.name });
  return { text: out, issues };
}

/** Splits merged text into paragraphs of runs (`**bold**`), dropping empty paragraphs. */
export function toParagraphs(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\s+|\s+$/g, ''))
    .filter((p) => p !== '')
    .map((p) => {
      const runs: Run[] = [];
      p.split('**').forEach((part, i) => {
        if (part !== '') runs.push(i % 2 === 1 ? { text: part, bold: true } : { text: part });
      });
      return runs;
    });
}

/** Plain text (e-mail bodies, subjects): bold marks removed, blank lines normalized. */
export function toPlainText(text: string): string {
  return toParagraphs(text)
    .map((p) => p.map((r) => r.text).join(''))
    .join('\n\n');
}
