/** Pure text edits of the template form: insert a merge field at the cursor, wrap a selection. */

export interface Edited {
  text: string;
  /** Where the cursor goes afterwards. */
  caret: number;
}

/** Inserts `token` replacing [start, end); a cursor never placed (-1) means the end of the text. */
export function insertAt(text: string, token: string, start: number, end: number): Edited {
  const s = start < 0 || start > text.length ? text.length : start;
  const e = end < s || end > text.length ? s : end;
  return { text: text.slice(0, s) + token + text.slice(e), caret: s + token.length };
}

/** Wraps [start, end) in `open`…`close`; with nothing selected the cursor lands between them. */
export function wrapAt(text: string, open: string, close: string, start: number, end: number): Edited {
  const s = start < 0 || start > text.length ? text.length : start;
  const e = end < s || end > text.length ? s : end;
  const inner = text.slice(s, e);
  return {
    text: text.slice(0, s) + open + inner + close + text.slice(e),
    caret: e === s ? s + open.length : s + open.length + inner.length + close.length,
  };
}

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][\w.]*)\s*\}\}/g;

/** The merge fields and conditions a part uses, each once, in order of appearance. */
export function usedTags(text: string): { fields: string[]; flags: string[] } {
  const fields = new Set<string>();
  const flags = new Set<string>();
  for (const m of text.matchAll(TAG)) {
    const [, kind, name = ''] = m;
    if (kind === '') fields.add(name);
    else if (kind === '#' || kind === '^') flags.add(name);
  }
  return { fields: [...fields], flags: [...flags] };
}
