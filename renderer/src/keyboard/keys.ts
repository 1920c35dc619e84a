/**
 * App-wide shortcuts that work on Italian and English keyboards alike. A shortcut matches the
 * character the key types (`event.key`, whatever Shift it took: `/` is Shift+7 on an Italian
 * keyboard) or the physical key of the US layout (`event.code`, for layouts where the character
 * differs, e.g. Option+1 on a Mac types "¡"). Pure, so it is tested without a browser.
 */

export type Shortcut = 'search' | 'palette' | 'help' | `section${number}`;

/** The part of a KeyboardEvent the matcher reads. */
export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Which app shortcut a key press is, if any. `sections` is how many Alt+digit sections exist. */
export function shortcutOf(e: KeyLike, sections: number): Shortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  // Ctrl+K (Cmd+K on a Mac): the command palette. AltGr reports Ctrl+Alt on Windows: not a shortcut.
  if (mod && !e.altKey && (e.key.toLowerCase() === 'k' || e.code === 'KeyK')) return 'palette';
  if (mod) return null;
  if (e.altKey) {
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : undefined);
    if (digit && Number(digit) <= sections) return `section${Number(digit)}`;
    return null;
  }
  // "/" typed (with or without Shift: Shift+7 on an Italian keyboard), the keypad's divide key,
  // or the US slash key when the layout reports no character for it (a dead key). On an Italian
  // keyboard that physical key types "-", which stays a plain character.
  const printable = e.key.length === 1;
  if (e.key === '/' || e.code === 'NumpadDivide' || (e.code === 'Slash' && !e.shiftKey && !printable))
    return 'search';
  if (e.key === '?') return 'help';
  return null;
}

/** Typing in a field is not a shortcut (except the palette, which works everywhere). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
  return false;
}
