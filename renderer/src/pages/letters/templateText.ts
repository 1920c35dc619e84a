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
